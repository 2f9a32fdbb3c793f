#pragma once
// Parsing of the CREATE statements SQLite stores in sqlite_master, for what the PRAGMAs do not
// report: constraint names, CHECK expressions, generated-column expressions, collations,
// DEFERRABLE, WITHOUT ROWID, expression-index text, partial-index predicates, view bodies.
// Used by SqliteIntrospector.cpp; the tokenizer is in SqliteDdlTokenizer.h.

#include "schema/Schema.h"
#include <QHash>
#include <QString>
#include <QStringList>

namespace strata::sqliteddl {

// ---- names: SQLite compares identifiers folding ASCII letters only ----

QString asciiLower(const QString &s);
QString asciiUpper(const QString &s);
bool sameName(const QString &a, const QString &b);
bool sameNames(const QStringList &a, const QStringList &b);

// A collation as the model stores it: upper case, empty for the default BINARY.
QString collationName(const QString &name);

// ---- CREATE TABLE ----

struct ParsedColumn {
    QString collation;     // model form (upper case, empty for BINARY)
    QString generatedExpr; // without the parentheses
};

struct ParsedUnique {
    QString name;
    QStringList columns;
    bool used = false;
};

struct ParsedForeignKey {
    QString name;
    QStringList columns;
    QString refTable;
    QStringList refColumns;
    bool deferrable = false;
    bool initiallyDeferred = false;
    bool used = false;
};

struct ParsedTable {
    QHash<QString, ParsedColumn> columns; // by ASCII-lower-case name
    QString primaryKeyName;
    QList<ParsedUnique> uniques;
    QList<CheckConstraint> checks;
    QList<ParsedForeignKey> foreignKeys;
    bool withoutRowid = false;
    bool autoincrement = false;
};

ParsedTable parseCreateTable(const QString &sql);

// ---- CREATE INDEX ----

struct ParsedIndex {
    QStringList items; // each indexed term as written, without COLLATE and ASC/DESC
    QString where;
};

ParsedIndex parseCreateIndex(const QString &sql);

// ---- CREATE VIEW ----

struct ParsedView {
    QString definition;
    QStringList dependsOn; // "main.<name>", sorted
};

// The view's body and the known relations (ASCII-lower name -> name) it depends on.
ParsedView parseCreateView(const QString &sql, const QString &viewName,
                           const QHash<QString, QString> &relations);

} // namespace strata::sqliteddl
