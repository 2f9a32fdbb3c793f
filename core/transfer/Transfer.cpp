#include "transfer/Transfer.h"

#include "transfer/AfterLoad.h"
#include "transfer/HistoryMove.h"
#include "transfer/Polling.h"
#include "transfer/TableLoader.h"
#include "transfer/TransferSetup.h"
#include "transfer/Verifier.h"
#include <QElapsedTimer>
#include <QThread>
#include <algorithm>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace strata {

using namespace transfer;

namespace {

// SQLSTATEs of "already exists": tolerated for the preamble (extensions, collations, types)
// and, when resuming, for tables an earlier run created.
const QStringList duplicateStates = {QStringLiteral("42710"), QStringLiteral("42P07"),
                                     QStringLiteral("42723"), QStringLiteral("42P06"),
                                     QStringLiteral("42712")};

QString humanCount(qint64 n)
{
    if (n >= 10000000)
        return QStringLiteral("%1M").arg(double(n) / 1e6, 0, 'f', 1);
    if (n >= 10000)
        return QStringLiteral("%1k").arg(n / 1000);
    return QString::number(n);
}

const Table *sourceTable(const TransferPlan &plan, const QString &name)
{
    for (const Table &t : plan.source.tables) {
        if (t.name == name)
            return &t;
    }
    return nullptr;
}

QString identityTargetColumn(const TableDecision &d)
{
    for (const ColumnDecision &c : d.columns) {
        if (c.targetName == d.identityColumn)
            return c.targetName;
    }
    for (const ColumnDecision &c : d.columns) {
        if (c.sourceName == d.identityColumn)
            return c.targetName;
    }
    return d.identityColumn;
}

struct Run {
    Run(const ConnectionSpec &s, const ConnectionSpec &p, const TransferPlan &tp,
        const RunOptions &o, Progress *pr)
        : sqlite(s), postgres(p), plan(tp), options(o), progress(pr)
    {
    }
    const ConnectionSpec &sqlite, &postgres;
    const TransferPlan &plan;
    const RunOptions &options;
    Progress *progress;
    TransferResult result;
    std::atomic<bool> cancel{false};
    QElapsedTimer clock;

    std::unique_ptr<PgConnection> control;
    CreateStatements creates;
    RowHash rowHash = RowHash::PgHash;
    std::unique_ptr<TransferState> state;
    QList<TableJob> jobs;
    QList<int> jobTable; // plan.tables index of each job
    QStringList toDrop;  // existing tables the run replaces

