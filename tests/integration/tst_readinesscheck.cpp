// strata-cli check / ReadinessCheck on a real PostgreSQL server (PG* variables, pg_virtualenv)
// and real SQLite files: the SQLite-dialect fixture names each failing version with its
// file:line, the demo is ready, every status comes out of a small folder made for it, the
// scratch database (or schema) is gone afterwards, also after failures and a cancel, and bad
// URLs, passwords and servers get clear errors.

#include "CliProcess.h"
#include "TestDatabases.h"

#include "check/ReadinessCheck.h"
#include "check/ScratchPostgres.h"
#include "connection/DatabaseSession.h"
#include "migration/Migrator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace strata;

namespace {

// The server the check replays on: everything from the PG* variables.
QString serverUrl()
{
    return QStringLiteral("postgresql://");
}

QString fixtureFolder()
{
    return qEnvironmentVariable("STRATA_SOURCE_DIR") +
           QStringLiteral("/tests/fixtures/sqlite_dialect");
}

std::unique_ptr<DatabaseSession> admin()
{
    return test::openSession(serverUrl());
}

// Whether the scratch named in a result's description still exists on the server.
bool scratchExists(const QString &description)
{
    const QString name = description.section(u' ', 1, 1);
    auto session = admin();
    const QString sql =
        description.startsWith(QLatin1String("schema"))
            ? QStringLiteral("SELECT count(*) FROM pg_namespace WHERE nspname = '%1'")
            : QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = '%1'");
    auto n = session->scalar(sql.arg(name));
    return !n || n->toInt() != 0;
}

int leftoverScratches()
{
    auto n = admin()->scalar(
        QStringLiteral("SELECT count(*) FROM pg_database WHERE datname LIKE 'strata\\_check\\_%'"));
    return n ? n->toInt() : -1;
}

QString verdicts(const ReadinessResult &r, bool undo)
{
    QStringList out;
    for (const VersionCheck &v : r.versions)
        out << v.version + u'=' + readinessName(undo ? v.undo.status : v.up.status);
    return out.join(u' ');
}

using Files = QList<QPair<QString, QByteArray>>;

class CancelAfter final : public Progress {
public:
    explicit CancelAfter(int versions) : m_versions(versions) {}
    void report(int done, int, const QString &) override { m_done = done; }
    bool cancelled() const override { return m_done >= m_versions; }

private:
    int m_versions;
    int m_done = 0;
};

} // namespace

class TestReadinessCheck : public QObject {
    Q_OBJECT

    bool m_pg = false;

private slots:
    void initTestCase()
    {
        STRATA_SCRATCH(probe, Engine::Postgres);
        m_pg = true;
    }

    // The fixture is a proper SQLite history: up to the latest, down to 0 and up again.
    void fixtureRunsOnSqlite()
    {
        STRATA_SCRATCH(db, Engine::Sqlite);
        auto session = test::openSession(db.url());
        const MigrationSet folder = test::readFolder(fixtureFolder());
        QVERIFY(folder.problems.isEmpty());
        QVERIFY(folder.versioned.size() >= 12);
        for (const Migration &m : folder.versioned)
            QVERIFY2(m.hasUndo(), qPrintable(m.versionText()));
        Migrator migrator(*session, folder);
        RunResult up = migrator.up();
        QVERIFY2(up.ok(), qPrintable(test::errorText(up.error)));
        QCOMPARE(test::currentVersion(migrator), folder.versioned.last().versionText());
        QCOMPARE(test::rowCount(*session, QStringLiteral("users")), 2);    // INSERT OR IGNORE
        QCOMPARE(test::rowCount(*session, QStringLiteral("settings")), 2); // OR REPLACE
        QCOMPARE(test::rowCount(*session, QStringLiteral("tasks")), 5);
        DownTarget all;
        all.to = Version::parse(QStringLiteral("0"));
        RunResult down = migrator.down(all);
        QVERIFY2(down.ok(), qPrintable(test::errorText(down.error)));
        QCOMPARE(
            test::tableNames(*session).filter(QRegularExpression(QStringLiteral("^(?!strata_)"))),
            QStringList());
        RunResult again = migrator.up();
        QVERIFY2(again.ok(), qPrintable(test::errorText(again.error)));
        QCOMPARE(test::rowCount(*session, QStringLiteral("notes")), 3);
    }

