#pragma once
// Other tools' history tables as those tools create them, with realistic rows (see the .cpp).

#include "connection/ConnectionSpec.h"
#include "interop/ForeignHistory.h"
#include <QStringList>

namespace strata::test {

// Statements creating `tool`'s history table on `engine` and its rows for `scenario` ("good":
// a clean history; "failed": one ending in a failed or partial migration).
QStringList foreignHistorySetup(ForeignTool tool, Engine engine, const QString &scenario);

} // namespace strata::test
