// History tables cross a transfer as history, not data. Strata's own: the demo migrated on SQLite,
// moved into PostgreSQL, then worked on there with the same folder (status, validate, drift,
// down, up). Every other tool's: created with that tool's PostgreSQL column types, keys and
// defaults (compared with the tool's own DDL run on PostgreSQL), rows read back the same by
// Strata's readers. And a snapshot recorded on the other engine is refused in a sentence.
#include "ForeignHistoryFixtures.h"
#include "TestDatabases.h"
#include "TransferRunSupport.h"

#include "interop/HistoryReaders.h"
#include "migration/HistoryTable.h"
#include "transfer/TransferPlanner.h"
#include <QJsonArray>
#include <QMap>
#include <QtTest>

using namespace strata;
using namespace strata::test;

namespace {

const QLatin1String otherEngine("was taken on SQLite and this database is PostgreSQL");

void runAll(DatabaseSession &db, const QStringList &statements)
{
    for (const QString &sql : statements) {
        auto done = db.exec(sql);
        QVERIFY2(done.ok(), qPrintable(done ? QString() : done.error().toString() + "\n" + sql));
    }
}

QString cliText(const CliRun &r)
{
    return QStringLiteral("exit %1\n%2\n%3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
}

QString entriesText(const ForeignHistory &h)
{
    QStringList out{QStringLiteral("current ") + h.current};
    for (const ForeignEntry &e : h.entries)
        out << QStringLiteral("%1|%2|%3|%4|%5|%6|%7")
                   .arg(e.version, e.description, e.script, e.checksum,
                        e.installedOn.toString(Qt::ISODate), migrationStateName(e.state), e.note);
    return out.join(u'\n');
}

TransferResult transferAll(const ScratchDatabase &sqlite, const ScratchDatabase &pg)
{
    auto source = openUrl(sqlite.url());
    auto plan = TransferPlanner::plan(*source, {});
    if (!plan) {
        TransferResult failed;
        failed.error = plan.error();
        return failed;
    }
    return Transfer::run(sqlite.spec(), pg.spec(), *plan, {});
}

} // namespace

class TestHistoryTransfer : public QObject {
    Q_OBJECT
private slots:
    void demoKeepsWorkingOnPostgres();
    void foreignHistoryNative_data();
    void foreignHistoryNative();
    void generatedUndoFromOtherEngineRefused();
    void transferAgainReplacesHistory();
    void valuesConverted_data();
    void valuesConverted();
    void failedHistoryResumes();
};

// The walk: migrate the demo on SQLite, transfer, continue on PostgreSQL.
void TestHistoryTransfer::demoKeepsWorkingOnPostgres()
{
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    const QStringList onSqlite{"--db", sqlite.url(), "--migrations", demoFolder()};
    const QStringList onPg{"--db", pg.url(), "--migrations", demoFolder()};
    // Two runs, so version 7 has a snapshot recorded on SQLite (the last step of a run).
    CliRun r = cli(onSqlite + QStringList{"up", "--to", "7"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli(onSqlite + QStringList{"up", "--to", "10"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    const int sqliteRows = rowCount(*openUrl(sqlite.url()), "strata_schema_history");

    r = cli({"--json", "transfer", sqlite.url(), pg.url()});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    QVERIFY(r.json().value("moveRecorded").toBool());
    const QJsonArray histories = r.json().value("histories").toArray();
    QCOMPARE(histories.size(), 2); // the history and the audit log
    QMap<QString, int> historyRows;
    for (const QJsonValue &h : histories)
        historyRows.insert(h.toObject().value("table").toString(),
                           h.toObject().value("rows").toInt());
    QCOMPARE(historyRows.value("strata_schema_history", -1), sqliteRows);
    const int sqliteAudit = rowCount(*openUrl(sqlite.url()), "strata_audit_log");
    QCOMPARE(sqliteAudit, 10); // ten versions applied on SQLite
    QCOMPARE(historyRows.value("strata_audit_log", -1), sqliteAudit);
    for (const QJsonValue &t : r.json().value("tables").toArray()) {
        QVERIFY(t.toObject().value("table").toString() != QLatin1String("strata_schema_history"));
        QVERIFY(t.toObject().value("table").toString() != QLatin1String("strata_audit_log"));
    }

    {
        auto db = openUrl(pg.url());
        // Created by HistoryTable's own PostgreSQL DDL, not typed by profiling.
        QCOMPARE(scalar(*db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE "
                             "attrelid = 'strata_schema_history'::regclass AND attname = 'success'")
                     .toString(),
                 QStringLiteral("boolean"));
        QCOMPARE(scalar(*db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE "
                             "attrelid = 'strata_schema_history'::regclass AND attname = "
                             "'installed_on'")
                     .toString(),
                 QStringLiteral("timestamp with time zone"));
        QCOMPARE(rowCount(*db, "strata_schema_history"), sqliteRows + 1);
        // The audit log moved with its own DDL (append-only there too) and records the move.
        QCOMPARE(rowCount(*db, "strata_audit_log"), sqliteAudit + 1);
        QCOMPARE(scalar(*db, "SELECT action || ' ' || version || ' ' || outcome FROM "
                             "strata_audit_log ORDER BY id DESC LIMIT 1")
                     .toString(),
                 QStringLiteral("transfer 10 ok"));
        QCOMPARE(scalar(*db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE "
                             "attrelid = 'strata_audit_log'::regclass AND attname = 'at'")
                     .toString(),
                 QStringLiteral("timestamp with time zone"));
        QVERIFY(!db->exec(QStringLiteral("DELETE FROM strata_audit_log")));
        QCOMPARE(scalar(*db, "SELECT version || ' ' || type FROM strata_schema_history "
                             "ORDER BY rank DESC LIMIT 1")
                     .toString(),
                 QStringLiteral("10 transfer"));
        // Timestamps kept: the first migration's time is the one SQLite recorded (UTC text).
        const QString recorded =
            scalar(*openUrl(sqlite.url()),
                   "SELECT installed_on FROM strata_schema_history WHERE rank = 1")
                .toString();
        QVERIFY(!recorded.isEmpty());
        QCOMPARE(scalar(*db, "SELECT to_char(installed_on AT TIME ZONE 'UTC', "
                             "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM strata_schema_history "
                             "WHERE rank = 1")
                     .toString(),
                 recorded);
    }

    r = cli(onPg + QStringList{"--json", "status"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    QCOMPARE(r.json().value("current").toString(), QStringLiteral("10"));
    const QJsonArray moves = r.json().value("moves").toArray();
    QCOMPARE(moves.size(), 1);
    QCOMPARE(moves[0].toObject().value("at_version").toString(), QStringLiteral("10"));
    QVERIFY2(moves[0].toObject().value("description").toString().startsWith("moved from SQLite"),
             qPrintable(moves[0].toObject().value("description").toString()));
    for (const QJsonValue &m : r.json().value("migrations").toArray())
        QCOMPARE(m.toObject().value("state").toString(), QStringLiteral("applied"));

    r = cli(onPg + QStringList{"validate"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli(onPg + QStringList{"drift"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));

    r = cli(onPg + QStringList{"down", "--steps", "3"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    // New audit entries continue after the moved ones.
    QCOMPARE(scalar(*openUrl(pg.url()), "SELECT string_agg(action || ' ' || version, ',' ORDER "
                                        "BY id) FROM strata_audit_log WHERE id > 11")
                 .toString(),
             QStringLiteral("down 10,down 9,down 8"));
    r = cli(onPg + QStringList{"--json", "status"});
    QCOMPARE(r.json().value("current").toString(), QStringLiteral("7"));
    // Version 7's schema was recorded on SQLite: refused in a sentence, never SQLite DDL.
    r = cli(onPg + QStringList{"drift", "--sql"});
    QVERIFY2(r.exitCode == 2, qPrintable(cliText(r)));
    QVERIFY2(QString::fromUtf8(r.err).contains(otherEngine), qPrintable(cliText(r)));
    QVERIFY2(!QString::fromUtf8(r.out + r.err).contains("PRAGMA"), qPrintable(cliText(r)));

    r = cli(onPg + QStringList{"up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli(onPg + QStringList{"--json", "status"});
    QCOMPARE(r.json().value("current").toString(), QStringLiteral("10"));
    r = cli(onPg + QStringList{"drift"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli(onPg + QStringList{"validate"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
}

void TestHistoryTransfer::foreignHistoryNative_data()
{
    QTest::addColumn<int>("tool");
    QTest::addColumn<QString>("table");           // on PostgreSQL, as the tool places it
    QTest::addColumn<QStringList>("extraSqlite"); // more of the tool's tables on SQLite
    QTest::addColumn<QString>("extraTable");
    QTest::addColumn<QString>("extraShape");
    QTest::newRow("flyway") << int(ForeignTool::Flyway) << "flyway_schema_history" << QStringList()
                            << ""
                            << "";
    QTest::newRow("liquibase")
        << int(ForeignTool::Liquibase) << "databasechangelog"
        << QStringList{"CREATE TABLE DATABASECHANGELOGLOCK (ID INTEGER NOT NULL, LOCKED BOOLEAN "
                       "NOT NULL, LOCKGRANTED DATETIME, LOCKEDBY VARCHAR(255), CONSTRAINT "
                       "PK_DATABASECHANGELOGLOCK PRIMARY KEY (ID))",
                       "INSERT INTO DATABASECHANGELOGLOCK VALUES (1, 0, NULL, NULL)"}
        << "databasechangeloglock"
        << "id integer not null, locked boolean not null, lockgranted timestamp without time "
           "zone, lockedby character varying(255) | pk id | PRIMARY KEY (id)";
    QTest::newRow("golang-migrate")
        << int(ForeignTool::GolangMigrate) << "schema_migrations" << QStringList() << ""
        << "";
    QTest::newRow("dbmate") << int(ForeignTool::Dbmate) << "schema_migrations" << QStringList()
                            << ""
                            << "";
    QTest::newRow("atlas") << int(ForeignTool::Atlas)
                           << "atlas_schema_revisions.atlas_schema_revisions" << QStringList() << ""
                           << "";
}

void TestHistoryTransfer::foreignHistoryNative()
{
    QFETCH(int, tool);
    QFETCH(QString, table);
    QFETCH(QStringList, extraSqlite);
    QFETCH(QString, extraTable);
    QFETCH(QString, extraShape);
    const auto t = ForeignTool(tool);
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    STRATA_SCRATCH(native, Engine::Postgres); // the tool's own DDL on PostgreSQL: the oracle
    {
        auto db = openUrl(sqlite.url());
        runAll(*db, foreignHistorySetup(t, Engine::Sqlite, "good") + extraSqlite +
                        QStringList{"CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT)",
                                    "INSERT INTO customer (name) VALUES ('Ada')"});
    }
    {
        auto db = openUrl(native.url());
        runAll(*db, foreignHistorySetup(t, Engine::Postgres, "good"));
    }
    const TransferResult result = transferAll(sqlite, pg);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    // Moved as history: not a profiled table, verified by its row count.
    QCOMPARE(result.tables.size(), 1);
    QCOMPARE(result.tables[0].table, QStringLiteral("customer"));
    QCOMPARE(result.histories.size(), extraTable.isEmpty() ? 1 : 2);
    for (const TableResult &h : result.histories)
        QVERIFY2(h.verified && h.rows > 0, qPrintable(h.table));
    QVERIFY(!result.moveRecorded); // no Strata history in the source: nothing to record

    auto moved = openUrl(pg.url());
    auto oracle = openUrl(native.url());
    const QString shape = pgTableShape(*moved, table);
    QVERIFY(!shape.isEmpty());
    QCOMPARE(shape, pgTableShape(*oracle, table));
    if (!extraTable.isEmpty()) {
        QCOMPARE(pgTableShape(*moved, extraTable), extraShape);
        QCOMPARE(scalar(*moved, "SELECT locked FROM databasechangeloglock").toBool(), false);
    }

    // Rows intact: Strata's reader sees the same history on both engines.
    auto source = openUrl(sqlite.url());
    auto before = HistoryReaders::read(t, *source);
    auto after = HistoryReaders::read(t, *moved);
    QVERIFY(before && *before && after && *after);
    QCOMPARE(entriesText(**after), entriesText(**before));
    QCOMPARE(scalar(*moved, "SELECT count(*) FROM " + table).toInt(),
             rowCount(*source, table.section(u'.', -1)));
}

// A version without an undo script, applied on SQLite: its snapshots are SQLite's. After the
// move, generating its undo on PostgreSQL is refused in a sentence instead of emitting SQLite DDL.
void TestHistoryTransfer::generatedUndoFromOtherEngineRefused()
{
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    writeFiles(dir.path(),
               {{"V1__items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);\n"},
                {"V2__notes.sql", "ALTER TABLE items ADD COLUMN note TEXT;\n"}});
    const QStringList onSqlite{"--db", sqlite.url(), "--migrations", dir.path()};
    const QStringList onPg{"--db", pg.url(), "--migrations", dir.path()};
    CliRun r = cli(onSqlite + QStringList{"up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli({"transfer", sqlite.url(), pg.url()});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli(onPg + QStringList{"drift"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r))); // the move recorded a PostgreSQL schema

    r = cli(onPg + QStringList{"plan", "--down", "--steps", "1", "--generate-missing"});
    QVERIFY2(r.exitCode != 0, qPrintable(cliText(r)));
    QVERIFY2(QString::fromUtf8(r.err).contains(otherEngine), qPrintable(cliText(r)));
    QVERIFY2(!QString::fromUtf8(r.out).contains("PRAGMA") &&
                 !QString::fromUtf8(r.out).contains("ALTER TABLE"),
             qPrintable(cliText(r)));
    auto db = openUrl(pg.url());
    QCOMPARE(scalar(*db, "SELECT count(*) FROM information_schema.columns WHERE table_name = "
                         "'items' AND column_name = 'note'")
                 .toInt(),
             1);
}

// An existing history on the target is a conflict like any table; --drop-existing rewrites it
// from the source, so the target never holds two records of moves that replaced each other.
void TestHistoryTransfer::transferAgainReplacesHistory()
{
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    writeFiles(dir.path(), {{"V1__items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY);\n"},
                            {"U1__items.sql", "DROP TABLE items;\n"}});
    CliRun r = cli({"--db", sqlite.url(), "--migrations", dir.path(), "up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli({"transfer", sqlite.url(), pg.url()});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli({"transfer", sqlite.url(), pg.url()});
    QVERIFY2(r.exitCode == 1, qPrintable(cliText(r)));
    QVERIFY2(QString::fromUtf8(r.err).contains("strata_schema_history"), qPrintable(cliText(r)));
    r = cli({"transfer", sqlite.url(), pg.url(), "--drop-existing"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    auto db = openUrl(pg.url());
    QCOMPARE(
        scalar(*db, "SELECT count(*) FROM strata_schema_history WHERE type = 'transfer'").toInt(),
        1);
    QCOMPARE(rowCount(*db, "strata_schema_history"), 2);
}

// How SQLite may hold a history's values (whatever wrote them): each converted to the tool's
// PostgreSQL type, never copied as text.
void TestHistoryTransfer::valuesConverted_data()
{
    QTest::addColumn<QString>("installedOn"); // SQLite literal
    QTest::addColumn<QString>("success");     // SQLite literal
    QTest::addColumn<QString>("checksum");    // SQLite literal
    QTest::addColumn<QString>("expectedOn");  // PostgreSQL timestamp, to the millisecond
    QTest::addColumn<bool>("expectedSuccess");
    QTest::newRow("ISO text, 1") << "'2025-03-01 10:00:00'"
                                 << "1"
                                 << "-1734127761"
                                 << "2025-03-01 10:00:00.000" << true;
    QTest::newRow("ISO T Z with ms, 0") << "'2025-03-01T10:00:00.250Z'"
                                        << "0"
                                        << "'42'"
                                        << "2025-03-01 10:00:00.250" << false;
    QTest::newRow("Unix seconds, 'true'") << "1740823200"
                                          << "'true'"
                                          << "7"
                                          << "2025-03-01 10:00:00.000" << true;
    QTest::newRow("Unix seconds as real, 'f'") << "1740823200.5"
                                               << "'f'"
                                               << "7.0"
                                               << "2025-03-01 10:00:00.500" << false;
}

void TestHistoryTransfer::valuesConverted()
{
    QFETCH(QString, installedOn);
    QFETCH(QString, success);
    QFETCH(QString, checksum);
    QFETCH(QString, expectedOn);
    QFETCH(bool, expectedSuccess);
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    {
        auto db = openUrl(sqlite.url());
        QStringList setup = foreignHistorySetup(ForeignTool::Flyway, Engine::Sqlite, "good");
        setup << QStringLiteral("INSERT INTO flyway_schema_history VALUES (9, '9', 'odd values', "
                                "'SQL', 'V9__odd_values.sql', %1, 'deploy', %2, 5, %3)")
                     .arg(checksum, installedOn, success);
        runAll(*db, setup);
    }
    const TransferResult result = transferAll(sqlite, pg);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    auto db = openUrl(pg.url());
    QCOMPARE(scalar(*db, "SELECT to_char(installed_on, 'YYYY-MM-DD HH24:MI:SS.MS') FROM "
                         "flyway_schema_history WHERE installed_rank = 9")
                 .toString(),
             expectedOn);
    QCOMPARE(
        scalar(*db, "SELECT success FROM flyway_schema_history WHERE installed_rank = 9").toBool(),
        expectedSuccess);
    QCOMPARE(scalar(*db, "SELECT checksum::text FROM flyway_schema_history WHERE "
                         "installed_rank = 9")
                 .toString(),
             QString(checksum).remove(u'\'').section(u'.', 0, 0));
}

// A value the tool's type refuses fails the history step in a sentence naming the table; the
// data stays loaded, and --resume (after the value is fixed) writes the history and finishes.
void TestHistoryTransfer::failedHistoryResumes()
{
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    auto db = openUrl(sqlite.url());
    runAll(*db, foreignHistorySetup(ForeignTool::Flyway, Engine::Sqlite, "good") +
                    QStringList{"UPDATE flyway_schema_history SET success = 'maybe' WHERE "
                                "installed_rank = 2",
                                "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT)",
                                "INSERT INTO customer (name) VALUES ('Ada')"});
    CliRun r = cli({"transfer", sqlite.url(), pg.url()});
    QVERIFY2(r.exitCode == 1, qPrintable(cliText(r)));
    QVERIFY2(QString::fromUtf8(r.err).contains("history table flyway_schema_history (flyway)"),
             qPrintable(cliText(r)));
    auto target = openUrl(pg.url());
    QCOMPARE(rowCount(*target, "customer"), 1);
    QVERIFY(!scalar(*target, "SELECT to_regclass('flyway_schema_history') IS NOT NULL").toBool());

    runAll(*db, {"UPDATE flyway_schema_history SET success = 1 WHERE installed_rank = 2"});
    r = cli({"transfer", sqlite.url(), pg.url(), "--resume"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    QCOMPARE(rowCount(*target, "flyway_schema_history"), 5);
    QCOMPARE(scalar(*target, "SELECT success FROM flyway_schema_history WHERE installed_rank = 2")
                 .toBool(),
             true);
}

QTEST_GUILESS_MAIN(TestHistoryTransfer)
#include "tst_historytransfer.moc"
