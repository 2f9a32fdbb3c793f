#pragma once
// strata-cli's man page, generated from the command table (CliArgs.h) and the main help
// (CliHelp.h) at build time by strata-cli-docs, so that `man strata-cli` and
// `strata-cli --help` can never disagree (tst_climanpage checks the rendered page against the
// binary's help).

#include <QString>

namespace strata::cli {

// The man page (roff, section 1). Its sections follow the main help's blocks: the usage is the
// synopsis, the global options and the commands are written from the table (each command as
// its own help shows it), a block headed by a line of its own (`Database URLs:`) becomes a
// section of that name, `Exit codes: ...` becomes EXIT STATUS and any other prose NOTES.
QString manPage(const QString &version);

} // namespace strata::cli
