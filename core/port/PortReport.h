#pragma once
// What `port` did to a migrations folder: per version, each script that runs on the target
// engine as is, or the variant written for it, with what a person still has to do.

#include "connection/ConnectionSpec.h"
#include <QList>
#include <QString>

namespace strata {

enum class PortNoteKind {
    Manual,  // could not be translated: written as a `-- STRATA MANUAL:` comment
    LeftOut, // has no meaning on the target (PRAGMA, BEGIN/COMMIT): left out with a note
    Warning, // translated, but the translation differs in a way worth reading
};
QString portNoteKindName(PortNoteKind kind); // "manual", "left_out", "warning"

struct PortNote {
    PortNoteKind kind = PortNoteKind::Manual;
    int line = 0;      // line of the statement in the plain file (0: the whole script)
    QString statement; // the original statement
    QString reason;
};

enum class PortOutcome {
    AsIs,         // runs on the target as it is: no variant
    Written,      // the variant was written
    WouldWrite,   // --dry-run: the variant would be written
    KeptExisting, // a variant already exists and --force was not given
    Overwritten,  // --force replaced an existing variant
    Failed,       // the plain script does not run on SQLite itself; nothing written
};
QString portOutcomeName(PortOutcome outcome); // "as_is", "written", ...

struct PortedScript {
    QString plainPath;   // the original file, never touched
    QString variantPath; // where the variant goes (or is)
    bool undo = false;
    PortOutcome outcome = PortOutcome::AsIs;
    QString sql; // the variant's text (empty for AsIs and Failed)
    QList<PortNote> notes;
    QString error; // for Failed: why
    int manualCount() const;
};

struct PortedVersion {
    QString version;
    QString description;
    QList<PortedScript> scripts; // the up script, then the undo (dbmate: one file for both)
};

struct PortReport {
    Engine engine = Engine::Postgres;
    QString folder;
    bool dryRun = false;
    QList<PortedVersion> versions;
    QStringList warnings; // about the whole folder (repeatables not ported, ...)

    int count(PortOutcome outcome) const;
    int manualCount() const;
    QString text() const; // for people, one line per script and one per note
    QByteArray json() const;
};

} // namespace strata
