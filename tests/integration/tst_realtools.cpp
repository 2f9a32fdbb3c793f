// The real tools in test setup: `alembic` migrates a database online and Strata reads it back,
// places it on the revision graph, dry-runs and applies Alembic's offline SQL (checked with
// `alembic current`), and adopts it; `sqitch` deploys a project and Strata reads its registry.
// Without the commands these tests skip, except under STRATA_REQUIRE_PG=1, where they fail
// (scripts/setup installs alembic and sqitch).
#include "TestDatabases.h"

#include "interop/Adopt.h"
#include "interop/AlembicRunner.h"
#include "transfer/Transfer.h"
#include "transfer/TransferPlanner.h"
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

using namespace strata;
using namespace strata::test;

namespace {

struct Ran {
    int exitCode = -1;
    QString out;
    QString err;
};

Ran runTool(const QString &program, const QStringList &args, const QString &dir,
            const QStringList &env = {})
{
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert("PYTHONDONTWRITEBYTECODE", "1");
    e.insert("SQITCH_FULLNAME", "Strata Test");
    e.insert("SQITCH_EMAIL", "strata@example.com");
    for (const QString &kv : env)
        e.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    p.setProcessEnvironment(e);
    p.setWorkingDirectory(dir);
    p.start(program, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString shopDir()
{
    return qEnvironmentVariable("STRATA_SOURCE_DIR") + "/tests/fixtures/alembic/shop";
}

// SQLAlchemy spells both URLs the way Strata does (libpq's PG* variables fill the gaps).
QString sqlalchemyUrl(const ScratchDatabase &db)
{
    return db.engine() == Engine::Sqlite ? "sqlite:///" + db.spec().path : db.url();
}

Ran alembic(const ScratchDatabase &db, const QStringList &args)
{
    return runTool(AlembicRunner::executable(),
                   QStringList{"-x", "url=" + sqlalchemyUrl(db)} + args, shopDir());
}

// `alembic current`'s revisions without its flags ("(head)", "(mergepoint)", ...), comma-joined.
QString alembicCurrent(const ScratchDatabase &db)
{
    const Ran r = alembic(db, {"current"});
    if (r.exitCode != 0)
        return "error: " + r.err;
    QStringList revisions;
    for (const QString &line : r.out.split(u'\n', Qt::SkipEmptyParts))
        revisions << line.section(u' ', 0, 0);
    return revisions.join(u',');
}

AlembicProject shop()
{
    auto p = AlembicProject::read(shopDir());
    if (!p)
        qFatal("%s", qPrintable(p.error().toString()));
    return *p;
}

} // namespace

#define REQUIRE_TOOL(path, name)                                                                   \
    if ((path).isEmpty()) {                                                                        \
        if (postgresRequired())                                                                    \
            QFAIL("the `" name "` command is missing; scripts/setup installs it");                 \
        QSKIP("the `" name "` command is not installed");                                          \
    }

class TestRealTools : public QObject {
    Q_OBJECT
private slots:
    void engines_data();
    void alembicHistoryReadBack_data() { engines_data(); }
    void alembicHistoryReadBack();
    void alembicTrialThenApply_data() { engines_data(); }
    void alembicTrialThenApply();
    void alembicFailedApplyLeavesNothing_data() { engines_data(); }
    void alembicFailedApplyLeavesNothing();
    void alembicAdopt_data() { engines_data(); }
    void alembicAdopt();
    void alembicThroughCli_data() { engines_data(); }
    void alembicThroughCli();
    void withoutAlembicStatusStillWorks();
    void scriptDirectoryWithoutIni();
    void alembicHistoryTransferred();
    void sqitchRegistryTransferred();
    void sqitchRegistry_data() { engines_data(); }
    void sqitchRegistry();
};

void TestRealTools::engines_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << "sqlite";
    QTest::newRow("postgresql") << "postgresql";
}

void TestRealTools::alembicHistoryReadBack()
{
    REQUIRE_TOOL(AlembicRunner::executable(), "alembic");
    QFETCH(QString, engine);
    STRATA_SCRATCH(scratch, engineFromName(engine));
    const AlembicProject project = shop();
    Ran up = alembic(scratch, {"upgrade", "3c4d5e6f7081"});
    QVERIFY2(up.exitCode == 0, qPrintable(up.err));
    auto db = openSession(scratch.url());
    auto st = AlembicPlacement::read(*db, project);
    QVERIFY(st.ok());
    QCOMPARE(st->databaseHeads, QStringList{"3c4d5e6f7081"});
    QCOMPARE(st->count(MigrationState::Applied), 3);
    QCOMPARE(st->pendingIds(), (QStringList{"4d5e6f708192", "5e6f70819203", "6f7081920314"}));

    // The other branch too: alembic_version now holds two heads.
    up = alembic(scratch, {"upgrade", "4d5e6f708192"});
    QVERIFY2(up.exitCode == 0, qPrintable(up.err));
    st = AlembicPlacement::read(*db, project);
    QCOMPARE(st->databaseHeads, (QStringList{"3c4d5e6f7081", "4d5e6f708192"}));
    QCOMPARE(st->count(MigrationState::Applied), 4);
    auto detected = HistoryReaders::detect(*db);
    QVERIFY(detected.ok());
    QCOMPARE(detected->size(), 1);
    QCOMPARE(detected->first().current, QStringLiteral("3c4d5e6f7081,4d5e6f708192"));
    // Offline SQL starts from one revision: Strata says so instead of guessing.
    auto plan = AlembicRunner(project).plan(*db, *st, {});
    QVERIFY(!plan.ok());
    QVERIFY2(plan.error().message.contains("2 heads"), qPrintable(plan.error().message));
}

// alembic_version crosses a transfer as Alembic's history: the real `alembic current` agrees on
// PostgreSQL afterwards, and Alembic carries on from there.
void TestRealTools::alembicHistoryTransferred()
{
    REQUIRE_TOOL(AlembicRunner::executable(), "alembic");
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    for (const char *revision : {"3c4d5e6f7081", "4d5e6f708192"}) { // two heads
        const Ran up = alembic(sqlite, {"upgrade", revision});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));
    }
    const QString heads = alembicCurrent(sqlite);
    QCOMPARE(heads.split(u',').size(), 2);
    {
        auto db = openSession(sqlite.url());
        auto plan = TransferPlanner::plan(*db, {});
        QVERIFY2(plan.ok(), qPrintable(plan ? QString() : plan.error().toString()));
        QCOMPARE(plan->histories.size(), 1);
        QCOMPARE(plan->histories[0].tool, QStringLiteral("alembic"));
        const TransferResult r = Transfer::run(sqlite.spec(), pg.spec(), *plan, {});
        QVERIFY2(r.ok(), qPrintable(errorText(r.error)));
    }
    auto target = openSession(pg.url());
    auto type =
        target->scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE "
                       "attrelid = 'alembic_version'::regclass AND attname = 'version_num'");
    QVERIFY(type.ok());
    QCOMPARE(type->toString(), QStringLiteral("character varying(32)"));
    QStringList moved = alembicCurrent(pg).split(u','), before = heads.split(u',');
    moved.sort();
    before.sort();
    QCOMPARE(moved, before);
    const Ran up = alembic(pg, {"upgrade", "heads"});
    QVERIFY2(up.exitCode == 0, qPrintable(up.err));
    QCOMPARE(alembicCurrent(pg), QStringLiteral("6f7081920314"));
}

