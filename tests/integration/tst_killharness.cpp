// Kill harness: runs `strata-cli up`, `down` and `transfer` against real SQLite and PostgreSQL
// databases and SIGKILLs them at random moments (seeded, so a run can be repeated). After each
// kill it checks that the history table agrees with the schema (an applied version's objects
// exist, a pending one's do not), that no lock is left held, and that the next run completes.
//
// STRATA_KILLS (default 100) is the total number of kills, split between the modes as
// kills/100 * {sqlite up 15, sqlite down 15, postgresql up 20, postgresql down 20, transfer 30}.
// STRATA_KILL_SEED (default 20261124) seeds the moments. The summary line names both.

#include "TestDatabases.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace strata;

namespace {

constexpr int versions = 8;
constexpr int rowsPerVersion = 30000;

struct KillTally {
    int kills = 0;          // processes actually killed mid-run
    int finishedFirst = 0;  // the random moment came after the run had finished
    int inconsistent = 0;   // states that broke an invariant (must stay 0)
    qint64 maxSettleMs = 0; // longest wait for the killed server backend to go away
};

int killBudget(int share)
{
    bool ok = false;
    const int total = qEnvironmentVariableIntValue("STRATA_KILLS", &ok);
    return std::max(1, (ok ? total : 100) * share / 100);
}

quint32 seed()
{
    bool ok = false;
    const int s = qEnvironmentVariableIntValue("STRATA_KILL_SEED", &ok);
    return ok ? quint32(s) : 20261124u;
}

// One migration folder per engine: each version makes a table, an index and rows (the rows make
// each transaction last long enough for kills to land inside it).
QString writeFolder(const QString &dir, Engine engine)
{
    QList<QPair<QString, QByteArray>> files;
    for (int v = 1; v <= versions; ++v) {
        const QString fill =
            engine == Engine::Sqlite
                ? QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                                 "WHERE x < %1) "
                                 "INSERT INTO t%2 (id, payload) SELECT x, 'row ' || x FROM c;\n")
                : QStringLiteral("INSERT INTO t%2 (id, payload) SELECT g, 'row ' || g FROM "
                                 "generate_series(1, %1) g;\n");
        const QString up =
            QStringLiteral("CREATE TABLE t%1 (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);\n")
                .arg(v) +
            fill.arg(rowsPerVersion).arg(v) +
            QStringLiteral("CREATE INDEX i%1 ON t%1 (payload);\n").arg(v);
        files.append({QStringLiteral("V%1__step_%1.sql").arg(v), up.toUtf8()});
        files.append({QStringLiteral("U%1__step_%1.sql").arg(v),
                      QStringLiteral("DROP TABLE t%1;\n").arg(v).toUtf8()});
    }
    test::writeFiles(dir, files);
    return dir;
}

struct Run {
    bool killed = false;
    int exitCode = -1;
    QByteArray output;
};

QString cli()
{
    return qEnvironmentVariable("STRATA_CLI");
}

// Starts strata-cli and, when delayMs >= 0, SIGKILLs it after that long if it is still running.
Run runCli(const QStringList &args, int delayMs = -1)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(cli(), args);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    if (delayMs >= 0 && !p.waitForFinished(delayMs)) {
        p.kill(); // SIGKILL on Unix
        r.killed = true;
    }
    p.waitForFinished(300000);
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = p.readAll();
    return r;
}

// PostgreSQL ends a dead client's backend only when it next talks to it: wait until the
// database has no other session, so the checks see the state the server settled on.
qint64 settle(DatabaseSession &session)
{
    if (session.dialect().engine() != Engine::Postgres)
        return 0;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 30000) {
        auto others =
            session.scalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                          "current_database() AND pid <> pg_backend_pid()"));
        if (others && others->toInt() == 0)
            break;
        QThread::msleep(20);
    }
    return t.elapsed();
}

