// Concurrent migrators: eight `strata-cli up` processes on one database apply each version
// exactly once; a migrator that cannot get the lock waits, or gives up after --lock-timeout
// with a clear message and changes nothing.

#include "CliProcess.h"
#include "TestDatabases.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimer>

using namespace strata;

namespace {

constexpr int processes = 8;
constexpr int versions = 12;
constexpr const char *advisoryKey = "6013557165336382823"; // the migrators' lock (docs/CLI.md)

void writeFolder(const QString &dir, Engine engine)
{
    QList<QPair<QString, QByteArray>> files;
    for (int v = 1; v <= versions; ++v) {
        // Some rows per version widen the window in which the runs overlap.
        const QString fill =
            engine == Engine::Sqlite
                ? QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                                 "WHERE x < 5000) "
                                 "INSERT INTO t%1 SELECT x FROM c;\n")
                : QStringLiteral("INSERT INTO t%1 SELECT g FROM generate_series(1, 5000) g;\n");
        files.append(
            {QStringLiteral("V%1__t%1.sql").arg(v),
             (QStringLiteral("CREATE TABLE t%1 (id INTEGER);\n").arg(v) + fill.arg(v)).toUtf8()});
    }
    test::writeFiles(dir, files);
}

// The JSON document a `--json up` printed (its first line that parses as an object).
QJsonObject runDocument(const test::CliRun &run)
{
    for (const QByteArray &line : run.output.split('\n')) {
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (doc.isObject())
            return doc.object();
    }
    return QJsonDocument::fromJson(run.output.mid(run.output.indexOf('{'))).object();
}

} // namespace

class TestConcurrency : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(test::cliPath()), "STRATA_CLI must name the built strata-cli");
    }

    void eightMigrators_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << "sqlite";
        QTest::newRow("postgresql") << "postgresql";
    }

    void eightMigrators()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        writeFolder(dir.path(), db.engine());
        const QStringList args{"--db", db.url(), "--migrations", dir.path(), "--json", "up"};
        QList<QProcess *> running;
        for (int i = 0; i < processes; ++i)
            running << test::startCli(args);
        int applied = 0;
        for (QProcess *p : std::as_const(running)) {
            const test::CliRun run = test::finishCli(p);
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
            const QJsonObject doc = runDocument(run);
            for (const QJsonValue &step : doc[QStringLiteral("steps")].toArray())
                applied += step.toObject()[QStringLiteral("skipped")].toBool() ? 0 : 1;
        }
        QCOMPARE(applied, versions); // between them, each version ran once
        auto session = test::openSession(db.url());
        QCOMPARE(test::rowCount(*session, QStringLiteral("strata_schema_history")), versions);
        QCOMPARE(session
                     ->scalar(QStringLiteral(
                         "SELECT count(DISTINCT version) FROM strata_schema_history"))
                     ->toInt(),
                 versions);
        for (int v = 1; v <= versions; ++v)
            QCOMPARE(test::rowCount(*session, QStringLiteral("t%1").arg(v)), 5000);
    }

    void lockTimeout_data() { eightMigrators_data(); }

    // Another session holds the lock: --lock-timeout 1 gives up after about a second, clearly,
    // having applied nothing; a longer timeout waits and then runs once the lock is free.
    void lockTimeout()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        writeFolder(dir.path(), db.engine());
        const QStringList base{"--db", db.url(), "--migrations", dir.path()};
        test::CliRun first = test::runCli(base + QStringList{"up", "--to", "1"});
        QVERIFY2(first.exitCode == 0, qPrintable(first.describe()));

        auto holder = test::openSession(db.url());
        const bool sqlite = db.engine() == Engine::Sqlite;
        const QString take = sqlite
                                 ? QStringLiteral("BEGIN IMMEDIATE")
                                 : QStringLiteral("SELECT pg_advisory_lock(%1)").arg(advisoryKey);
        const QString release =
            sqlite ? QStringLiteral("ROLLBACK")
                   : QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(advisoryKey);
        QVERIFY(holder->exec(take).ok());

        QElapsedTimer clock;
        clock.start();
        const test::CliRun gaveUp = test::runCli(base + QStringList{"--lock-timeout", "1", "up"});
        const qint64 waited = clock.elapsed();
        QCOMPARE(gaveUp.exitCode, 1);
        QVERIFY2(gaveUp.text().contains(QLatin1String("--lock-timeout")) &&
                     gaveUp.text().contains(QLatin1String("gave up")),
                 qPrintable(gaveUp.describe()));
        QVERIFY2(waited >= 900 && waited < 15000, qPrintable(QString::number(waited)));
        auto check = test::openSession(db.url());
        QCOMPARE(test::rowCount(*check, QStringLiteral("strata_schema_history")), 1);

        // The lock comes free after a second and a half; a 60 s timeout waits for it.
        QProcess *waiting = test::startCli(base + QStringList{"--lock-timeout", "60", "up"});
        QTest::qWait(1500);
        QVERIFY(holder->exec(release).ok());
        const test::CliRun ran = test::finishCli(waiting);
        QVERIFY2(ran.exitCode == 0, qPrintable(ran.describe()));
        if (!sqlite) // PostgreSQL says whom it waits for; SQLite's busy wait is silent
            QVERIFY2(ran.text().contains(QLatin1String("waiting for another migrator")),
                     qPrintable(ran.describe()));
        QCOMPARE(test::rowCount(*check, QStringLiteral("strata_schema_history")), versions);
    }

    void badLockTimeout_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("words") << "soon";
        QTest::newRow("negative") << "-1";
        QTest::newRow("huge") << "1e9";
    }

    void badLockTimeout()
    {
        QFETCH(QString, value);
        const test::CliRun run =
            test::runCli({"--db", "sqlite::memory:", "--lock-timeout", value, "up"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.text().contains(QLatin1String("--lock-timeout needs seconds")),
                 qPrintable(run.describe()));
    }
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