    std::optional<Error> prepare();
    std::optional<Error> preamble();
    std::optional<Error> load();
    std::optional<Error> histories();
    std::optional<Error> afterLoad();
    std::optional<Error> checkSequences();
    std::optional<Error> recordMove();
    std::optional<Error> reconnectControl();
};

std::optional<Error> Run::prepare()
{
    if (sqlite.engine != Engine::Sqlite || postgres.engine != Engine::Postgres)
        return Error::usage(
            QStringLiteral("a transfer goes from an SQLite file to a PostgreSQL database"));
    if (plan.tables.isEmpty() && plan.histories.isEmpty())
        return Error::usage(QStringLiteral("the plan has no tables to transfer"));
    if (auto probe = SqliteReader::open(sqlite.path); !probe)
        return probe.error();
    auto c = PgConnection::open(postgres, QStringLiteral("strata-transfer"));
    if (!c)
        return c.error();
    control = std::move(c).value();
    if (Status utf8 = requireUtf8Target(*control); !utf8)
        return utf8.error();

    QString hashNote;
    auto hash =
        options.rowHash ? Result<RowHash>(*options.rowHash) : chooseRowHash(*control, &hashNote);
    if (!hash)
        return hash.error();
    rowHash = *hash;
    if (!hashNote.isEmpty())
        result.warnings << hashNote;
    creates = matchCreateStatements(plan);
    if (!creates.perTable)
        result.warnings << QStringLiteral(
            "the plan does not pair CREATE TABLE statements with tables: all tables are "
            "created first, and each is loaded after a TRUNCATE in its own transaction");
    const QString schema = targetSchemaOf(plan);
    state = std::make_unique<TransferState>(schema);
    auto stateRows = state->read(*control);
    if (!stateRows)
        return stateRows.error();
    auto existing = existingTables(*control, schema);
    if (!existing)
        return existing.error();

    QStringList conflicts;
    result.tables.resize(plan.tables.size());
    for (int i = 0; i < plan.tables.size(); ++i) {
        const TableDecision &d = plan.tables[i];
        TableResult &r = result.tables[i];
        r.table = d.targetName;
        const QString createSql = creates.perTable ? creates.tableCreate[i] : QString();
        const bool exists = existing->contains(d.targetName);
        const bool recorded = stateRows->contains(d.targetName);
        const StateRow st = stateRows->value(d.targetName);
        if (options.resume && exists && recorded && st.verified &&
            st.definition == TransferState::definition(d, definedBy(createSql, d.ownSql))) {
            r.skipped = r.verified = true;
            r.rows = st.rows;
            r.sourceChecksum = st.sourceChecksum;
            r.targetChecksum = st.targetChecksum;
            continue;
        }
        if (exists && !options.dropExisting && !(options.resume && recorded)) {
            conflicts << d.targetName;
            continue;
        }
        TableJob job;
        job.decision = &d;
        job.source = sourceTable(plan, d.sourceName);
        job.target = qualifiedTarget(plan, d);
        job.createSql = createSql;
        job.ownSql = d.ownSql;
        job.binaryCopy = options.binaryCopy;
        if (exists)
            toDrop << job.target;
        job.badText = plan.badText;
        job.rowHash = rowHash;
        job.state = state.get();
        job.sampled = plan.sampled.get();
        jobs << job;
        jobTable << i;
    }
    // History tables are written whole after the load; an existing one is a conflict unless
    // the run may replace it (resuming rewrites it from the source).
    auto histories = existingHistories(*control, plan.histories, schema);
    if (!histories)
        return histories.error();
    const int tableConflicts = int(conflicts.size());
    if (!options.dropExisting && !options.resume)
        conflicts << *histories;
    if (tableConflicts > 0 && options.resume && stateRows->isEmpty() &&
        tableConflicts == plan.tables.size())
        return Error::database(QStringLiteral(
            "the target already has every table and no unfinished transfer to resume "
            "(a finished transfer leaves no bookkeeping behind): use --drop-existing "
            "to transfer again"));
    if (!conflicts.isEmpty())
        return Error::database(
            QStringLiteral("the target already has table(s) %1: rerun with --resume to finish an "
                           "interrupted transfer, or with --drop-existing to replace them")
                .arg(conflicts.join(QStringLiteral(", "))));
    return std::nullopt;
}

// One transaction before any table: what createTables holds besides tables (or all of it when
// tables cannot be created one by one), and the bookkeeping table.
std::optional<Error> Run::preamble()
{
    PgConnection &pg = *control;
    if (Status s = pg.exec(QStringLiteral("BEGIN")); !s.ok())
        return s.error();
    // Tables to replace go first, all at once: dropping them in their own load transactions
    // would make tables linked by foreign keys wait for (or deadlock on) each other's locks.
    for (const QString &target : toDrop) {
        if (Status s = pg.exec(QStringLiteral("DROP TABLE IF EXISTS %1 CASCADE").arg(target));
            !s.ok())
            return pg.rollback(), s.error();
    }
    for (const QString &sql : creates.preamble) {
        bool tolerated = false;
        if (Status s = pg.execTolerating(sql, duplicateStates, &tolerated); !s.ok())
            return pg.rollback(), s.error();
    }
    QStringList sql{state->createSql()};
    if (!creates.perTable) {
        for (const TableJob &job : jobs)
            sql << state->recordSql(
                job.decision->targetName,
                {0,
                 {},
                 {},
                 false,
                 TransferState::definition(*job.decision, definedBy({}, job.ownSql))});
    }
    sql << QStringLiteral("COMMIT");
    for (const QString &s : sql) {
        if (Status st = pg.exec(s); !st.ok())
            return pg.rollback(), st.error();
    }
    return std::nullopt;
}

std::optional<Error> Run::load()
{
    const int n = int(jobs.size());
    if (n == 0)
        return std::nullopt;
    const int threads =
        std::clamp(options.jobs > 0 ? options.jobs : QThread::idealThreadCount(), 1, n);
    std::unique_ptr<LoadCounters[]> counters(new LoadCounters[n]);
    std::vector<LoadOutcome> outcomes(n);
    QList<int> order; // biggest tables first: the last one to finish is a small one
    for (int j = 0; j < n; ++j)
        order << j;
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return jobs[a].decision->rows > jobs[b].decision->rows; });

    std::atomic<int> next{0};
    auto worker = [&] {
        std::unique_ptr<PgConnection> pg;
        std::unique_ptr<SqliteReader> source;
        for (int k; (k = next++) < n;) {
            const int j = order[k];
            LoadOutcome &out = outcomes[j];
            out.result.table = jobs[j].decision->targetName;
            std::optional<Error> error;
            if (cancel.load()) {
                error = Error::cancelled();
            } else if (!source) {
                auto s = SqliteReader::open(sqlite.path);
                if (s)
                    source = std::move(s).value();
                else
                    error = s.error();
            }
            if (!error && (!pg || pg->isBroken())) {
                auto c = PgConnection::open(postgres, QStringLiteral("strata-transfer"));
                if (c)
                    pg = std::move(c).value();
                else
                    error = c.error();
            }
            counters[j].startedMs = clock.elapsed();
            if (!error)
                out = loadTable(*pg, *source, jobs[j], cancel, counters[j]);
            else
                out.error = error, out.result.error = error->message;
            counters[j].finishedMs = clock.elapsed();
            counters[j].phase = out.error ? TableProgress::Failed : TableProgress::Done;
        }
    };

    auto tick = [&] {
        QList<TableProgress> tables;
        qint64 rows = 0, total = 0, bytes = 0;
        int done = 0;
        for (int i = 0, j = 0; i < plan.tables.size(); ++i) {
            TableProgress t;
            t.table = plan.tables[i].targetName;
            if (j < n && jobTable[j] == i) {
                const LoadCounters &c = counters[j];
                const int phase = c.phase.load();
                t.phase = phase == 1   ? TableProgress::Loading
                          : phase == 2 ? TableProgress::Verifying
                                       : TableProgress::Phase(phase);
                t.rows = c.rows.load();
                t.totalRows = std::max(c.totalRows.load(), jobs[j].decision->rows);
                t.bytes = c.bytes.load();
                const qint64 started = c.startedMs.load(), finished = c.finishedMs.load();
                t.ms = started < 0 ? 0 : (finished < 0 ? clock.elapsed() : finished) - started;
                ++j;
            } else {
                t.phase = TableProgress::Skipped;
                t.rows = t.totalRows = result.tables[i].rows;
            }
            done += t.phase == TableProgress::Done || t.phase == TableProgress::Skipped ||
                    t.phase == TableProgress::Failed;
            rows += t.rows;
            total += std::max(t.totalRows, t.rows);
            bytes += t.bytes;
            tables << t;
        }
        if (!progress)
            return;
        if (auto *tp = dynamic_cast<TransferProgress *>(progress))
            tp->tables(tables, clock.elapsed());
        const double secs = std::max<qint64>(clock.elapsed(), 1) / 1000.0;
        QString label = QStringLiteral("loading: %1 of %2 tables done, %3 of %4 rows, %5 MB/s")
                            .arg(done)
                            .arg(tables.size())
                            .arg(humanCount(rows), humanCount(total))
                            .arg(bytes / 1e6 / secs, 0, 'f', 1);
        if (rows > 0 && total > rows)
            label += QStringLiteral(", ETA %1 s").arg(qint64((total - rows) * secs / rows));
        const int scale = total > 1000000000 ? 1000 : 1;
        progress->report(int(rows / scale), int(std::max<qint64>(total, 1) / scale), label);
    };

    runPolling(
        [&] {
            std::vector<std::thread> pool;
            for (int t = 0; t < threads; ++t)
                pool.emplace_back(worker);
            for (std::thread &t : pool)
                t.join();
        },
        cancel, progress, tick);

    QStringList failed, unverified;
    std::optional<Error> first;
    bool cancelled = false;
    for (int j = 0; j < n; ++j) {
        LoadOutcome &out = outcomes[j];
        result.tables[jobTable[j]] = out.result;
        result.warnings << out.warnings;
        const QString &source = jobs[j].decision->sourceName;
        if (out.profile)
            result.profiles.insert(source, *out.profile);
        if (!out.replan.isEmpty() && out.error && out.error->kind != Error::Kind::Cancelled) {
            result.replan.insert(source, out.replan);
            result.tables[jobTable[j]].error =
                QStringLiteral("rolled back to be planned from every row: ") + out.replan;
        } else if (out.error && out.error->kind == Error::Kind::Cancelled) {
            cancelled = true;
            result.tables[jobTable[j]].error = QStringLiteral("cancelled: rolled back");
        } else if (out.error) {
            failed << out.result.table;
            if (!first) {
                first = out.error;
                first->message =
                    QStringLiteral("table %1: %2").arg(out.result.table, out.error->message);
            }
        } else if (!out.result.verified) {
            unverified << out.result.table;
        }
    }
    if (failed.isEmpty() && !cancelled && !result.replan.isEmpty())
        return Error::database(
            QStringLiteral("the sample's decisions do not hold for every row of %1: planning "
                           "from every row")
                .arg(result.replan.keys().join(QStringLiteral(", "))));
    if (!failed.isEmpty()) {
        Error e = *first;
        if (failed.size() > 1)
            e.message = QStringLiteral("%1 tables failed (%2); %3")
                            .arg(failed.size())
                            .arg(failed.join(QStringLiteral(", ")), e.message);
        e.message += QStringLiteral(
            ". Failed tables were rolled back; the others are kept: rerun with --resume to finish");
        return e;
    }
    if (cancelled) {
        Error e = Error::cancelled();
        e.message = QStringLiteral(
            "cancelled: unfinished tables were rolled back; rerun with --resume to finish");
        return e;
    }
    if (!unverified.isEmpty())
        return Error::database(
            QStringLiteral(
                "verification failed: the content of %1 differs between SQLite and PostgreSQL "
                "(see each table's checksums)")
                .arg(unverified.join(QStringLiteral(", "))));
    return std::nullopt;
}

