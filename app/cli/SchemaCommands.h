#pragma once
// strata-cli snapshot and diff: schema commands that need no migrations folder.

#include "CliTerminal.h"
#include "ReportCommand.h"
#include <QStringList>

namespace strata::cli {

int cmdSnapshot(QStringList args, const QString &defaultDb, Output &out);
int cmdDiff(QStringList args, Output &out, const ReportOption &report = {});

} // namespace strata::cli
