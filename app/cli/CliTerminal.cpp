#include "CliTerminal.h"
#include "CliOutput.h"

namespace strata::cli {

int exitCodeFor(const Error &error)
{
    switch (error.kind) {
    case Error::Kind::Usage:
    case Error::Kind::Source:
        return Usage;
    default:
        return Failed;
    }
}

int Output::fail(const Error &error)
{
    note(QStringLiteral("error: ") + error.toString());
    document({{QStringLiteral("error"), errorJson(error)}});
    return exitCodeFor(error);
}

} // namespace strata::cli
