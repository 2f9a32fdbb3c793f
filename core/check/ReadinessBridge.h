#pragma once
// The readiness check's two helpers around the cross-engine diff: comparing what SQLite and
// PostgreSQL built at one version, and, after a version failed on PostgreSQL, bringing the
// scratch PostgreSQL to the schema and data SQLite built, so the next version is checked on
// its own merits rather than failing for its predecessor.

#include "connection/DatabaseSession.h"
#include "diff/SchemaDiff.h"

namespace strata::check {

// SQLite's schema as the scratch PostgreSQL names things: "main" becomes `pgSchema` (public,
// or the scratch schema), and COLLATE NOCASE (any case) is spelled "NOCASE", the collation
// bridge() creates. PostgreSQL's schema the same way: citext (how transfer and port keep NOCASE
// columns case-insensitive) reads as text COLLATE "NOCASE".
Schema sqliteAsScratch(const Schema &sqlite, const QString &pgSchema);
Schema postgresComparable(const Schema &postgres);

// The changes turning PostgreSQL's schema into SQLite's (PostgreSQL DDL), compared by meaning;
// views by the columns they give (PostgreSQL rewrites a view's text).
SchemaDiffResult crossDiff(const Schema &postgres, const Schema &sqlite, const QString &pgSchema);
// `after` without the changes `before` already had (same summary): what one script changed
// differently, not what it inherited.
QList<Change> introducedChanges(const SchemaDiffResult &before, const SchemaDiffResult &after);

// In one transaction on `pg`: the DDL turning `pgNow` into `sqliteNow` (SQLite's defaults
// translated as transfer does), every table's rows copied from `sqlite` (PostgreSQL's
// replaced), identity sequences moved past the copied keys, and `historySql` (the history row
// of the version bridged). A change or a table's rows that PostgreSQL refuses is left out and
// listed in the result; an error only when the bridge as a whole failed (then nothing changed).
// `inherited` (PostgreSQL against SQLite before the version) is left as it is.
Result<QStringList> bridge(DatabaseSession &pg, const Schema &pgNow, DatabaseSession &sqlite,
                           const Schema &sqliteNow, const QString &pgSchema,
                           const QString &historySql, const SchemaDiffResult &inherited);

} // namespace strata::check
