// RecordedSchemas and DriftCheck on real databases: the schema at a version comes from the
// snapshots the migrator recorded, and drift is the live schema against the current version's.

#include "TestDatabases.h"
#include "migration/RecordedSchemas.h"

#include <QProcess>
#include <QtTest>

using namespace strata;

class TestRecordedSchemas : public QObject {
    Q_OBJECT

private slots:
    void schemaAtVersionAndDrift_data();
    void schemaAtVersionAndDrift();
    void nothingApplied();
    void cliDrift();
};

namespace {
QStringList tableNamesOf(const Schema &s)
{
    QStringList names;
    for (const Table &t : s.tables)
        names << t.name;
    return names;
}
} // namespace

void TestRecordedSchemas::schemaAtVersionAndDrift_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << "sqlite";
    QTest::newRow("postgresql") << "postgresql";
}

void TestRecordedSchemas::schemaAtVersionAndDrift()
{
    QFETCH(QString, engine);
    STRATA_SCRATCH(db, test::engineFromName(engine));
    auto session = test::openSession(db.url());
    Migrator migrator(*session, test::readFolder(test::demoFolder()));
    QVERIFY(migrator.up(Version::parse(QStringLiteral("5"))).ok());
    QVERIFY(migrator.up().ok());

    auto recorded = RecordedSchemas::read(migrator.history());
    QVERIFY2(recorded.ok(), qPrintable(recorded.ok() ? QString() : recorded.error().toString()));
    QStringList versions;
    for (const RecordedSchema &r : *recorded)
        versions << r.version;
    QCOMPARE(versions, (QStringList{"5", "10"})); // the last version of each run

    auto at5 = RecordedSchemas::at(migrator.history(), QStringLiteral("5"));
    QVERIFY(at5.ok());
    QCOMPARE(at5->schema.tables.size(), 5);
    QVERIFY(!tableNamesOf(at5->schema).contains(QStringLiteral("inventory")));
    auto at10 = RecordedSchemas::at(migrator.history(), QStringLiteral("10"));
    QVERIFY(at10.ok());
    QVERIFY(tableNamesOf(at10->schema).contains(QStringLiteral("inventory")));
    QVERIFY(at10->origin.contains(QLatin1String("after version 10")));

    auto at7 = RecordedSchemas::at(migrator.history(), QStringLiteral("7"));
    QVERIFY(!at7.ok());
    QVERIFY2(at7.error().message.contains(QLatin1String("recorded: 5, 10")),
             qPrintable(at7.error().message));

    auto clean = DriftCheck::run(*session, migrator.history());
    QVERIFY2(clean.ok(), qPrintable(clean.ok() ? QString() : clean.error().toString()));
    QCOMPARE(clean->version, QStringLiteral("10"));
    QVERIFY2(!clean->drifted(), qPrintable(clean->diff.forwardSql()));

    // Someone changes the database outside the migrations.
    QVERIFY(session->exec(QStringLiteral("CREATE TABLE drifted (id INTEGER)")).ok());
    auto drift = DriftCheck::run(*session, migrator.history());
    QVERIFY(drift.ok());
    QVERIFY(drift->drifted());
    QCOMPARE(drift->diff.changes.size(), 1);
    QCOMPARE(drift->diff.changes.first().action, ChangeAction::Create);
    QCOMPARE(drift->diff.changes.first().name, QStringLiteral("drifted"));
}

void TestRecordedSchemas::nothingApplied()
{
    STRATA_SCRATCH(db, Engine::Sqlite);
    auto session = test::openSession(db.url());
    HistoryTable history(*session);
    auto recorded = RecordedSchemas::read(history);
    QVERIFY(recorded.ok());
    QVERIFY(recorded->isEmpty());
    auto drift = DriftCheck::run(*session, history);
    QVERIFY(!drift.ok());
    QVERIFY(drift.error().message.contains(QLatin1String("no migration has been applied")));
}

// strata-cli drift: exit 0 and "No drift" on a clean database, exit 4 and the change after one.
void TestRecordedSchemas::cliDrift()
{
    STRATA_SCRATCH(db, Engine::Sqlite);
    {
        auto session = test::openSession(db.url());
        Migrator migrator(*session, test::readFolder(test::demoFolder()));
        QVERIFY(migrator.up().ok());
    }
    auto drift = [&](const QStringList &extra, QString &output) {
        QProcess cli;
        cli.start(qEnvironmentVariable("STRATA_CLI"),
                  QStringList{"--db", db.url(), "--migrations", test::demoFolder(), "drift"} +
                      extra);
        cli.waitForFinished(30000);
        output = QString::fromUtf8(cli.readAllStandardOutput());
        return cli.exitCode();
    };
    QString output;
    QCOMPARE(drift({}, output), 0);
    QVERIFY2(output.startsWith(QLatin1String("No drift")), qPrintable(output));
    {
        auto session = test::openSession(db.url());
        QVERIFY(session->exec(QStringLiteral("CREATE INDEX idx_out_of_band ON customers (email)"))
                    .ok());
    }
    QCOMPARE(drift({}, output), 4);
    QVERIFY2(output.contains(QLatin1String("idx_out_of_band")), qPrintable(output));
    QCOMPARE(drift({"--sql"}, output), 4);
    QVERIFY2(output.contains(QLatin1String("CREATE INDEX")), qPrintable(output));
}

QTEST_GUILESS_MAIN(TestRecordedSchemas)
#include "tst_recordedschemas.moc"