// sqitch's SQLite registry (sqitch.db beside the database) crosses a transfer into the schema
// `sqitch` as sqitch itself creates it on PostgreSQL; the real `sqitch` carries on from there.
void TestRealTools::sqitchRegistryTransferred()
{
    const QString sqitch = QStandardPaths::findExecutable("sqitch");
    REQUIRE_TOOL(sqitch, "sqitch");
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    STRATA_SCRATCH(native, Engine::Postgres); // deployed by sqitch itself: the oracle
    QTemporaryDir dir;
    const QString project = dir.path();
    auto ok = [&](const QStringList &args) {
        const Ran r = runTool(sqitch, args, project);
        if (r.exitCode != 0)
            qWarning("sqitch %s: %s%s", qPrintable(args.join(' ')), qPrintable(r.out),
                     qPrintable(r.err));
        return r.exitCode == 0;
    };
    QVERIFY(ok({"init", "shop", "--engine", "sqlite"}));
    QVERIFY(ok({"add", "customers", "-n", "Adds customers"}));
    writeFiles(project,
               {{"deploy/customers.sql", "CREATE TABLE customers (id integer PRIMARY KEY);\n"},
                {"revert/customers.sql", "DROP TABLE customers;\n"},
                {"verify/customers.sql", "SELECT id FROM customers WHERE 0 = 1;\n"}});
    QVERIFY(ok({"tag", "v1.0", "-n", "First release"}));
    QVERIFY(ok({"add", "orders", "-r", "customers", "-n", "Adds orders"}));
    writeFiles(project, {{"deploy/orders.sql", "CREATE TABLE orders (id integer PRIMARY KEY);\n"},
                         {"revert/orders.sql", "DROP TABLE orders;\n"},
                         {"verify/orders.sql", "SELECT id FROM orders WHERE 0 = 1;\n"}});
    QVERIFY(ok({"deploy", "db:sqlite:" + sqlite.spec().path}));
    QVERIFY(ok({"deploy", "db:pg:" + native.name()}));

    auto source = openSession(sqlite.url());
    auto before = HistoryReaders::sqitch(*source);
    QVERIFY(before.ok() && before->has_value());
    {
        auto plan = TransferPlanner::plan(*source, {});
        QVERIFY2(plan.ok(), qPrintable(plan ? QString() : plan.error().toString()));
        QCOMPARE(plan->histories.size(), 6);
        const TransferResult r = Transfer::run(sqlite.spec(), pg.spec(), *plan, {});
        QVERIFY2(r.ok(), qPrintable(errorText(r.error)));
        QCOMPARE(r.histories.size(), 6);
    }
    auto moved = openSession(pg.url());
    auto oracle = openSession(native.url());
    for (const char *table : {"releases", "projects", "changes", "tags", "dependencies", "events"})
        QCOMPARE(pgTableShape(*moved, QStringLiteral("sqitch.") + table),
                 pgTableShape(*oracle, QStringLiteral("sqitch.") + table));
    auto after = HistoryReaders::sqitch(*moved);
    QVERIFY(after.ok() && after->has_value());
    QCOMPARE((*after)->current, (*before)->current);
    QCOMPARE((*after)->entries.size(), (*before)->entries.size());
    for (int i = 0; i < (*after)->entries.size(); ++i) {
        QCOMPARE((*after)->entries[i].version, (*before)->entries[i].version);
        QCOMPARE((*after)->entries[i].installedOn, (*before)->entries[i].installedOn);
        QCOMPARE((*after)->entries[i].note, (*before)->entries[i].note);
    }
    // sqitch itself reads the moved registry: nothing to deploy, and it deploys what is new.
    const QString target = "db:pg:" + pg.name();
    const Ran status = runTool(sqitch, {"status", target}, project);
    QVERIFY2(status.exitCode == 0 && status.out.contains("Nothing to deploy"),
             qPrintable(status.out + status.err));
    QVERIFY(ok({"add", "invoices", "-r", "orders", "-n", "Adds invoices"}));
    writeFiles(project, {{"deploy/invoices.sql", "CREATE TABLE invoices (id integer);\n"},
                         {"revert/invoices.sql", "DROP TABLE invoices;\n"},
                         {"verify/invoices.sql", "SELECT id FROM invoices WHERE 0 = 1;\n"}});
    QVERIFY(ok({"deploy", target}));
    QVERIFY(ok({"revert", "-y", "--to", "@v1.0", target}));
}

