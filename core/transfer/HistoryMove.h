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
std::optional<Error> copyHistories(PgConnection &pg, const QString &sourcePath,
                                   const QList<HistoryCopy> &copies, const QString &schema,
                                   bool replace, QList<TableResult> &results);

// Strata's history row for the move: type "transfer", the version the database is at, what
// moved (source, tables, rows, verified) and, as its snapshot, the target's schema as read on
// PostgreSQL now, which becomes the recorded schema of the current version (drift, undo).
std::optional<Error> recordMove(const ConnectionSpec &sqlite, const ConnectionSpec &postgres,
                                const QString &schema, const TransferResult &result, qint64 ms);

} // namespace strata::transfer