    // The CLI on the fixture: exit 3, and exactly these versions fail, at these lines.
    void fixtureNamesEveryFailingVersion()
    {
        QTemporaryDir out;
        const QString report = out.filePath(QStringLiteral("check.json"));
        const int before = leftoverScratches();
        const test::CliRun run =
            test::runCli({"--migrations", fixtureFolder(), "check", "--engine", "postgresql",
                          "--against", serverUrl(), "--json", "--report", report});
        QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
        const QString text = run.text();
        const QJsonObject doc =
            QJsonDocument::fromJson(
                run.output.mid(run.output.indexOf('{'),
                               run.output.lastIndexOf('}') + 1 - run.output.indexOf('{')))
                .object();
        QVERIFY2(!doc.isEmpty(), qPrintable(text));
        QCOMPARE(doc.value(QStringLiteral("ready")).toBool(), false);
        QVERIFY(doc.value(QStringLiteral("scratch_dropped")).toBool());
        QMap<QString, QString> up, undo, location;
        for (const QJsonValue &value : doc.value(QStringLiteral("versions")).toArray()) {
            const QJsonObject v = value.toObject();
            const QString version = v.value(QStringLiteral("version")).toString();
            const QJsonObject u = v.value(QStringLiteral("up")).toObject();
            up[version] = u.value(QStringLiteral("status")).toString();
            undo[version] = v.value(QStringLiteral("undo"))
                                .toObject()
                                .value(QStringLiteral("status"))
                                .toString();
            const QJsonObject error = u.value(QStringLiteral("error")).toObject();
            if (!error.isEmpty())
                location[version] =
                    error.value(QStringLiteral("location")).toString().section(u'/', -1);
        }
        const QMap<QString, QString> expectedUp{
            {"1", "fails"},   {"2", "ready"},  {"3", "fails"}, {"4", "fails"}, {"5", "ready"},
            {"6", "differs"}, {"7", "fails"},  {"8", "fails"}, {"9", "fails"}, {"10", "ready"},
            {"11", "fails"},  {"12", "ready"}, {"13", "fails"}};
        QCOMPARE(up, expectedUp);
        const QMap<QString, QString> expectedLocation{
            {"1", "V1__Create_users.sql:3"},      {"3", "V3__Seed_users_and_notes.sql:3"},
            {"4", "V4__Create_tags.sql:3"},       {"7", "V7__Create_settings.sql:3"},
            {"8", "V8__Pin_notes.sql:4"},         {"9", "V9__Drop_note_updated_at.sql:4"},
            {"11", "V11__Seed_more_tasks.sql:2"}, {"13", "V13__Record_last_login.sql:4"}};
        QCOMPARE(location, expectedLocation);
        QMap<QString, QString> expectedUndo;
        for (auto it = expectedUp.cbegin(); it != expectedUp.cend(); ++it)
            expectedUndo[it.key()] = QStringLiteral("ready");
        expectedUndo["9"] = QStringLiteral("fails");
        QCOMPARE(undo, expectedUndo);

        // What PostgreSQL said, and what differs in V6, are in the output.
        QVERIFY2(text.contains(QLatin1String("AUTOINCREMENT")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("preferences")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("null value in column \\\"id\\\"")), qPrintable(text));
        QCOMPARE(leftoverScratches(), before);

        // The report holds the same verdicts.
        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject written = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY(
            written.value(QStringLiteral("kinds")).toArray().contains(QStringLiteral("readiness")));
        QCOMPARE(written.value(QStringLiteral("readiness"))
                     .toObject()
                     .value(QStringLiteral("versions"))
                     .toArray()
                     .size(),
                 13);
    }

