#pragma once
// Executes a TransferPlan: creates the tables, loads them with libpq COPY (several at a time,
// each table in its own transaction with its CREATE, keys and indexes), then foreign keys,
// views and triggers, and verifies every table (rows and content checksums).

#include "connection/ConnectionSpec.h"
#include "transfer/CanonRow.h"
#include "transfer/ColumnProfiler.h"
#include "transfer/TransferPlan.h"
#include "util/Progress.h"

namespace strata {

struct TableResult {
    QString table;    // target name
    qint64 rows = 0;  // rows loaded
    qint64 bytes = 0; // bytes sent through COPY
    qint64 ms = 0;
    bool verified = false;
    bool skipped = false; // --resume found it already verified
    QString sourceChecksum, targetChecksum;
    QString error;
};

struct TransferResult {
    QList<TableResult> tables;
    // The history tables written as their tools create them (TransferPlan::histories), rows
    // compared by count; and whether Strata's history recorded the move.
    QList<TableResult> histories;
    bool moveRecorded = false;
    QStringList warnings;
    // Views and triggers PostgreSQL refused while the plan ran (reason: its error); rolled back
    // to their savepoints, the transfer went on without them.
    QList<ManualWork> manualWork;
    std::optional<Error> error;
    bool ok() const { return !error.has_value(); }
    // Under a sampled plan (TransferPlan::sampled): tables whose rows did not give the
    // sample's decisions, rolled back (source name -> why), and the full profile of every
    // table read, by source name.
    QMap<QString, QString> replan;
    QHash<QString, TableProfile> profiles;
    // A transfer into a schema built from migrations that stopped because values do not fit
    // their columns: every such column (nothing was committed).
    QList<ValueMisfit> misfits;
};

// One table's state while a transfer runs, for per-table progress bars.
struct TableProgress {
    enum Phase { Waiting, Loading, Verifying, Done, Failed, Skipped };
    QString table;
    Phase phase = Waiting;
    qint64 rows = 0, totalRows = 0, bytes = 0;
    qint64 ms = 0; // since the table started
};

// A Progress that also wants per-table figures. Transfer::run calls every Progress method
// from the thread that called run(), a few times a second; the work runs on worker threads.
class TransferProgress : public Progress {
public:
    virtual void tables(const QList<TableProgress> &tables, qint64 elapsedMs)
    {
        Q_UNUSED(tables);
        Q_UNUSED(elapsedMs);
    }
};

struct RunOptions {
    int jobs = 0;              // 0 = number of cores
    bool resume = false;       // skip tables already loaded and verified
    bool dropExisting = false; // drop target tables that exist
    // COPY in binary format where every column allows it (see ValueEncoder.h); false: always
    // the text format, which costs the server more parsing.
    bool binaryCopy = true;
    // How rows are hashed for the checksums (see transfer/Verifier.h); unset: the best one the
    // server agrees with, probed at the start. Set by tests to exercise each method.
    std::optional<transfer::RowHash> rowHash;
};

// Each table loads in its own transaction (CREATE, COPY, checksum, its own keys, indexes and
// ANALYZE, bookkeeping row), on its own connections, `jobs` tables at a time; then the rest of
// plan.afterLoad (foreign keys, views, triggers) runs in one transaction, and identity
// sequences are checked. See docs/LOADING.md for resume and verification.
class Transfer {
public:
    static TransferResult run(const ConnectionSpec &sqlite, const ConnectionSpec &postgres,
                              const TransferPlan &plan, const RunOptions &options,
                              Progress *progress = nullptr);

    // Plan and run without a separate profiling pass: plans from a sample
    // (TransferPlanner::planFromSample), runs, and lets each table confirm the sample's
    // decisions against every row while it loads. Tables whose rows do not confirm them are
    // rolled back, the transfer is planned again from every row and resumed, so each table
    // ends up exactly as a full plan makes it. Not for --resume (it plans fully).
    struct Planned {
        std::optional<TransferPlan> plan; // as a full profile gives it; empty: planning failed
        TransferResult result;            // result.error also holds a planning error
        qint64 planMs = 0;                // planning, including a re-plan
        QMap<QString, QString> replanned; // tables loaded again under the full plan: why
    };
    static Planned planAndRun(DatabaseSession &sqlite, const ConnectionSpec &postgres,
                              const TransferOptions &options, const RunOptions &run,
                              Progress *progress = nullptr);
};

} // namespace strata
