// transfer --migrations: the target schema is what the folder's migrations build on PostgreSQL.
// The demo migrated on SQLite and moved this way equals a fresh PostgreSQL install of the folder
// (strata-cli diff) and keeps working there (status, validate, drift, down, up). A migration
// PostgreSQL refuses, SQLite data with no place in the built schema, or a cancel at any point
// leaves the target untouched. Values that do not fit: tst_valuefit.
#include "MigrationsFolderSupport.h"
#include "TestDatabases.h"

#include "transfer/MigrationsTransfer.h"
#include <QDir>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace strata;
using namespace strata::test;

namespace {

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
    void failingMigrationLeavesTargetUntouched();
    void unmatchedTableNamedBeforeLoading();
    void targetWithoutSourceIsSaid();
    void keysAndSequencesEqualFreshInstall();
    void postgresVariantsBuildTheTarget();
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

// The other way round: what the migrations build and no SQLite data fills is said in the plan;
// it keeps what the migrations gave it (its default, NULL, its seed rows), unless a NOT NULL
// column without a default would refuse every row.
void TestMigrationsTransfer::targetWithoutSourceIsSaid()
{
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    writeFiles(
        dir.path(),
        {{"V1__tables.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, must TEXT NOT NULL, opt TEXT, "
                            "dflt INTEGER NOT NULL DEFAULT 3);\n"
                            "CREATE TABLE b (id INTEGER PRIMARY KEY);\n"
                            "INSERT INTO b VALUES (1);\n"}});
    CliRun r = cli({"--db", sqlite.url(), "--migrations", dir.path(), "up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    // Changed by hand on SQLite, outside the migrations.
    execAll(sqlite, {"ALTER TABLE a DROP COLUMN opt", "ALTER TABLE a DROP COLUMN dflt",
                     "DROP TABLE b", "INSERT INTO a VALUES (1, 'x')"});
    r = cli({"--json", "transfer", sqlite.url(), pg.url(), "--plan", "--migrations", dir.path()});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    const QString warnings =
        r.json().value("warnings").toVariant().toStringList().join(QStringLiteral("\n"));
    QVERIFY2(warnings.contains("column a.opt has no SQLite column: loaded rows get NULL"),
             qPrintable(warnings));
    QVERIFY2(warnings.contains("column a.dflt has no SQLite column: loaded rows get its default"),
             qPrintable(warnings));
    QVERIFY2(warnings.contains("table b of the migrations' schema has no SQLite table"),
             qPrintable(warnings));
    r = cli({"transfer", sqlite.url(), pg.url(), "--migrations", dir.path()});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    QVERIFY2(QString::fromUtf8(r.err).contains("column a.dflt has no SQLite column"),
             qPrintable(cliText(r)));
    auto db = openUrl(pg.url());
    QCOMPARE(
        scalar(*db, "SELECT must || ' ' || coalesce(opt, 'null') || ' ' || dflt FROM a").toString(),
        QStringLiteral("x null 3"));
    QCOMPARE(rowCount(*db, "b"), 1); // the migration's own row

    STRATA_SCRATCH(second, Engine::Postgres);
    execAll(sqlite,
            {"CREATE TABLE a2 AS SELECT id FROM a", "DROP TABLE a", "ALTER TABLE a2 RENAME TO a"});
    r = cli({"--json", "transfer", sqlite.url(), second.url(), "--migrations", dir.path()});
    QVERIFY2(r.exitCode == 1, qPrintable(cliText(r)));
    QVERIFY2(cliText(r).contains("column a.must of the migrations' schema is NOT NULL without a "
                                 "default, and no SQLite column fills it"),
             qPrintable(cliText(r)));
    QCOMPARE(publicRelations(second), QString());
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

// A folder in SQLite's dialect with PostgreSQL variants (V1__x.postgresql.sql): the variant
// builds the target, the identity continues past SQLite's AUTOINCREMENT counter (past deleted
// ids too), and the database keeps working there with the same folder.
void TestMigrationsTransfer::postgresVariantsBuildTheTarget()
{
    STRATA_SCRATCH(sqlite, Engine::Sqlite);
    STRATA_SCRATCH(pg, Engine::Postgres);
    STRATA_SCRATCH(fresh, Engine::Postgres);
    QTemporaryDir dir;
    writeFiles(dir.path(),
               {{"V1__notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                                  "body TEXT NOT NULL, created TEXT DEFAULT (datetime('now')));\n"},
                {"V1__notes.postgresql.sql",
                 "CREATE TABLE notes (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                 "body text NOT NULL, created timestamp DEFAULT now());\n"},
                {"U1__notes.sql", "DROP TABLE notes;\n"},
                {"V2__tags.sql", "CREATE TABLE tags (note_id INTEGER NOT NULL REFERENCES notes "
                                 "(id), tag VARCHAR(20) NOT NULL, PRIMARY KEY (note_id, tag));\n"},
                {"U2__tags.sql", "DROP TABLE tags;\n"}});
    const QStringList onPg{"--db", pg.url(), "--migrations", dir.path()};
    CliRun r = cli({"--db", sqlite.url(), "--migrations", dir.path(), "up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    execAll(sqlite,
            {"INSERT INTO notes (body) VALUES ('a'), ('b'), ('c')",
             "INSERT INTO tags VALUES (1, 'x'), (2, 'y')", "DELETE FROM notes WHERE id = 3"});
    r = cli({"--json", "transfer", sqlite.url(), pg.url(), "--plan", "--migrations", dir.path()});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    const QStringList scripts = r.json().value("builtScripts").toVariant().toStringList();
    QCOMPARE(scripts.size(), 2);
    QVERIFY2(scripts[0].endsWith("V1__notes.postgresql.sql"), qPrintable(scripts.join(' ')));
    r = cli({"--json", "transfer", sqlite.url(), pg.url(), "--migrations", dir.path()});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli({"--db", fresh.url(), "--migrations", dir.path(), "up"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    r = cli({"diff", fresh.url(), pg.url(), "--exit-code"});
    QVERIFY2(r.exitCode == 0, qPrintable(cliText(r)));
    auto db = openUrl(pg.url());
    QCOMPARE(scalar(*db, "INSERT INTO notes (body) VALUES ('d') RETURNING id").toInt(), 4);
    for (const QStringList &command :
         {QStringList{"validate"}, QStringList{"drift"}, QStringList{"down", "--steps", "2"},
          QStringList{"up"}, QStringList{"drift"}, QStringList{"validate"}}) {
        r = cli(onPg + command);
        QVERIFY2(r.exitCode == 0, qPrintable(command.join(' ') + '\n' + cliText(r)));
    }
    r = cli({"diff", fresh.url(), pg.url(), "--exit-code"});
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
