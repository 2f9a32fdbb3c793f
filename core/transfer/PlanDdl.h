#pragma once
// The transfer's DDL in the two phases the loader runs (TransferPlan::createTables before COPY,
// afterLoad after it), written with SchemaDiff: phase 1 is diff(empty, target without keys,
// checks, FKs, indexes), phase 2 diff(that, target) with foreign keys added NOT VALID and then
// validated, followed by identity restarts, views, triggers and ANALYZE.

#include "transfer/TargetSchema.h"

namespace strata {

class PlanDdl {
public:
    // Fills plan.createTables, plan.afterLoad and each plan.tables[i].createSql.
    static void write(const TargetBuilder &built, const TransferOptions &options,
                      TransferPlan &plan);
};

} // namespace strata