// The history tables, in one transaction of their own once the data is in (HistoryMove.h).
std::optional<Error> Run::histories()
{
    if (plan.histories.isEmpty())
        return std::nullopt;
    if (auto error = reconnectControl())
        return error;
    if (progress)
        progress->report(0, 1, QStringLiteral("writing the history tables"));
    return copyHistories(*control, sqlite.path, plan.histories, targetSchemaOf(plan), true,
                         result.histories);
}

// Strata's history records the move, with the target's schema as the current version's.
std::optional<Error> Run::recordMove()
{
    const bool strata = std::any_of(plan.histories.cbegin(), plan.histories.cend(),
                                    [](const HistoryCopy &h) { return h.isStrata(); });
    if (!strata)
        return std::nullopt;
    if (progress)
        progress->report(0, 1, QStringLiteral("recording the move in the history"));
    auto error =
        transfer::recordMove(sqlite, postgres, targetSchemaOf(plan), result, clock.elapsed());
    result.moveRecorded = !error;
    return error;
}

std::optional<Error> Run::reconnectControl()
{
    // Idle while the tables loaded: a server restart or an idle timeout may have closed it.
    if (control->isBroken() || !control->exec(QStringLiteral("SELECT 1")).ok()) {
        auto c = PgConnection::open(postgres, QStringLiteral("strata-transfer"));
        if (!c)
            return c.error();
        control = std::move(c).value();
    }
    return std::nullopt;
}

