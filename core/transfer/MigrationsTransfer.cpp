#include "transfer/MigrationsTransfer.h"

#include "migration/MigrationSource.h"
#include "schema/Introspector.h"
#include "transfer/HistoryMove.h"
#include "transfer/KeysAside.h"
#include "transfer/MigrationsBuild.h"
#include "transfer/Polling.h"
#include "transfer/TableLoader.h"
#include "transfer/TargetMatch.h"
#include <QElapsedTimer>
#include <QSqlDriver>
#include <QSqlQuery>
#include <libpq-fe.h>
#include <mutex>

namespace strata {

using namespace transfer;

namespace {

struct Build {
    Build(DatabaseSession &s, const ConnectionSpec &p, const TransferOptions &o, Progress *pr)
        : sqlite(s), postgres(p), options(o), progress(pr)
    {
        clock.start();
    }
    ~Build() { rollback(); }

    DatabaseSession &sqlite;
    const ConnectionSpec &postgres;
    const TransferOptions &options;
    Progress *progress;
    QElapsedTimer clock;
    std::atomic<bool> cancel{false};

    BuildSteps steps;
    TransferPlan plan;
    QList<QList<ValueFit>> fits; // per plan.tables entry
    std::unique_ptr<DatabaseSession> pg;
    std::unique_ptr<PgConnection> raw; // pg's own libpq connection, for COPY
    bool inTransaction = false;
    bool unmatched = false; // buildAndMatch failed only because data has no place

    QString schema() const
    {
        return options.targetSchema.isEmpty() ? QStringLiteral("public") : options.targetSchema;
    }
    bool cancelled()
    {
        if (progress && progress->cancelled())
            cancel = true;
        return cancel.load();
    }
    void report(int done, int total, const QString &label)
    {
        if (progress)
            progress->report(done, total, label);
    }
    void rollback()
    {
        if (inTransaction && pg)
            pg->exec(QStringLiteral("ROLLBACK"));
        inTransaction = false;
    }
    QString qualified(const TableDecision &d) const
    {
        return PgConnection::quoteIdentifier(schema()) + u'.' +
               PgConnection::quoteIdentifier(d.targetName);
    }

