// Other tools' history tables, created with the DDL those tools use (Flyway's
// createMetaDataTable, Liquibase's DATABASECHANGELOG, golang-migrate's and dbmate's
// schema_migrations, Atlas's atlas_schema_revisions) and realistic rows, on SQLite and
// PostgreSQL: detected, read, shown by `status`, and adopted into strata_schema_history.
#include "ForeignHistoryFixtures.h"
#include "TestDatabases.h"
#include "migration/AuditLog.h"

#include "interop/Adopt.h"
#include "interop/ForeignStatus.h"
#include "interop/HistoryReaders.h"
#include <QProcess>
#include <QSqlQuery>
#include <QtTest>

using namespace strata;
using namespace strata::test;

namespace {

void run(DatabaseSession &db, const QStringList &statements)
{
    for (const QString &sql : statements) {
        auto done = db.exec(sql);
        QVERIFY2(done.ok(), qPrintable(done ? QString() : done.error().toString() + "\n" + sql));
    }
}

QList<AppliedMigration> strataRows(DatabaseSession &db)
{
    HistoryTable t(db);
    auto rows = t.read();
    return rows ? *rows : QList<AppliedMigration>();
}

} // namespace

class TestForeignHistory : public QObject {
    Q_OBJECT
private slots:
    void readAndAdopt_data();
    void readAndAdopt();
    void failuresAreShownAndBlockAdoption_data();
    void failuresAreShownAndBlockAdoption();
    void golangMigrateAndDbmateToldApart_data();
    void golangMigrateAndDbmateToldApart();
    void statusFromFlywayHistory();
};

void TestForeignHistory::readAndAdopt_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<int>("tool");
    QTest::addColumn<QString>("current");
    QTest::addColumn<QStringList>("versions");
    QTest::addColumn<QString>("firstInstalledOn"); // UTC, empty when the tool keeps none
    for (const char *engine : {"sqlite", "postgresql"}) {
        QTest::addRow("%s flyway", engine) << engine << int(ForeignTool::Flyway) << "2"
                                           << QStringList{"1", "2", ""} << "2025-03-01T10:00:00Z";
        QTest::addRow("%s liquibase", engine)
            << engine << int(ForeignTool::Liquibase) << "1.0" << QStringList{"1", "2", "3"}
            << "2025-01-10T09:00:00Z";
        QTest::addRow("%s golang-migrate", engine)
            << engine << int(ForeignTool::GolangMigrate) << "3" << QStringList{"3"} << "";
        QTest::addRow("%s dbmate", engine)
            << engine << int(ForeignTool::Dbmate) << "20240215093000"
            << QStringList{"20240101000000", "20240110120000", "20240215093000"} << "";
        QTest::addRow("%s atlas", engine)
            << engine << int(ForeignTool::Atlas) << "20240201090000"
            << QStringList{"20240110120000", "20240201090000"} << "2024-01-10T12:00:05Z";
    }
}

