#pragma once
// Writes a new migration into a migrations folder in that folder's own format (Flyway V/U,
// golang-migrate up/down, dbmate sections) with the next version number. Used by the diff
// view's "Save as migration"; the folder is read back afterwards so a file the folder cannot
// read is never left behind.

#include "diff/SchemaDiff.h"
#include "migration/MigrationSource.h"
#include <QDateTime>

namespace strata {

struct MigrationDraft {
    QString description; // free text; becomes the file name's description part
    QString upSql;       // forward script (required)
    QString downSql;     // undo script; empty = no undo file (Flyway, golang-migrate) or section
};

struct WrittenMigration {
    QString version;
    FolderFormat format = FolderFormat::Unknown;
    QStringList files; // absolute paths, up first
};

class MigrationWriter {
public:
    // The version after the folder's newest one: its last part plus one, keeping zero padding
    // ("0007" -> "0008", "1.2" -> "1.3"); a 12+ digit timestamp becomes `now` (UTC,
    // yyyyMMddHHmmss) when that is later, else the timestamp plus one. "1" for an empty folder.
    static QString nextVersion(const MigrationSet &folder, const QDateTime &now);

    // Writes the draft into `dir`. An empty folder gets `emptyFolderFormat`. Never overwrites a
    // file; on any failure nothing is left behind. Errors (Source) name the file.
    static Result<WrittenMigration> write(const QString &dir, const MigrationDraft &draft,
                                          FolderFormat emptyFolderFormat = FolderFormat::Flyway,
                                          const QDateTime &now = QDateTime::currentDateTimeUtc());

    // "Add phone to customers!" -> "Add_phone_to_customers": letters, digits and '_' only.
    static QString fileSafeDescription(const QString &description);

    // The scripts for a diff: forward statements, and the undo (inverses in reverse order).
    // A change without an inverse is named in a comment at the top of the undo; when no change
    // has one, the draft has no undo.
    static MigrationDraft draftFromDiff(const SchemaDiffResult &diff, const QString &description);
};

} // namespace strata
