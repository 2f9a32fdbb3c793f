#pragma once
// Writing the history tables a transfer recognised (HistoryTables.h) and Strata's record of the
// move itself. Both run after the data is loaded: the history says where the database is, so
// it is written only once the tables it describes are there.

#include "transfer/HistoryTables.h"
#include "transfer/PgConnection.h"
#include "transfer/SqliteReader.h"
#include "transfer/Transfer.h"

namespace strata::transfer {

// The history targets that already exist on the server: "table", or "schema.table" for a tool
// with a schema of its own.
Result<QStringList> existingHistories(PgConnection &pg, const QList<HistoryCopy> &copies,
                                      const QString &schema);

// In one transaction on `pg`: drops the existing targets when `replace`, creates each table as
// its tool does, copies its rows (from `sourcePath`, or the copy's own sourceFile) converted to
// the tool's types, and compares the row counts. One TableResult per copy in `results`.
// `ownTransaction` false: inside the caller's open transaction (no BEGIN, COMMIT or rollback;
// a failure leaves it for the caller to roll back).
std::optional<Error> copyHistories(PgConnection &pg, const QString &sourcePath,
                                   const QList<HistoryCopy> &copies, const QString &schema,
                                   bool replace, QList<TableResult> &results,
                                   bool ownTransaction = true);

// Strata's history row for the move: type "transfer", the version the database is at, what
// moved (source, tables, rows, verified) and, as its snapshot, the target's schema as read on
// PostgreSQL now, which becomes the recorded schema of the current version (drift, undo).
std::optional<Error> recordMove(const ConnectionSpec &sqlite, const ConnectionSpec &postgres,
                                const QString &schema, const TransferResult &result, qint64 ms);
// The same on an open session whose search_path names the target schema, in whatever
// transaction it has open (a transfer that commits everything at once).
// `inOpenTransaction`: nothing on the way opens or commits a transaction of its own.
std::optional<Error> recordMove(DatabaseSession &db, const ConnectionSpec &sqlite,
                                const TransferResult &result, qint64 ms,
                                bool inOpenTransaction = false);

} // namespace strata::transfer
