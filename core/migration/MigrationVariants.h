#pragma once
// Engine variants of migration files: V3__x.postgresql.sql beside V3__x.sql runs instead of it
// on PostgreSQL. How variant names read, and how MigrationSource attaches variants to the
// migrations whose plain files they stand in for.

#include "migration/MigrationSource.h"
#include <QSet>
#include <optional>

namespace strata {

struct VariantFileName {
    QString plainName; // the name without the engine part: V3__x.sql, 3_x.up.sql
    Engine engine = Engine::Postgres;
};

// The engine part comes right before `.sql` (V3__x.postgresql.sql, 3_x.up.postgresql.sql);
// golang-migrate's `3_x.postgresql.up.sql` reads the same. std::nullopt for a plain name.
std::optional<VariantFileName> readVariantName(const QString &fileName);

// The variant name of `plainName` for `engine`: the engine part before the final `.sql`.
QString variantFileName(const QString &plainName, Engine engine);

// One variant file as read, before it is attached to its migration.
struct VariantFile {
    Engine engine = Engine::Postgres;
    QString path;         // the variant file, as read
    QString plainPath;    // the plain file it stands in for, beside it
    bool undo = false;    // stands in for an undo script (U..., .down.sql)
    QString checksum;     // of the file; used for up files only
    MigrationScript up;   // up-file variants (dbmate: the up section)
    MigrationScript down; // undo variants, and dbmate's down section
};

// Attaches each variant to the migration whose plain file it names. A variant whose plain file
// is not a migration of the set, or a second variant of one file for one engine, is a problem
// in `set` and left out; the rest of the folder stays usable. `listedPaths` are all files
// listed: a variant whose plain file is listed but itself left out (a problem of its own) is
// dropped without a second problem.
void attachVariants(MigrationSet &set, const QList<VariantFile> &variants,
                    const QSet<QString> &listedPaths);

} // namespace strata
