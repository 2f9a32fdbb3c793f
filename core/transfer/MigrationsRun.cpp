#include "transfer/MigrationsRun.h"

#include "migration/MigrationSource.h"
#include "schema/Introspector.h"
#include "transfer/Polling.h"
#include "transfer/TableLoader.h"
#include "transfer/TargetMatch.h"
#include "transfer/TransferSetup.h"
#include <QSqlDriver>
#include <libpq-fe.h>

namespace strata::transfer {

std::optional<Error> MigrationsRun::readSource()
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

std::optional<Error> MigrationsRun::openTarget()
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
    if (Status utf8 = requireUtf8Target(*raw); !utf8)
        return utf8.error();
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

std::optional<Error> MigrationsRun::begin()
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

std::optional<Error> MigrationsRun::buildAndMatch()
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
std::optional<Error> MigrationsRun::scanMisfits(QList<ValueMisfit> &misfits)
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

} // namespace strata::transfer
