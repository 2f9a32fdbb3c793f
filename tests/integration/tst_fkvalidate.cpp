// Foreign keys after a transfer: VALIDATE runs as a merge anti-join over two index-only scans
// when the referencing columns lead an index (see AfterLoad.cpp), otherwise as PostgreSQL
// plans it. Either way a valid key ends validated and an orphan row fails the step clearly,
// with the loaded tables kept for --resume.

#include "TestDatabases.h"
#include "TransferRunSupport.h"
#include "transfer/Transfer.h"
#include "transfer/TransferPlanner.h"

#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using strata::test::describe;
using strata::test::scalar;
using strata::test::ScratchDatabase;

class TestFkValidate : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void validates_data()
    {
        QTest::addColumn<bool>("indexed");
        QTest::addColumn<bool>("orphan");
        QTest::newRow("indexed, valid") << true << false;
        QTest::newRow("indexed, an orphan row") << true << true;
        QTest::newRow("not indexed, valid") << false << false;
        QTest::newRow("not indexed, an orphan row") << false << true;
    }

    void validates()
    {
        QFETCH(bool, indexed);
        QFETCH(bool, orphan);
        STRATA_SCRATCH(pg, Engine::Postgres);
        const QString path =
            m_dir.filePath(QStringLiteral("fk%1%2.db").arg(int(indexed)).arg(int(orphan)));
        QFile::remove(path);
        auto sqlite = test::openUrl(QStringLiteral("sqlite://") + path);
        for (const QString &sql : {
                 QStringLiteral("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT)"),
                 QStringLiteral("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER "
                                "REFERENCES parent(id), note TEXT)"),
                 QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
                                "WHERE x < 5000) INSERT INTO parent SELECT x, 'p' || x FROM n"),
                 QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
                                "WHERE x < 60000) INSERT INTO child SELECT x, 1 + x % 5000, "
                                "'c' || x FROM n"),
             })
            QVERIFY(sqlite->exec(sql).ok());
        if (indexed)
            QVERIFY(
                sqlite->exec(QStringLiteral("CREATE INDEX child_parent ON child(parent_id)")).ok());
        if (orphan) // SQLite does not enforce foreign keys unless asked to
            QVERIFY(sqlite
                        ->exec(QStringLiteral("UPDATE child SET parent_id = 99999 WHERE id = "
                                              "31234"))
                        .ok());
        auto plan = TransferPlanner::plan(*sqlite, {});
        QVERIFY(plan);
        const TransferResult r = Transfer::run(sqlite->spec(), pg.spec(), *plan, {});
        auto target = test::openUrl(pg.url());
        QCOMPARE(scalar(*target, QStringLiteral("SELECT count(*) FROM child")).toInt(), 60000);
        const QVariant validated =
            scalar(*target, QStringLiteral("SELECT bool_and(convalidated) FROM pg_constraint WHERE "
                                           "contype = 'f' AND conrelid = 'child'::regclass"));
        if (!orphan) {
            QVERIFY2(r.ok(), qPrintable(describe(r)));
            QCOMPARE(validated.toBool(), true);
            return;
        }
        QVERIFY2(!r.ok(), "an orphan row must fail the foreign key");
        const QString text = r.error->toString();
        QVERIFY2(text.contains(QStringLiteral("foreign key")) &&
                     text.contains(QStringLiteral("--resume")),
                 qPrintable(text));
        QVERIFY2(validated.isNull(), "the failed step keeps no foreign key");
        QCOMPARE(r.tables.size(), 2);
        QVERIFY(r.tables[0].verified && r.tables[1].verified);
    }
};

QTEST_GUILESS_MAIN(TestFkValidate)
#include "tst_fkvalidate.moc"