void TestForeignHistory::readAndAdopt()
{
    QFETCH(QString, engine);
    QFETCH(int, tool);
    QFETCH(QString, current);
    QFETCH(QStringList, versions);
    QFETCH(QString, firstInstalledOn);
    STRATA_SCRATCH(scratch, engineFromName(engine));
    auto db = openSession(scratch.url());
    const ForeignTool t = ForeignTool(tool);
    run(*db, foreignHistorySetup(t, db->dialect().engine(), "good"));

    auto found = HistoryReaders::detect(*db);
    QVERIFY2(found.ok(), qPrintable(found ? QString() : found.error().toString()));
    QCOMPARE(found->size(), 1);
    const ForeignHistory &h = found->first();
    QCOMPARE(foreignToolName(h.tool), foreignToolName(t));
    QCOMPARE(h.current, current);
    QVERIFY(!h.hasFailures());
    QVERIFY(h.problems.isEmpty());
    QStringList got;
    for (const ForeignEntry &e : h.entries)
        got << e.version;
    QCOMPARE(got, versions);

    const int otherRowsBefore = rowCount(*db, h.table);
    auto adopted = Adopt::run(*db, t);
    QVERIFY2(adopted.ok(), qPrintable(adopted ? QString() : adopted.error().toString()));
    QCOMPARE(adopted->written.size(), versions.size());
    const QList<AppliedMigration> rows = strataRows(*db);
    QCOMPARE(rows.size(), versions.size());
    for (int i = 0; i < rows.size(); ++i) {
        QCOMPARE(rows[i].version, versions[i]);
        QCOMPARE(rows[i].type,
                 versions[i].isEmpty() ? QStringLiteral("repeatable") : QStringLiteral("baseline"));
        QVERIFY(rows[i].script.startsWith(foreignToolName(t) + u':'));
        QVERIFY(rows[i].success);
    }
    if (!firstInstalledOn.isEmpty())
        QCOMPARE(rows.first().installedOn.toString(Qt::ISODate), firstInstalledOn);
    QCOMPARE(rowCount(*db, h.table), otherRowsBefore); // the other tool's table is untouched
    // Each adopted version is on record in the audit log, written with its history row.
    auto audit = AuditLog(*db).read();
    QVERIFY(audit);
    QCOMPARE(audit->size(), versions.size());
    for (const AuditEntry &e : *audit) {
        QCOMPARE(e.action, QStringLiteral("adopt"));
        QVERIFY2(e.detail.contains(h.table), qPrintable(e.detail));
    }
    auto again = HistoryReaders::read(t, *db);
    QVERIFY(again.ok() && again->has_value());
    QCOMPARE((*again)->entries.size(), h.entries.size());

    // Adopting again writes nothing new.
    auto twice = Adopt::run(*db, t);
    QVERIFY(twice.ok());
    QCOMPARE(twice->written.size(), 0);
    QCOMPARE(twice->skipped.size(), versions.size());
    QCOMPARE(strataRows(*db).size(), versions.size());
}

void TestForeignHistory::failuresAreShownAndBlockAdoption_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<int>("tool");
    QTest::addColumn<QString>("failedVersion");
    QTest::addColumn<QString>("advice");
    for (const char *engine : {"sqlite", "postgresql"}) {
        QTest::addRow("%s flyway", engine) << engine << int(ForeignTool::Flyway) << "4"
                                           << "flyway repair";
        QTest::addRow("%s liquibase", engine) << engine << int(ForeignTool::Liquibase) << "4"
                                              << "FAILED";
        QTest::addRow("%s golang-migrate dirty", engine)
            << engine << int(ForeignTool::GolangMigrate) << "3"
            << "migrate force";
        QTest::addRow("%s atlas partial", engine)
            << engine << int(ForeignTool::Atlas) << "20240305100000"
            << "1 of 2";
    }
}

void TestForeignHistory::failuresAreShownAndBlockAdoption()
{
    QFETCH(QString, engine);
    QFETCH(int, tool);
    QFETCH(QString, failedVersion);
    QFETCH(QString, advice);
    STRATA_SCRATCH(scratch, engineFromName(engine));
    auto db = openSession(scratch.url());
    const ForeignTool t = ForeignTool(tool);
    run(*db, foreignHistorySetup(t, db->dialect().engine(), "failed"));
    auto h = HistoryReaders::read(t, *db);
    QVERIFY2(h.ok() && h->has_value(), "history not found");
    QVERIFY((*h)->hasFailures());
    const auto failed =
        std::find_if((*h)->entries.begin(), (*h)->entries.end(),
                     [](const ForeignEntry &e) { return e.state == MigrationState::Failed; });
    QCOMPARE(failed->version, failedVersion);
    QCOMPARE((*h)->problems.size(), 1);
    QVERIFY2((*h)->problems.first().contains(advice), qPrintable((*h)->problems.first()));

    auto adopted = Adopt::run(*db, t);
    QVERIFY(!adopted.ok());
    QVERIFY2(adopted.error().message.contains("failed change"),
             qPrintable(adopted.error().message));
    QVERIFY(strataRows(*db).isEmpty());
}

void TestForeignHistory::golangMigrateAndDbmateToldApart_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << "sqlite";
    QTest::newRow("postgresql") << "postgresql";
}

