// The loader against real databases, beyond the data itself: a view PostgreSQL refuses
// (rolled back to its savepoint, listed as manual work), COLLATE NOCASE columns as citext or
// an ICU collation, and progress per table and overall (core and the CLI's bars).

#include "TestDatabases.h"
#include "TransferRunSupport.h"
#include "transfer/Transfer.h"
#include "transfer/TransferPlanner.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using strata::test::cli;
using strata::test::CliRun;
using strata::test::describe;
using strata::test::scalar;
using strata::test::ScratchDatabase;

namespace {

std::unique_ptr<DatabaseSession> open(const QString &url)
{
    return test::openUrl(url);
}

TransferPlan planFor(DatabaseSession &sqlite, const TransferOptions &options = {})
{
    auto planned = TransferPlanner::plan(sqlite, options);
    if (!planned)
        qFatal("planner: %s", qPrintable(planned.error().toString()));
    return *planned;
}

} // namespace

class TestTransferObjects : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_big;

private slots:
    void initTestCase()
    {
        m_big = m_dir.filePath(QStringLiteral("big.db"));
        auto b = open(QStringLiteral("sqlite://") + m_big);
        QVERIFY(
            b->exec(QStringLiteral("CREATE TABLE small (id INTEGER PRIMARY KEY, name TEXT)")).ok());
        QVERIFY(b->exec(QStringLiteral("INSERT INTO small VALUES (1, 'a'), (2, 'b')")).ok());
        QVERIFY(b->exec(QStringLiteral("CREATE TABLE big (id INTEGER PRIMARY KEY, small_id "
                                       "INTEGER REFERENCES small(id), payload TEXT, amount REAL)"))
                    .ok());
        QVERIFY(b->exec(QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                                       "FROM c WHERE x < 400000) INSERT INTO big SELECT x, 1 + x "
                                       "% 2, hex(randomblob(60)), x / 7.0 FROM c"))
                    .ok());
    }

    // A view whose translation PostgreSQL refuses (abs() of a text column, which the
    // translator does not type) is rolled back to its savepoint and listed as manual work; the
    // views that work, the trigger, keys and foreign keys are created and the data verifies.
    void refusedViewIsManualWork()
    {
        STRATA_SCRATCH(pg, Engine::Postgres);
        const QString path = m_dir.filePath(QStringLiteral("views.db"));
        {
            auto s = open(QStringLiteral("sqlite://") + path);
            for (const char *sql : {
                     "CREATE TABLE owner (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
                     "CREATE TABLE event (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES "
                     "owner(id), at DATETIME, note TEXT)",
                     "INSERT INTO owner VALUES (1, 'ann'), (2, 'bo')",
                     "INSERT INTO event VALUES (1, 1, '2024-01-02 10:00:00', 'a'), (2, 2, 'soon', "
                     "NULL), (3, 1, 1700000000, 'c')",
                     "CREATE VIEW upcoming AS SELECT id, abs(note) AS n FROM event WHERE at > "
                     "datetime('now')",
                     "CREATE VIEW named AS SELECT e.id, ifnull(o.name, '?') AS who FROM event e "
                     "LEFT JOIN owner o ON o.id = e.owner",
                     "CREATE TRIGGER event_note AFTER INSERT ON event BEGIN UPDATE event SET note "
                     "= ifnull(NEW.note, 'new') WHERE id = NEW.id; END",
                 }) {
                auto r = s->exec(QString::fromUtf8(sql));
                QVERIFY2(r.ok(), qPrintable(r.error().toString()));
            }
        }
        auto sqlite = open(QStringLiteral("sqlite://") + path);
        const TransferPlan plan = planFor(*sqlite);
        const TableDecision *event = plan.table(QStringLiteral("event"));
        QVERIFY(event);
        QCOMPARE(event->column(QStringLiteral("at"))->targetType, QStringLiteral("text"));
        QCOMPARE(plan.translatedObjects.size(), 3); // both views and the trigger translate
        const TransferResult r = Transfer::run(sqlite->spec(), pg.spec(), plan, {});
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        for (const TableResult &t : r.tables)
            QVERIFY2(t.verified, qPrintable(describe(r)));
        QCOMPARE(r.manualWork.size(), 1);
        const ManualWork &m = r.manualWork.first();
        QCOMPARE(m.kind, QStringLiteral("view"));
        QCOMPARE(m.name, QStringLiteral("upcoming"));
        QVERIFY2(m.originalSql.contains(QLatin1String("abs(note)")), qPrintable(m.originalSql));
        QVERIFY2(m.reason.contains(QLatin1String("function abs(text) does not exist")),
                 qPrintable(m.reason));
        QVERIFY(r.warnings.join(u'\n').contains(QLatin1String("view upcoming not created")));

        auto target = open(pg.url());
        QVERIFY(scalar(*target, "SELECT to_regclass('public.upcoming') IS NULL").toBool());
        QCOMPARE(scalar(*target, "SELECT string_agg(who, ',' ORDER BY id) FROM named").toString(),
                 QStringLiteral("ann,bo,ann"));
        QCOMPARE(scalar(*target, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND "
                                 "convalidated")
                     .toInt(),
                 1);
        QCOMPARE(scalar(*target, "INSERT INTO event (owner) VALUES (2) RETURNING id").toInt(), 4);
        QCOMPARE(scalar(*target, "SELECT note FROM event WHERE id = 4").toString(),
                 QStringLiteral("new")); // the trigger runs
        QVERIFY(
            scalar(*target, "SELECT to_regclass('public.strata_transfer_state') IS NULL").toBool());

        // The CLI lists it too, and the run still succeeds.
        const CliRun run = cli({"transfer", QStringLiteral("sqlite://") + path, pg.url(),
                                "--drop-existing", "--json"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray manual = run.json().value("manualWork").toArray();
        QCOMPARE(manual.size(), 1);
        QCOMPARE(manual.first()["name"].toString(), QStringLiteral("upcoming"));
        QVERIFY(run.err.contains("manual work: view upcoming"));
    }

    // COLLATE NOCASE columns load (binary COPY into citext or an ICU case-insensitive
    // collation), verify, and compare case-insensitively in PostgreSQL.
    void nocaseLoads_data()
    {
        QTest::addColumn<QString>("choice");
        QTest::newRow("citext") << "citext";
        QTest::newRow("icu") << "icu";
    }

    void nocaseLoads()
    {
        QFETCH(QString, choice);
        STRATA_SCRATCH(pg, Engine::Postgres);
        const QString path = m_dir.filePath(QStringLiteral("nocase-%1.db").arg(choice));
        {
            auto s = open(QStringLiteral("sqlite://") + path);
            QVERIFY(s->exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT "
                                           "COLLATE NOCASE UNIQUE, code VARCHAR(10) COLLATE "
                                           "NOCASE)"))
                        .ok());
            QVERIFY(s->exec(QStringLiteral(
                                "INSERT INTO t VALUES (1, 'Ann', 'x'), (2, 'bob', NULL), (3, "
                                "'Zoë', 'É')"))
                        .ok());
        }
        auto sqlite = open(QStringLiteral("sqlite://") + path);
        TransferOptions options;
        options.nocase = choice;
        const TransferResult r =
            Transfer::run(sqlite->spec(), pg.spec(), planFor(*sqlite, options), {});
        QVERIFY2(r.ok() && r.tables.size() == 1 && r.tables.first().verified,
                 qPrintable(describe(r)));
        auto target = open(pg.url());
        QCOMPARE(scalar(*target, "SELECT id FROM t WHERE name = 'ANN' AND code = 'X'").toInt(), 1);
        QCOMPARE(scalar(*target, "SELECT pg_typeof(name)::text FROM t LIMIT 1").toString(),
                 choice == QLatin1String("citext") ? QStringLiteral("citext")
                                                   : QStringLiteral("text"));
    }

    // Binary COPY writes numeric, timestamps, dates, floats and booleans in wire form: the
    // stored values, display scale included ("1.50", "0.00001"), equal text COPY's.
    void binaryEqualsTextCopy()
    {
        STRATA_SCRATCH(pg, Engine::Postgres);
        const QString path = m_dir.filePath(QStringLiteral("wire.db"));
        {
            auto s = open(QStringLiteral("sqlite://") + path);
            QVERIFY(s->exec(QStringLiteral("CREATE TABLE wire (id INTEGER PRIMARY KEY, n, r REAL, "
                                           "t TEXT, d TEXT, b INTEGER, z BLOB)"))
                        .ok());
            QVERIFY(
                s
                    ->exec(QStringLiteral(
                        "INSERT INTO wire (n, r, t, d, b, z) VALUES "
                        "('1.50', 0.1, '2024-02-29 23:59:59.999999', '2024-02-29', 1, x''), "
                        "('NaN', -0.0, '1970-01-01T00:00:00Z', '0001-01-01', 0, x'00ff'), "
                        "('-Infinity', 1e308, '1999-12-31 23:59:59+05:30', '1999-12-31', 1, "
                        "NULL), ('inf', 5e-324, '2000-01-01', '2000-01-01', 0, x'5c'), "
                        "('1e-5', -2.5, '1969-07-20 20:17:40', '1969-07-20', NULL, x'0a0d09'), "
                        "('-0.000', 3.0, '9999-12-31 23:59:59', '9999-12-31', 1, x'41'), "
                        "(' +.5 ', 1e15, '2038-01-19 03:14:08.5', '2038-01-19', 0, x'42'), "
                        "('5.', 123456789.123, '1900-03-01 00:00:00', '1900-03-01', 1, x'43'), "
                        "('-123456789012345678901234567890.0123456789e-3', NULL, NULL, NULL, 0, "
                        "x''), ('1E+20', 7, '2024-01-01 00:00', '2024-01-01', 1, x'44'), "
                        "(12345678, 0.5, '2024-06-30 12:00:00', '2024-06-30', 0, x'45'), "
                        "(-0.25, 1.5, '2024-06-30 12:00:00.000001', '2024-06-30', 1, x'46')"))
                    .ok());
        }
        const QString mapping = m_dir.filePath(QStringLiteral("wire.json"));
        {
            QFile f(mapping);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"tables": {"wire": {"columns": {
                "n": {"type": "numeric"}, "t": {"type": "timestamp with time zone",
                "transform": "iso_text"}, "d": {"type": "date", "transform": "iso_text"},
                "b": {"type": "boolean", "transform": "bool_from_int"}}}}})");
        }
        auto sqlite = open(QStringLiteral("sqlite://") + path);
        TransferOptions options;
        options.mappingFile = mapping;
        const TransferPlan plan = planFor(*sqlite, options);
        auto target = open(pg.url());
        QStringList stored;
        for (bool binary : {true, false}) {
            RunOptions run;
            run.binaryCopy = binary;
            run.dropExisting = true;
            const TransferResult r = Transfer::run(sqlite->spec(), pg.spec(), plan, run);
            QVERIFY2(r.ok() && r.tables.first().verified, qPrintable(describe(r)));
            stored << scalar(*target, "SELECT string_agg(concat_ws('|', n, r, t, d, b, "
                                      "encode(z, 'hex')), E'\\n' ORDER BY id) FROM wire")
                          .toString();
            QVERIFY(scalar(*target, "SELECT pg_typeof(n)::text || pg_typeof(t)::text FROM wire "
                                    "LIMIT 1")
                        .toString() == QLatin1String("numerictimestamp with time zone"));
        }
        QCOMPARE(stored.first(), stored.last());
        QVERIFY2(stored.first().startsWith(QLatin1String("1.50|0.1|2024-02-29 23:59:59.999999+00|"
                                                         "2024-02-29|t|")),
                 qPrintable(stored.first()));
        QVERIFY2(stored.first().contains(QLatin1String("\n0.00001|")) &&
                     stored.first().contains(QLatin1String("\n0.000|")) &&
                     stored.first().contains(QLatin1String("\n-Infinity|")) &&
                     stored.first().contains(QLatin1String("\n100000000000000000000|")),
                 qPrintable(stored.first()));
    }

    // Progress: per table and overall (rows, MB/s, ETA) through TransferProgress, and the CLI's
    // bars on a terminal (a pseudo-terminal from script(1)).
    void progressPerTableAndOverall()
    {
        STRATA_SCRATCH(pg, Engine::Postgres);
        auto sqlite = open(QStringLiteral("sqlite://") + m_big);
        struct Recorder final : TransferProgress {
            void tables(const QList<TableProgress> &tables, qint64) override
            {
                for (const TableProgress &t : tables) {
                    if (t.table != QLatin1String("big"))
                        continue;
                    if (t.phase == TableProgress::Loading && t.rows > 0 && t.rows < t.totalRows &&
                        t.bytes > 0)
                        ++partial;
                    last = t;
                }
            }
            void report(int, int, const QString &label) override { labels << label; }
            int partial = 0;
            TableProgress last;
            QStringList labels;
        } recorder;
        RunOptions options;
        options.jobs = 2;
        const TransferResult r =
            Transfer::run(sqlite->spec(), pg.spec(), planFor(*sqlite), options, &recorder);
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QVERIFY(recorder.partial > 0); // seen mid-load, with rows and bytes
        QCOMPARE(recorder.last.phase, TableProgress::Done);
        QCOMPARE(recorder.last.rows, 400000);
        QCOMPARE(recorder.last.totalRows, 400000);
        const QString labels = recorder.labels.join(u'\n');
        QVERIFY2(labels.contains(QLatin1String("of 2 tables done")) &&
                     labels.contains(QLatin1String("MB/s")) &&
                     labels.contains(QLatin1String("ETA")) &&
                     labels.contains(QLatin1String("after the load")),
                 qPrintable(labels));

        QProcess p;
        p.start(QStringLiteral("script"),
                {"-qec",
                 QStringLiteral("%1 transfer sqlite://%2 '%3' --drop-existing --jobs 2")
                     .arg(qEnvironmentVariable("STRATA_CLI"), m_big, pg.url()),
                 "/dev/null"});
        QVERIFY(p.waitForFinished(300000));
        const QString tty = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(p.exitCode() == 0, qPrintable(tty));
        QVERIFY2(tty.contains(QLatin1String("overall")) && tty.contains(QLatin1String("MB/s")) &&
                     tty.contains(QLatin1String("/400000 rows")) &&
                     tty.contains(QLatin1String("[#")) && tty.contains(QLatin1String("\x1b[")),
                 qPrintable(tty));
    }
};

QTEST_GUILESS_MAIN(TestTransferObjects)
#include "tst_transferobjects.moc"
