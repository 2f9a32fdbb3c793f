// transfer --migrations: the target schema is what the folder's migrations build on PostgreSQL.
// The demo migrated on SQLite and moved this way equals a fresh PostgreSQL install of the folder
// (strata-cli diff) and keeps working there (status, validate, drift, down, up). Values that do
// not fit their declared PostgreSQL types are each named, in the plan and by the run, and
// nothing is committed; a migration PostgreSQL refuses, or SQLite data with no place in the
// built schema, leaves the target untouched.
#include "TestDatabases.h"
#include "TransferRunSupport.h"

#include "transfer/MigrationsTransfer.h"
#include <QDir>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace strata;
using namespace strata::test;

namespace {

QString cliText(const CliRun &r)
{
    return QStringLiteral("exit %1\n%2\n%3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
}

// Relations in the target's public schema: none after a transfer that committed nothing.
QString publicRelations(const ScratchDatabase &pg)
{
    return scalar(*openUrl(pg.url()),
                  "SELECT coalesce(string_agg(relname, ',' ORDER BY relname), '') FROM pg_class c "
                  "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE nspname = 'public' AND "
                  "relkind IN ('r', 'v', 'S')")
        .toString();
}

void execAll(const ScratchDatabase &db, const QStringList &statements)
{
    auto s = openUrl(db.url());
    for (const QString &sql : statements) {
        auto done = s->exec(sql);
        QVERIFY2(done.ok(), qPrintable((done ? QString() : done.error().toString()) + "\n" + sql));
    }
}

// A folder whose one table has a column of every kind ValueFit and the encoder check; SQLite
// takes any value in any of them (and NULL in a TEXT PRIMARY KEY), PostgreSQL does not.
const QByteArray typedTable = "CREATE TABLE typed (\n"
                              "    code   TEXT PRIMARY KEY,\n"
                              "    n      INTEGER,\n"
                              "    small  SMALLINT,\n"
                              "    big    BIGINT,\n"
                              "    label  VARCHAR(5),\n"
                              "    fixed  CHAR(3),\n"
                              "    amount NUMERIC(5,2),\n"
                              "    day    DATE,\n"
                              "    at     TIMESTAMP,\n"
                              "    flag   BOOLEAN,\n"
                              "    ratio  REAL\n"
                              ");\n";
const QByteArray typedSecond = "CREATE TABLE second (id INTEGER PRIMARY KEY, qty INTEGER);\n";

// Cancels once the run has reported `after` times: the desktop app's Cancel button.
class CancelAfter : public TransferProgress {
public:
    explicit CancelAfter(int after) : m_after(after) {}
    void report(int, int, const QString &label) override
    {
        ++m_reports;
        labels << label;
    }
    bool cancelled() const override { return m_reports >= m_after; }
    QStringList labels;

private:
    int m_after;
    int m_reports = 0;
};

} // namespace

class TestMigrationsTransfer : public QObject {
    Q_OBJECT
private slots:
    void demoEqualsFreshInstallAndKeepsWorking();
    void misfitNamed_data();
    void misfitNamed();
    void everyMisfitNamedAtOnce();
    void valuesAtTheLimitsLoad();
    void failingMigrationLeavesTargetUntouched();
    void unmatchedTableNamedBeforeLoading();
    void keysAndSequencesEqualFreshInstall();
    void cancelLeavesTargetUntouched_data();
    void cancelLeavesTargetUntouched();
};

void TestMigrationsTransfer::demoEqualsFreshInstallAndKeepsWorking()
{
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    STRATA_SCRATCH(fresh, Engine::Postgres);
    const QStringList onSqlite{"--db", sqlite.url(), "--migrations", demoFolder()};
    const QStringList onPg{"--db", pg.url(), "--migrations", demoFolder()};
    CliRun r = cli(onSqlite + QStringList{"up", "--to", "7"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli(onSqlite + QStringList{"up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    // Rows of its own beyond the seed, some with ids past the seeded ones.
    execAll(sqlite, {"INSERT INTO customers (id, email, first_name, last_name) VALUES "
                     "(900, 'late@example.com', 'Late', 'Comer')"});
    const int sqliteHistory = rowCount(*openUrl(sqlite.url()), "strata_schema_history");

    // --plan: the migrations run and are rolled back; every value checked; nothing kept.
    r = cli({"--json", "transfer", sqlite.url(), pg.url(), "--plan", "--migrations", demoFolder()});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    QCOMPARE(r.json().value("builtVersion").toString(), QStringLiteral("10"));
    QCOMPARE(r.json().value("builtScripts").toArray().size(), 10);
    QCOMPARE(r.json().value("misfits").toArray().size(), 0);
    QCOMPARE(r.json().value("unmatched").toArray().size(), 0);
    QCOMPARE(publicRelations(pg), QString());

    r = cli({"--json", "transfer", sqlite.url(), pg.url(), "--migrations", demoFolder()});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    QVERIFY(r.json().value("moveRecorded").toBool());
    const QJsonArray tables = r.json().value("tables").toArray();
    QVERIFY(tables.size() >= 6);
    auto source = openUrl(sqlite.url());
    auto target = openUrl(pg.url());
    for (const QJsonValue &t : tables) {
        const QString name = t.toObject().value("table").toString();
        QVERIFY2(t.toObject().value("verified").toBool(), qPrintable(cliText(r)));
        QCOMPARE(rowCount(*target, name), rowCount(*source, name));
    }
    QCOMPARE(rowCount(*target, "strata_schema_history"), sqliteHistory + 1);

    // The same folder installed fresh on PostgreSQL builds the very same schema.
    r = cli({"--db", fresh.url(), "--migrations", demoFolder(), "up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli({"diff", fresh.url(), pg.url(), "--exit-code"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));

    r = cli(onPg + QStringList{"--json", "status"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    QCOMPARE(r.json().value("current").toString(), QStringLiteral("10"));
    QCOMPARE(r.json().value("moves").toArray().size(), 1);
    r = cli(onPg + QStringList{"validate"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli(onPg + QStringList{"drift"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    // The identity-less demo ids continue where SQLite's stopped: a new row gets 901 only
    // if the database is asked for it, so check the customer row instead.
    QCOMPARE(scalar(*openUrl(pg.url()), "SELECT email FROM customers WHERE id = 900").toString(),
             QStringLiteral("late@example.com"));

    r = cli(onPg + QStringList{"down", "--steps", "3"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli(onPg + QStringList{"--json", "status"});
    QCOMPARE(r.json().value("current").toString(), QStringLiteral("7"));
    r = cli(onPg + QStringList{"up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli(onPg + QStringList{"--json", "status"});
    QCOMPARE(r.json().value("current").toString(), QStringLiteral("10"));
    r = cli(onPg + QStringList{"drift"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli(onPg + QStringList{"validate"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli({"diff", fresh.url(), pg.url(), "--exit-code"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
}

void TestMigrationsTransfer::misfitNamed_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("value"); // an SQLite literal SQLite stores as it is
    QTest::addColumn<QString>("why");   // in the misfit's description
    QTest::newRow("text in integer") << "n"
                                     << "'abc'"
                                     << "is not an integer";
    QTest::newRow("real in integer") << "n"
                                     << "2.5"
                                     << "is not an integer";
    QTest::newRow("integer over integer") << "n"
                                          << "3000000000"
                                          << "out of range for integer";
    QTest::newRow("integer over smallint") << "small"
                                           << "40000"
                                           << "out of range for smallint";
    QTest::newRow("text in bigint") << "big"
                                    << "'12x'"
                                    << "is not an integer";
    QTest::newRow("too long for varchar") << "label"
                                          << "'abcdef'"
                                          << "longer than";
    QTest::newRow("multibyte too long") << "label"
                                        << "'ééééé€'"
                                        << "6 characters";
    QTest::newRow("too long for char") << "fixed"
                                       << "'abcd'"
                                       << "longer than";
    QTest::newRow("numeric overflow") << "amount"
                                      << "1234.5"
                                      << "does not fit numeric(5,2)";
    QTest::newRow("numeric rounded") << "amount"
                                     << "1.234"
                                     << "does not fit numeric(5,2)";
    QTest::newRow("text in numeric") << "amount"
                                     << "'ten'"
                                     << "not a number";
    QTest::newRow("invalid date") << "day"
                                  << "'2024-02-30'"
                                  << "text '2024-02-30'";
    QTest::newRow("not a date") << "day"
                                << "'yesterday'"
                                << "text 'yesterday'";
    QTest::newRow("invalid timestamp") << "at"
                                       << "'2024-13-01 10:00'"
                                       << "text '2024-13-01";
    QTest::newRow("boolean 2") << "flag"
                               << "2"
                               << "is not a boolean";
    QTest::newRow("boolean text") << "flag"
                                  << "'maybe'"
                                  << "is not a boolean";
    QTest::newRow("text in real") << "ratio"
                                  << "'half'"
                                  << "is not a number";
    QTest::newRow("null in primary key") << "code"
                                         << "NULL"
                                         << "NULL in a NOT NULL column";
}

// One value that does not fit among good rows: the plan names its column (exit 3), the run
// names it and commits nothing.
void TestMigrationsTransfer::misfitNamed()
{
    QFETCH(QString, column);
    QFETCH(QString, value);
    QFETCH(QString, why);
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    writeFiles(dir.path(), {{"V1__typed.sql", typedTable}, {"V2__second.sql", typedSecond}});
    CliRun r = cli({"--db", sqlite.url(), "--migrations", dir.path(), "up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    execAll(sqlite, {"INSERT INTO typed VALUES ('a', 1, 2, 3, 'abc', 'xyz', 123.45, "
                     "'2024-02-29', '2024-01-02 10:00:00', 1, 0.5)",
                     "INSERT INTO typed (code) VALUES ('b')", "INSERT INTO second VALUES (1, 5)"});
    const QString code = column == QLatin1String("code") ? QStringLiteral("code")
                                                         : QStringLiteral("code, ") + column;
    execAll(sqlite,
            {QStringLiteral("INSERT INTO typed (%1) VALUES (%2)")
                 .arg(code,
                      column == QLatin1String("code") ? value : QStringLiteral("'c', ") + value)});
    const QString expected = QStringLiteral("typed.") + column;

    r = cli({"--json", "transfer", sqlite.url(), pg.url(), "--plan", "--migrations", dir.path()});
    QVERIFY2(r.exitCode == 3, qPrintable(cliText(r)));
    QJsonArray misfits = r.json().value("misfits").toArray();
    QCOMPARE(misfits.size(), 1);
    QCOMPARE(misfits[0].toObject().value("column").toString(), column);
    QVERIFY2(misfits[0].toObject().value("first").toString().contains(why), qPrintable(cliText(r)));

    r = cli({"--json", "transfer", sqlite.url(), pg.url(), "--migrations", dir.path()});
    QVERIFY2(r.exitCode != 0, qPrintable(cliText(r)));
    misfits = r.json().value("misfits").toArray();
    QCOMPARE(misfits.size(), 1);
    QCOMPARE(misfits[0].toObject().value("table").toString(), QStringLiteral("typed"));
    QCOMPARE(misfits[0].toObject().value("column").toString(), column);
    QCOMPARE(misfits[0].toObject().value("values").toInt(), 1);
    QVERIFY2(misfits[0].toObject().value("first").toString().contains(why), qPrintable(cliText(r)));
    QVERIFY2(r.json().value("error").toObject().value("message").toString().contains(expected),
             qPrintable(cliText(r)));
    QCOMPARE(publicRelations(pg), QString());
}

// Several columns in two tables: all named in one run, not only the first.
void TestMigrationsTransfer::everyMisfitNamedAtOnce()
{
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    writeFiles(dir.path(), {{"V1__typed.sql", typedTable}, {"V2__second.sql", typedSecond}});
    CliRun r = cli({"--db", sqlite.url(), "--migrations", dir.path(), "up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    execAll(sqlite, {"INSERT INTO typed (code, n, label) VALUES ('a', 'x', 'abcdef')",
                     "INSERT INTO typed (code, n, flag) VALUES ('b', 'y', 7)",
                     "INSERT INTO second VALUES (1, 'many')"});
    r = cli({"--json", "transfer", sqlite.url(), pg.url(), "--migrations", dir.path()});
    QVERIFY2(r.exitCode != 0, qPrintable(cliText(r)));
    QStringList named;
    for (const QJsonValue &m : r.json().value("misfits").toArray())
        named << QStringLiteral("%1.%2=%3")
                     .arg(m.toObject().value("table").toString(),
                          m.toObject().value("column").toString())
                     .arg(m.toObject().value("values").toInt());
    named.sort();
    QCOMPARE(named, QStringList({"second.qty=1", "typed.flag=1", "typed.label=1", "typed.n=2"}));
    QCOMPARE(publicRelations(pg), QString());
}

// The edges of each type load and verify: the check refuses only what does not fit.
void TestMigrationsTransfer::valuesAtTheLimitsLoad()
{
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    writeFiles(dir.path(), {{"V1__typed.sql", typedTable}, {"V2__second.sql", typedSecond}});
    CliRun r = cli({"--db", sqlite.url(), "--migrations", dir.path(), "up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    execAll(sqlite, {"INSERT INTO typed VALUES ('a', 2147483647, 32767, 9223372036854775807, "
                     "'ééééé', 'ab', 999.99, '2024-02-29', '2024-01-02T10:00:00.123456', 0, 1e30)",
                     "INSERT INTO typed VALUES ('b', -2147483648, -32768, -1, '12345', 'abc', "
                     "-999.99, '0001-01-01', '1970-01-01 00:00', 'true', -0.0)",
                     "INSERT INTO typed VALUES ('c', '42', '7', 3.0, 12345, 123, 5, NULL, NULL, "
                     "1.0, '2.5')",
                     "INSERT INTO second VALUES (1, NULL)"});
    r = cli({"--json", "transfer", sqlite.url(), pg.url(), "--migrations", dir.path()});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    for (const QJsonValue &t : r.json().value("tables").toArray())
        QVERIFY2(t.toObject().value("verified").toBool(), qPrintable(cliText(r)));
    auto db = openUrl(pg.url());
    QCOMPARE(scalar(*db, "SELECT n || ' ' || small || ' ' || label || ' ' || amount FROM typed "
                         "WHERE code = 'b'")
                 .toString(),
             QStringLiteral("-2147483648 -32768 12345 -999.99"));
    QCOMPARE(scalar(*db, "SELECT n + small FROM typed WHERE code = 'c'").toInt(), 49);
}

// A migration PostgreSQL refuses: its file and line are named, nothing is left behind.
void TestMigrationsTransfer::failingMigrationLeavesTargetUntouched()
{
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    writeFiles(dir.path(), {{"V1__typed.sql", typedTable},
                            {"V2__second.sql", typedSecond},
                            {"V3__sqlite_only.sql",
                             "-- SQLite's dialect only\nCREATE TABLE notes (id INTEGER PRIMARY KEY "
                             "AUTOINCREMENT, body TEXT);\n"}});
    CliRun r = cli({"--db", sqlite.url(), "--migrations", dir.path(), "up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    execAll(sqlite, {"INSERT INTO notes (body) VALUES ('hello')"});
    r = cli({"--json", "transfer", sqlite.url(), pg.url(), "--migrations", dir.path()});
    QVERIFY2(r.exitCode != 0, qPrintable(cliText(r)));
    const QString text = cliText(r);
    QVERIFY2(text.contains("V3__sqlite_only.sql"), qPrintable(text));
    QVERIFY2(text.contains("AUTOINCREMENT"), qPrintable(text));
    QCOMPARE(publicRelations(pg), QString());
}

// SQLite data with nowhere to go in the built schema is named before anything loads.
void TestMigrationsTransfer::unmatchedTableNamedBeforeLoading()
{
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    writeFiles(dir.path(), {{"V1__typed.sql", typedTable}, {"V2__second.sql", typedSecond}});
    CliRun r = cli({"--db", sqlite.url(), "--migrations", dir.path(), "up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    // Made by hand on SQLite, never by a migration.
    execAll(sqlite, {"CREATE TABLE scratch_notes (id INTEGER PRIMARY KEY, body TEXT)",
                     "ALTER TABLE second ADD COLUMN note TEXT"});
    r = cli({"--json", "transfer", sqlite.url(), pg.url(), "--plan", "--migrations", dir.path()});
    QVERIFY2(r.exitCode == 3, qPrintable(cliText(r)));
    const QString unmatched =
        r.json().value("unmatched").toVariant().toStringList().join(QStringLiteral("\n"));
    QVERIFY2(unmatched.contains("SQLite table scratch_notes"), qPrintable(unmatched));
    QVERIFY2(unmatched.contains("SQLite column second.note"), qPrintable(unmatched));
    r = cli({"transfer", sqlite.url(), pg.url(), "--migrations", dir.path()});
    QVERIFY2(r.exitCode != 0, qPrintable(cliText(r)));
    QVERIFY2(cliText(r).contains("scratch_notes") && cliText(r).contains("second.note"),
             qPrintable(cliText(r)));
    QCOMPARE(publicRelations(pg), QString());
}

// Keys of every kind a portable folder can declare (serial, a foreign key to a unique index,
// composite unique, a self-reference, an expression index that is also partial) are set aside
// for the load and come back so that the result equals a fresh install; the serial's sequence
// continues past the loaded ids; the migrations' seed row gives way to the SQLite data.
void TestMigrationsTransfer::keysAndSequencesEqualFreshInstall()
{
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    STRATA_SCRATCH(fresh, Engine::Postgres);
    QTemporaryDir dir;
    writeFiles(dir.path(),
               {{"V1__keys.sql",
                 "CREATE TABLE parent (id SERIAL PRIMARY KEY, code VARCHAR(10) NOT NULL, note "
                 "TEXT);\n"
                 "CREATE UNIQUE INDEX parent_code ON parent (code);\n"
                 "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_code VARCHAR(10) REFERENCES "
                 "parent (code), parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE "
                 "CASCADE, note TEXT, UNIQUE (parent_id, note));\n"
                 "CREATE INDEX child_note_lower ON child (lower(note)) WHERE note IS NOT NULL;\n"},
                {"V2__tree_and_seed.sql",
                 "CREATE TABLE tree (id INTEGER PRIMARY KEY, up INTEGER REFERENCES tree (id));\n"
                 "INSERT INTO parent (id, code, note) VALUES (1, 'seed', 'from V2');\n"}});
    CliRun r = cli({"--db", sqlite.url(), "--migrations", dir.path(), "up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    execAll(sqlite,
            {"UPDATE parent SET note = 'changed on SQLite' WHERE id = 1",
             "INSERT INTO parent (id, code) VALUES (2, 'a'), (7, 'b')",
             "INSERT INTO child VALUES (1, 'a', 2, 'x'), (2, NULL, 7, NULL), (3, 'b', 7, 'X')",
             "INSERT INTO tree VALUES (3, 2), (2, 1), (1, NULL)"});
    r = cli({"--json", "transfer", sqlite.url(), pg.url(), "--migrations", dir.path()});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli({"--db", fresh.url(), "--migrations", dir.path(), "up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli({"diff", fresh.url(), pg.url(), "--exit-code"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    auto db = openUrl(pg.url());
    QCOMPARE(scalar(*db, "SELECT string_agg(id || ':' || code || ':' || coalesce(note, '-'), ' ' "
                         "ORDER BY id) FROM parent")
                 .toString(),
             QStringLiteral("1:seed:changed on SQLite 2:a:- 7:b:-"));
    QCOMPARE(scalar(*db, "INSERT INTO parent (code) VALUES ('new') RETURNING id").toInt(), 8);
    QVERIFY(!db->exec("INSERT INTO child VALUES (9, 'zz', 2, 'q')")); // the keys act again
    QVERIFY(!db->exec("INSERT INTO tree VALUES (9, 42)"));
    r = cli({"--db", pg.url(), "--migrations", dir.path(), "drift"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
}

void TestMigrationsTransfer::cancelLeavesTargetUntouched_data()
{
    QTest::addColumn<int>("after");
    QTest::newRow("at the first migration") << 1;
    QTest::newRow("halfway through the migrations") << 6;
    // The demo's rows load within one progress tick: the cancel arrives once the data, keys
    // and history are in, and still nothing commits.
    QTest::newRow("after loading, before the commit") << 12;
    QTest::newRow("while the move is recorded") << 14;
}

// Through the core API the desktop app uses (TransferOptions::migrations, Transfer::planAndRun):
// progress is reported, and a cancel at any point leaves the target as it was.
void TestMigrationsTransfer::cancelLeavesTargetUntouched()
{
    QFETCH(int, after);
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    CliRun r = cli({"--db", sqlite.url(), "--migrations", demoFolder(), "up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    auto source = openUrl(sqlite.url());
    TransferOptions options;
    options.migrations = demoFolder();
    CancelAfter progress(after);
    Transfer::Planned planned = Transfer::planAndRun(*source, pg.spec(), options, {}, &progress);
    QVERIFY(planned.result.error.has_value());
    QCOMPARE(planned.result.error->kind, Error::Kind::Cancelled);
    QVERIFY2(planned.result.error->message.contains("nothing was committed"),
             qPrintable(planned.result.error->message));
    QVERIFY(!progress.labels.isEmpty());
    QVERIFY2(progress.labels.first().startsWith("building the target"),
             qPrintable(progress.labels.join('\n')));
    QCOMPARE(publicRelations(pg), QString());
    // And without a cancel the same call moves everything.
    CancelAfter never(1 << 30);
    planned = Transfer::planAndRun(*source, pg.spec(), options, {}, &never);
    QVERIFY2(!planned.result.error, qPrintable(errorText(planned.result.error)));
    QVERIFY(planned.result.moveRecorded);
    QVERIFY(planned.plan.has_value());
    QCOMPARE(planned.plan->builtVersion, QStringLiteral("10"));
}

QTEST_GUILESS_MAIN(TestMigrationsTransfer)
#include "tst_migrationstransfer.moc"
