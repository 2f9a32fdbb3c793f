#include "transfer/TransferPlanner.h"

namespace strata {

Result<TransferPlan> TransferPlanner::plan(DatabaseSession &, const TransferOptions &, Progress *)
{
    return Error::database(QStringLiteral("transfer planning is not implemented yet"));
}

} // namespace strata
