#pragma once
// One statement of an SQLite migration, read and (for data statements) written in
// PostgreSQL's dialect: what kind of statement it is, and INSERT OR IGNORE / OR REPLACE as
// INSERT ... ON CONFLICT on the key the table has at that version. Expressions, functions and
// names go through the transfer's ExpressionTranslator, so port and transfer agree.

#include "port/PortReport.h"
#include "schema/Schema.h"
#include "transfer/ExpressionTranslator.h"
#include "transfer/TransferPlan.h"

namespace strata {

enum class StatementKind {
    Schema,      // CREATE/ALTER/DROP of tables, indexes, views, triggers
    Data,        // INSERT, REPLACE, UPDATE, DELETE, SELECT, WITH
    Pragma,      // PRAGMA: SQLite's settings, no meaning on PostgreSQL
    Transaction, // BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT, RELEASE: Strata holds the transaction
    Maintenance, // VACUUM, REINDEX, ANALYZE
    Other,
};

struct SqliteStatement {
    StatementKind kind = StatementKind::Other;
    QString sql;
    int line = 0;
    // Schema statements: the object created/altered/dropped (tables: the table); lower case.
    QString verb;      // "create table", "drop table", "alter table", "insert", ...
    QString object;    // the table/index/view/trigger name as written
    QString renamedTo; // ALTER TABLE x RENAME TO y
    QString renamedColumn, renamedColumnTo; // ALTER TABLE x RENAME [COLUMN] a TO b
    // INSERT ... SELECT: the first table after FROM, lower case; empty otherwise.
    QString selectsFrom;
    bool createAs = false; // CREATE TABLE ... AS SELECT
    // Names objects and nothing else (DROP TABLE/INDEX/VIEW, ALTER TABLE ... DROP COLUMN or
    // RENAME): it means the same on PostgreSQL, whatever the types around it.
    bool namesOnly = false;

    static SqliteStatement read(const QString &sql, int line);
};

// The PostgreSQL text of a data statement, or a note saying why it cannot be written.
struct DataPort {
    QStringList statements; // empty with a Manual note when it cannot be translated
    QList<PortNote> notes;
};

class StatementPort {
public:
    // `target`: the PostgreSQL schema the transfer builds at this point of the folder;
    // `decisions`: its table decisions (names, identity columns); `context`: the translator's.
    static DataPort data(const SqliteStatement &statement, const Schema &target,
                         const QList<TableDecision> &decisions, const TranslationContext &context);
    // The translator context for a transfer target (names, boolean and text columns).
    static TranslationContext contextFor(const TransferPlan &plan, const TransferOptions &options);
    // `sql` without `<schema>.` qualifiers (outside strings and comments): variants run in the
    // database's current schema, like the history table.
    static QString unqualified(const QString &sql, const QString &schema);
};

} // namespace strata
