#pragma once
// strata-cli check: is the migrations folder ready for PostgreSQL? Prints what
// ReadinessCheck (core/check) finds; exit 0 when every version is ready, 3 otherwise.

#include "CliArgs.h"
#include "CliTerminal.h"
#include "ReportCommand.h"

namespace strata::cli {

int cmdCheck(const CommandArgs &args, const QString &migrationsDir, Output &out,
             const ReportOption &report = {});

} // namespace strata::cli