// Keys, indexes, foreign keys (NOT VALID + VALIDATE), sequences, views, triggers, ANALYZE: all
// in one transaction that also drops the bookkeeping table, so it happens whole or not at all
// (except views and triggers PostgreSQL refuses: see AfterLoad.h).
std::optional<Error> Run::afterLoad()
{
    if (auto error = reconnectControl())
        return error;
    // What the tables' own load transactions already ran (TableDecision::ownSql) is left out.
    QStringList statements = plan.afterLoad;
    for (const TableDecision &d : plan.tables) {
        for (const QString &sql : d.ownSql)
            statements.removeOne(sql);
    }
    const QList<TranslatedObject> objects = objectsOf(plan, statements);
    std::atomic<int> done{0};
    AfterLoadOutcome outcome;
    QString current;
    std::mutex currentLock;
    auto work = [&] {
        outcome = runAfterLoad(*control, statements, objects, {state->dropSql()}, cancel,
                               [&](const QString &sql) {
                                   std::lock_guard lock(currentLock);
                                   current = sql.simplified().left(70);
                                   ++done;
                               });
    };
    const int total = int(statements.size()) + 3;
    auto tick = [&] {
        if (!progress)
            return;
        std::lock_guard lock(currentLock);
        progress->report(std::min(done.load(), total), total,
                         QStringLiteral("after the load: %1").arg(current));
    };
    runPolling(work, cancel, progress, tick);
    std::optional<Error> error = outcome.error;
    if (error && error->kind != Error::Kind::Cancelled)
        error->message =
            QStringLiteral(
                "after the load (keys, indexes, constraints, views): %1. The data is loaded and "
                "verified; nothing of this step was kept. Fix it and rerun with --resume")
                .arg(error->message);
    if (!error) {
        result.manualWork = outcome.refused;
        for (const ManualWork &m : outcome.refused)
            result.warnings << QStringLiteral("%1 %2 not created: %3 (listed as manual work)")
                                   .arg(m.kind, m.name, m.reason.section(u'\n', 0, 0));
    }
    return error;
}

