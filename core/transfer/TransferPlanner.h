#pragma once
// Decides how an SQLite database becomes a PostgreSQL one: profiles every column's data, picks
// target types and transforms, translates defaults/checks/indexes/views/triggers, folds names,
// applies the user's mapping file, and writes the target DDL. Touches nothing.

#include "connection/DatabaseSession.h"
#include "transfer/TransferPlan.h"
#include "util/Progress.h"

namespace strata {

class TransferPlanner {
public:
    static Result<TransferPlan> plan(DatabaseSession &sqlite, const TransferOptions &options,
                                     Progress *progress = nullptr);
};

} // namespace strata
