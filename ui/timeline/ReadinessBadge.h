#pragma once
// How the desktop app names a version's PostgreSQL readiness: the timeline's badge, the
// transfer wizard's readiness list and their tooltips say the same words (the full verdicts and
// their details come from core: check/ReadinessText.h).

#include "check/ReadinessCheck.h"
#include "common/Theme.h"

namespace strata::readiness {

// The one-word badge for a version (its up script; an undo that fails makes it "fails"):
// "portable", "PostgreSQL variant", "different schema", "fails on PostgreSQL", "not checked".
QString badge(const VersionCheck &version);
theme::Tone tone(const VersionCheck &version);
// The verdict a version's list entry shows for one script, e.g. "PostgreSQL variant runs".
QString verdict(const ScriptCheck &script);
// Lines for a tooltip or detail: the up and undo verdicts, each with its details (file:line and
// PostgreSQL's message, the differences, the note).
QStringList details(const VersionCheck &version);
// The versions whose up script fails on PostgreSQL (what would stop a build of the target from
// the folder), by version text.
QStringList failing(const ReadinessResult &result);

} // namespace strata::readiness
