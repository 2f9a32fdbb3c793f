// Other tools' history tables, created with the DDL those tools use (Flyway's
// createMetaDataTable, Liquibase's DATABASECHANGELOG, golang-migrate's and dbmate's
// schema_migrations, Atlas's atlas_schema_revisions) and realistic rows, on SQLite and
// PostgreSQL: detected, read, shown by `status`, and adopted into strata_schema_history.
#include "TestDatabases.h"

#include "interop/Adopt.h"
#include "interop/ForeignStatus.h"
#include "interop/HistoryReaders.h"
#include <QProcess>
#include <QSqlQuery>
#include <QtTest>

using namespace strata;
using namespace strata::test;

namespace {

QStringList flywayDdl(Engine e)
{
    if (e == Engine::Postgres)
        return {"CREATE TABLE \"flyway_schema_history\" (\n \"installed_rank\" INT NOT NULL,\n "
                "\"version\" VARCHAR(50),\n"
                " \"description\" VARCHAR(200) NOT NULL,\n \"type\" VARCHAR(20) NOT NULL,\n "
                "\"script\" VARCHAR(1000) NOT NULL,\n"
                " \"checksum\" INTEGER,\n \"installed_by\" VARCHAR(100) NOT NULL,\n"
                " \"installed_on\" TIMESTAMP NOT NULL DEFAULT now(),\n \"execution_time\" INTEGER "
                "NOT NULL,\n"
                " \"success\" BOOLEAN NOT NULL\n)",
                "ALTER TABLE \"flyway_schema_history\" ADD CONSTRAINT \"flyway_schema_history_pk\" "
                "PRIMARY KEY (\"installed_rank\")",
                "CREATE INDEX \"flyway_schema_history_s_idx\" ON \"flyway_schema_history\" "
                "(\"success\")"};
    return {
        "CREATE TABLE \"flyway_schema_history\" (\n \"installed_rank\" INT NOT NULL PRIMARY KEY,\n "
        "\"version\" VARCHAR(50),\n"
        " \"description\" VARCHAR(200) NOT NULL,\n \"type\" VARCHAR(20) NOT NULL,\n \"script\" "
        "VARCHAR(1000) NOT NULL,\n"
        " \"checksum\" INT,\n \"installed_by\" VARCHAR(100) NOT NULL,\n"
        " \"installed_on\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),\n"
        " \"execution_time\" INT NOT NULL,\n \"success\" BOOLEAN NOT NULL\n)",
        "CREATE INDEX \"flyway_schema_history_s_idx\" ON \"flyway_schema_history\" (\"success\")"};
}

QString flywayRow(Engine e, int rank, const QString &version, const QString &description,
                  const QString &type, const QString &script, const QString &checksum,
                  const QString &on, int ms, bool success)
{
    const QString b = e == Engine::Postgres ? (success ? "true" : "false") : (success ? "1" : "0");
    return QStringLiteral("INSERT INTO flyway_schema_history VALUES (%1, %2, '%3', '%4', '%5', %6, "
                          "'deploy', '%7', %8, %9)")
        .arg(rank)
        .arg(version.isEmpty() ? "NULL" : "'" + version + "'", description, type, script, checksum,
             on)
        .arg(ms)
        .arg(b);
}

QStringList liquibaseDdl(Engine e)
{
    const QString ts = e == Engine::Postgres ? "TIMESTAMP WITHOUT TIME ZONE" : "TEXT";
    return {
        QStringLiteral(
            "CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT "
            "NULL, "
            "FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED %1 NOT NULL, ORDEREXECUTED INTEGER NOT "
            "NULL, "
            "EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255), COMMENTS "
            "VARCHAR(255), TAG VARCHAR(255), LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS "
            "VARCHAR(255), DEPLOYMENT_ID VARCHAR(10))")
            .arg(ts)};
}

QString liquibaseRow(const QString &id, const QString &author, const QString &on, int order,
                     const QString &exectype, const QString &description, const QString &tag)
{
    return QStringLiteral(
               "INSERT INTO DATABASECHANGELOG VALUES ('%1', '%2', "
               "'db/changelog/db.changelog-master.yaml', "
               "'%3', %4, '%5', '9:%6', '%7', '', %8, '4.23.2', NULL, NULL, '0412345678')")
        .arg(id, author, on)
        .arg(order)
        .arg(exectype, QString::number(qHash(id), 16).rightJustified(32, u'0'), description,
             tag.isEmpty() ? "NULL" : "'" + tag + "'");
}

QStringList golangMigrateDdl(Engine e)
{
    if (e == Engine::Postgres)
        return {"CREATE TABLE IF NOT EXISTS \"schema_migrations\" (version bigint not null primary "
                "key, dirty boolean not null)"};
    return {"CREATE TABLE IF NOT EXISTS schema_migrations (version uint64,dirty bool)",
            "CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version)"};
}

QStringList dbmateDdl(Engine e)
{
    if (e == Engine::Postgres)
        return {"CREATE TABLE IF NOT EXISTS public.schema_migrations (version character "
                "varying(128) NOT NULL PRIMARY KEY)"};
    return {"CREATE TABLE IF NOT EXISTS \"schema_migrations\" (version varchar(128) primary key)"};
}

QStringList atlasDdl(Engine e)
{
    if (e == Engine::Postgres)
        return {"CREATE SCHEMA \"atlas_schema_revisions\"",
                "CREATE TABLE \"atlas_schema_revisions\".\"atlas_schema_revisions\" (\"version\" "
                "character varying NOT NULL, "
                "\"description\" character varying NOT NULL, \"type\" bigint NOT NULL DEFAULT 2, "
                "\"applied\" bigint NOT NULL "
                "DEFAULT 0, \"total\" bigint NOT NULL DEFAULT 0, \"executed_at\" timestamptz NOT "
                "NULL, \"execution_time\" "
                "bigint NOT NULL, \"error\" text NULL, \"error_stmt\" text NULL, \"hash\" "
                "character varying NOT NULL, "
                "\"partial_hashes\" jsonb NULL, \"operator_version\" character varying NOT NULL, "
                "PRIMARY KEY (\"version\"))"};
    return {"CREATE TABLE `atlas_schema_revisions` (`version` text NOT NULL, `description` text "
            "NOT NULL, `type` integer "
            "NOT NULL DEFAULT 2, `applied` integer NOT NULL DEFAULT 0, `total` integer NOT NULL "
            "DEFAULT 0, `executed_at` "
            "datetime NOT NULL, `execution_time` integer NOT NULL, `error` text NULL, `error_stmt` "
            "text NULL, `hash` text "
            "NOT NULL, `partial_hashes` json NULL, `operator_version` text NOT NULL, PRIMARY KEY "
            "(`version`))"};
}

QString atlasTable(Engine e)
{
    return e == Engine::Postgres ? "atlas_schema_revisions.atlas_schema_revisions"
                                 : "atlas_schema_revisions";
}

QString atlasRow(Engine e, const QString &version, const QString &description, int type,
                 int applied, int total, const QString &on, const QString &error)
{
    return QStringLiteral("INSERT INTO %1 VALUES ('%2', '%3', %4, %5, %6, '%7', 12500000, %8, %9, "
                          "'h%2=', '[]', "
                          "'Atlas CLI v0.21.1')")
        .arg(atlasTable(e), version, description)
        .arg(type)
        .arg(applied)
        .arg(total)
        .arg(on, error.isEmpty() ? "NULL" : "'" + error + "'",
             error.isEmpty() ? "NULL" : "'ALTER TABLE orders ADD COLUMN total numeric'");
}

// Statements creating `tool`'s table and rows for `scenario` ("good" or "failed").
QStringList setup(ForeignTool tool, Engine e, const QString &scenario)
{
    const bool failed = scenario == QLatin1String("failed");
    QStringList s;
    switch (tool) {
    case ForeignTool::Flyway:
        s = flywayDdl(e);
        s << flywayRow(e, 1, "1", "create customer", "SQL", "V1__create_customer.sql",
                       "-1734127761", "2025-03-01 10:00:00", 41, true)
          << flywayRow(e, 2, "2", "create orders", "SQL", "V2__create_orders.sql", "1123398474",
                       "2025-03-08 11:30:00", 18, true)
          << flywayRow(e, 3, "3", "add order index", "SQL", "V3__add_order_index.sql", "99887766",
                       "2025-03-09 09:00:00", 7, true)
          << flywayRow(e, 4, "3", "add order index", "UNDO_SQL", "U3__add_order_index.sql",
                       "55443322", "2025-03-09 09:05:00", 4, true)
          << flywayRow(e, 5, "", "order views", "SQL", "R__order_views.sql", "42",
                       "2025-03-09 09:06:00", 3, true);
        if (failed)
            s << flywayRow(e, 6, "4", "backfill totals", "SQL", "V4__backfill_totals.sql", "7",
                           "2025-03-10 08:00:00", 950, false);
        break;
    case ForeignTool::Liquibase:
        s = liquibaseDdl(e);
        s << liquibaseRow("1", "alice", "2025-01-10 09:00:00", 1, "EXECUTED",
                          "createTable tableName=customer", "")
          << liquibaseRow("2", "bob", "2025-01-10 09:00:01", 2, "EXECUTED",
                          "addColumn tableName=customer", "")
          << liquibaseRow("release-1.0", "alice", "2025-01-11 16:00:00", 3, "EXECUTED",
                          "tagDatabase", "1.0");
        if (failed)
            s << liquibaseRow("3", "carol", "2025-01-12 10:00:00", 4, "FAILED", "sql", "");
        break;
    case ForeignTool::GolangMigrate:
        s = golangMigrateDdl(e);
        s << (failed ? "INSERT INTO schema_migrations (version, dirty) VALUES (3, " +
                           QString(e == Engine::Postgres ? "true" : "1") + ")"
                     : "INSERT INTO schema_migrations (version, dirty) VALUES (3, " +
                           QString(e == Engine::Postgres ? "false" : "0") + ")");
        break;
    case ForeignTool::Dbmate:
        s = dbmateDdl(e);
        s << "INSERT INTO schema_migrations (version) VALUES ('20240101000000')"
          << "INSERT INTO schema_migrations (version) VALUES ('20240215093000')"
          << "INSERT INTO schema_migrations (version) VALUES ('20240110120000')";
        break;
    case ForeignTool::Atlas:
        s = atlasDdl(e);
        if (e == Engine::Sqlite)
            s[0].replace(u'`', u'"');
        s << atlasRow(e, "20240110120000", "init", 2, 3, 3, "2024-01-10 12:00:05+00:00", "")
          << atlasRow(e, "20240201090000", "add_orders", 2, 2, 2, "2024-02-01 09:00:02+00:00", "");
        if (failed)
            s << atlasRow(e, "20240305100000", "order_totals", 2, 1, 2, "2024-03-05 10:00:00+00:00",
                          "column \"total\" already exists");
        break;
    default:
        break;
    }
    return s;
}

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
    run(*db, setup(t, db->dialect().engine(), "good"));

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
    run(*db, setup(t, db->dialect().engine(), "failed"));
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
    run(*golang, setup(ForeignTool::GolangMigrate, golang->dialect().engine(), "good"));
    run(*dbmate, setup(ForeignTool::Dbmate, dbmate->dialect().engine(), "good"));
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
    run(*db, setup(ForeignTool::Flyway, Engine::Sqlite, "failed"));
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
