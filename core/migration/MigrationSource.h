#pragma once
// Reads a migrations folder in the formats DBAs already have: Flyway (V/U/R), golang-migrate
// (.up.sql/.down.sql) and dbmate (-- migrate:up / -- migrate:down sections), with the engine
// variants beside their files (V3__x.postgresql.sql; see MigrationVariants.h).

#include "migration/Migration.h"
#include "util/Result.h"
#include <QList>

namespace strata {

// Why one file of a folder could not be read as a migration. The file is left out of the set;
// the rest of the folder is still read.
enum class SourceProblemKind {
    Misnamed,            // a .sql name that matches no migration format
    OtherFormat,         // a name of another format than the folder's
    BadVersion,          // the version in the name cannot be read
    Unreadable,          // no permission to read the file or the sub-folder
    NotUtf8,             // the file is not valid UTF-8
    BadSections,         // dbmate: no `-- migrate:up`, or a section twice
    DuplicateVersion,    // two files with one version: neither is used
    DuplicateRepeatable, // two repeatables with one description
    SecondUndo,          // a second undo script for a version
    UndoWithoutVersion,  // an undo script whose version has no forward script
    VariantWithoutPlain, // an engine variant (V3__x.postgresql.sql) without its plain file
    SecondVariant,       // a second variant of one file for one engine
    Folder,              // the folder itself is missing or cannot be listed (see asProblem)
};

QString sourceProblemKindName(SourceProblemKind kind); // "misnamed", "duplicate_version", ...

struct SourceProblem {
    SourceProblemKind kind = SourceProblemKind::Misnamed;
    QString path;   // the file (or sub-folder), as read
    QString reason; // a sentence saying what is wrong and, where it helps, what was expected
};

struct MigrationSet {
    FolderFormat format = FolderFormat::Unknown;
    QList<Migration> versioned;  // ascending by version
    QList<Migration> repeatable; // by description
    QList<SourceProblem> problems; // files left out, sorted by path

    const Migration *find(const Version &version) const;
    // The folder as it runs on `engine`: every migration forEngine() (see Migration).
    MigrationSet forEngine(Engine engine) const;
    // The problems as one error (Error::Kind::Source) naming the first file and counting the
    // rest; for callers that must not go on with an incomplete folder.
    Error problemsError() const;
};

class MigrationSource {
public:
    // Reads every migration under `dir`. A file that cannot be used (malformed or unreadable,
    // duplicate version, another format, an undo without its version) is a SourceProblem in the
    // set, and the other files are still read. Only a folder that is missing or cannot be listed
    // is an error (Error::Kind::Source).
    static Result<MigrationSet> read(const QString &dir);
    // read(), and any problem an error (problemsError()): for commands that change a database
    // or write into the folder, where a left-out file would silently change what they do.
    static Result<MigrationSet> readComplete(const QString &dir);
    // read(), with a folder that cannot be read at all turned into an empty set with that one
    // problem: for views that keep showing the database while the folder is away.
    static MigrationSet readOrProblem(const QString &dir);

    // SHA-256 hex of `content` with CRLF/CR turned into LF and a UTF-8 BOM removed.
    static QString checksum(const QByteArray &content);
};

} // namespace strata
