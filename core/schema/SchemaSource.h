#pragma once
// "A schema from somewhere": a live database (URL) or a snapshot file (JSON), as the CLI's
// snapshot/diff commands and the diff view accept them.

#include "schema/Introspector.h"
#include "schema/Schema.h"

namespace strata {

class SchemaSource {
public:
    // True when `text` names a database (sqlite:..., postgresql://..., postgres://...).
    static bool isDatabaseUrl(const QString &text);
    // Introspects the database or reads the snapshot file. Errors: Usage for a bad URL,
    // Source for an unreadable or malformed snapshot, Database/Connection for the database.
    static Result<Schema> load(const QString &urlOrFile, const IntrospectOptions &options = {});
    // Estimated rows per "schema.table" of a live PostgreSQL database (pg_class.reltuples, no
    // scans), so the diff can flag changes that lock big tables. Empty for files and SQLite.
    static QList<QPair<QString, qint64>> rowEstimates(const QString &urlOrFile);
    // What to call the source in output: the URL without password, or the file path.
    static QString displayName(const QString &urlOrFile);
};

} // namespace strata
