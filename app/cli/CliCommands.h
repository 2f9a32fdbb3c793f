#pragma once
// strata-cli: parses the command line and prints what the core returns. No engine logic here.

#include <QStringList>

namespace strata::cli {

// Exit codes: 0 success, 1 a migration or the database failed, 2 bad usage or a bad folder,
// 3 validate found problems.
int run(const QStringList &arguments);

} // namespace strata::cli
