// ColumnProfiler::profileAll on real SQLite files: the parallel passes (tables and rowid
// ranges on connections of their own) give exactly the figures of one pass per table on the
// session, and a WAL file is profiled on the session alone.

#include "TestDatabases.h"
#include "schema/Introspector.h"
#include "transfer/ColumnProfiler.h"

#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace strata;

namespace {

QString figures(const TableProfile &p)
{
    QStringList out{QString::number(p.rows)};
    for (const ColumnProfile &c : p.columns)
        out << QStringLiteral("%1/%2/%3/%4/%5 bytes %6 chars %7 int %8..%9 real %10..%11 iso "
                              "%12/%13/%14 bad %15/%16 misfit %17")
                   .arg(c.nulls)
                   .arg(c.integers)
                   .arg(c.reals)
                   .arg(c.texts)
                   .arg(c.blobs)
                   .arg(c.maxTextBytes)
                   .arg(c.maxTextChars)
                   .arg(c.minInteger)
                   .arg(c.maxInteger)
                   .arg(c.minReal, 0, 'g', 17)
                   .arg(c.maxReal, 0, 'g', 17)
                   .arg(c.isoDateTexts)
                   .arg(c.isoDateOnlyTexts)
                   .arg(c.isoZonedTexts)
                   .arg(c.badTexts)
                   .arg(c.nulTexts)
                   .arg(c.numericMisfits);
    return out.join(u'\n');
}

} // namespace

class TestProfileRuns : public QObject {
    Q_OBJECT

private slots:
    void parallelEqualsSerial_data()
    {
        QTest::addColumn<QString>("journal");
        QTest::newRow("rollback journal (parallel)") << "delete";
        QTest::newRow("wal (on the session)") << "wal";
    }

    void parallelEqualsSerial()
    {
        QFETCH(QString, journal);
        QTemporaryDir dir;
        auto session = DatabaseSession::open(
            *ConnectionSpec::parse(QStringLiteral("sqlite://") + dir.filePath("p.db")));
        QVERIFY(session.ok());
        DatabaseSession &s = **session;
        for (const QString &sql : {
                 QStringLiteral("PRAGMA journal_mode = ") + journal,
                 // Rowids with gaps and negative ones; every storage class, extremes in the
                 // middle of the table, ISO texts, bad UTF-8, NUMERIC(5,2) misfits.
                 QStringLiteral("CREATE TABLE big (id INTEGER PRIMARY KEY, v, d DATETIME, "
                                "n NUMERIC(5,2))"),
                 QStringLiteral(
                     "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
                     "260000) INSERT INTO big SELECT x * 3 - 1000, CASE x % 5 WHEN 0 THEN x WHEN "
                     "1 THEN x / 7.0 WHEN 2 THEN hex(x) WHEN 3 THEN NULL ELSE randomblob(4) "
                     "END, CASE WHEN x % 2 THEN '2024-01-02 10:00:00' ELSE '2024-01-02' END, "
                     "x / 100.0 FROM c"),
                 QStringLiteral("UPDATE big SET v = 9223372036854775807 WHERE id = 200000"),
                 QStringLiteral("UPDATE big SET v = -1e300 WHERE id = 350000"),
                 QStringLiteral("UPDATE big SET v = CAST(x'61c328' AS TEXT) WHERE id = 500000"),
                 QStringLiteral("CREATE TABLE small (k TEXT PRIMARY KEY, w) WITHOUT ROWID"),
                 QStringLiteral("INSERT INTO small VALUES ('a', 1), ('b', 'x'), ('c', NULL)"),
                 QStringLiteral("CREATE TABLE empty (a INTEGER, b TEXT)"),
             }) {
            auto r = s.exec(sql);
            QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        }
        auto schema = Introspector::read(s);
        QVERIFY(schema.ok());
        QList<const Table *> tables;
        for (const Table &t : schema->tables)
            tables << &t;
        QCOMPARE(tables.size(), 3);

        struct Labels final : Progress {
            void report(int, int, const QString &label) override { seen << label; }
            QStringList seen;
        } labels;
        auto all = ColumnProfiler::profileAll(s, tables, &labels);
        QVERIFY2(all.ok(), qPrintable(all.error().toString()));
        QCOMPARE(all->size(), 3);
        for (const Table *t : tables) {
            auto one = ColumnProfiler::profile(s, *t);
            QVERIFY(one.ok());
            QVERIFY(all->contains(t->name));
            QCOMPARE(figures(all->value(t->name)), figures(*one));
        }
        // Which way it went: parts of big (rowid span 780,000: 8 parts, as 2 cores allow) on
        // their own connections, or one table after another on the session.
        const QString seen = labels.seen.join(u'\n');
        if (journal == QLatin1String("wal") || QThread::idealThreadCount() < 2)
            QVERIFY2(seen.contains("profiling big") && !seen.contains("parts"), qPrintable(seen));
        else
            QVERIFY2(seen.contains("profiling 3 tables") && seen.contains("of 10 parts"),
                     qPrintable(seen));
        QCOMPARE(all->value("big").rows, 260000);
        QCOMPARE(all->value("big").columns[1].maxInteger, Q_INT64_C(9223372036854775807));
        QCOMPARE(all->value("big").columns[1].badTexts, 1);
    }
};

QTEST_GUILESS_MAIN(TestProfileRuns)
#include "tst_profileruns.moc"
