#pragma once
// strata-cli's help texts, generated from the command table (CliArgs.h): the main help lists
// every command with every option it takes; a command's help explains each of them.

#include "CliArgs.h"

namespace strata::cli {

// `strata-cli --help`.
QString mainHelp();
// `strata-cli COMMAND --help` and `strata-cli help COMMAND`.
QString commandHelp(const CommandSpec &command);
// `transfer SQLITE_URL POSTGRES_URL [--plan] [--jobs N] ...`, unwrapped.
QString synopsis(const CommandSpec &command);

} // namespace strata::cli
