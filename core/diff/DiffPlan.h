#pragma once
// Internal to the diff: what differs between two schemas (DiffPlan, built by DiffMatch.cpp),
// the phases changes are emitted in, and the per-dialect emitters that turn a plan into
// Changes with DDL (PostgresEmit.cpp, SqliteDdl.cpp).

#include "diff/SchemaDiff.h"
#include <array>
#include <optional>

namespace strata::diff {

// Dependency order of a migration script; the inverse script runs it backwards.
enum class Phase {
    DropViews, // dependents first
    DropTriggers,
    DropForeignKeys,
    DropIndexes,
    DropConstraints, // PK, UNIQUE, CHECK (and sequence ownership, so DROP TABLE keeps them)
    DropTables,
    CreateTypes, // schemas, enums, sequences
    CreateTables,
    AlterColumns,   // drop/alter/add columns; SQLite table rebuilds
    AddConstraints, // PK, UNIQUE, CHECK, indexes, sequence ownership
    AddForeignKeys,
    CreateViews, // dependencies first
    CreateTriggers,
    Comments,
    DropTypes, // sequences, enums, schemas: last, once nothing uses them
    Count
};

struct ColumnPair {
    Column from;
    Column to;
};

struct IndexPair {
    Index from;
    Index to;
};

// One table present on both sides. Lists hold what to drop (from a) and what to add (from b);
// a changed constraint or index is dropped and added.
struct TableDelta {
    Table from;
    Table to;
    QList<Column> droppedColumns;
    QList<Column> addedColumns;
    QList<ColumnPair> alteredColumns;   // differ in more than the comment
    QList<ColumnPair> commentedColumns; // the comment differs (also when altered)
    std::optional<PrimaryKey> droppedPk, addedPk;
    QList<UniqueConstraint> droppedUniques, addedUniques;
    QList<ForeignKey> droppedFks, addedFks;
    QList<CheckConstraint> droppedChecks, addedChecks;
    QList<Index> droppedIndexes, addedIndexes;
    QList<IndexPair> commentedIndexes;
    QList<Trigger> droppedTriggers, addedTriggers;
    bool withoutRowidChanged = false;
    bool commentChanged = false;

    bool constraintsChanged() const;
    bool isEmpty() const;
};

template <typename T> struct Pair {
    T from;
    T to;
};

struct SchemaComment {
    QString schema;
    QString from; // empty = none
    QString to;
};

struct DiffPlan {
    Schema a; // as given (comments dropped when comparing across engines)
    Schema b; // in a's dialect and naming (translateSchema) when across engines
    bool crossEngine = false;
    QStringList schemasCreated, schemasDropped;
    QList<SchemaComment> schemaComments;
    QList<EnumType> enumsCreated, enumsDropped;
    QList<Pair<EnumType>> enumsAltered;
    QList<Sequence> sequencesCreated, sequencesDropped;
    QList<Pair<Sequence>> sequencesAltered;
    QList<Table> tablesCreated, tablesDropped;
    QList<TableDelta> tablesAltered;
    QList<View> viewsDropped; // dependents first; includes views recreated (also in viewsCreated)
    QList<View> viewsCreated; // dependencies first
    QList<Pair<View>> viewsCommented;
};

DiffPlan buildPlan(const Schema &a, const Schema &b, bool crossEngine);

// Collects changes per phase; ordered() concatenates them in phase order.
class ChangeSink {
public:
    void add(Phase phase, Change change) { m_phases[size_t(phase)].append(std::move(change)); }
    QList<Change> ordered() const;

private:
    std::array<QList<Change>, size_t(Phase::Count)> m_phases;
};

class Lint;
void emitPostgres(const DiffPlan &plan, const Lint &lint, ChangeSink &sink);
void emitSqlite(const DiffPlan &plan, const Lint &lint, ChangeSink &sink);

// Helpers shared by the emitters.
QString qualifiedKey(const QString &schema, const QString &name);        // "schema.name"
bool mentionsIdentifier(const QString &text, const QString &identifier); // word match, any quoting

} // namespace strata::diff
