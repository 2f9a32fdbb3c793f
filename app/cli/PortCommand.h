#pragma once
// strata-cli port: writes PostgreSQL variants of an SQLite-dialect migrations folder
// (core/port does the work; this prints it). Its --report takes any file name: the port report
// is its own document (JSON for .json, the text otherwise), not a database report.

#include "CliArgs.h"
#include "CliTerminal.h"

namespace strata::cli {

int cmdPort(const CommandArgs &args, const QString &migrationsDir, Output &out);

} // namespace strata::cli