// Empty when no lock is held: no advisory lock on PostgreSQL, a free write lock on SQLite.
QString lockProblem(const QString &url, DatabaseSession &session)
{
    if (session.dialect().engine() == Engine::Postgres) {
        auto held = session.scalar(
            QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
        if (!held)
            return held.error().toString();
        return held->toInt() == 0
                   ? QString()
                   : QStringLiteral("%1 advisory lock(s) still held").arg(held->toInt());
    }
    OpenOptions noWait;
    noWait.busyTimeoutMs = 0;
    auto probe = DatabaseSession::open(*ConnectionSpec::parse(url), noWait);
    if (!probe)
        return probe.error().toString();
    auto begun = (*probe)->exec(QStringLiteral("BEGIN IMMEDIATE"));
    if (!begun)
        return QStringLiteral("the database is still locked: ") + begun.error().toString();
    (*probe)->exec(QStringLiteral("ROLLBACK"));
    return {};
}

bool objectExists(DatabaseSession &session, const QString &name, const char *kind)
{
    const QString sql =
        session.dialect().engine() == Engine::Sqlite
            ? QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = '%1' AND name = '%2'")
                  .arg(kind, name)
            : QStringLiteral(
                  "SELECT count(*) FROM pg_class WHERE relname = '%2' AND relkind = '%1' "
                  "AND relnamespace = 'public'::regnamespace")
                  .arg(QLatin1String(kind) == QLatin1String("table") ? "r" : "i", name);
    auto n = session.scalar(sql);
    return n && n->toInt() > 0;
}

// Empty when the history agrees with the schema; otherwise what disagrees.
QStringList historyProblems(DatabaseSession &session, int *appliedCount = nullptr)
{
    QStringList problems;
    QSet<int> applied;
    if (objectExists(session, QStringLiteral("strata_schema_history"), "table")) {
        QSqlQuery q(session.database());
        if (!q.exec(QStringLiteral("SELECT version, success FROM strata_schema_history")))
            return {QStringLiteral("cannot read the history")};
        while (q.next()) {
            if (!q.value(1).toBool())
                problems
                    << QStringLiteral("version %1 recorded as failed").arg(q.value(0).toString());
            else if (applied.contains(q.value(0).toInt()))
                problems << QStringLiteral("version %1 recorded twice").arg(q.value(0).toString());
            applied.insert(q.value(0).toInt());
        }
    }
    for (int v = 1; v <= versions; ++v) {
        const bool isApplied = applied.contains(v);
        const bool table = objectExists(session, QStringLiteral("t%1").arg(v), "table");
        const bool index = objectExists(session, QStringLiteral("i%1").arg(v), "index");
        if (table != isApplied || index != isApplied)
            problems << QStringLiteral("version %1 is %2 but table=%3 index=%4")
                            .arg(v)
                            .arg(isApplied ? "applied" : "not applied")
                            .arg(table)
                            .arg(index);
        if (table && test::rowCount(session, QStringLiteral("t%1").arg(v)) != rowsPerVersion)
            problems << QStringLiteral("table t%1 has %2 rows")
                            .arg(v)
                            .arg(test::rowCount(session, QStringLiteral("t%1").arg(v)));
    }
    if (appliedCount)
        *appliedCount = int(applied.size());
    return problems;
}

constexpr int transferTables = 5;
constexpr int transferRows = 40000;

// The transfer source: a parent table, a child with a foreign key to it, and plain tables.
void writeSource(const QString &url)
{
    auto s = test::openSession(url);
    const QString rows =
        QStringLiteral(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %1) ")
            .arg(transferRows);
    s->exec(QStringLiteral("CREATE TABLE s0 (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"));
    s->exec(rows + QStringLiteral("INSERT INTO s0 SELECT x, 'name ' || x FROM c"));
    for (int t = 1; t < transferTables; ++t) {
        s->exec(QStringLiteral(
                    "CREATE TABLE s%1 (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES s0 (id), "
                    "amount REAL, note TEXT)")
                    .arg(t));
        s->exec(rows +
                QStringLiteral("INSERT INTO s%1 SELECT x, x, x * 1.5, 'note ' || x FROM c").arg(t));
    }
}

// Empty when the target is consistent: every table there has all its rows and (until the
// transfer finished) a state row; with `finished`, every table is there and the state is gone.
QStringList transferProblems(DatabaseSession &pg, bool finished)
{
    QStringList problems;
    const bool stateTable = objectExists(pg, QStringLiteral("strata_transfer_state"), "table");
    if (finished && stateTable)
        problems << QStringLiteral("the finished transfer left strata_transfer_state behind");
    QSet<QString> recorded;
    if (stateTable) {
        QSqlQuery q(pg.database());
        q.exec(QStringLiteral("SELECT table_name, rows FROM strata_transfer_state"));
        while (q.next()) {
            recorded.insert(q.value(0).toString());
            if (q.value(1).toInt() != transferRows)
                problems << QStringLiteral("state records %1 rows for %2")
                                .arg(q.value(1).toInt())
                                .arg(q.value(0).toString());
        }
    }
    int present = 0;
    for (int t = 0; t < transferTables; ++t) {
        const QString name = QStringLiteral("s%1").arg(t);
        if (!objectExists(pg, name, "table")) {
            if (finished)
                problems << QStringLiteral("table %1 is missing").arg(name);
            continue;
        }
        ++present;
        if (test::rowCount(pg, name) != transferRows)
            problems
                << QStringLiteral("table %1 has %2 rows").arg(name).arg(test::rowCount(pg, name));
        if (stateTable && !recorded.contains(name))
            problems << QStringLiteral("table %1 is there but not recorded").arg(name);
    }
    // Without a state table the transfer either did not commit a table yet or finished whole.
    if (!stateTable && present != 0 && present != transferTables)
        problems << QStringLiteral("%1 of %2 tables and no transfer state")
                        .arg(present)
                        .arg(transferTables);
    return problems;
}

// Measures how long a complete run of `args` takes, so kill moments spread over all of it.
int calibrate(const QStringList &args)
{
    QElapsedTimer t;
    t.start();
    runCli(args);
    return std::max<int>(50, int(t.elapsed()));
}

} // namespace

