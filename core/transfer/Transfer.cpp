#include "transfer/Transfer.h"

namespace strata {

TransferResult Transfer::run(const ConnectionSpec &, const ConnectionSpec &, const TransferPlan &,
                             const RunOptions &, Progress *)
{
    TransferResult r;
    r.error = Error::database(QStringLiteral("transfer is not implemented yet"));
    return r;
}

} // namespace strata
