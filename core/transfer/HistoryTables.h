#pragma once
// History tables are history, not user data. A transfer recognises Strata's own
// strata_schema_history and the history tables of every tool Strata reads (Flyway, Liquibase,
// Alembic, golang-migrate, dbmate, Atlas, sqitch) by name and columns, leaves them out of
// profiling, and writes each on PostgreSQL the way its tool creates it there: that tool's column
// types, keys and defaults, its rows converted value by value (SQLite 0/1 -> boolean, text or
// epoch time -> timestamp, sqitch's space-separated lists -> text[]). sqitch keeps an SQLite
// database's registry in a file of its own (sqitch.db beside it); on PostgreSQL it lives in the
// schema `sqitch` of the database itself, so the transfer moves it there.

#include "connection/DatabaseSession.h"
#include "schema/Schema.h"
#include <QList>
#include <QString>
#include <QStringList>

namespace strata {

struct HistoryColumn {
    QString source; // the SQLite column as spelled there; empty when the source lacks it
    QString target; // the column the tool creates on PostgreSQL
    QString type;   // its PostgreSQL type; values are converted to it
};

struct HistoryCopy {
    QString tool;         // "strata", "flyway", "liquibase", "alembic", "golang-migrate", ...
    QString sourceFile;   // the SQLite file holding it when not the transferred one (sqitch.db)
    QString sourceName;   // the SQLite table
    QString targetSchema; // the tool's own schema (Atlas); empty: the transfer's target schema
    QString targetName;
    QList<HistoryColumn> columns; // in the tool's order
    // The tool's DDL, unqualified names resolving in the transfer's target schema (the loader
    // sets search_path); a tool with a schema of its own names it.
    QStringList createSql;
    QStringList afterRowsSql; // run once the rows are in (an identity set past the copied ids)
    qint64 rows = 0;          // counted while planning
    bool isStrata() const { return tool == QLatin1String("strata"); }
    QString qualifiedTarget(const QString &transferSchema) const; // quoted "schema"."table"
};

class HistoryTables {
public:
    // The history tables among `source`'s tables (read from `sqlite`), each with its copy
    // described and its rows counted, then sqitch's registry beside the file; `only` (the
    // transfer's --tables) limits them when not empty, and leaves the sqitch registry out.
    static Result<QList<HistoryCopy>> recognise(DatabaseSession &sqlite, const Schema &source,
                                                const QStringList &only);
    // One line per copy for the plan: "flyway_schema_history is flyway's history: ...".
    static QStringList planNotes(const QList<HistoryCopy> &copies);
};

} // namespace strata
