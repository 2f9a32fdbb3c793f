// Dropped connections: pg_terminate_backend on strata-cli's connection while it applies a
// migration, runs a trial or loads a transfer, and a PostgreSQL restart mid-run. Each time the
// CLI fails with a clear error, the database is as it was before the interrupted unit of work,
// and the next run completes.

#include "CliProcess.h"
#include "TestDatabases.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <unistd.h>

using namespace strata;

namespace {

// v1 is quick; v2 makes a table and then sleeps, which is when the connection is cut; v3 follows.
void writeFolder(const QString &dir)
{
    test::writeFiles(dir, {
                              {"V1__first.sql", "CREATE TABLE first_table (id integer);\n"},
                              {"V2__slow.sql",
                               "CREATE TABLE slow_table (id integer);\n"
                               "INSERT INTO slow_table SELECT g FROM generate_series(1, 1000) g;\n"
                               "SELECT pg_sleep(1.5);\n"},
                              {"V3__third.sql", "CREATE TABLE third_table (id integer);\n"},
                          });
}

// The pid of the other session in this database whose query contains `fragment`; 0 if none
// appears within 20 s.
int waitForBackend(DatabaseSession &observer, const QString &fragment)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 20000) {
        auto pid = observer.scalar(
            QStringLiteral("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                           "AND pid <> pg_backend_pid() AND state = 'active' AND query ILIKE %1 "
                           "LIMIT 1")
                .arg(observer.dialect().quoteLiteral(QLatin1Char('%') + fragment +
                                                     QLatin1Char('%'))));
        if (pid && pid->isValid())
            return pid->toInt();
        QThread::msleep(5);
    }
    return 0;
}

bool tableExists(DatabaseSession &s, const QString &name)
{
    auto n = s.scalar(
        QStringLiteral("SELECT count(*) FROM pg_class WHERE relname = '%1' AND relkind = 'r'")
            .arg(name));
    return n && n->toInt() > 0;
}

QStringList appliedVersions(DatabaseSession &s)
{
    QStringList versions;
    QSqlQuery q(s.database());
    q.exec(QStringLiteral(
        "SELECT version FROM strata_schema_history WHERE success ORDER BY \"rank\""));
    while (q.next())
        versions << q.value(0).toString();
    return versions;
}

// Mentions that the connection went away, in libpq's or the server's words.
bool saysConnectionLost(const QString &text)
{
    return text.contains(QLatin1String("terminat"), Qt::CaseInsensitive) ||
           text.contains(QLatin1String("server closed the connection"), Qt::CaseInsensitive) ||
           text.contains(QLatin1String("connection to server was lost"), Qt::CaseInsensitive);
}

// Restarts the server with pg_ctl on its data directory (pg_ctl reuses the options it was
// started with). Not pg_ctlcluster: concurrent pg_virtualenv clusters share its pid file.
QString restartServer(const QString &dataDirectory)
{
    const QString pgCtl = QStringLiteral("/usr/lib/postgresql/%1/bin/pg_ctl")
                              .arg(qEnvironmentVariable("PGVERSION", "15"));
    const QStringList pgCtlArgs{
        QStringLiteral("-D"),      dataDirectory,
        QStringLiteral("restart"), QStringLiteral("-m"),
        QStringLiteral("fast"),    QStringLiteral("-w"),
        QStringLiteral("-l"),      dataDirectory + QStringLiteral("/restart.log")};
    QProcess ctl;
    ctl.setProcessChannelMode(QProcess::MergedChannels);
    if (::geteuid() == 0) // pg_ctl refuses to run as root
        ctl.start(QStringLiteral("runuser"),
                  QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                              QStringLiteral("--"), pgCtl} +
                      pgCtlArgs);
    else
        ctl.start(pgCtl, pgCtlArgs);
    if (!ctl.waitForFinished(60000) || ctl.exitStatus() != QProcess::NormalExit ||
        ctl.exitCode() != 0)
        return QStringLiteral("pg_ctl restart failed: ") + QString::fromUtf8(ctl.readAll());
    return {};
}

} // namespace

