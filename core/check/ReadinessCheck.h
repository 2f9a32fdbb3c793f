#pragma once
// Is a migrations folder ready for PostgreSQL? Every version is replayed, up and undo, on a
// scratch SQLite database and on a scratch PostgreSQL (ScratchPostgres), and each script gets
// one verdict: runs as is, runs from a PostgreSQL variant, runs but builds a different schema
// than SQLite does (the cross-engine, type-aware diff), fails (file:line, statement and
// PostgreSQL's message), or was not checked (and why). See docs/CLI.md, `check`.
//
// After a version fails on PostgreSQL the check goes on: the scratch PostgreSQL is brought to
// the schema and data SQLite built at that version (through the cross-engine diff,
// ReadinessBridge), so every later version is checked on its own merits and a DBA sees every
// failing version in one run. Only when that bridge itself fails, or the folder fails on SQLite,
// are the versions after it "not checked".

#include "connection/ConnectionSpec.h"
#include "diff/SchemaDiff.h"
#include "migration/MigrationSource.h"
#include "util/Progress.h"

#include <optional>

namespace strata {

enum class Readiness {
    Ready,      // runs on PostgreSQL as it is and builds what SQLite builds
    Variant,    // a PostgreSQL variant of the script runs and builds what SQLite builds
    Differs,    // runs, but PostgreSQL builds a different schema than SQLite
    Fails,      // fails on PostgreSQL
    NotChecked, // could not be checked (see note)
    NoUndo,     // the version has no undo script (for undo only)
};

QString
readinessName(Readiness r); // "ready", "variant", "differs", "fails", "not_checked", "no_undo"
QString readinessLabel(Readiness r); // "runs as is", "PostgreSQL variant runs", ...
// Whether a verdict leaves the version ready for PostgreSQL (NoUndo does: nothing to port).
bool isReady(Readiness r);

struct ScriptCheck {
    Readiness status = Readiness::NotChecked;
    QString script;             // the file that ran on PostgreSQL (the variant, when one did)
    std::optional<Error> error; // Fails: the failing statement, located (file:line)
    // Differs: what PostgreSQL built differently, as the changes turning PostgreSQL's schema
    // into SQLite's (PostgreSQL DDL). Only what this script changed; an earlier difference that
    // it left alone is not repeated.
    QList<Change> differences;
    QString note;                     // NotChecked: why; otherwise a remark (may be empty)
    std::optional<Error> sqliteError; // the script failed on SQLite itself
};

struct VersionCheck {
    QString version;
    QString description;
    ScriptCheck up;
    ScriptCheck undo;
    bool ready() const { return isReady(up.status) && isReady(undo.status); }
};

struct ReadinessResult {
    QString server; // the PostgreSQL server's display URL (never the password)
    QString serverVersion;
    QString scratch; // where it ran: "database strata_check_…" (dropped afterwards)
    bool scratchDropped = false;
    QList<VersionCheck> versions;
    QStringList notes;          // about the whole run (repeatables not checked, a drop that failed)
    std::optional<Error> error; // what stopped the check early (cancel, lost connection)

    // Every version ready and the check ran to the end.
    bool ready() const;
    int count(Readiness r, bool undo = false) const;
};

class ReadinessCheck {
public:
    // Replays `folder` on a scratch PostgreSQL on `server` and on a scratch SQLite. An error
    // only when the check cannot start (server unreachable, no scratch possible); a problem
    // during the run is in ReadinessResult::error, with the versions checked so far. Progress
    // counts versions; cancelling stops after the current step and drops the scratch.
    static Result<ReadinessResult> run(const MigrationSet &folder, const ConnectionSpec &server,
                                       Progress *progress = nullptr);
};

} // namespace strata