class TestKillHarness : public QObject {
    Q_OBJECT

private:
    KillTally m_total;

    void summary(const char *mode, const KillTally &t)
    {
        qInfo("kill harness %s: %d kills (seed %u), %d runs finished before their kill moment, %d "
              "inconsistent "
              "states, longest server settle %lld ms",
              mode, t.kills, seed(), t.finishedFirst, t.inconsistent, t.maxSettleMs);
        m_total.kills += t.kills;
        m_total.finishedFirst += t.finishedFirst;
        m_total.inconsistent += t.inconsistent;
        m_total.maxSettleMs = std::max(m_total.maxSettleMs, t.maxSettleMs);
    }

    // After a kill: lock free, history agrees with schema. Counts and records what broke.
    void checkAfterKill(const QString &url, KillTally &tally, const QString &what)
    {
        auto session = test::openSession(url);
        tally.maxSettleMs = std::max(tally.maxSettleMs, settle(*session));
        const QString lock = lockProblem(url, *session);
        const QStringList problems = historyProblems(*session);
        if (!lock.isEmpty() || !problems.isEmpty()) {
            ++tally.inconsistent;
            qWarning("%s: %s %s", qPrintable(what), qPrintable(lock),
                     qPrintable(problems.join(QStringLiteral("; "))));
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(cli()), "STRATA_CLI must name the built strata-cli");
    }

