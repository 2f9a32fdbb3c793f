// strata-cli as scripts use it: exit codes, JSON shapes, secrets, two processes at once, the
// order of errors (a bad or missing database URL first) and options refused together. Its help
// texts and command table are tested in tst_clihelp.

#include "TestDatabases.h"
#include "connection/DatabaseSession.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using strata::test::ScratchDatabase;
using Files = QList<QPair<QString, QByteArray>>;

namespace {

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

QProcess *startCli(const QStringList &args,
                   const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    auto *p = new QProcess;
    p->setProcessEnvironment(env);
    p->start(qEnvironmentVariable("STRATA_CLI"), args);
    return p;
}

CliRun finish(QProcess *p)
{
    CliRun r;
    if (!p->waitForFinished(120000))
        p->kill();
    r.exitCode = p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1;
    r.out = p->readAllStandardOutput();
    r.err = p->readAllStandardError();
    delete p;
    return r;
}

CliRun runCli(const QStringList &args,
              const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    return finish(startCli(args, env));
}

QProcessEnvironment withoutStrataDb()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("STRATA_DB"));
    return env;
}

QString describe(const CliRun &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private:
    void engines()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("STRATA_CLI")),
                 "STRATA_CLI must name the built strata-cli");
    }

    void statusJsonContract_data() { engines(); }
    void statusJsonContract()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        const QStringList base{"--db", db.url(), "--migrations", test::demoFolder()};
        CliRun up = runCli(base + QStringList{"up", "--to", "4"});
        QVERIFY2(up.exitCode == 0, qPrintable(describe(up)));
        QVERIFY2(up.err.contains("[4/4] applying 4"), up.err); // progress on stderr
        QVERIFY(!up.out.contains("[1/4]"));

        CliRun status = runCli(base + QStringList{"--json", "status"});
        QCOMPARE(status.exitCode, 0);
        const QJsonObject doc = status.json();
        QCOMPARE(QStringList(doc.keys()),
                 (QStringList{"current", "database", "folder_problems", "migrations"}));
        QCOMPARE(doc["folder_problems"].toArray().size(), 0); // always there, empty when none
        QCOMPARE(doc["database"].toString(), db.spec().displayUrl());
        QCOMPARE(doc["current"].toString(), QStringLiteral("4"));
        const QJsonArray migrations = doc["migrations"].toArray();
        QCOMPARE(migrations.size(), 10);
        const QJsonObject first = migrations.at(0).toObject();
        QCOMPARE(QStringList(first.keys()),
                 (QStringList{"checksum", "description", "execution_ms", "installed_on", "state",
                              "type", "version"}));
        QCOMPARE(first["version"].toString(), QStringLiteral("1"));
        QCOMPARE(first["state"].toString(), QStringLiteral("applied"));
        QCOMPARE(first["type"].toString(), QStringLiteral("versioned"));
        QCOMPARE(first["checksum"].toString().size(), 64);
        QVERIFY(first["execution_ms"].isDouble());
        QVERIFY(
            QDateTime::fromString(first["installed_on"].toString(), Qt::ISODateWithMs).isValid());
        const QJsonObject fifth = migrations.at(4).toObject();
        QCOMPARE(fifth["state"].toString(), QStringLiteral("pending"));
        QVERIFY(fifth["installed_on"].isNull());
        QVERIFY(fifth["execution_ms"].isNull());

        // Global options may come from the environment and after the command.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("STRATA_DB", db.url());
        CliRun viaEnv = runCli({"status", "--migrations", test::demoFolder(), "--json"}, env);
        QCOMPARE(viaEnv.exitCode, 0);
        QCOMPARE(viaEnv.json()["current"].toString(), QStringLiteral("4"));
    }

    void everyCommand_data() { engines(); }
    void everyCommand()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        test::writeFiles(
            dir.path(), {{"V1__a.sql", "CREATE TABLE a (id INTEGER);\n"},
                         {"U1__a.sql", "DROP TABLE a;\n"},
                         {"V2__b.sql", "CREATE TABLE b (id INTEGER);\nINSERT INTO b VALUES (1);\n"},
                         {"U2__b.sql", "DROP TABLE b;\n"}});
        const QStringList base{"--db", db.url(), "--migrations", dir.path()};

        CliRun plan = runCli(base + QStringList{"--json", "plan"});
        QCOMPARE(plan.exitCode, 0);
        const QJsonArray steps = plan.json()["steps"].toArray();
        QCOMPARE(steps.size(), 2);
        const QJsonObject insert = steps.at(1).toObject()["statements"].toArray().at(1).toObject();
        QCOMPARE(insert["line"].toInt(), 2);
        QCOMPARE(insert["sql"].toString(), QStringLiteral("INSERT INTO b VALUES (1)"));
        QCOMPARE(insert["file"].toString(), dir.filePath("V2__b.sql"));
        auto session = test::openSession(db.url());
        QCOMPARE(test::tableNames(*session), QStringList()); // plan touches nothing

        CliRun up = runCli(base + QStringList{"up"});
        QVERIFY2(up.exitCode == 0, qPrintable(describe(up)));
        QVERIFY(up.out.contains("Current version: 2"));

        CliRun planDown = runCli(base + QStringList{"plan", "--down", "--to", "0"});
        QCOMPARE(planDown.exitCode, 0);
        QVERIFY2(planDown.out.contains(dir.filePath("U2__b.sql").toUtf8() + ":1: DROP TABLE b;"),
                 planDown.out);

        CliRun valid = runCli(base + QStringList{"validate"});
        QCOMPARE(valid.exitCode, 0);
        test::writeFiles(dir.path(),
                         {{"V1__a.sql", "CREATE TABLE a (id INTEGER, changed INTEGER);\n"}});
        CliRun invalid = runCli(base + QStringList{"--json", "validate"});
        QCOMPARE(invalid.exitCode, 3);
        QCOMPARE(invalid.json()["problems"].toArray().at(0).toObject()["state"].toString(),
                 QStringLiteral("checksum_mismatch"));
        CliRun repairPreview = runCli(base + QStringList{"repair"});
        QCOMPARE(repairPreview.exitCode, 0);
        QVERIFY(repairPreview.out.contains("--yes"));
        QCOMPARE(runCli(base + QStringList{"validate"}).exitCode, 3);
        QCOMPARE(runCli(base + QStringList{"repair", "--yes"}).exitCode, 0);
        QCOMPARE(runCli(base + QStringList{"validate"}).exitCode, 0);

        CliRun down = runCli(base + QStringList{"--json", "down", "--steps", "1"});
        QVERIFY2(down.exitCode == 0, qPrintable(describe(down)));
        QCOMPARE(down.json()["current"].toString(), QStringLiteral("1"));
        QCOMPARE(runCli(base + QStringList{"down", "--to", "0"}).exitCode, 0);
        QCOMPARE(test::tableNames(*session),
                 (QStringList{"strata_audit_log", "strata_schema_history"}));
    }

    void baselineCommand_data() { engines(); }
    void baselineCommand()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        test::writeFiles(dir.path(), {{"V1__a.sql", "CREATE TABLE a (id INTEGER);\n"},
                                      {"V2__b.sql", "CREATE TABLE b (id INTEGER);\n"}});
        {
            auto session = test::openSession(db.url());
            QVERIFY(session->exec("CREATE TABLE a (id INTEGER)").ok());
        }
        const QStringList base{"--db", db.url(), "--migrations", dir.path()};
        QCOMPARE(runCli(base + QStringList{"baseline"}).exitCode, 2); // --version is required
        CliRun baseline =
            runCli(base + QStringList{"baseline", "--version", "1", "--description", "legacy"});
        QVERIFY2(baseline.exitCode == 0, qPrintable(describe(baseline)));
        const QJsonArray rows =
            runCli(base + QStringList{"--json", "status"}).json()["migrations"].toArray();
        QCOMPARE(rows.at(0).toObject()["state"].toString(), QStringLiteral("baseline"));
        QCOMPARE(rows.at(1).toObject()["state"].toString(), QStringLiteral("pending"));
        QCOMPARE(runCli(base + QStringList{"up"}).exitCode, 0);
        QCOMPARE(runCli(base + QStringList{"baseline", "--version", "2"}).exitCode, 1);
    }

    void exitCodes_data()
    {
        QTest::addColumn<Files>("files");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        const Files good{{"V1__a.sql", "CREATE TABLE a (id INTEGER);"}};
        QTest::newRow("no command") << good << QStringList{} << 2 << "Usage";
        QTest::newRow("unknown command") << good << QStringList{"frobnicate"} << 2 << "frobnicate";
        QTest::newRow("unknown option") << good << QStringList{"--frob", "status"} << 2 << "--frob";
        QTest::newRow("bad url") << good << QStringList{"--db", "mysql://x", "status"} << 2
                                 << "bad database URL";
        QTest::newRow("no url") << good << QStringList{"--db", "", "status"} << 2 << "STRATA_DB";
        QTest::newRow("bad version") << good << QStringList{"up", "--to", "x1"} << 2 << "x1";
        QTest::newRow("down without target") << good << QStringList{"down"} << 2 << "--to";
        QTest::newRow("extra argument") << good << QStringList{"status", "now"} << 2 << "now";
        QTest::newRow("duplicate version")
            << Files{{"V1__a.sql", "SELECT 1;"}, {"V1__b.sql", "SELECT 1;"}} << QStringList{"up"}
            << 2 << "V1__b.sql";
        QTest::newRow("unknown file name")
            << Files{{"V1__a.sql", "SELECT 1;"}, {"create_users.sql", "SELECT 1;"}}
            << QStringList{"up"} << 2 << "create_users.sql";
        QTest::newRow("undo without version")
            << Files{{"V1__a.sql", "SELECT 1;"}, {"U2__b.sql", "SELECT 1;"}} << QStringList{"up"}
            << 2 << "U2__b.sql";
        QTest::newRow("mixed formats")
            << Files{{"V1__a.sql", "SELECT 1;"}, {"2_b.up.sql", "SELECT 1;"}} << QStringList{"up"}
            << 2 << "2_b.up.sql";
        QTest::newRow("invalid utf-8")
            << Files{{"V1__a.sql", "SELECT '\xff\xfe';"}} << QStringList{"up"} << 2 << "UTF-8";
        QTest::newRow("failing migration")
            << Files{{"V1__a.sql", "CREATE TABLE a (id INTEGER);\nCREATE TABLEE b;"}}
            << QStringList{"up"} << 1 << "V1__a.sql:2";
        QTest::newRow("no undo") << good << QStringList{"down", "--to", "0"} << 0
                                 << "Nothing to undo";
    }
    void exitCodes()
    {
        QFETCH(Files, files);
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        STRATA_SCRATCH(db, Engine::Sqlite);
        QTemporaryDir dir;
        test::writeFiles(dir.path(), files);
        QStringList all{"--migrations", dir.path()};
        if (!args.contains("--db"))
            all << "--db" << db.url();
        CliRun run = runCli(all + args);
        QVERIFY2(run.exitCode == exitCode, qPrintable(describe(run)));
        QVERIFY2((run.out + run.err).contains(mentions.toUtf8()), qPrintable(describe(run)));
        if (exitCode != 0 && QFile::exists(db.spec().path)) {
            // Nothing applied: no user table exists.
            auto session = test::openSession(db.url());
            const QStringList tables = test::tableNames(*session);
            QVERIFY2(!tables.contains("a"), qPrintable(tables.join(',')));
        }
    }

    // A missing or malformed database URL is the first error, before the migrations folder
    // (here, one that does not exist) and whatever command runs.
    void databaseUrlErrorsFirst_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        for (const QString line :
             {"status", "plan", "dry-run", "up", "down --steps 1", "validate",
              "baseline --version 1", "repair", "drift", "report -o state.html"}) {
            const QStringList command = line.split(u' ');
            const QByteArray bytes = command.first().toUtf8();
            const char *name = bytes.constData();
            QTest::addRow("%s, no --db", name)
                << command << "no database given: pass --db URL or set STRATA_DB";
            QTest::addRow("%s, empty --db", name)
                << QStringList{"--db", ""} + command << "no database given";
            QTest::addRow("%s, mysql", name)
                << QStringList{"--db", "mysql://app:s3cret@db/shop"} + command
                << "this is a mysql: URL";
            QTest::addRow("%s, garbage", name)
                << QStringList{"--db", "garbage"} + command << "a URL without a scheme";
            QTest::addRow("%s, sqlite://rel", name)
                << QStringList{"--db", "sqlite://rel.db"} + command
                << "bad database URL: sqlite:// must be followed";
        }
        QTest::newRow("snapshot, no URL") << QStringList{"snapshot"} << "no database given";
        QTest::newRow("detect, no URL") << QStringList{"detect"} << "no database given";
        QTest::newRow("adopt, mysql")
            << QStringList{"--db", "mysql://x", "adopt", "--from", "flyway"}
            << "this is a mysql: URL";
        QTest::newRow("transfer, mysql source")
            << QStringList{"transfer", "mysql://a", "postgresql://b"}
            << "bad database URL (SQLITE_URL)";
    }
    void databaseUrlErrorsFirst()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const QString missingFolder = dir.filePath(QStringLiteral("no-such-folder"));
        CliRun run = runCli(QStringList{"--migrations", missingFolder} + args, withoutStrataDb());
        QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(mentions.toUtf8()), qPrintable(describe(run)));
        QVERIFY2(!run.err.contains("no-such-folder"), qPrintable(describe(run))); // not the folder
        QVERIFY2(!run.err.contains("s3cret"), qPrintable(describe(run)));
        if (!mentions.startsWith(QStringLiteral("bad database URL: "))) // not core's own detail
            QVERIFY2(run.err.contains("sqlite:") && run.err.contains("postgresql://"),
                     qPrintable(describe(run)));
        QVERIFY(!QFile::exists(QStringLiteral("state.html")));
        // With the URL fixed, the folder is what is wrong, and it says so.
        if (args.contains(QStringLiteral("--db")) || args.first() == QLatin1String("snapshot") ||
            args.first() == QLatin1String("detect") || args.first() == QLatin1String("transfer") ||
            args.first() == QLatin1String("adopt"))
            return;
        STRATA_SCRATCH(db, Engine::Sqlite);
        CliRun folder = runCli(QStringList{"--migrations", missingFolder, "--db", db.url()} + args);
        QVERIFY2(folder.exitCode == 2, qPrintable(describe(folder)));
        QVERIFY2(folder.err.contains("no-such-folder"), qPrintable(describe(folder)));
    }

    // Options that contradict each other are refused before anything runs (exit 2, nothing
    // applied, no file written), each with a sentence saying why.
    void conflictingOptionsRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("report pdf name, html format")
            << QStringList{"report", "-o", "OUT/r.pdf", "--format", "html"}
            << "--format html and -o OUT/r.pdf cannot be used together";
        QTest::newRow("report md name, json format")
            << QStringList{"report", "--format=json", "--output", "OUT/r.md"}
            << "cannot be used together";
        QTest::newRow("down --to and --steps") << QStringList{"down", "--to", "0", "--steps", "1"}
                                               << "--to and --steps cannot be used together";
        QTest::newRow("plan --down --to --steps")
            << QStringList{"plan", "--down", "--to", "0", "--steps", "1"}
            << "--to and --steps cannot be used together";
        QTest::newRow("dry-run --down --to --steps")
            << QStringList{"dry-run", "--down", "--steps", "1", "--to", "0"}
            << "--to and --steps cannot be used together";
        QTest::newRow("plan --steps without --down")
            << QStringList{"plan", "--steps", "1"} << "--steps needs --down";
        QTest::newRow("dry-run --steps without --down")
            << QStringList{"dry-run", "--steps", "1"} << "--steps needs --down";
        QTest::newRow("plan --generate-missing without --down")
            << QStringList{"plan", "--generate-missing"} << "--generate-missing needs --down";
        QTest::newRow("diff --sql --json")
            << QStringList{"--json", "diff", "sqlite:a.db", "sqlite:b.db", "--sql"}
            << "--sql and --json cannot be used together";
        QTest::newRow("diff --reverse without --sql")
            << QStringList{"diff", "sqlite:a.db", "sqlite:b.db", "--reverse"}
            << "--reverse needs --sql";
        QTest::newRow("drift --sql --json") << QStringList{"drift", "--sql", "--json"}
                                            << "--sql and --json cannot be used together";
        QTest::newRow("transfer --plan --resume")
            << QStringList{"transfer", "sqlite:a.db", "postgresql://", "--plan", "--resume"}
            << "--plan and --resume cannot be used together";
        QTest::newRow("transfer --plan --drop-existing")
            << QStringList{"transfer", "sqlite:a.db", "postgresql://", "--drop-existing", "--plan"}
            << "--plan and --drop-existing cannot be used together";
        // The global --migrations before the command (given to every row) does not switch
        // transfer's --migrations mode on; the command's own does, and refuses these.
        QTest::newRow("transfer --migrations --resume")
            << QStringList{"transfer",     "sqlite:a.db", "postgresql://",
                           "--migrations", "OUT/",        "--resume"}
            << "--migrations and --resume cannot be used together";
        QTest::newRow("transfer --migrations --mapping")
            << QStringList{"transfer", "sqlite:a.db",  "postgresql://", "--mapping",
                           "m.json",   "--migrations", "OUT/"}
            << "--migrations and --mapping cannot be used together";
        QTest::newRow("transfer --resume --drop-existing")
            << QStringList{"transfer", "sqlite:a.db", "postgresql://", "--resume",
                           "--drop-existing"}
            << "--resume and --drop-existing cannot be used together";
        QTest::newRow("adopt --sqitch-registry, not sqitch")
            << QStringList{"adopt", "--from", "flyway", "--sqitch-registry", "OUT/reg.db"}
            << "--sqitch-registry and --from flyway cannot be used together";
        QTest::newRow("up --to twice")
            << QStringList{"up", "--to", "1", "--to", "2"} << "--to is given twice";
        QTest::newRow("baseline without --version")
            << QStringList{"baseline", "--description", "x"} << "baseline needs --version V";
        QTest::newRow("report without -o")
            << QStringList{"report", "--format", "html"} << "report needs -o FILE";
        QTest::newRow("flag with a value")
            << QStringList{"repair", "--yes=no"} << "--yes takes no value";
    }
    void conflictingOptionsRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        STRATA_SCRATCH(db, Engine::Sqlite);
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("migrations"));
        QVERIFY(QDir().mkpath(folder));
        test::writeFiles(folder, {{"V1__a.sql", "CREATE TABLE a (id INTEGER);\n"},
                                  {"U1__a.sql", "DROP TABLE a;\n"}});
        for (QString &a : args)
            a.replace(QStringLiteral("OUT/"), dir.path() + u'/');
        mentions.replace(QStringLiteral("OUT/"), dir.path() + u'/');
        CliRun run = runCli(QStringList{"--db", db.url(), "--migrations", folder} + args);
        QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(mentions.toUtf8()), qPrintable(describe(run)));
        QVERIFY2(QDir(dir.path()).entryList(QDir::Files).isEmpty(), "no file written");
        if (QFile::exists(db.spec().path)) {
            auto session = test::openSession(db.url());
            QVERIFY(!test::tableNames(*session).contains(QStringLiteral("a")));
        }
    }

    // A misnamed file is a problem listed beside the versions that could be read: status shows
    // both and exits 2, validate lists it and exits 3, up refuses before touching the database.
    void folderProblemsListed()
    {
        STRATA_SCRATCH(db, Engine::Sqlite);
        QTemporaryDir dir;
        test::writeFiles(dir.path(), {{"V1__a.sql", "CREATE TABLE a (id INTEGER);\n"},
                                      {"V6_add_note.sql", "ALTER TABLE a ADD note TEXT;\n"},
                                      {"V7__b.sql", "CREATE TABLE b (id INTEGER);\n"}});
        const QStringList base{"--db", db.url(), "--migrations", dir.path()};

        CliRun status = runCli(base + QStringList{"status"});
        QVERIFY2(status.exitCode == 2, qPrintable(describe(status)));
        QVERIFY2(status.out.contains("Current version: none"), qPrintable(describe(status)));
        QVERIFY2(status.out.contains("pending"), qPrintable(describe(status)));
        QVERIFY2(status.out.contains("misnamed"), qPrintable(describe(status)));
        QVERIFY2(status.out.contains("V6_add_note.sql: Flyway names need two underscores"),
                 qPrintable(describe(status)));
        QVERIFY2(status.out.contains("V6__add_note.sql"), qPrintable(describe(status)));

        CliRun json = runCli(base + QStringList{"--json", "status"});
        QCOMPARE(json.exitCode, 2);
        QCOMPARE(json.json()["migrations"].toArray().size(), 2); // versions 1 and 7
        const QJsonArray problems = json.json()["folder_problems"].toArray();
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems[0]["file"].toString(), dir.filePath("V6_add_note.sql"));
        QCOMPARE(problems[0]["kind"].toString(), QStringLiteral("misnamed"));

        CliRun validate = runCli(base + QStringList{"validate"});
        QVERIFY2(validate.exitCode == 3, qPrintable(describe(validate)));
        QVERIFY2(validate.out.contains("V6_add_note.sql"), qPrintable(describe(validate)));
        CliRun validateJson = runCli(base + QStringList{"--json", "validate"});
        QCOMPARE(validateJson.json()["valid"].toBool(), false);
        QCOMPARE(validateJson.json()["folder_problems"].toArray().size(), 1);

        CliRun up = runCli(base + QStringList{"up"});
        QVERIFY2(up.exitCode == 2, qPrintable(describe(up)));
        QVERIFY2(up.err.contains("V6_add_note.sql"), qPrintable(describe(up)));
        auto session = test::openSession(db.url());
        QVERIFY(!test::tableNames(*session).contains("a"));

        // Renamed: the folder is whole again.
        QVERIFY(QFile::rename(dir.filePath("V6_add_note.sql"), dir.filePath("V6__add_note.sql")));
        CliRun fixed = runCli(base + QStringList{"--json", "status"});
        QVERIFY2(fixed.exitCode == 0, qPrintable(describe(fixed)));
        QCOMPARE(fixed.json()["migrations"].toArray().size(), 3);
        QCOMPARE(fixed.json()["folder_problems"].toArray().size(), 0);
    }

    void errorJsonNamesFileAndLine()
    {
        STRATA_SCRATCH(db, Engine::Sqlite);
        QTemporaryDir dir;
        test::writeFiles(
            dir.path(),
            {{"V1__a.sql", "CREATE TABLE a (id INTEGER);\n\nSELECT * FROM missing;\n"}});
        CliRun run = runCli({"--db", db.url(), "--migrations", dir.path(), "--json", "up"});
        QCOMPARE(run.exitCode, 1);
        const QJsonObject error = run.json()["error"].toObject();
        QCOMPARE(error["file"].toString(), dir.filePath("V1__a.sql"));
        QCOMPARE(error["line"].toInt(), 3);
        QCOMPARE(error["statement"].toString(), QStringLiteral("SELECT * FROM missing"));
        QVERIFY(error["driver_message"].toString().contains("missing"));
    }

    void passwordNeverPrinted()
    {
        STRATA_SCRATCH(db, Engine::Postgres);
        const QString password = qEnvironmentVariable("PGPASSWORD");
        QVERIFY2(password.size() >= 4, "pg_virtualenv sets PGPASSWORD");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("PGPASSWORD");
        const QString user = qEnvironmentVariable("PGUSER", "postgres");
        const QString host = qEnvironmentVariable("PGHOST", "localhost");
        const QString port = qEnvironmentVariable("PGPORT", "5432");
        const QString good = QStringLiteral("postgresql://%1:%2@%3:%4/%5")
                                 .arg(user, password, host, port, db.name());
        const QString bad = QStringLiteral("postgresql://%1:%2x@%3:%4/%5")
                                .arg(user, password, host, port, db.name());
        for (const QStringList &args :
             {QStringList{"--json", "status"}, QStringList{"status"}, QStringList{"up"},
              QStringList{"--json", "plan"}, QStringList{"validate"}}) {
            CliRun run =
                runCli(QStringList{"--db", good, "--migrations", test::demoFolder()} + args, env);
            QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
            QVERIFY(!run.out.contains(password.toUtf8()));
            QVERIFY(!run.err.contains(password.toUtf8()));
        }
        CliRun wrong =
            runCli({"--db", bad, "--migrations", test::demoFolder(), "--json", "status"}, env);
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.err.contains("password authentication failed"), wrong.err);
        QVERIFY(!wrong.out.contains(password.toUtf8()));
        QVERIFY(!wrong.err.contains(password.toUtf8()));
    }

    void concurrentUpAppliesEachVersionOnce_data() { engines(); }
    void concurrentUpAppliesEachVersionOnce()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        Files files;
        const int n = 40;
        for (int v = 1; v <= n; ++v) {
            // Some portable busy work widens the window in which the two runs overlap.
            files.append({QStringLiteral("V%1__t%1.sql").arg(v),
                          QStringLiteral("CREATE TABLE t%1 (id INTEGER);\n"
                                         "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                                         "FROM c WHERE x < 200000) "
                                         "SELECT count(*) FROM c;\n")
                              .arg(v)
                              .toUtf8()});
        }
        test::writeFiles(dir.path(), files);
        const QStringList args{"--db", db.url(), "--migrations", dir.path(), "--json", "up"};
        QProcess *a = startCli(args);
        QProcess *b = startCli(args);
        CliRun ra = finish(a);
        CliRun rb = finish(b);
        QVERIFY2(ra.exitCode == 0, qPrintable(describe(ra)));
        QVERIFY2(rb.exitCode == 0, qPrintable(describe(rb)));
        // Between them the two runs applied every version exactly once.
        int applied = 0;
        for (const CliRun *r : {&ra, &rb}) {
            for (const QJsonValue &step : r->json()["steps"].toArray())
                applied += step.toObject()["skipped"].toBool() ? 0 : 1;
        }
        QCOMPARE(applied, n);
        auto session = test::openSession(db.url());
        QCOMPARE(test::rowCount(*session, "strata_schema_history"), n);
        auto distinct =
            session->scalar("SELECT count(DISTINCT version) FROM strata_schema_history");
        QCOMPARE(distinct->toInt(), n);
        QCOMPARE(test::tableNames(*session).size(), n + 2); // + history and audit log
        // The migrator that found a version done records nothing: one audit entry per version.
        auto audited = session->scalar(
            "SELECT count(*) FROM strata_audit_log WHERE action = 'up' AND outcome = 'ok'");
        QCOMPARE(audited->toInt(), n);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
