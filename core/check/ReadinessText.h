#pragma once
// The readiness check's wordings, shared by the CLI's text and the report's section so both
// say the same thing.

#include "check/ReadinessCheck.h"

#include <QStringList>

namespace strata {

// What a DBA needs to act on one script's verdict: for a failure "file:line: PostgreSQL's
// message" and the statement's first line; for a different schema one line per difference;
// the note; and a failure on SQLite itself.
QStringList readinessDetails(const ScriptCheck &check);
// "13 versions: 4 run as is, 1 builds a different schema, 8 fail" (up scripts), and the undo
// scripts that are not ready.
QString readinessSummary(const ReadinessResult &result);

} // namespace strata
