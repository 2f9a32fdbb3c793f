#pragma once
// strata-cli's bash completion script, generated from the command table (CliArgs.h) at build
// time by strata-cli-docs, so a new command or option completes without anyone editing it.

#include <QString>

namespace strata::cli {

// Completes commands, each command's options and the global options (--version only before a
// command, as the parser takes it), file names where a value or argument is a FILE or a URL,
// folder names for a DIR, and command names for `help COMMAND`.
QString bashCompletion();

} // namespace strata::cli