void TestRealTools::alembicTrialThenApply()
{
    REQUIRE_TOOL(AlembicRunner::executable(), "alembic");
    QFETCH(QString, engine);
    STRATA_SCRATCH(scratch, engineFromName(engine));
    const AlembicProject project = shop();
    AlembicRunner runner(project);
    auto db = openSession(scratch.url());

    // A trial from an empty database to one branch: runs, reports, rolls back.
    auto st = AlembicPlacement::read(*db, project);
    QVERIFY(st.ok() && !st->hasVersionTable);
    auto plan = runner.plan(*db, *st, {Direction::Up, "3c4d5e6f7081", 0});
    QVERIFY2(plan.ok(), qPrintable(plan ? QString() : plan.error().toString()));
    QCOMPARE(plan->steps.size(), 4); // the version table, then three revisions
    const TrialResult trial = AlembicRunner::trial(*db, *plan);
    QVERIFY2(trial.ok(), qPrintable(errorText(trial.error)));
    QVERIFY(trial.rolledBack);
    QVERIFY(!trial.schemaChanges.changes.isEmpty());
    QVERIFY(tableNames(*db).isEmpty());
    QCOMPARE(alembicCurrent(scratch), QString());

    // Apply it for real: alembic agrees.
    RunResult run = AlembicRunner::apply(*db, *plan);
    QVERIFY2(run.ok(), qPrintable(errorText(run.error)));
    QCOMPARE(alembicCurrent(scratch), QStringLiteral("3c4d5e6f7081"));
    QCOMPARE(tableNames(*db), (QStringList{"alembic_version", "customer", "orders"}));

    // On to the head across the merge.
    st = AlembicPlacement::read(*db, project);
    plan = runner.plan(*db, *st, {});
    QVERIFY2(plan.ok(), qPrintable(plan ? QString() : plan.error().toString()));
    run = AlembicRunner::apply(*db, *plan);
    QVERIFY2(run.ok(), qPrintable(errorText(run.error)));
    QCOMPARE(alembicCurrent(scratch), QStringLiteral("6f7081920314"));

    // Down one step, then a downgrade trial to base that leaves everything in place.
    st = AlembicPlacement::read(*db, project);
    plan = runner.plan(*db, *st, {Direction::Down, {}, 1});
    QVERIFY2(plan.ok(), qPrintable(plan ? QString() : plan.error().toString()));
    run = AlembicRunner::apply(*db, *plan);
    QVERIFY2(run.ok(), qPrintable(errorText(run.error)));
    QCOMPARE(alembicCurrent(scratch), QStringLiteral("5e6f70819203"));
    st = AlembicPlacement::read(*db, project);
    plan = runner.plan(*db, *st, {Direction::Down, "base", 0});
    QVERIFY2(plan.ok(), qPrintable(plan ? QString() : plan.error().toString()));
    const TrialResult down = AlembicRunner::trial(*db, *plan);
    QVERIFY2(down.ok(), qPrintable(errorText(down.error)));
    QCOMPARE(alembicCurrent(scratch), QStringLiteral("5e6f70819203"));
    run = AlembicRunner::apply(*db, *plan);
    QVERIFY2(run.ok(), qPrintable(errorText(run.error)));
    QCOMPARE(alembicCurrent(scratch), QString());
    QCOMPARE(tableNames(*db), QStringList()); // Alembic drops its version table at base

    // From base with an (empty) version table: Alembic's CREATE TABLE is left out.
    QVERIFY(alembic(scratch, {"stamp", "base"}).exitCode == 0);
    QCOMPARE(tableNames(*db), QStringList{"alembic_version"});
    st = AlembicPlacement::read(*db, project);
    QVERIFY(st->hasVersionTable && st->databaseHeads.isEmpty());
    plan = runner.plan(*db, *st, {Direction::Up, "1a2b3c4d5e6f", 0});
    QVERIFY(plan.ok());
    run = AlembicRunner::apply(*db, *plan);
    QVERIFY2(run.ok(), qPrintable(errorText(run.error)));
    QCOMPARE(alembicCurrent(scratch), QStringLiteral("1a2b3c4d5e6f"));
}

