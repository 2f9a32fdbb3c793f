#pragma once
// Builds the PostgreSQL schema for a transfer from the SQLite schema, the data profiles, the
// options and the mapping file: names (TargetNames), column decisions (TypeMapper + mapping),
// tables with defaults, generated columns, keys, checks, foreign keys and indexes
// (TargetTables.cpp), views and triggers (TargetViews.cpp). What cannot be carried over is
// listed as manual work with its SQLite SQL, never dropped silently.

#include "transfer/ColumnProfiler.h"
#include "transfer/ExpressionTranslator.h"
#include "transfer/MappingFile.h"
#include "transfer/TargetNames.h"

namespace strata {

struct PlanInput {
    Schema source;
    QList<const Table *> tables;           // the tables to transfer, in source order
    QHash<QString, TableProfile> profiles; // by source table name
    QHash<QString, qint64> sqliteSequence; // ASCII-lower table name -> sqlite_sequence.seq
    QHash<QString, QString> viewSql;       // ASCII-lower view name -> CREATE VIEW statement
    std::optional<MappingFile> mapping;
    TransferOptions options;
};

class TargetBuilder {
public:
    explicit TargetBuilder(const PlanInput &input);

    Status name();   // every target name; fails on collisions and names over 63 bytes
    Status decide(); // column types and transforms (needs the profiles)
    // One table's decision from a profile, touching nothing here (safe from several threads).
    struct TableChoice {
        TableDecision decision;
        QStringList collations; // per column: the collation of a text column, or empty
        QStringList warnings;
    };
    Result<TableChoice> decideTable(const Table &table, const TableProfile &profile) const;
    QStringList collations(const QString &sourceTable) const; // as decide() chose them
    void buildTables();                                       // needs decide()
    void buildViews();
    void buildTriggers();

    // Results.
    Schema target;                  // engine Postgres, with views and triggers
    QList<TableDecision> decisions; // source order
    QList<ManualWork> manualWork;
    QStringList warnings;
    QStringList viewSql;                       // CREATE VIEW, dependencies first
    QStringList triggerSql;                    // CREATE FUNCTION, CREATE TRIGGER, ...
    QList<TranslatedObject> translatedObjects; // the views and triggers above, one by one
    bool usesCitext = false;
    QString icuCollation; // quoted, qualified; set when an ICU collation is used

private:
    struct TableNames {
        QString target;
        QHash<QString, QString> columns; // ASCII-lower source column -> target
        QString primaryKey;
        QList<QString> uniques, checks, foreignKeys;
        QHash<QString, QString> indexes; // source index name -> target
        QHash<QString, QString> triggers;
    };
    const TableNames &names(const Table &t) const;
    QString q(const QString &name) const;
    QString qualified(const QString &name) const;
    TranslationContext tableContext(const Table &t) const;
    TranslationContext schemaContext() const;
    void manual(const QString &kind, const QString &name, const QString &sql,
                const QString &reason);
    const TableDecision *decision(const QString &sourceTable) const;
    QStringList targetColumns(const Table &t, const QStringList &sourceColumns) const;

    // TargetTables.cpp
    Table buildTable(const Table &source, TableDecision &d);
    void addColumns(const Table &source, TableDecision &d, Table &t);
    void addKeys(const Table &source, const TableDecision &d, Table &t);
    void addForeignKeys(const Table &source, Table &t);
    void addIndexes(const Table &source, Table &t);
    std::optional<IndexColumn> indexColumn(const Table &source, const IndexColumn &c,
                                           const ExpressionTranslator &x, QString *problem);

    const PlanInput &m_in;
    TargetNames m_names;
    QHash<QString, TableNames> m_tables;       // ASCII-lower source table -> names
    QHash<QString, QString> m_views;           // ASCII-lower source view -> target
    QHash<QString, QStringList> m_viewColumns; // ASCII-lower source view -> target columns
    QHash<QString, QStringList> m_collations;  // ASCII-lower source table -> per column
};

} // namespace strata
