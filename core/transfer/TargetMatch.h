#pragma once
// Which SQLite table and column loads into which table and column of a schema the migrations
// built: by name, exactly or else case-insensitively (PostgreSQL folds unquoted names to
// lower case), never by position. Everything without a counterpart is said before loading.

#include "schema/Schema.h"
#include "transfer/TransferPlan.h"
#include "transfer/ValueFit.h"

namespace strata::transfer {

struct TargetMatch {
    QList<TableDecision> tables; // the SQLite tables that load, in the source's order
    QList<QList<ValueFit>> fits; // per table, per copied column (not generated ones)
    QStringList errors;          // data with nowhere to go: the transfer cannot run
    QStringList notes;           // target tables and columns no SQLite data fills
};

// `skip`: SQLite tables that are not user data (history tables, moved as history); `only`:
// the transfer's --tables (empty: all). Target tables are those of `targetSchema`.
TargetMatch matchTarget(const Schema &source, const Schema &target, const QString &targetSchema,
                        const QStringList &skip, const QStringList &only);

} // namespace strata::transfer
