#pragma once
// Loading into tables that migrations built with their keys, indexes, foreign keys and
// triggers already in place: COPY would update every index row by row, check every foreign
// key row by row and fire the triggers on the loaded rows. So, inside the load's transaction,
// they are set aside first and put back afterwards exactly as PostgreSQL printed them
// (pg_get_constraintdef, pg_get_indexdef; same names, comments, clustering and replica
// identity), the way a dump restores: the result is the schema the migrations built.

#include "transfer/PgConnection.h"
#include <atomic>
#include <functional>

namespace strata::transfer {

struct KeysAside {
    // In order: primary keys, unique and exclusion constraints, indexes, their comments and
    // settings; then foreign keys (NOT VALID, VALIDATE where they were valid); then the
    // triggers enabled again.
    QStringList keys, foreignKeys, triggers;
    // What could not be set aside (something depends on it): loaded with it in place.
    QStringList kept;
};

// `tables`: quoted, schema-qualified names. Drops the foreign keys from and to them, their
// keys and indexes, and disables their enabled user triggers, in the open transaction.
Result<KeysAside> setKeysAside(PgConnection &pg, const QStringList &tables,
                               const std::atomic<bool> &cancel);

// Puts back what setKeysAside took, in the same transaction; `analyze` runs between the
// keys and the foreign keys (ANALYZE of the tables, which also lets VALIDATE use index-only
// scans). `step` is told each statement.
std::optional<Error> restoreKeys(PgConnection &pg, const KeysAside &aside,
                                 const QStringList &analyze, const std::atomic<bool> &cancel,
                                 const std::function<void(const QString &)> &step);

} // namespace strata::transfer
