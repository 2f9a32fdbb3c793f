#pragma once
// One migration as read from a migrations folder: its up script and, if present, its undo.

#include "migration/Version.h"
#include <QString>

namespace strata {

enum class MigrationKind { Versioned, Repeatable };

enum class FolderFormat { Unknown, Flyway, GolangMigrate, Dbmate };

QString folderFormatName(FolderFormat format);

// A script: the SQL of one direction, where it lives, and how it must run.
struct MigrationScript {
    QString path;           // file path as given to the user (relative to the folder's parent)
    QString sql;            // the script text (for dbmate: the section only)
    int firstLine = 1;      // line of `sql`'s first line in the file
    bool noTransaction = false; // first line `-- strata:no-transaction` (dbmate: transaction:false)

    bool isEmpty() const { return path.isEmpty(); }
};

struct Migration {
    MigrationKind kind = MigrationKind::Versioned;
    Version version;     // empty for repeatable migrations
    QString description; // from the file name, underscores as spaces
    QString checksum;    // SHA-256 (hex) of the up file with line endings normalised
    MigrationScript up;
    MigrationScript down; // empty if the folder has no undo for this version

    bool hasUndo() const { return !down.isEmpty(); }
    QString scriptName() const; // file name of the up script, as recorded in history
    QString versionText() const { return version.toString(); }
};

} // namespace strata