    std::optional<Error> readSource();
    std::optional<Error> openTarget();
    std::optional<Error> begin();
    std::optional<Error> buildAndMatch();
    std::optional<Error> scanMisfits(QList<ValueMisfit> &misfits);
};

std::optional<Error> Build::readSource()
{
    if (!options.mappingFile.isEmpty())
        return Error::usage(QStringLiteral(
            "--mapping does not apply with --migrations: the migrations declare every type"));
    if (sqlite.spec().engine != Engine::Sqlite || postgres.engine != Engine::Postgres)
        return Error::usage(
            QStringLiteral("a transfer goes from an SQLite file to a PostgreSQL database"));
    auto folder = MigrationSource::readComplete(options.migrations);
    if (!folder)
        return folder.error();
    IntrospectOptions every;
    every.excludeTables.clear(); // the history tables are told apart (and moved) as history
    auto source = Introspector::read(sqlite, every);
    if (!source)
        return source.error();
    plan.source = std::move(source).value();
    plan.badText = options.badText;
    auto histories = HistoryTables::recognise(sqlite, plan.source, options.tables);
    if (!histories)
        return histories.error();
    plan.histories = std::move(histories).value();
    auto built = buildStepsFor(sqlite, *folder);
    if (!built)
        return built.error();
    steps = std::move(built).value();
    plan.builtVersion = steps.version;
    for (const Migration &m : std::as_const(steps.migrations))
        plan.builtScripts << m.up.path;
    return std::nullopt;
}

std::optional<Error> Build::openTarget()
{
    auto session = DatabaseSession::open(postgres);
    if (!session)
        return session.error();
    pg = std::move(session).value();
    const QVariant handle = pg->database().driver()->handle();
    // Qt names the type as its compiler spells it: the typedef or the struct behind it.
    if (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0)
        return Error::database(QStringLiteral("the PostgreSQL driver gives no libpq connection"));
    auto borrowed = PgConnection::borrow(*static_cast<PGconn *const *>(handle.data()));
    if (!borrowed)
        return borrowed.error();
    raw = std::move(borrowed).value();
    auto encoding = raw->query(QStringLiteral("SHOW server_encoding"));
    if (!encoding)
        return encoding.error();
    const QString enc = encoding->value(0).value(0);
    if (enc != QLatin1String("UTF8") && enc != QLatin1String("SQL_ASCII"))
        return Error::database(
            QStringLiteral("the target database's encoding is %1: text from SQLite is UTF-8, "
                           "so create the database with ENCODING 'UTF8'")
                .arg(enc));
    auto existing = raw->query(
        QStringLiteral("SELECT string_agg(c.relname, ', ' ORDER BY c.relname) FROM pg_class c "
                       "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %1 AND "
                       "c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')")
            .arg(PgConnection::quoteLiteral(schema())));
    if (!existing)
        return existing.error();
    const QString names = existing->value(0).value(0);
    if (!names.isEmpty())
        return Error::database(
            QStringLiteral("the target schema %1 already holds %2: --migrations builds the "
                           "schema from the folder, into an empty schema (transfer into a new "
                           "database, or drop these first)")
                .arg(schema(), names));
    return std::nullopt;
}

std::optional<Error> Build::begin()
{
    if (Status s = raw->exec(QStringLiteral("BEGIN")); !s.ok())
        return s.error();
    inTransaction = true;
    // Notices ("table ... does not exist, skipping" from the history's DDL) are not for the
    // user's terminal; warnings and errors still are.
    if (Status s = raw->exec(QStringLiteral("SET LOCAL client_min_messages TO warning")); !s.ok())
        return s.error();
    if (schema() != QLatin1String("public")) {
        const QString q = PgConnection::quoteIdentifier(schema());
        for (const QString &sql : {QStringLiteral("CREATE SCHEMA IF NOT EXISTS %1").arg(q),
                                   QStringLiteral("SET LOCAL search_path TO %1").arg(q)}) {
            if (Status s = raw->exec(sql); !s.ok())
                return s.error();
        }
    }
    return std::nullopt;
}

std::optional<Error> Build::buildAndMatch()
{
    // On this thread: the migrations run through the Qt session, which belongs to it.
    auto error = runBuildSteps(
        *pg, steps, [this] { return cancelled(); },
        [this](int done, int total) {
            const QString what = done < total ? steps.migrations[done].up.path : QString();
            report(done, total,
                   done < total ? QStringLiteral("building the target: %1").arg(what)
                                : QStringLiteral("building the target: done"));
        });
    if (error) {
        if (error->kind == Error::Kind::Cancelled)
            error->message = QStringLiteral("cancelled: nothing was committed, the target is as "
                                            "it was");
        return error;
    }
    IntrospectOptions only;
    only.schemas = {schema()};
    auto target = Introspector::read(*pg, only);
    if (!target)
        return target.error();
    plan.target = std::move(target).value();
    QStringList skip;
    for (const HistoryCopy &h : std::as_const(plan.histories)) {
        if (h.sourceFile.isEmpty())
            skip << h.sourceName;
    }
    const TargetMatch match = matchTarget(plan.source, plan.target, schema(), skip, options.tables);
    plan.tables = match.tables;
    fits = match.fits;
    plan.unmatched = match.errors;
    plan.warnings << match.notes << HistoryTables::planNotes(plan.histories);
    for (TableDecision &d : plan.tables) {
        auto n = sqlite.scalar(QStringLiteral("SELECT count(*) FROM ") +
                               sqlite.dialect().quoteIdentifier(d.sourceName));
        if (!n)
            return n.error();
        d.rows = n->toLongLong();
    }
    unmatched = !match.errors.isEmpty();
    if (unmatched)
        return Error::database(QStringLiteral("the SQLite data does not all have a place in the "
                                              "schema the migrations build: %1")
                                   .arg(match.errors.join(QStringLiteral("; "))));
    return std::nullopt;
}

const Table *sourceTable(const TransferPlan &plan, const QString &name)
{
    for (const Table &t : plan.source.tables) {
        if (t.name == name)
            return &t;
    }
    return nullptr;
}

// Reads every row of every table, checking each value against its column; sends nothing.
std::optional<Error> Build::scanMisfits(QList<ValueMisfit> &misfits)
{
    std::optional<Error> error;
    std::atomic<int> current{0};
    runPolling(
        [&] {
            auto reader = SqliteReader::open(sqlite.spec().path);
            if (!reader) {
                error = reader.error();
                return;
            }
            for (int i = 0; i < plan.tables.size() && !error; ++i) {
                current = i;
                TableJob job;
                job.decision = &plan.tables[i];
                job.source = sourceTable(plan, plan.tables[i].sourceName);
                job.badText = plan.badText;
                job.fits = fits[i];
                job.checkOnly = true;
                job.inOpenTransaction = true;
                LoadCounters counters;
                LoadOutcome out = loadTable(*raw, **reader, job, cancel, counters);
                misfits << out.misfits;
                if (out.error && out.misfits.isEmpty())
                    error = out.error;
            }
        },
        cancel, progress,
        [&] {
            const int i = current.load();
            if (i < plan.tables.size())
                report(i, int(plan.tables.size()),
                       QStringLiteral("checking every value: %1").arg(plan.tables[i].sourceName));
        });
    return error;
}

} // namespace

Result<TransferPlan> MigrationsTransfer::plan(DatabaseSession &sqlite,
                                              const ConnectionSpec &postgres,
                                              const TransferOptions &options, Progress *progress)
{
    Build b(sqlite, postgres, options, progress);
    for (auto step : {&Build::readSource, &Build::openTarget, &Build::begin}) {
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
    Build b(sqlite, postgres, options, progress);
    TransferResult &result = out.result;
    if (run.resume || run.dropExisting) {
        result.error = Error::usage(QStringLiteral(
            "--resume and --drop-existing do not apply with --migrations: everything commits "
            "at once or not at all, into an empty schema"));
        return out;
    }
    for (auto step : {&Build::readSource, &Build::openTarget}) {
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
