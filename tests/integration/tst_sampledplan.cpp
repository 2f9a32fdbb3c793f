// Transfer::planAndRun: a plan decided from a sample of each big table's rows, confirmed by
// every table against all its rows while it loads. A row the sample missed that changes a
// decision (or that the sampled decision cannot take) rolls its table back and the transfer
// is planned again from every row; either way the result is exactly what a full plan gives.

#include "TestDatabases.h"
#include "TransferRunSupport.h"
#include "transfer/SampledPlan.h"
#include "transfer/Transfer.h"
#include "transfer/TransferPlanner.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using strata::test::describe;
using strata::test::scalar;
using strata::test::ScratchDatabase;

namespace {

constexpr int Rows = 120000;
constexpr int Deep = 61000; // between two sample windows (every 7,500 rowids, 256 rows each)

// A table of Rows rows whose column `c` (declared `type`) holds `normal` (SQL over x, the
// rowid) except at rowid Deep, which holds `deep`.
void makeTable(DatabaseSession &s, const QString &type, const QString &normal, const QString &deep,
               const QString &key)
{
    const QString create =
        key.isEmpty()
            ? QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, c %1, note TEXT)").arg(type)
            : QStringLiteral("CREATE TABLE t (id INTEGER, c %1 PRIMARY KEY, note TEXT)").arg(type);
    QVERIFY(s.exec(create).ok());
    QVERIFY(s.exec(QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
                                  "WHERE x < %1) INSERT INTO t SELECT x, CASE x WHEN %2 THEN %3 "
                                  "ELSE %4 END, 'row ' || x FROM n")
                       .arg(Rows)
                       .arg(Deep)
                       .arg(deep, normal))
                .ok());
}

QString decisionsOf(const TransferPlan &p)
{
    return p.decisionsText();
}

} // namespace

class TestSampledPlan : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void replans_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("normal");
        QTest::addColumn<QString>("deep");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("replan");
        QTest::addColumn<QString>("deepValue"); // as PostgreSQL prints c at rowid Deep

        QTest::newRow("nothing the sample misses") << "INTEGER"
                                                   << "x * 3"
                                                   << "7"
                                                   << "" << false << "7";
        QTest::newRow("text in an INTEGER column (the encoder refuses it)") << "INTEGER"
                                                                            << "x * 3"
                                                                            << "'n/a'"
                                                                            << "" << true << "n/a";
        QTest::newRow("too long for VARCHAR(10) (PostgreSQL refuses it)")
            << "VARCHAR(10)"
            << "'v' || (x % 100)"
            << "'twenty characters!!!'"
            << "" << true << "twenty characters!!!";
        QTest::newRow("an integer beyond 2^53 among reals (silent: only the profile tells)")
            << "NUMERIC"
            << "x / 4.0"
            << "9007199254740993"
            << "" << true << "9007199254740993";
        QTest::newRow("a NULL in a text primary key (the key would fail)") << "TEXT"
                                                                           << "'k' || x"
                                                                           << "NULL"
                                                                           << "pk" << true << "";
        QTest::newRow("an epoch number among ISO dates") << "DATETIME"
                                                         << "'2024-01-02 10:00:00'"
                                                         << "1700000000"
                                                         << "" << true << "1700000000";
    }

    // planAndRun gives the same plan and data as a full plan, replanning only when a row the
    // sample missed matters.
    void replans()
    {
        QFETCH(QString, type);
        QFETCH(QString, normal);
        QFETCH(QString, deep);
        QFETCH(QString, key);
        QFETCH(bool, replan);
        QFETCH(QString, deepValue);
        STRATA_SCRATCH(pg, Engine::Postgres);
        const QString path = m_dir.filePath(QStringLiteral("%1.db")
                                                .arg(QTest::currentDataTag())
                                                .replace(QRegularExpression("\\W"), "_"));
        QFile::remove(path);
        auto sqlite = test::openUrl(QStringLiteral("sqlite://") + path);
        makeTable(*sqlite, type, normal, deep, key);
        if (QTest::currentTestFailed())
            return;

        auto full = TransferPlanner::plan(*sqlite, {});
        QVERIFY2(full, qPrintable(full ? QString() : full.error().toString()));
        auto sample = TransferPlanner::planFromSample(*sqlite, {});
        QVERIFY(sample && sample->sampled);
        QVERIFY2(sample->tables.value(0).rows >= Rows - 1, "the sample's row count is an estimate");

        const Transfer::Planned run = Transfer::planAndRun(*sqlite, pg.spec(), {}, {});
        QVERIFY2(run.result.ok(), qPrintable(describe(run.result)));
        QVERIFY(run.plan);
        QCOMPARE(run.replanned.contains(QStringLiteral("t")), replan);
        if (!replan)
            QVERIFY2(run.result.profiles.contains(QStringLiteral("t")),
                     "the loader profiled every row");
        // The plan the transfer ends with is the full plan, decision by decision and DDL.
        QCOMPARE(decisionsOf(*run.plan), decisionsOf(*full));
        QCOMPARE(run.plan->ddlScript(), full->ddlScript());
        QCOMPARE(run.result.tables.size(), 1);
        QVERIFY(run.result.tables[0].verified);
        QCOMPARE(run.result.tables[0].rows, Rows);

        auto target = test::openUrl(pg.url());
        QCOMPARE(scalar(*target, QStringLiteral("SELECT count(*) FROM t")).toInt(), Rows);
        const QVariant v =
            scalar(*target, QStringLiteral("SELECT c::text FROM t WHERE id = %1").arg(Deep));
        if (deepValue.isEmpty())
            QVERIFY(v.isNull());
        else if (type == QLatin1String("DATETIME"))
            QVERIFY2(!v.toString().isEmpty(), "the epoch value arrived");
        else
            QCOMPARE(v.toString(), deepValue);
        QVERIFY2(
            scalar(*target, QStringLiteral("SELECT to_regclass('strata_transfer_state') IS NULL"))
                .toBool(),
            "a finished transfer leaves no bookkeeping behind");
    }

    // SampledPlan::differences names what a full profile changes, and nothing when it agrees.
    void differencesNameTheColumn()
    {
        const QString path = m_dir.filePath(QStringLiteral("diff.db"));
        QFile::remove(path);
        auto sqlite = test::openUrl(QStringLiteral("sqlite://") + path);
        makeTable(*sqlite, QStringLiteral("NUMERIC"), QStringLiteral("x / 4.0"),
                  QStringLiteral("0.5"), QString());
        auto sample = TransferPlanner::planFromSample(*sqlite, {});
        QVERIFY(sample && sample->sampled);
        const TableDecision &d = sample->tables.value(0);
        auto full = TransferPlanner::plan(*sqlite, {});
        QVERIFY(full);
        TableProfile every;
        every.rows = Rows;
        for (const ColumnDecision &c : full->tables.value(0).columns)
            every.columns << c.profile;
        QCOMPARE(sample->sampled->differences(d, every), QString());
        every.columns[1].integers = 1;
        every.columns[1].minInteger = every.columns[1].maxInteger = 9007199254740993LL;
        const QString diff = sample->sampled->differences(d, every);
        QVERIFY2(diff.contains(QStringLiteral("column c")) &&
                     diff.contains(QStringLiteral("numeric")),
                 qPrintable(diff));
        every.columns[0].maxInteger = Rows + 10; // the identity would continue elsewhere
        QVERIFY(sample->sampled->differences(d, every).contains(QStringLiteral("identity")));
    }
};

QTEST_GUILESS_MAIN(TestSampledPlan)
#include "tst_sampledplan.moc"