void TestRealTools::alembicFailedApplyLeavesNothing()
{
    REQUIRE_TOOL(AlembicRunner::executable(), "alembic");
    QFETCH(QString, engine);
    STRATA_SCRATCH(scratch, engineFromName(engine));
    const AlembicProject project = shop();
    QVERIFY(alembic(scratch, {"upgrade", "3c4d5e6f7081"}).exitCode == 0);
    auto db = openSession(scratch.url());
    QVERIFY(db->exec("CREATE TABLE invoice (id integer)").ok()); // in the way of 4d5e6f708192
    auto st = AlembicPlacement::read(*db, project);
    auto plan = AlembicRunner(project).plan(*db, *st, {});
    QVERIFY(plan.ok());
    const RunResult run = AlembicRunner::apply(*db, *plan);
    QVERIFY(!run.ok());
    QVERIFY2(run.error->file.contains("4d5e6f708192"), qPrintable(run.error->toString()));
    QVERIFY(run.error->line > 0);
    QCOMPARE(alembicCurrent(scratch), QStringLiteral("3c4d5e6f7081"));
    QVERIFY(!tableNames(*db).contains("orders_customer_idx"));
}

void TestRealTools::alembicAdopt()
{
    REQUIRE_TOOL(AlembicRunner::executable(), "alembic");
    QFETCH(QString, engine);
    STRATA_SCRATCH(scratch, engineFromName(engine));
    const AlembicProject project = shop();
    QVERIFY(alembic(scratch, {"upgrade", "heads"}).exitCode == 0);
    auto db = openSession(scratch.url());
    AdoptOptions options;
    options.alembicProject = &project;
    auto adopted = Adopt::run(*db, ForeignTool::Alembic, options);
    QVERIFY2(adopted.ok(), qPrintable(adopted ? QString() : adopted.error().toString()));
    QCOMPARE(adopted->written.size(), 6);
    QCOMPARE(adopted->written.first().version, QStringLiteral("1a2b3c4d5e6f"));
    QCOMPARE(adopted->written.last().version, QStringLiteral("6f7081920314"));
    QCOMPARE(adopted->written.first().description, QStringLiteral("create customer"));
    QCOMPARE(rowCount(*db, "strata_schema_history"), 6);
    QCOMPARE(alembicCurrent(scratch), QStringLiteral("6f7081920314"));
}