    void fixtureHumanOutputAndMarkdownReport()
    {
        QTemporaryDir out;
        const QString report = out.filePath(QStringLiteral("check.md"));
        const test::CliRun run = test::runCli({"--migrations", fixtureFolder(), "check",
                                               "--against", serverUrl(), "--report", report});
        QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
        const QString text = run.text();
        QVERIFY2(text.contains(QLatin1String("V1__Create_users.sql:3: syntax error at or near "
                                             "\"AUTOINCREMENT\"")),
                 qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Not ready for PostgreSQL.")), qPrintable(text));
        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString md = QString::fromUtf8(file.readAll());
        QVERIFY2(md.contains(QLatin1String("PostgreSQL readiness")), qPrintable(md));
        QVERIFY2(md.contains(QLatin1String("V13__Record_last_login.sql:4")), qPrintable(md));
    }

    void demoIsReady()
    {
        const test::CliRun run =
            test::runCli({"--migrations", test::demoFolder(), "check", "--against", serverUrl()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(run.text().contains(QLatin1String("Ready for PostgreSQL.")),
                 qPrintable(run.text()));
    }

    void statuses_data()
    {
        QTest::addColumn<Files>("files");
        QTest::addColumn<QString>("up");
        QTest::addColumn<QString>("undo");
        QTest::addColumn<QString>("detail"); // in the details of the first version not ready

        QTest::newRow("runs as is")
            << Files{{"V1__t.sql",
                      "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"},
                     {"U1__t.sql", "DROP TABLE t;\n"}}
            << "1=ready"
            << "1=ready" << QString();
        QTest::newRow("no undo script")
            << Files{{"V1__t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"}} << "1=ready"
            << "1=no_undo" << QString();
        QTest::newRow("different schema")
            << Files{{"V1__t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, doc JSON);\n"},
                     {"U1__t.sql", "DROP TABLE t;\n"}}
            << "1=differs"
            << "1=ready"
            << "doc";
        QTest::newRow("fails")
            << Files{{"V1__t.sql", "-- a key SQLite assigns\n\nCREATE TABLE t (\n  id INTEGER "
                                   "PRIMARY KEY AUTOINCREMENT\n);\n"},
                     {"U1__t.sql", "DROP TABLE t;\n"}}
            << "1=fails"
            << "1=ready"
            << "V1__t.sql:3: ERROR:  syntax error at or near \"AUTOINCREMENT\"";
        QTest::newRow("undo fails")
            << Files{{"V1__t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"},
                     {"U1__t.sql", "PRAGMA foreign_keys = OFF;\nDROP TABLE t;\n"}}
            << "1=ready"
            << "1=fails"
            << "U1__t.sql:1";
        QTest::newRow("undo leaves a different schema")
            << Files{{"V1__t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT);\n"},
                     {"U1__t.sql", "DROP TABLE t;\n"},
                     {"V2__drop_note.sql", "ALTER TABLE t DROP COLUMN note;\n"},
                     {"U2__drop_note.sql", "ALTER TABLE t ADD COLUMN note JSON;\n"}}
            << "1=ready 2=ready"
            << "1=ready 2=differs"
            << "note";
        // The bridge: V2 and V3 need V1's table (and V2 its identity) although V1 failed.
        QTest::newRow("checked on after a failure")
            << Files{{"V1__t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name "
                                   "TEXT COLLATE NOCASE);\nINSERT INTO t (name) VALUES ('a');\n"},
                     {"U1__t.sql", "DROP TABLE t;\n"},
                     {"V2__rows.sql", "INSERT INTO t (name) VALUES ('b');\n"},
                     {"U2__rows.sql", "DELETE FROM t WHERE name = 'b';\n"},
                     {"V3__index.sql", "CREATE INDEX t_name ON t (name);\n"},
                     {"U3__index.sql", "DROP INDEX t_name;\n"}}
            << "1=fails 2=ready 3=ready"
            << "1=ready 2=ready 3=ready"
            << "AUTOINCREMENT";
        // A PostgreSQL variant spelled the way transfer and port translate: identity for
        // AUTOINCREMENT, SQLite's datetime('now') text as to_char(...).
        QTest::newRow("PostgreSQL variant")
            << Files{{"V1__t.sql",
                      "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, made TEXT "
                      "NOT NULL DEFAULT (datetime('now')));\n"},
                     {"V1__t.postgresql.sql",
                      "CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                      "made "
                      "text NOT NULL DEFAULT to_char(CURRENT_TIMESTAMP AT TIME ZONE 'UTC', "
                      "'YYYY-MM-DD HH24:MI:SS'));\n"},
                     {"U1__t.sql", "DROP TABLE t;\n"},
                     {"V2__row.sql", "INSERT INTO t (made) VALUES ('2026-01-01 10:00:00');\n"},
                     {"U2__row.sql", "PRAGMA foreign_keys = OFF;\nDELETE FROM t;\n"},
                     {"U2__row.postgresql.sql", "DELETE FROM t;\n"}}
            << "1=variant 2=ready"
            << "1=ready 2=variant" << QString();
        QTest::newRow("PostgreSQL variant fails")
            << Files{{"V1__t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);\n"},
                     {"V1__t.postgresql.sql", "-- ported\nCREATE TABLE t (id bigint GENERATED "
                                              "ALWAYS AS IDENTITTY PRIMARY KEY);\n"}}
            << "1=fails"
            << "1=no_undo"
            << "V1__t.postgresql.sql:2";
        QTest::newRow("fails on SQLite itself")
            << Files{{"V1__t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"},
                     {"V2__again.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"},
                     {"V3__more.sql", "CREATE TABLE u (id INTEGER PRIMARY KEY);\n"}}
            << "1=ready 2=not_checked 3=not_checked"
            << "1=no_undo 2=no_undo 3=no_undo"
            << "on SQLite";
    }

    void statuses()
    {
        QFETCH(Files, files);
        QFETCH(QString, up);
        QFETCH(QString, undo);
        QFETCH(QString, detail);
        QTemporaryDir dir;
        test::writeFiles(dir.path(), files);
        const MigrationSet folder = test::readFolder(dir.path());
        QVERIFY(folder.problems.isEmpty());
        auto result = ReadinessCheck::run(folder, *ConnectionSpec::parse(serverUrl()));
        QVERIFY2(result, qPrintable(result.error().toString()));
        QVERIFY2(!result->error, qPrintable(test::errorText(result->error)));
        QCOMPARE(verdicts(*result, false), up);
        QCOMPARE(verdicts(*result, true), undo);
        QCOMPARE(result->ready(), detail.isEmpty());
        QVERIFY(result->scratchDropped);
        QVERIFY(!scratchExists(result->scratch));
        if (detail.isEmpty())
            return;
        QStringList said;
        for (const VersionCheck &v : result->versions) {
            for (const ScriptCheck *s : {&v.up, &v.undo}) {
                if (s->error)
                    said << s->error->location() + QStringLiteral(": ") + s->error->driverMessage;
                if (s->sqliteError)
                    said << QStringLiteral("on SQLite: ") + s->sqliteError->driverMessage;
                for (const Change &c : s->differences)
                    said << c.summary;
            }
        }
        QVERIFY2(said.join(u'\n').contains(detail), qPrintable(said.join(u'\n')));
    }

    void cancelDropsTheScratch()
    {
        CancelAfter cancel(2);
        auto result = ReadinessCheck::run(test::readFolder(fixtureFolder()),
                                          *ConnectionSpec::parse(serverUrl()), &cancel);
        QVERIFY2(result, qPrintable(result.error().toString()));
        QVERIFY(result->error && result->error->kind == Error::Kind::Cancelled);
        QCOMPARE(result->versions.size(), 2);
        QVERIFY(!result->ready());
        QVERIFY(result->scratchDropped);
        QVERIFY(!scratchExists(result->scratch));
    }

    // The scratch's own connection dies mid-check (a PostgreSQL variant ends its session): the
    // check stops with the error, and the scratch database is dropped all the same.
    void lostConnectionStillDropsTheScratch()
    {
        QTemporaryDir dir;
        test::writeFiles(dir.path(), {{"V1__t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"},
                                      {"V1__t.postgresql.sql",
                                       "SELECT pg_terminate_backend(pg_backend_pid());\n"},
                                      {"V2__u.sql", "CREATE TABLE u (id INTEGER PRIMARY KEY);\n"}});
        auto result =
            ReadinessCheck::run(test::readFolder(dir.path()), *ConnectionSpec::parse(serverUrl()));
        QVERIFY2(result, qPrintable(result.error().toString()));
        QVERIFY(!result->ready());
        QVERIFY(result->error ||
                (!result->versions.isEmpty() && result->versions[0].up.status == Readiness::Fails));
        QVERIFY(result->scratchDropped);
        QVERIFY(!scratchExists(result->scratch));
    }

    // A role without CREATEDB checks in a throwaway schema of its own database.
    void schemaWhereNoDatabaseMayBeCreated()
    {
        STRATA_SCRATCH(db, Engine::Postgres);
        auto session = admin();
        const QString role = QStringLiteral("strata_check_nocreatedb");
        session->exec(QStringLiteral("DROP OWNED BY %1").arg(role));
        session->exec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(role));
        QVERIFY(session
                    ->exec(QStringLiteral("CREATE ROLE %1 LOGIN NOCREATEDB PASSWORD 'no-db-for-me'")
                               .arg(role))
                    .ok());
        QVERIFY(
            session->exec(QStringLiteral("GRANT CREATE ON DATABASE %1 TO %2").arg(db.name(), role))
                .ok());
        ConnectionSpec spec = db.spec();
        spec.user = role;
        spec.password = QStringLiteral("no-db-for-me");
        auto result = ReadinessCheck::run(test::readFolder(test::demoFolder()), spec);
        QVERIFY2(result, qPrintable(result.error().toString()));
        QVERIFY2(result->scratch.startsWith(QLatin1String("schema strata_check_")),
                 qPrintable(result->scratch));
        QVERIFY2(result->ready(), qPrintable(verdicts(*result, false)));
        QVERIFY(result->scratchDropped);
        auto inDb = test::openSession(db.url());
        auto left = inDb->scalar(QStringLiteral(
            "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'strata\\_check\\_%'"));
        QVERIFY(left);
        QCOMPARE(left->toInt(), 0);
        inDb.reset();
        session->exec(QStringLiteral("DROP OWNED BY %1").arg(role));
        session->exec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(role));
    }

    void badServers_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("not a URL")
            << "mysql://localhost/app" << 2 << "bad database URL (--against)";
        QTest::newRow("SQLite") << "sqlite:app.db" << 2
                                << "--against needs a PostgreSQL server URL";
        QTest::newRow("empty") << "" << 2 << "--against is empty";
        QTest::newRow("unreachable") << "postgresql://nobody@127.0.0.1:1/postgres" << 1
                                     << "cannot connect to the PostgreSQL server "
                                        "postgresql://nobody@127.0.0.1:1/postgres";
    }