    void upAndDown_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<int>("killsEach"); // per direction
        QTest::newRow("sqlite") << "sqlite" << killBudget(15);
        QTest::newRow("postgresql") << "postgresql" << killBudget(20);
    }

    // Each round: kill `up`, check, finish `up`, check; kill `down --to 0`, check, finish it,
    // check.
    void upAndDown()
    {
        QFETCH(QString, engine);
        QFETCH(int, killsEach);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        writeFolder(dir.path(), db.engine());
        const QStringList base{"--db", db.url(), "--migrations", dir.path()};
        const QStringList up = base + QStringList{"up"};
        const QStringList down = base + QStringList{"down", "--to", "0"};
        const int upMs = calibrate(up);
        const int downMs = calibrate(down);
        QRandomGenerator random(seed() + (engine == QLatin1String("sqlite") ? 1 : 2));
        KillTally tally;
        int upKills = 0, downKills = 0, rounds = 0;
        while ((upKills < killsEach || downKills < killsEach) && rounds++ < killsEach * 4) {
            for (const bool isUp : {true, false}) {
                int &kills = isUp ? upKills : downKills;
                const QStringList &args = isUp ? up : down;
                if (kills < killsEach) {
                    const int moment = int(random.bounded(isUp ? upMs : downMs));
                    const Run killed = runCli(args, moment);
                    if (killed.killed) {
                        ++kills;
                        ++tally.kills;
                        checkAfterKill(db.url(), tally,
                                       QStringLiteral("%1 %2 killed at %3 ms")
                                           .arg(engine, isUp ? "up" : "down")
                                           .arg(moment));
                    } else {
                        ++tally.finishedFirst;
                    }
                }
                const Run rerun = runCli(args);
                QVERIFY2(rerun.exitCode == 0, rerun.output.constData());
                auto session = test::openSession(db.url());
                int applied = -1;
                const QStringList problems = historyProblems(*session, &applied);
                QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
                QCOMPARE(applied, isUp ? versions : 0);
            }
        }
        summary(qPrintable(engine), tally);
        QCOMPARE(tally.inconsistent, 0);
        QVERIFY(upKills >= killsEach && downKills >= killsEach);
    }

    // Each round: kill `transfer`, check every committed table is complete and recorded, finish
    // with `--resume`, check the target is whole, then empty the target for the next round.
    void transfer()
    {
        STRATA_SCRATCH(target, Engine::Postgres);
        QTemporaryDir dir;
        const QString source =
            QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("source.db"));
        writeSource(source);
        const QStringList args{"transfer", source, target.url()};
        auto admin = test::openSession(target.url());
        admin->exec(QStringLiteral("SET client_min_messages = warning"));
        auto reset = [&] {
            admin->exec(QStringLiteral("DROP SCHEMA public CASCADE"));
            admin->exec(QStringLiteral("CREATE SCHEMA public"));
        };
        const int fullMs = calibrate(args);
        QVERIFY2(transferProblems(*admin, true).isEmpty(),
                 qPrintable(transferProblems(*admin, true).join(u'\n')));
        reset();
        const int budget = killBudget(30);
        QRandomGenerator random(seed() + 3);
        KillTally tally;
        int committedBeforeKill = 0; // killed between the final commit and the exit
        for (int round = 0; tally.kills < budget && round < budget * 4; ++round) {
            const int moment = int(random.bounded(fullMs));
            const Run killed = runCli(args, moment);
            if (!killed.killed) {
                ++tally.finishedFirst;
                reset();
                continue;
            }
            ++tally.kills;
            tally.maxSettleMs = std::max(tally.maxSettleMs, settle(*admin));
            const QString lock = lockProblem(target.url(), *admin);
            const QStringList problems = transferProblems(*admin, false);
            if (!lock.isEmpty() || !problems.isEmpty()) {
                ++tally.inconsistent;
                qWarning("transfer killed at %d ms: %s %s", moment, qPrintable(lock),
                         qPrintable(problems.join(QStringLiteral("; "))));
            }
            // Killed after the final commit: the target is whole and --resume refuses (clearly) to
            // run again, so the next run that completes is a plain check that nothing is missing.
            const bool finished = transferProblems(*admin, true).isEmpty();
            if (finished) {
                ++committedBeforeKill;
                const Run again = runCli(args + QStringList{"--resume"});
                QVERIFY2(again.output.contains("already has every table"),
                         again.output.constData());
                reset();
                continue;
            }
            const Run rerun = runCli(args + QStringList{"--resume"});
            QVERIFY2(rerun.exitCode == 0, rerun.output.constData());
            const QStringList whole = transferProblems(*admin, true);
            QVERIFY2(whole.isEmpty(), qPrintable(whole.join(u'\n')));
            reset();
        }
        qInfo("kill harness transfer: %d kills came after the final commit", committedBeforeKill);
        summary("transfer", tally);
        QCOMPARE(tally.inconsistent, 0);
        QVERIFY(tally.kills >= budget);
    }

    void cleanupTestCase()
    {
        qInfo("kill harness total: %d kills, %d inconsistent states", m_total.kills,
              m_total.inconsistent);
    }
};

QTEST_GUILESS_MAIN(TestKillHarness)
#include "tst_killharness.moc"
