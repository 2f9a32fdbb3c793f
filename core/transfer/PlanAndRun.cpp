// Transfer::planAndRun: a transfer without a separate profiling pass. The plan comes from a
// sample of each big table's rows; each loader profiles every row it copies and commits its
// table only when that full profile gives the same decisions (SampledPlan.h). When a table's
// rows do not, it is rolled back, the database is planned again from every row, and the
// transfer resumes: committed tables (already what a full plan makes) are kept, the rest load
// under the full plan. Reading the file once instead of twice is most of what this saves.

#include "transfer/MigrationsTransfer.h"
#include "transfer/SampledPlan.h"
#include "transfer/Transfer.h"
#include "transfer/TransferPlanner.h"
#include <QElapsedTimer>
#include <algorithm>

namespace strata {

Transfer::Planned Transfer::planAndRun(DatabaseSession &sqlite, const ConnectionSpec &postgres,
                                       const TransferOptions &options, const RunOptions &run,
                                       Progress *progress)
{
    if (!options.migrations.isEmpty()) // the target comes from the folder, not from a plan
        return MigrationsTransfer::run(sqlite, postgres, options, run, progress);
    Planned out;
    QElapsedTimer clock;
    clock.start();
    Result<TransferPlan> sampled = TransferPlanner::planFromSample(sqlite, options, progress);
    out.planMs = clock.elapsed();
    if (!sampled) {
        out.result.error = sampled.error();
        return out;
    }
    out.result = Transfer::run(sqlite.spec(), postgres, *sampled, run, progress);
    if (out.result.replan.isEmpty()) {
        // Every table confirmed the sample: the plan a full profile gives, for reports.
        Result<TransferPlan> full = sampled->sampled->rebuild(out.result.profiles);
        if (full) {
            full->histories = sampled->histories;
            full->warnings << HistoryTables::planNotes(full->histories);
        }
        out.plan = full ? std::move(full).value() : std::move(sampled).value();
        return out;
    }
    // Only tables the sample misled failed (anything else is reported as it is).
    const auto failed = std::count_if(out.result.tables.cbegin(), out.result.tables.cend(),
                                      [](const TableResult &t) { return !t.error.isEmpty(); });
    const bool onlyReplan = failed == out.result.replan.size();
    if (!onlyReplan || (out.result.error && out.result.error->kind == Error::Kind::Cancelled)) {
        out.plan = std::move(sampled).value();
        return out;
    }
    out.replanned = out.result.replan;
    const TransferResult first = out.result;
    clock.restart();
    Result<TransferPlan> full = TransferPlanner::plan(sqlite, options, progress);
    out.planMs += clock.elapsed();
    if (!full) {
        out.result.error = full.error();
        out.plan = std::move(sampled).value();
        return out;
    }
    RunOptions resume = run;
    resume.resume = true;
    out.result = Transfer::run(sqlite.spec(), postgres, *full, resume, progress);
    // Tables the first run committed are "skipped" by the resumed one: show how they loaded.
    for (TableResult &t : out.result.tables) {
        if (!t.skipped)
            continue;
        for (const TableResult &before : first.tables) {
            if (before.table == t.table && before.verified && before.error.isEmpty())
                t = before;
        }
    }
    out.result.warnings = first.warnings + out.result.warnings;
    out.result.warnings.removeDuplicates();
    QStringList notes;
    for (auto it = out.replanned.cbegin(); it != out.replanned.cend(); ++it)
        notes << QStringLiteral("%1 (%2)").arg(it.key(), it.value());
    out.result.warnings.prepend(
        QStringLiteral("the sampled plan did not hold for %1: planned again from every row and "
                       "loaded again")
            .arg(notes.join(QStringLiteral("; "))));
    out.plan = std::move(full).value();
    return out;
}

} // namespace strata
