#pragma once
// Before loading: which CREATE statement belongs to which table (so each table is created in
// its own load transaction), where the target tables live, and what is already there.

#include "transfer/PgConnection.h"
#include "transfer/TransferPlan.h"
#include <QSet>

namespace strata::transfer {

struct CreateStatements {
    bool perTable = false;      // every table has its own CREATE
    QList<QString> tableCreate; // per plan.tables index (perTable only)
    QStringList preamble;       // what else createTables holds (extensions, collations, types);
                                // all of createTables when not perTable
};

// TableDecision::createSql when the planner fills it; else createTables matched by table name;
// else (fallback) nothing per table: createTables run before any load.
CreateStatements matchCreateStatements(const TransferPlan &plan);

QString targetSchemaOf(const TransferPlan &plan);
// "schema"."name" of a table's target.
QString qualifiedTarget(const TransferPlan &plan, const TableDecision &table);

// Refuses a target database whose encoding cannot hold SQLite's UTF-8 text (both kinds of
// transfer ask before they write anything).
Status requireUtf8Target(PgConnection &pg);

// Names of the tables in `schema`.
Result<QSet<QString>> existingTables(PgConnection &pg, const QString &schema);

} // namespace strata::transfer