std::optional<Error> Run::checkSequences()
{
    QStringList problems;
    for (int i = 0; i < plan.tables.size(); ++i) {
        const TableDecision &d = plan.tables[i];
        if (d.identityColumn.isEmpty())
            continue;
        auto problem = checkSequence(*control, qualifiedTarget(plan, d), identityTargetColumn(d),
                                     d.sequenceStart);
        if (!problem)
            return problem.error();
        if (!problem->isEmpty()) {
            TableResult &r = result.tables[i];
            r.verified = false;
            r.error = *problem;
            problems << QStringLiteral("%1: %2").arg(d.targetName, *problem);
        }
    }
    if (!problems.isEmpty())
        return Error::database(
            QStringLiteral("sequence check failed: %1").arg(problems.join(QStringLiteral("; "))));
    return std::nullopt;
}

} // namespace

TransferResult Transfer::run(const ConnectionSpec &sqlite, const ConnectionSpec &postgres,
                             const TransferPlan &plan, const RunOptions &options,
                             Progress *progress)
{
    Run run(sqlite, postgres, plan, options, progress);
    run.clock.start();
    for (auto step : {&Run::prepare, &Run::preamble, &Run::load, &Run::histories, &Run::afterLoad,
                      &Run::checkSequences, &Run::recordMove}) {
        if (auto error = (run.*step)()) {
            run.result.error = error;
            break;
        }
    }
    return run.result;
}

} // namespace strata
