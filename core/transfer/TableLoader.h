#pragma once
// Loads one table on a worker thread's own connections, in one PostgreSQL transaction:
// CREATE (or TRUNCATE), COPY ... FREEZE streamed from a forward-only SQLite scan in
// rowid order, the content checksum on both sides, the table's own keys and indexes and
// ANALYZE (TableDecision::ownSql), the bookkeeping row, COMMIT. A cancel, an
// error or a lost connection rolls the transaction back: nothing of the table remains.

#include "transfer/ColumnProfiler.h"
#include "transfer/PgConnection.h"
#include "transfer/SampledPlan.h"
#include "transfer/SqliteReader.h"
#include "transfer/Transfer.h"
#include "transfer/TransferState.h"
#include "transfer/ValueFit.h"
#include "transfer/Verifier.h"
#include <atomic>

namespace strata::transfer {

struct TableJob {
    const TableDecision *decision = nullptr;
    const Table *source = nullptr; // the introspected SQLite table, when the plan has it
    QString target;                // quoted, schema-qualified target table
    QString createSql;             // run in the load's transaction; empty: the table exists
    QStringList ownSql; // keys, indexes, ANALYZE: run after the checksum, same transaction
    BadTextPolicy badText = BadTextPolicy::Fail;
    bool binaryCopy = true; // when every column allows it
    RowHash rowHash = RowHash::PgHash;
    const TransferState *state = nullptr;
    // Set when the plan rests on a sample (TransferPlan::sampled): the loader profiles every
    // row it copies and commits only if the full profile gives the same table; a value the
    // sampled decision cannot take, or a difference, rolls the table back for a re-plan.
    const SampledPlan *sampled = nullptr;
    // Set by a transfer into a schema its migrations built (MigrationsTransfer.h): the table
    // loads inside the caller's open transaction (no BEGIN, COMMIT, rollback or bookkeeping
    // row), and every value is checked against its column first (`fits`: one per copied
    // column, in decision order). A value that does not fit stops the COPY; the rest of the
    // table is still read, only to name every column that would not fit (LoadOutcome::misfits).
    bool inOpenTransaction = false;
    QList<ValueFit> fits;
    bool checkOnly = false; // only read and check; nothing is sent (`pg` is not used)
};

// Live figures for the progress display, written by the worker, read by the caller's thread.
struct LoadCounters {
    std::atomic<qint64> rows{0}, bytes{0}, totalRows{0};
    std::atomic<qint64> startedMs{-1}, finishedMs{-1}; // on the run's clock, set by the run
    std::atomic<int> phase{0};                         // TableProgress::Phase
};

struct LoadOutcome {
    TableResult result;
    QStringList warnings;
    std::optional<Error> error;
    // With TableJob::sampled: why the sample's decisions do not hold (the table was rolled
    // back and needs a full plan), and the profile of every row read.
    QString replan;
    std::optional<TableProfile> profile;
    // With TableJob::fits: the columns whose values do not fit (the load stopped).
    QList<ValueMisfit> misfits;
};

// What a table's bookkeeping definition covers (TransferState::definition): its CREATE and
// the statements run with it, so --resume reloads a table whose keys or indexes changed.
inline QString definedBy(const QString &createSql, const QStringList &ownSql)
{
    return ownSql.isEmpty() ? createSql : createSql + u'\n' + ownSql.join(u'\n');
}

LoadOutcome loadTable(PgConnection &pg, SqliteReader &sqlite, const TableJob &job,
                      const std::atomic<bool> &cancel, LoadCounters &counters);

} // namespace strata::transfer
