#pragma once
// Reads a live database's schema into the model. PostgreSQL: a handful of set-based catalog
// queries (no per-table round trips). SQLite: sqlite_master plus PRAGMAs.

#include "connection/DatabaseSession.h"
#include "schema/Schema.h"
#include "util/Progress.h"

namespace strata {

struct IntrospectOptions {
    // PostgreSQL: schemas to read; empty = every user schema (not pg_*, information_schema).
    // SQLite: ignored ("main").
    QStringList schemas;
    // Tables whose name is listed here are left out (the history table, by default).
    QStringList excludeTables = {QStringLiteral("strata_schema_history"),
                                 QStringLiteral("strata_audit_log")};
    Progress *progress = nullptr;
};

class Introspector {
public:
    static Result<Schema> read(DatabaseSession &session, const IntrospectOptions &options = {});
};

// Per-engine entry points, in SqliteIntrospector.cpp and PostgresIntrospector.cpp.
Result<Schema> introspectSqlite(DatabaseSession &session, const IntrospectOptions &options);
Result<Schema> introspectPostgres(DatabaseSession &session, const IntrospectOptions &options);

} // namespace strata