void TestRealTools::alembicThroughCli()
{
    REQUIRE_TOOL(AlembicRunner::executable(), "alembic");
    QFETCH(QString, engine);
    STRATA_SCRATCH(scratch, engineFromName(engine));
    const QString cli = qEnvironmentVariable("STRATA_CLI");
    const QStringList base{"--db", scratch.url(), "--migrations", shopDir()};
    Ran r = runTool(cli, base + QStringList{"up", "--to", "4d5e6f708192"}, QDir::tempPath());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
    QCOMPARE(alembicCurrent(scratch), QStringLiteral("4d5e6f708192"));
    r = runTool(cli, base + QStringList{"--json", "status"}, QDir::tempPath());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(doc.value("format").toString(), QStringLiteral("alembic"));
    QCOMPARE(doc.value("database_heads").toArray().first().toString(),
             QStringLiteral("4d5e6f708192"));
    QMap<QString, QString> states;
    for (const QJsonValue &v : doc.value("revisions").toArray())
        states.insert(v["revision"].toString(), v["state"].toString());
    QCOMPARE(states.value("2b3c4d5e6f70"), QStringLiteral("applied"));
    QCOMPARE(states.value("3c4d5e6f7081"), QStringLiteral("pending"));
    r = runTool(cli, base + QStringList{"dry-run"}, QDir::tempPath());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.contains("rolled back"));
    QCOMPARE(alembicCurrent(scratch), QStringLiteral("4d5e6f708192"));
    r = runTool(cli, {"--db", scratch.url(), "detect"}, QDir::tempPath());
    QVERIFY2(r.exitCode == 0 && r.out.contains("alembic") && r.out.contains("4d5e6f708192"),
             qPrintable(r.out + r.err));
    r = runTool(cli, base + QStringList{"adopt", "--from", "alembic"}, QDir::tempPath());
    QVERIFY2(r.exitCode == 0 && r.out.contains("Recorded 3 alembic change(s)"),
             qPrintable(r.out + r.err));
}

