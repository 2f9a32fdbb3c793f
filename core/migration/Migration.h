#pragma once
// One migration as read from a migrations folder: its up script and, if present, its undo,
// and the engine variants that run instead of them on one engine.

#include "connection/ConnectionSpec.h"
#include "migration/Version.h"
#include <QList>
#include <QString>

namespace strata {

enum class MigrationKind { Versioned, Repeatable };

enum class FolderFormat { Unknown, Flyway, GolangMigrate, Dbmate };

QString folderFormatName(FolderFormat format);

// The engine's word in variant file names (`postgresql`, `sqlite`) and in messages.
QString engineVariantName(Engine engine);
QString engineDisplayName(Engine engine); // "PostgreSQL", "SQLite"

// A script: the SQL of one direction, where it lives, and how it must run.
struct MigrationScript {
    QString path;               // file path as given to the user (relative to the folder's parent)
    QString sql;                // the script text (for dbmate: the section only)
    int firstLine = 1;          // line of `sql`'s first line in the file
    bool noTransaction = false; // first line `-- strata:no-transaction` (dbmate: transaction:false)

    bool isEmpty() const { return path.isEmpty(); }
    QString fileName() const { return path.section(u'/', -1); }
};

// What a migration runs on one engine instead of its plain files, read from the files named
// like them with the engine before `.sql` (V3__x.postgresql.sql beside V3__x.sql). A direction
// without a variant file runs its plain script on that engine too.
struct MigrationVariant {
    Engine engine = Engine::Postgres;
    QString checksum;     // of the variant up file (dbmate: the whole file); empty without one
    MigrationScript up;   // empty: the plain up script runs
    MigrationScript down; // empty: the plain undo runs
};

struct Migration {
    MigrationKind kind = MigrationKind::Versioned;
    Version version;     // empty for repeatable migrations
    QString description; // from the file name, underscores as spaces
    QString checksum;    // SHA-256 (hex) of the up file with line endings normalised
    MigrationScript up;
    MigrationScript down;             // empty if the folder has no undo for this version
    QList<MigrationVariant> variants; // at most one per engine; see forEngine()
    // The plain up file's name and checksum when up/checksum were replaced by a variant
    // (forEngine), so the file the history names can still be checked; empty otherwise.
    QString plainScriptName;
    QString plainChecksum;

    bool hasUndo() const { return !down.isEmpty(); }
    QString scriptName() const; // file name of the up script, as recorded in history
    QString versionText() const { return version.toString(); }

    const MigrationVariant *variantFor(Engine engine) const;
    // This migration as it runs on `engine`: up, down and checksum are the engine's variant
    // files where it has them, the plain files otherwise. Plan and run with this copy.
    Migration forEngine(Engine engine) const;
    // Whether `engine` runs a variant file of this migration (up or undo).
    bool hasVariantFor(Engine engine) const { return variantFor(engine) != nullptr; }
    // The checksum of this migration's up file named `fileName` (the plain file or a variant,
    // as the history's `script` column names the file that ran); empty when none has the name.
    QString checksumOfScript(const QString &fileName) const;
    // The path of that file, empty when none has the name.
    QString pathOfScript(const QString &fileName) const;
};

} // namespace strata
