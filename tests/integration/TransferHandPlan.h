#pragma once
// A small stand-in for TransferPlanner in the loader's tests: declared types mapped by rule,
// overrides per "table.column", one CREATE per table (TableDecision::createSql) and the
// after-load DDL (keys, indexes, foreign keys NOT VALID + VALIDATE, identity positions).
// It tests the loader alone; the planner has its own tests.

#include "connection/DatabaseSession.h"
#include "transfer/TransferPlan.h"
#include <QHash>

namespace strata::test {

struct ColumnOverride {
    QString type;
    ValueTransform transform = ValueTransform::None;
};

Result<TransferPlan> handPlan(DatabaseSession &sqlite,
                              const QHash<QString, ColumnOverride> &overrides = {},
                              bool perTableCreate = true);

} // namespace strata::test