void TestRealTools::withoutAlembicStatusStillWorks()
{
    STRATA_SCRATCH(scratch, Engine::Sqlite);
    const QString cli = qEnvironmentVariable("STRATA_CLI");
    const QStringList base{"--db", scratch.url(), "--migrations", shopDir()};
    const QStringList noAlembic{"STRATA_ALEMBIC=/nonexistent/alembic"};
    Ran r = runTool(cli, base + QStringList{"status"}, QDir::tempPath(), noAlembic);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.contains("not installed"));
    QVERIFY(r.out.contains("6f7081920314"));
    r = runTool(cli, base + QStringList{"up"}, QDir::tempPath(), noAlembic);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("alembic") && r.err.contains("not installed"), qPrintable(r.err));
}

void TestRealTools::scriptDirectoryWithoutIni()
{
    // A project given as its script directory (env.py + versions/, no alembic.ini): Strata
    // writes a minimal ini for Alembic's offline mode.
    REQUIRE_TOOL(AlembicRunner::executable(), "alembic");
    QTemporaryDir dir;
    const QString scripts = dir.filePath("alembic");
    QVERIFY(QDir().mkpath(scripts + "/versions"));
    const QString from = shopDir() + "/migrations";
    QVERIFY(QFile::copy(from + "/env.py", scripts + "/env.py"));
    QVERIFY(QFile::copy(from + "/script.py.mako", scripts + "/script.py.mako"));
    for (const QString &f : QDir(from + "/versions").entryList({"*.py"}, QDir::Files))
        QVERIFY(QFile::copy(from + "/versions/" + f, scripts + "/versions/" + f));
    auto project = AlembicProject::read(scripts);
    QVERIFY2(project.ok(), qPrintable(project ? QString() : project.error().toString()));
    QVERIFY(project->iniPath.isEmpty());
    STRATA_SCRATCH(scratch, Engine::Sqlite);
    auto db = openSession(scratch.url());
    auto st = AlembicPlacement::read(*db, *project);
    auto plan = AlembicRunner(*project).plan(*db, *st, {Direction::Up, "2b3c4d5e6f70", 0});
    QVERIFY2(plan.ok(), qPrintable(plan ? QString() : plan.error().toString()));
    QVERIFY(AlembicRunner::apply(*db, *plan).ok());
    QCOMPARE(alembicCurrent(scratch), QStringLiteral("2b3c4d5e6f70"));
    QVERIFY(!QDir(scripts + "/versions/__pycache__").exists()); // nothing written into the project
}

