#pragma once
// strata-cli snapshot and diff: schema commands that need no migrations folder.

#include "CliTerminal.h"
#include "ReportCommand.h"
#include <QStringList>

namespace strata::cli {

int cmdSnapshot(const CommandArgs &args, const QString &defaultDb, Output &out);
int cmdDiff(const CommandArgs &args, Output &out, const ReportOption &report = {});

} // namespace strata::cli