class TestDroppedConnection : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(test::cliPath()), "STRATA_CLI must name the built strata-cli");
    }

    void duringApply_data()
    {
        QTest::addColumn<bool>("restart"); // restart the server instead of ending one backend
        QTest::newRow("pg_terminate_backend") << false;
        QTest::newRow("server restart") << true;
    }

    void duringApply()
    {
        QFETCH(bool, restart);
        STRATA_SCRATCH(db, Engine::Postgres);
        QTemporaryDir dir;
        writeFolder(dir.path());
        const QStringList up{"--db", db.url(), "--migrations", dir.path(), "up"};
        {
            auto observer = test::openSession(db.url());
            QProcess *run = test::startCli(up);
            const int pid = waitForBackend(*observer, QStringLiteral("pg_sleep"));
            QVERIFY2(pid > 0, "the migration never reached its slow statement");
            if (restart) {
                const QString dataDirectory =
                    observer->scalar(QStringLiteral("SHOW data_directory"))->toString();
                observer.reset(); // the restart ends this session too
                const QString problem = restartServer(dataDirectory);
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
            } else {
                QVERIFY(observer->scalar(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid))
                            ->toBool());
            }
            const test::CliRun cut = test::finishCli(run);
            QCOMPARE(cut.exitCode, 1);
            QVERIFY2(cut.text().contains(QLatin1String("V2__slow.sql")) &&
                         saysConnectionLost(cut.text()),
                     qPrintable(cut.describe()));
        }
        auto session = test::openSession(db.url());
        // v1 committed before the cut; v2 was rolled back whole; v3 never started.
        QCOMPARE(appliedVersions(*session), QStringList{"1"});
        QVERIFY(tableExists(*session, "first_table"));
        QVERIFY(!tableExists(*session, "slow_table"));
        auto locks = session->scalar(
            QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
        QCOMPARE(locks->toInt(), 0);
        const test::CliRun rerun = test::runCli(up);
        QVERIFY2(rerun.exitCode == 0, qPrintable(rerun.describe()));
        QCOMPARE(appliedVersions(*session), (QStringList{"1", "2", "3"}));
        QCOMPARE(test::rowCount(*session, "slow_table"), 1000);
    }

    void duringTrial()
    {
        STRATA_SCRATCH(db, Engine::Postgres);
        QTemporaryDir dir;
        writeFolder(dir.path());
        const QStringList trial{"--db", db.url(), "--migrations", dir.path(), "dry-run"};
        auto observer = test::openSession(db.url());
        QProcess *run = test::startCli(trial);
        const int pid = waitForBackend(*observer, QStringLiteral("pg_sleep"));
        QVERIFY2(pid > 0, "the trial never reached its slow statement");
        QVERIFY(
            observer->scalar(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid))->toBool());
        const test::CliRun cut = test::finishCli(run);
        QCOMPARE(cut.exitCode, 1);
        QVERIFY2(saysConnectionLost(cut.text()), qPrintable(cut.describe()));
        // A trial changes nothing, finished or cut off.
        QVERIFY(!tableExists(*observer, "first_table"));
        QVERIFY(!tableExists(*observer, "slow_table"));
        const test::CliRun rerun = test::runCli(trial);
        QVERIFY2(rerun.exitCode == 0, qPrintable(rerun.describe()));
        QVERIFY(!tableExists(*observer, "slow_table"));
    }

    void duringTransfer()
    {
        STRATA_SCRATCH(target, Engine::Postgres);
        QTemporaryDir dir;
        const QString source =
            QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("source.db"));
        constexpr int tables = 4, rows = 150000;
        {
            auto s = test::openSession(source);
            for (int t = 0; t < tables; ++t) {
                s->exec(QStringLiteral("CREATE TABLE big%1 (id INTEGER PRIMARY KEY, note TEXT)")
                            .arg(t));
                s->exec(QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                                       "FROM c WHERE x < %1) "
                                       "INSERT INTO big%2 SELECT x, 'note number ' || x FROM c")
                            .arg(rows)
                            .arg(t));
            }
        }
        const QStringList args{"transfer", source, target.url(), "--jobs", "1"};
        auto observer = test::openSession(target.url());
        QProcess *run = test::startCli(args);
        const int pid = waitForBackend(*observer, QStringLiteral("COPY"));
        QVERIFY2(pid > 0, "the transfer never started a COPY");
        QVERIFY(
            observer->scalar(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid))->toBool());
        const test::CliRun cut = test::finishCli(run);
        QVERIFY2(cut.exitCode == 1 && saysConnectionLost(cut.text()), qPrintable(cut.describe()));
        // Every table there is complete (each is created and loaded in one transaction).
        for (int t = 0; t < tables; ++t) {
            const QString name = QStringLiteral("big%1").arg(t);
            if (tableExists(*observer, name))
                QCOMPARE(test::rowCount(*observer, name), rows);
        }
        const test::CliRun rerun = test::runCli(args + QStringList{"--resume"});
        QVERIFY2(rerun.exitCode == 0, qPrintable(rerun.describe()));
        for (int t = 0; t < tables; ++t)
            QCOMPARE(test::rowCount(*observer, QStringLiteral("big%1").arg(t)), rows);
    }
};

QTEST_GUILESS_MAIN(TestDroppedConnection)
#include "tst_droppedconnection.moc"