    void badServers()
    {
        QFETCH(QString, url);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const test::CliRun run =
            test::runCli({"--migrations", fixtureFolder(), "check", "--against", url});
        QVERIFY2(run.exitCode == exitCode, qPrintable(run.describe()));
        QVERIFY2(run.text().contains(message), qPrintable(run.describe()));
    }

    void wrongPassword()
    {
        auto session = admin();
        const QString role = QStringLiteral("strata_check_pw");
        session->exec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(role));
        QVERIFY(
            session
                ->exec(
                    QStringLiteral("CREATE ROLE %1 LOGIN CREATEDB PASSWORD 'right-one'").arg(role))
                .ok());
        const QString host = qEnvironmentVariable("PGHOST", QStringLiteral("localhost"));
        const QString port = qEnvironmentVariable("PGPORT", QStringLiteral("5432"));
        const QString url =
            QStringLiteral("postgresql://%1:wrong-one@%2:%3/postgres")
                .arg(role, host.startsWith(u'/') ? QStringLiteral("127.0.0.1") : host, port);
        QProcess *p = test::startCli({"--migrations", fixtureFolder(), "check", "--against", url});
        const test::CliRun run = test::finishCli(p);
        QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
        QVERIFY2(run.text().contains(QLatin1String("password authentication failed")),
                 qPrintable(run.describe()));
        QVERIFY2(!run.text().contains(QLatin1String("wrong-one")), qPrintable(run.describe()));
        session->exec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(role));
    }

    void folderProblemsExit2()
    {
        QTemporaryDir dir;
        test::writeFiles(dir.path(), {{"V1__t.sql", "CREATE TABLE t (id INTEGER);\n"},
                                      {"V1_bad.sql", "SELECT 1;\n"}});
        const test::CliRun run =
            test::runCli({"--migrations", dir.path(), "check", "--against", serverUrl()});
        QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
        QTemporaryDir empty;
        const test::CliRun none =
            test::runCli({"--migrations", empty.path(), "check", "--against", serverUrl()});
        QVERIFY2(none.exitCode == 2, qPrintable(none.describe()));
    }
};

QTEST_GUILESS_MAIN(TestReadinessCheck)
#include "tst_readinesscheck.moc"