void TestRealTools::sqitchRegistry()
{
    const QString sqitch = QStandardPaths::findExecutable("sqitch");
    REQUIRE_TOOL(sqitch, "sqitch");
    QFETCH(QString, engine);
    STRATA_SCRATCH(scratch, engineFromName(engine));
    QTemporaryDir dir;
    const QString project = dir.path();
    const bool pg = scratch.engine() == Engine::Postgres;
    const QString target = pg ? "db:pg:" + scratch.name() : "db:sqlite:" + scratch.spec().path;
    auto ok = [&](const QStringList &args, bool expectFailure = false) {
        const Ran r = runTool(sqitch, args, project);
        if ((r.exitCode != 0) != expectFailure)
            qWarning("sqitch %s: %s%s", qPrintable(args.join(' ')), qPrintable(r.out),
                     qPrintable(r.err));
        return r.exitCode == 0;
    };
    QVERIFY(ok({"init", "shop", "--engine", pg ? "pg" : "sqlite"}));
    QVERIFY(ok({"add", "customers", "-n", "Adds customers"}));
    writeFiles(project,
               {{"deploy/customers.sql",
                 "BEGIN;\nCREATE TABLE customers (id integer PRIMARY KEY, name text);\nCOMMIT;\n"},
                {"revert/customers.sql", "BEGIN;\nDROP TABLE customers;\nCOMMIT;\n"},
                {"verify/customers.sql", "SELECT id FROM customers WHERE 0 = 1;\n"}});
    QVERIFY(ok({"tag", "v1.0", "-n", "First release"}));
    QVERIFY(ok({"add", "orders", "-r", "customers", "-n", "Adds orders"}));
    writeFiles(project, {{"deploy/orders.sql",
                          "BEGIN;\nCREATE TABLE orders (id integer PRIMARY KEY);\nCOMMIT;\n"},
                         {"revert/orders.sql", "BEGIN;\nDROP TABLE orders;\nCOMMIT;\n"},
                         {"verify/orders.sql", "SELECT id FROM orders WHERE 0 = 1;\n"}});
    QVERIFY(ok({"deploy", target}));

    auto db = openSession(scratch.url());
    auto h = HistoryReaders::sqitch(*db);
    QVERIFY2(h.ok(), qPrintable(h ? QString() : h.error().toString()));
    QVERIFY(h->has_value());
    const ForeignHistory &history = **h;
    QCOMPARE(history.table, pg ? QStringLiteral("sqitch") : QStringLiteral("sqitch.db"));
    QCOMPARE(history.entries.size(), 2);
    QCOMPARE(history.entries[0].version, QStringLiteral("customers"));
    QCOMPARE(history.entries[0].description, QStringLiteral("Adds customers"));
    QCOMPARE(history.entries[0].note, QStringLiteral("@v1.0"));
    QCOMPARE(history.entries[0].installedBy, QStringLiteral("Strata Test"));
    QVERIFY(history.entries[0].installedOn.isValid());
    QVERIFY(qAbs(history.entries[0].installedOn.secsTo(QDateTime::currentDateTimeUtc())) < 600);
    QCOMPARE(history.current, QStringLiteral("orders"));

    auto adopted = Adopt::run(*db, ForeignTool::Sqitch);
    QVERIFY2(adopted.ok(), qPrintable(adopted ? QString() : adopted.error().toString()));
    QCOMPARE(adopted->written.size(), 2);
    QCOMPARE(adopted->written[1].installedOn, history.entries[1].installedOn);

    // A change whose deploy fails: sqitch reverts it and logs a `fail` event.
    QVERIFY(ok({"add", "broken", "-n", "Breaks"}));
    writeFiles(
        project,
        {{"deploy/broken.sql",
          "BEGIN;\nCREATE TABLE broken (id integer);\nSELECT * FROM no_such_table;\nCOMMIT;\n"},
         {"revert/broken.sql", "DROP TABLE IF EXISTS broken;\n"}});
    QVERIFY(!ok({"deploy", target}, true));
    h = HistoryReaders::sqitch(*db);
    QVERIFY(h.ok() && h->has_value());
    QVERIFY((*h)->hasFailures());
    QCOMPARE((*h)->entries.last().version, QStringLiteral("broken"));
    QVERIFY((*h)->problems.first().contains("sqitch deploy"));
    QCOMPARE((*h)->current, QStringLiteral("orders"));
}

QTEST_GUILESS_MAIN(TestRealTools)
#include "tst_realtools.moc"
