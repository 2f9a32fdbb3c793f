#include "transfer/MigrationsTransfer.h"

#include "transfer/HistoryMove.h"
#include "transfer/KeysAside.h"
#include "transfer/MigrationsRun.h"
#include "transfer/Polling.h"
#include "transfer/TableLoader.h"
#include <QSqlQuery>
#include <mutex>

namespace strata {

using namespace transfer;

Result<TransferPlan> MigrationsTransfer::plan(DatabaseSession &sqlite,
                                              const ConnectionSpec &postgres,
                                              const TransferOptions &options, Progress *progress)
{
    MigrationsRun b(sqlite, postgres, options, progress);
    for (auto step :
         {&MigrationsRun::readSource, &MigrationsRun::openTarget, &MigrationsRun::begin}) {
        if (auto error = (b.*step)())
            return *error;
    }
    auto matched = b.buildAndMatch();
    b.rollback(); // --plan touches nothing
    if (matched && !b.unmatched)
        return *matched;
    // Unmatched names are in the plan (TransferPlan::unmatched); the matched tables are still
    // read for values that would not fit.
    if (auto error = b.scanMisfits(b.plan.misfits))
        return *error;
    return std::move(b.plan);
}

Transfer::Planned MigrationsTransfer::run(DatabaseSession &sqlite, const ConnectionSpec &postgres,
                                          const TransferOptions &options, const RunOptions &run,
                                          Progress *progress)
{
    Transfer::Planned out;
    MigrationsRun b(sqlite, postgres, options, progress);
    TransferResult &result = out.result;
    if (run.resume || run.dropExisting) {
        result.error = Error::usage(QStringLiteral(
            "--resume and --drop-existing do not apply with --migrations: everything commits "
            "at once or not at all, into an empty schema"));
        return out;
    }
    for (auto step : {&MigrationsRun::readSource, &MigrationsRun::openTarget}) {
        if (auto error = (b.*step)()) {
            result.error = error;
            return out;
        }
    }
    // Probed before the transaction: a probe PostgreSQL refuses must not abort it.
    QString hashNote;
    auto hash = run.rowHash ? Result<RowHash>(*run.rowHash) : chooseRowHash(*b.raw, &hashNote);
    if (!hash) {
        result.error = hash.error();
        return out;
    }
    if (!hashNote.isEmpty())
        result.warnings << hashNote;
    if (auto error = b.begin()) {
        result.error = error;
        return out;
    }
    if (auto error = b.buildAndMatch()) {
        result.error = error;
        return out; // ~Build rolls back
    }
    out.planMs = b.clock.elapsed();
    out.plan = b.plan;
    const TransferPlan &plan = *out.plan;

    // sqlite_sequence: where AUTOINCREMENT ids continue even past deleted rows.
    QHash<QString, qint64> sqliteSequence;
    {
        QSqlQuery q(sqlite.database());
        q.setForwardOnly(true);
        if (q.exec(QStringLiteral("SELECT name, seq FROM main.sqlite_sequence"))) {
            while (q.next())
                sqliteSequence.insert(q.value(0).toString().toLower(), q.value(1).toLongLong());
        }
    }
    QStringList sequenceSql;
    for (const TableDecision &d : plan.tables) {
        const Table *t = nullptr;
        for (const Table &candidate : plan.target.tables) {
            if (candidate.schema == b.schema() && candidate.name == d.targetName)
                t = &candidate;
        }
        for (const Column &c : t ? t->columns : QList<Column>()) {
            if (c.identity == IdentityKind::None)
                continue;
            const QString q = PgConnection::quoteIdentifier(c.name);
            const auto seq = sqliteSequence.constFind(d.sourceName.toLower());
            sequenceSql << QStringLiteral("SELECT setval(pg_get_serial_sequence(%1, %2), m) FROM "
                                          "(SELECT greatest(max(%3), %4) AS m FROM %5) s WHERE m "
                                          "IS NOT NULL")
                               .arg(PgConnection::quoteLiteral(b.qualified(d)),
                                    PgConnection::quoteLiteral(c.name), q,
                                    seq == sqliteSequence.cend() ? QStringLiteral("NULL")
                                                                 : QString::number(*seq),
                                    b.qualified(d));
        }
    }

    // The load, on a thread of its own with the session's libpq connection.
    const int n = int(plan.tables.size());
    std::unique_ptr<LoadCounters[]> counters(new LoadCounters[n]);
    result.tables.resize(n);
    std::optional<Error> error;
    QList<ValueMisfit> misfits;
    std::atomic<int> phase{0}; // 0 setting keys aside, 1 loading, 2 keys back
    QString current;
    std::mutex currentLock;
    auto work = [&] {
        QStringList targets;
        for (const TableDecision &d : plan.tables)
            targets << b.qualified(d);
        auto aside = setKeysAside(*b.raw, targets, b.cancel);
        if (!aside) {
            error = aside.error();
            return;
        }
        for (const QString &kept : std::as_const(aside->kept))
            result.warnings << QStringLiteral("%1 stayed in place while loading (something "
                                              "depends on it)")
                                   .arg(kept);
        auto reader = SqliteReader::open(b.sqlite.spec().path);
        if (!reader) {
            error = reader.error();
            return;
        }
        phase = 1;
        for (int i = 0; i < n; ++i) {
            TableJob job;
            job.decision = &plan.tables[i];
            job.source = sourceTable(plan, plan.tables[i].sourceName);
            job.target = targets[i];
            job.badText = plan.badText;
            job.binaryCopy = run.binaryCopy;
            job.rowHash = *hash;
            job.inOpenTransaction = true;
            job.fits = b.fits[i];
            job.checkOnly = !misfits.isEmpty(); // the load is lost: only name the rest
            counters[i].startedMs = b.clock.elapsed();
            LoadOutcome o = loadTable(*b.raw, **reader, job, b.cancel, counters[i]);
            counters[i].finishedMs = b.clock.elapsed();
            counters[i].phase = o.error ? TableProgress::Failed : TableProgress::Done;
            result.tables[i] = o.result;
            result.warnings << o.warnings;
            if (!o.misfits.isEmpty()) {
                misfits << o.misfits;
                continue;
            }
            if (o.error) {
                error = o.error;
                error->message =
                    QStringLiteral("table %1: %2").arg(plan.tables[i].sourceName, error->message);
                return;
            }
        }
        if (!misfits.isEmpty())
            return;
        phase = 2;
        QStringList analyze;
        for (const QString &t : std::as_const(targets))
            analyze << QStringLiteral("ANALYZE %1").arg(t);
        error = restoreKeys(*b.raw, *aside, analyze, b.cancel, [&](const QString &sql) {
            std::lock_guard lock(currentLock);
            current = sql.simplified().left(70);
        });
        for (const QString &sql : std::as_const(sequenceSql)) {
            if (error)
                break;
            if (Status s = b.raw->exec(sql, &b.cancel); !s.ok())
                error = s.error();
        }
    };
    auto tick = [&] {
        if (!progress)
            return;
        QList<TableProgress> tables;
        qint64 rows = 0, total = 0;
        for (int i = 0; i < n; ++i) {
            TableProgress t;
            t.table = plan.tables[i].targetName;
            const int p = counters[i].phase.load();
            t.phase = p == 1 ? TableProgress::Loading : TableProgress::Phase(p);
            t.rows = counters[i].rows.load();
            t.totalRows = std::max(counters[i].totalRows.load(), plan.tables[i].rows);
            t.bytes = counters[i].bytes.load();
            const qint64 started = counters[i].startedMs, finished = counters[i].finishedMs;
            t.ms = started < 0 ? 0 : (finished < 0 ? b.clock.elapsed() : finished) - started;
            rows += t.rows;
            total += t.totalRows;
            tables << t;
        }
        if (auto *tp = dynamic_cast<TransferProgress *>(progress))
            tp->tables(tables, b.clock.elapsed());
        if (phase == 2) {
            std::lock_guard lock(currentLock);
            progress->report(1, 1,
                             QStringLiteral("keys, indexes and foreign keys: %1").arg(current));
        } else {
            const int scale = total > 1000000000 ? 1000 : 1;
            progress->report(int(rows / scale), int(std::max<qint64>(total, 1) / scale),
                             phase == 0 ? QStringLiteral("setting keys and indexes aside")
                                        : QStringLiteral("loading and checking every value"));
        }
    };
    runPolling(work, b.cancel, progress, tick);

    if (!misfits.isEmpty()) {
        result.misfits = misfits;
        QStringList names;
        for (const ValueMisfit &m : std::as_const(misfits))
            names << QStringLiteral("%1.%2").arg(m.table, m.column);
        result.error = Error::database(
            QStringLiteral("values in %1 column(s) do not fit the types the migrations declare "
                           "(%2); nothing was committed, the target is as it was")
                .arg(misfits.size())
                .arg(names.join(QStringLiteral(", "))));
        out.plan->misfits = misfits;
        return out;
    }
    if (error) {
        if (error->kind == Error::Kind::Cancelled)
            error->message =
                QStringLiteral("cancelled: nothing was committed, the target is as it was");
        else
            error->message += QStringLiteral(". Nothing was committed, the target is as it was");
        result.error = error;
        return out;
    }
    QStringList unverified;
    for (const TableResult &t : std::as_const(result.tables)) {
        if (!t.verified)
            unverified << t.table;
    }
    if (!unverified.isEmpty()) {
        result.error = Error::database(
            QStringLiteral("verification failed: the content of %1 differs between SQLite and "
                           "PostgreSQL (see each table's checksums); nothing was committed")
                .arg(unverified.join(QStringLiteral(", "))));
        return out;
    }

    b.report(0, 1, QStringLiteral("writing the history tables"));
    if (auto e = copyHistories(*b.raw, b.sqlite.spec().path, plan.histories, b.schema(), true,
                               result.histories, false)) {
        e->message = QStringLiteral("%1 (nothing was committed)")
                         .arg(e->message.section(QStringLiteral(". The data"), 0, 0));
        result.error = e;
        return out;
    }
    b.report(0, 1, QStringLiteral("recording the move in the history"));
    if (auto e = recordMove(*b.pg, b.sqlite.spec(), result, b.clock.elapsed(), true)) {
        e->message += QStringLiteral(" (nothing was committed)");
        result.error = e;
        return out;
    }
    result.moveRecorded = true;
    if (b.cancelled()) {
        result.error = Error::cancelled();
        result.error->message =
            QStringLiteral("cancelled: nothing was committed, the target is as it was");
        return out;
    }
    if (Status s = b.raw->exec(QStringLiteral("COMMIT")); !s.ok()) {
        result.error = s.error();
        return out;
    }
    b.inTransaction = false;
    return out;
}

} // namespace strata