void TestForeignHistory::golangMigrateAndDbmateToldApart()
{
    QFETCH(QString, engine);
    STRATA_SCRATCH(a, engineFromName(engine));
    STRATA_SCRATCH(b, engineFromName(engine));
    auto golang = openSession(a.url());
    auto dbmate = openSession(b.url());
    run(*golang,
        foreignHistorySetup(ForeignTool::GolangMigrate, golang->dialect().engine(), "good"));
    run(*dbmate, foreignHistorySetup(ForeignTool::Dbmate, dbmate->dialect().engine(), "good"));
    QVERIFY(HistoryReaders::golangMigrate(*golang)->has_value());
    QVERIFY(!HistoryReaders::dbmate(*golang)->has_value());
    QVERIFY(HistoryReaders::dbmate(*dbmate)->has_value());
    QVERIFY(!HistoryReaders::golangMigrate(*dbmate)->has_value());
}

void TestForeignHistory::statusFromFlywayHistory()
{
    // A Flyway folder on a database Flyway migrated: status reads flyway_schema_history until
    // adopted.
    QTemporaryDir dir;
    const QString folder = dir.filePath("sql");
    QDir().mkpath(folder);
    writeFiles(folder,
               {{"V1__create_customer.sql", "CREATE TABLE customer (id integer primary key);\n"},
                {"V2__create_orders.sql", "CREATE TABLE orders (id integer primary key);\n"},
                {"V3__add_order_index.sql", "CREATE INDEX orders_id ON orders (id);\n"},
                {"U3__add_order_index.sql", "DROP INDEX orders_id;\n"},
                {"V4__backfill_totals.sql", "SELECT 1;\n"},
                {"R__order_views.sql", "CREATE VIEW v AS SELECT 1 AS one;\n"}});
    const MigrationSet set = readFolder(folder);
    STRATA_SCRATCH(scratch, Engine::Sqlite);
    auto db = openSession(scratch.url());
    run(*db, foreignHistorySetup(ForeignTool::Flyway, Engine::Sqlite, "failed"));
    auto st = ForeignStatus::read(*db, set);
    QVERIFY(st.ok() && st->has_value());
    const StatusReport &r = (*st)->report;
    QMap<QString, MigrationState> states;
    for (const VersionState &e : r.entries)
        states.insert(e.versionText.isEmpty() ? e.description : e.versionText, e.state);
    QCOMPARE(states.value("1"), MigrationState::Applied);
    QCOMPARE(states.value("2"), MigrationState::Applied);
    QCOMPARE(states.value("3"), MigrationState::Pending); // undone by U3
    QCOMPARE(states.value("4"), MigrationState::Failed);
    QCOMPARE(states.value("order views"), MigrationState::Applied);
    QCOMPARE(r.current->toString(), QStringLiteral("2"));

    // `up` before adopting would run versions 1 and 2 again: the CLI refuses and says why.
    QProcess cli;
    cli.start(qEnvironmentVariable("STRATA_CLI"),
              {"--db", scratch.url(), "--migrations", folder, "up"});
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 1);
    QVERIFY2(QString::fromUtf8(cli.readAllStandardError()).contains("adopt --from flyway"),
             "no advice to adopt");
    QCOMPARE(rowCount(*db, "customer"), -1); // nothing ran

    // Once Strata has its own history, that is what status shows.
    run(*db, {"DELETE FROM flyway_schema_history WHERE success = 0"});
    QVERIFY(Adopt::run(*db, ForeignTool::Flyway).ok());
    auto after = ForeignStatus::read(*db, set);
    QVERIFY(after.ok() && !after->has_value());
    Migrator m(*db, set);
    auto own = m.status();
    QVERIFY(own.ok());
    QCOMPARE(own->current->toString(), QStringLiteral("2"));
    // Each adopted version keeps its own row and Flyway's timestamp.
    const VersionState &first = own->entries.first();
    QCOMPARE(first.state, MigrationState::Baseline);
    QVERIFY(first.applied.has_value());
    QCOMPARE(first.applied->installedOn.toString(Qt::ISODate),
             QStringLiteral("2025-03-01T10:00:00Z"));
}

QTEST_GUILESS_MAIN(TestForeignHistory)
#include "tst_foreignhistory.moc"
