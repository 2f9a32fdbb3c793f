// `port`: each SQLite construct of a migrations folder gets a PostgreSQL variant that really
// runs on PostgreSQL (up, down to 0, up again) and builds the schema the transfer would build
// from the SQLite database the plain files make.

#include "CliProcess.h"
#include "TestDatabases.h"
#include "connection/DatabaseSession.h"
#include "diff/SchemaDiff.h"
#include "migration/Migrator.h"
#include "port/MigrationPorter.h"
#include "schema/Introspector.h"
#include "transfer/TransferPlanner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

using Files = QList<QPair<QString, QByteArray>>;
Q_DECLARE_METATYPE(Files)

namespace {

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString allText(const PortReport &r)
{
    return r.text();
}

// The user schema of a database: without Strata's own tables.
Schema userSchema(Schema s)
{
    s.tables.removeIf([](const Table &t) {
        return t.name == QLatin1String("strata_schema_history") ||
               t.name == QLatin1String("strata_audit_log");
    });
    return s;
}

QString changesText(const SchemaDiffResult &d)
{
    QStringList out;
    for (const Change &c : d.changes)
        out << c.summary + QStringLiteral(": ") + c.forward.join(QStringLiteral("; "));
    return out.join(u'\n');
}

void sameAsTransfer(const QString &dir, DatabaseSession &pg, const QString &context);

} // namespace

class TestPort : public QObject {
    Q_OBJECT

private slots:
    void constructs_data();
    void constructs();
    void demoFolder();
    void sqliteDialectFixture();
    void keepsExistingAndPlainFiles();
    void dryRunWritesNothing();
    void stopsWhereThePlainScriptFails();
    void cli();
};

void TestPort::constructs_data()
{
    QTest::addColumn<Files>("files");
    QTest::addColumn<QStringList>("variants"); // the files port must write
    QTest::addColumn<QStringList>("mentions"); // text the variants hold, together
    QTest::addColumn<int>("manual");           // manual items in the report
    QTest::addColumn<QString>("check");        // a query on PostgreSQL after up
    QTest::addColumn<QString>("expected");     // its value

    const QByteArray items =
        "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);\n";
    QTest::newRow("AUTOINCREMENT")
        << Files{{"V1__a.sql",
                  "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);\n"},
                 {"U1__a.sql", "DROP TABLE t;\n"},
                 {"V2__b.sql", "INSERT INTO t (name) VALUES ('x');\n"}}
        << QStringList{"V1__a.postgresql.sql"} << QStringList{"IDENTITY"} << 0
        << "SELECT count(*) FROM t"
        << "1";
    QTest::newRow("INTEGER PRIMARY KEY")
        << Files{{"V1__a.sql", items}, {"U1__a.sql", "DROP TABLE items;\n"}}
        << QStringList{"V1__a.postgresql.sql"} << QStringList{"IDENTITY"} << 0
        << "SELECT count(*) FROM items"
        << "0";
    QTest::newRow("datetime('now') default")
        << Files{{"V1__a.sql",
                  "CREATE TABLE log (id INTEGER PRIMARY KEY, msg TEXT,\n"
                  "    at DATETIME DEFAULT (datetime('now')), day TEXT DEFAULT CURRENT_DATE);\n"},
                 {"U1__a.sql", "DROP TABLE log;\n"},
                 {"V2__b.sql", "INSERT INTO log (msg) VALUES ('hi');\n"}}
        << QStringList{"V1__a.postgresql.sql"} << QStringList{"DEFAULT"} << 0
        << "SELECT count(*) FROM log WHERE at IS NOT NULL"
        << "1";
    QTest::newRow("datetime('now') and strftime in data")
        << Files{{"V1__a.sql",
                  "CREATE TABLE log (id INTEGER PRIMARY KEY, msg TEXT, at TIMESTAMP);\n"},
                 {"U1__a.sql", "DROP TABLE log;\n"},
                 {"V2__b.sql", "INSERT INTO log (msg, at) VALUES ('hi', datetime('now'));\n"
                               "UPDATE log SET msg = strftime('%Y', at) WHERE msg = 'hi';\n"},
                 {"U2__b.sql", "DELETE FROM log;\n"}}
        << QStringList{"V1__a.postgresql.sql", "V2__b.postgresql.sql"} << QStringList{} << 0
        << "SELECT msg = extract(year FROM now())::int::text FROM log"
        << "true";
    QTest::newRow("INSERT OR IGNORE")
        << Files{{"V1__a.sql", items},
                 {"U1__a.sql", "DROP TABLE items;\n"},
                 {"V2__b.sql", "INSERT OR IGNORE INTO items (name) VALUES ('bolt');\n"
                               "INSERT OR IGNORE INTO items (name) VALUES ('bolt'), ('nut');\n"},
                 {"U2__b.sql", "DELETE FROM items;\n"}}
        << QStringList{"V1__a.postgresql.sql", "V2__b.postgresql.sql"}
        << QStringList{"ON CONFLICT DO NOTHING"} << 0 << "SELECT count(*) FROM items"
        << "2";
    QTest::newRow("INSERT OR REPLACE and REPLACE")
        << Files{{"V1__a.sql", "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);\n"},
                 {"U1__a.sql", "DROP TABLE settings;\n"},
                 {"V2__b.sql", "INSERT OR REPLACE INTO settings (key, value) VALUES ('a', '1');\n"
                               "REPLACE INTO settings (key, value) VALUES ('a', '2');\n"}}
        << QStringList{"V1__a.postgresql.sql", "V2__b.postgresql.sql"}
        << QStringList{R"(ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value")"} << 0
        << "SELECT value FROM settings WHERE key = 'a'"
        << "2";
    QTest::newRow("INSERT OR REPLACE on a unique name")
        << Files{{"V1__a.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL "
                               "UNIQUE, qty INTEGER);\n"},
                 {"V2__b.sql", "INSERT OR REPLACE INTO items (name, qty) VALUES ('bolt', 1);\n"
                               "INSERT OR REPLACE INTO items (name, qty) VALUES ('bolt', 5);\n"}}
        << QStringList{"V1__a.postgresql.sql", "V2__b.postgresql.sql"}
        << QStringList{R"(ON CONFLICT ("name") DO UPDATE SET "qty" = EXCLUDED."qty")"} << 0
        << "SELECT qty FROM items"
        << "5";
    QTest::newRow("explicit ids move the identity on")
        << Files{{"V1__a.sql", items},
                 {"V2__b.sql", "INSERT INTO items (id, name) VALUES (1, 'a'), (2, 'b');\n"},
                 {"V3__c.sql", "INSERT INTO items (name) VALUES ('c');\n"}}
        << QStringList{"V1__a.postgresql.sql", "V2__b.postgresql.sql"} << QStringList{"setval"} << 0
        << "SELECT max(id) FROM items"
        << "3";
    QTest::newRow("WITHOUT ROWID")
        << Files{{"V1__a.sql", "CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;\n"},
                 {"U1__a.sql", "DROP TABLE kv;\n"}}
        << QStringList{"V1__a.postgresql.sql"} << QStringList{"PRIMARY KEY"} << 0
        << "SELECT count(*) FROM kv"
        << "0";
    QTest::newRow("COLLATE NOCASE")
        << Files{{"V1__a.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT COLLATE "
                               "NOCASE UNIQUE);\n"},
                 {"U1__a.sql", "DROP TABLE users;\n"},
                 {"V2__b.sql",
                  "INSERT OR IGNORE INTO users (email) VALUES ('A@x.org'), ('a@X.org');\n"}}
        << QStringList{"V1__a.postgresql.sql", "V2__b.postgresql.sql"} << QStringList{"citext"} << 0
        << "SELECT count(*) FROM users"
        << "1";
    QTest::newRow("PRAGMA left out")
        << Files{{"V1__a.sql",
                  "PRAGMA foreign_keys = ON;\nCREATE TABLE a (id INTEGER PRIMARY KEY);\n"},
                 {"U1__a.sql", "DROP TABLE a;\n"}}
        << QStringList{"V1__a.postgresql.sql"}
        << QStringList{"-- STRATA: left out `PRAGMA foreign_keys = ON`"} << 0
        << "SELECT count(*) FROM a"
        << "0";
    const QByteArray rebuildBase =
        "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, qty TEXT, legacy TEXT);\n"
        "CREATE INDEX t_name ON t (name);\n"
        "INSERT INTO t (id, name, qty, legacy) VALUES (1, 'a', '3', 'x');\n";
    QTest::newRow("rebuild: dropped column")
        << Files{{"V1__a.sql", rebuildBase},
                 {"V2__b.sql", "PRAGMA foreign_keys = OFF;\n"
                               "CREATE TABLE new_t (id INTEGER PRIMARY KEY, name TEXT, qty TEXT);\n"
                               "INSERT INTO new_t (id, name, qty) SELECT id, name, qty FROM t;\n"
                               "DROP TABLE t;\nALTER TABLE new_t RENAME TO t;\n"
                               "CREATE INDEX t_name ON t (name);\nPRAGMA foreign_keys = ON;\n"}}
        << QStringList{"V1__a.postgresql.sql", "V2__b.postgresql.sql"}
        << QStringList{R"(DROP COLUMN "legacy")", "left out `PRAGMA foreign_keys = OFF`"} << 0
        << "SELECT name || qty FROM t"
        << "a3";
    QTest::newRow("rebuild: changed type")
        << Files{{"V1__a.sql", rebuildBase},
                 {"V2__b.sql",
                  "CREATE TABLE t_new (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER, legacy "
                  "TEXT);\n"
                  "INSERT INTO t_new SELECT id, name, CAST(qty AS INTEGER), legacy FROM t;\n"
                  "DROP TABLE t;\nALTER TABLE t_new RENAME TO t;\n"
                  "CREATE INDEX t_name ON t (name);\n"}}
        << QStringList{"V1__a.postgresql.sql", "V2__b.postgresql.sql"}
        << QStringList{R"(ALTER COLUMN "qty")"} << 0 << "SELECT qty + 1 FROM t"
        << "4";
    QTest::newRow("rebuild: added constraint")
        << Files{{"V1__a.sql", rebuildBase},
                 {"V2__b.sql",
                  "CREATE TABLE new_t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, qty "
                  "TEXT,\n"
                  "    legacy TEXT CHECK (legacy <> ''));\n"
                  "INSERT INTO new_t SELECT * FROM t;\nDROP TABLE t;\n"
                  "ALTER TABLE new_t RENAME TO t;\nCREATE INDEX t_name ON t (name);\n"}}
        << QStringList{"V1__a.postgresql.sql", "V2__b.postgresql.sql"} << QStringList{"ALTER TABLE"}
        << 0 << "SELECT count(*) FROM t"
        << "1";
    QTest::newRow("view and trigger")
        << Files{{"V1__a.sql",
                  "CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL,\n"
                  "    active INTEGER DEFAULT 1, updated_at DATETIME);\n"
                  "CREATE TRIGGER notes_touch AFTER UPDATE OF body ON notes\nBEGIN\n"
                  "    UPDATE notes SET updated_at = datetime('now') WHERE id = NEW.id;\nEND;\n"
                  "CREATE VIEW active_notes AS SELECT id, body FROM notes WHERE active = 1;\n"},
                 {"U1__a.sql",
                  "DROP VIEW active_notes;\nDROP TRIGGER notes_touch;\nDROP TABLE notes;\n"},
                 {"V2__b.sql",
                  "INSERT INTO notes (body) VALUES ('a');\nUPDATE notes SET body = 'b';\n"},
                 {"U2__b.sql", "DELETE FROM notes;\n"}}
        << QStringList{"U1__a.postgresql.sql", "V1__a.postgresql.sql"}
        << QStringList{"CREATE TRIGGER", "CREATE VIEW",
                       R"(DROP TRIGGER IF EXISTS "notes_touch" ON "notes")"}
        << 0
        << "SELECT count(*) FROM active_notes JOIN notes USING (id) WHERE updated_at IS NOT NULL"
        << "1";
    QTest::newRow("golang-migrate folder")
        << Files{{"1_a.up.sql",
                  "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE);\n"},
                 {"1_a.down.sql", "DROP TABLE t;\n"},
                 {"2_b.up.sql", "INSERT OR IGNORE INTO t (name) VALUES ('a'), ('a');\n"},
                 {"2_b.down.sql", "PRAGMA foreign_keys = OFF;\nDELETE FROM t;\n"}}
        << QStringList{"1_a.up.postgresql.sql", "2_b.down.postgresql.sql", "2_b.up.postgresql.sql"}
        << QStringList{"ON CONFLICT DO NOTHING"} << 0 << "SELECT count(*) FROM t"
        << "1";
    QTest::newRow("dbmate folder")
        << Files{{"1_a.sql", "-- migrate:up\nCREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                             "name TEXT UNIQUE);\n"
                             "-- migrate:down\nDROP TABLE t;\n"},
                 {"2_b.sql", "-- migrate:up\nINSERT OR IGNORE INTO t (name) VALUES ('a'), ('a');\n"
                             "-- migrate:down\nDELETE FROM t;\n"}}
        << QStringList{"1_a.postgresql.sql", "2_b.postgresql.sql"}
        << QStringList{"-- migrate:up\n", "-- migrate:down\nDROP TABLE t;",
                       "ON CONFLICT DO NOTHING"}
        << 0 << "SELECT count(*) FROM t"
        << "1";
    QTest::newRow("renamed table and column keep their rows")
        << Files{{"V1__a.sql", rebuildBase},
                 {"V2__b.sql",
                  "ALTER TABLE t RENAME COLUMN name TO title;\nCREATE INDEX t_title ON t (title);\n"
                  "ALTER TABLE t RENAME TO things;\n"}}
        << QStringList{"V1__a.postgresql.sql", "V2__b.postgresql.sql"}
        << QStringList{R"(RENAME COLUMN "name" TO "title")",
                       R"(ALTER TABLE "t" RENAME TO "things")"}
        << 0 << "SELECT title FROM things"
        << "a";
    QTest::newRow("rows moved into a new table, old one dropped")
        << Files{{"V1__a.sql", rebuildBase},
                 {"V2__b.sql",
                  "CREATE TABLE archive (id INTEGER PRIMARY KEY, name TEXT);\n"
                  "INSERT INTO archive (id, name) SELECT id, name FROM t;\nDROP TABLE t;\n"}}
        << QStringList{"V1__a.postgresql.sql", "V2__b.postgresql.sql"} << QStringList{"FROM \"t\""}
        << 0 << "SELECT name FROM archive"
        << "a";
    QTest::newRow("REPLACE with one key twice in one VALUES list")
        << Files{{"V1__a.sql", "CREATE TABLE settings (user_id INTEGER NOT NULL, key TEXT NOT NULL "
                               "COLLATE NOCASE,\n"
                               "    value TEXT, PRIMARY KEY (user_id, key));\n"},
                 {"V2__b.sql",
                  "INSERT OR REPLACE INTO settings (user_id, key, value) VALUES\n"
                  "    (1, 'theme', 'dark'), (1, 'Theme', 'light'), (2, 'sort', 'due');\n"}}
        << QStringList{"V1__a.postgresql.sql", "V2__b.postgresql.sql"}
        << QStringList{"VALUES (1, 'Theme', 'light') ON CONFLICT"} << 0
        << "SELECT string_agg(value, ',' ORDER BY user_id) FROM settings"
        << "light,due";
    QTest::newRow("rebuild: the copy computes the new values")
        << Files{{"V1__a.sql", "CREATE TABLE tasks (id INTEGER PRIMARY KEY, priority INTEGER NOT "
                               "NULL DEFAULT 2);\n"
                               "INSERT INTO tasks (id, priority) VALUES (1, 1), (2, 3);\n"},
                 {"V2__b.sql", "CREATE TABLE tasks_new (id INTEGER PRIMARY KEY,\n"
                               "    priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN "
                               "('low', 'normal', 'high')));\n"
                               "INSERT INTO tasks_new (id, priority)\n"
                               "    SELECT id, CASE priority WHEN 1 THEN 'high' WHEN 3 THEN 'low' "
                               "ELSE 'normal' END FROM tasks;\n"
                               "DROP TABLE tasks;\nALTER TABLE tasks_new RENAME TO tasks;\n"}}
        << QStringList{"V1__a.postgresql.sql", "V2__b.postgresql.sql"} << QStringList{"USING (CASE"}
        << 0 << "SELECT string_agg(priority, ',' ORDER BY id) FROM tasks"
        << "high,low";
    QTest::newRow("a JSON column gets the type its rows give it")
        << Files{{"V1__a.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n"},
                 {"V2__b.sql", "ALTER TABLE users ADD COLUMN preferences JSON;\n"
                               "INSERT INTO users (name, preferences) VALUES ('ada', '{\"theme\": "
                               "\"dark\"}');\n"}}
        << QStringList{"V1__a.postgresql.sql", "V2__b.postgresql.sql"}
        << QStringList{"ADD COLUMN \"preferences\" text"} << 0 << "SELECT preferences FROM users"
        << "{\"theme\": \"dark\"}";
    QTest::newRow("portable data and undo: no variant")
        << Files{{"V1__a.sql", items},
                 {"U1__a.sql", "DROP TABLE items;\n"},
                 {"V2__b.sql", "INSERT INTO items (name) VALUES ('x');\n"},
                 {"U2__b.sql", "DELETE FROM items WHERE name = 'x';\n"}}
        << QStringList{"V1__a.postgresql.sql"} << QStringList{} << 0 << "SELECT count(*) FROM items"
        << "1";
    QTest::newRow("untranslatable: manual")
        << Files{{"V1__a.sql", items},
                 {"V2__b.sql", "UPDATE OR IGNORE items SET name = 'x';\nINSERT INTO items (name) "
                               "VALUES ('y');\n"}}
        << QStringList{"V1__a.postgresql.sql", "V2__b.postgresql.sql"}
        << QStringList{"-- STRATA MANUAL: UPDATE OR IGNORE",
                       "-- UPDATE OR IGNORE items SET name = 'x'"}
        << 1 << "SELECT count(*) FROM items"
        << "1";
}

void TestPort::constructs()
{
    QFETCH(Files, files);
    QFETCH(QStringList, variants);
    QFETCH(QStringList, mentions);
    QFETCH(int, manual);
    QFETCH(QString, check);
    QFETCH(QString, expected);

    QTemporaryDir dir;
    test::writeFiles(dir.path(), files);
    auto report = MigrationPorter::port(dir.path(), {});
    QVERIFY2(report.ok(), qPrintable(report.error().toString()));
    QCOMPARE(report->manualCount(), manual);
    QStringList written;
    QString variantText;
    for (const QString &name :
         QDir(dir.path()).entryList({"*.postgresql.sql"}, QDir::Files, QDir::Name)) {
        written << name;
        variantText += readAll(dir.filePath(name));
    }
    std::sort(variants.begin(), variants.end());
    QCOMPARE(written, variants);
    for (const QString &m : mentions)
        QVERIFY2(variantText.contains(m),
                 qPrintable(QStringLiteral("no `%1` in\n%2").arg(m, variantText)));

    // The ported folder on PostgreSQL: up, every undo, up again.
    STRATA_SCRATCH(pg, Engine::Postgres);
    auto pgSession = test::openSession(pg.url());
    Migrator onPg(*pgSession, test::readFolder(dir.path()));
    RunResult up = onPg.up();
    QVERIFY2(up.ok(), qPrintable(test::errorText(up.error) + u'\n' + variantText));
    auto value = pgSession->scalar(check);
    QVERIFY2(value.ok(), qPrintable(value.error().toString()));
    QCOMPARE(value->toString(), expected);
    bool undoAll = true; // down to 0 needs an undo for every version
    for (const auto &f : files) {
        const QString undo = u'U' + f.first.mid(1);
        if (f.first.startsWith(u'V'))
            undoAll = undoAll && std::any_of(files.begin(), files.end(),
                                             [&](const auto &g) { return g.first == undo; });
    }
    if (undoAll) {
        RunResult down = onPg.down({Version::parse("0"), std::nullopt});
        QVERIFY2(down.ok(), qPrintable(test::errorText(down.error) + u'\n' + variantText));
        RunResult again = onPg.up();
        QVERIFY2(again.ok(), qPrintable(test::errorText(again.error)));
    }

    // The plain folder on SQLite, then the transfer's plan for that database: the ported
    // folder built the same schema on PostgreSQL.
    sameAsTransfer(dir.path(), *pgSession, variantText);
}

// Applies the plain folder to SQLite, runs the transfer's DDL for that database on a second
// PostgreSQL database, and compares what the ported folder built on `pg` with it.
namespace {

void sameAsTransfer(const QString &dir, DatabaseSession &pg, const QString &context)
{
    STRATA_SCRATCH(lite, Engine::Sqlite);
    auto liteSession = test::openSession(lite.url());
    Migrator onLite(*liteSession, test::readFolder(dir));
    QVERIFY(onLite.up().ok());
    auto plan = TransferPlanner::plan(*liteSession, {});
    QVERIFY2(plan.ok(), qPrintable(plan.error().toString()));
    STRATA_SCRATCH(moved, Engine::Postgres);
    auto movedSession = test::openSession(moved.url());
    for (const QString &sql : plan->createTables + plan->afterLoad) {
        auto ran = movedSession->exec(sql);
        QVERIFY2(ran.ok(), qPrintable(ran.error().toString()));
    }
    auto built = Introspector::read(pg);
    auto transferred = Introspector::read(*movedSession);
    QVERIFY(built.ok() && transferred.ok());
    const SchemaDiffResult diff = SchemaDiff::compare(userSchema(*built), userSchema(*transferred));
    QVERIFY2(diff.isEmpty(), qPrintable(changesText(diff) + u'\n' + context));
}

} // namespace

void TestPort::demoFolder()
{
    QTemporaryDir dir;
    for (const QString &name : QDir(test::demoFolder()).entryList({"*.sql"}, QDir::Files))
        QVERIFY(QFile::copy(test::demoFolder() + u'/' + name, dir.filePath(name)));
    auto report = MigrationPorter::port(dir.path(), {});
    QVERIFY2(report.ok(), qPrintable(report.error().toString()));
    QCOMPARE(report->manualCount(), 0);
    QVERIFY2(report->count(PortOutcome::Written) > 0, qPrintable(report->text()));

    STRATA_SCRATCH(pg, Engine::Postgres);
    auto session = test::openSession(pg.url());
    Migrator migrator(*session, test::readFolder(dir.path()));
    RunResult up = migrator.up();
    QVERIFY2(up.ok(), qPrintable(test::errorText(up.error)));
    QCOMPARE(test::rowCount(*session, "products"), 7);
    // A variant's own id sequence goes on after the seeded ids.
    QVERIFY(
        session
            ->exec("INSERT INTO products (category_id, sku, name, price) VALUES (1, 'X', 'x', 1)")
            .ok());
    QVERIFY(session->exec("DELETE FROM products WHERE sku = 'X'").ok());
    sameAsTransfer(dir.path(), *session, report->text());
    if (QTest::currentTestFailed())
        return;
    RunResult down = migrator.down({Version::parse("0"), std::nullopt});
    QVERIFY2(down.ok(), qPrintable(test::errorText(down.error)));
    QVERIFY(migrator.up().ok());
    QVERIFY(migrator.validate()->isEmpty());
}

// The readiness check's SQLite-dialect folder (tests/fixtures/sqlite_dialect): every version
// ported, run up, down to 0 and up on PostgreSQL, and the same schema as the transfer's.
void TestPort::sqliteDialectFixture()
{
    const QString fixture =
        qEnvironmentVariable("STRATA_SOURCE_DIR") + "/tests/fixtures/sqlite_dialect";
    if (!QDir(fixture).exists())
        QSKIP("tests/fixtures/sqlite_dialect is not in this checkout");
    QTemporaryDir dir;
    for (const QString &name : QDir(fixture).entryList({"*.sql"}, QDir::Files)) {
        if (!name.contains(".postgresql."))
            QVERIFY(QFile::copy(fixture + u'/' + name, dir.filePath(name)));
    }
    auto report = MigrationPorter::port(dir.path(), {});
    QVERIFY2(report.ok(), qPrintable(report->text()));
    QCOMPARE(report->count(PortOutcome::Failed), 0);
    STRATA_SCRATCH(pg, Engine::Postgres);
    auto session = test::openSession(pg.url());
    Migrator migrator(*session, test::readFolder(dir.path()));
    RunResult up = migrator.up();
    QVERIFY2(up.ok(), qPrintable(test::errorText(up.error) + u'\n' + report->text()));
    sameAsTransfer(dir.path(), *session, report->text());
    if (QTest::currentTestFailed())
        return;
    RunResult down = migrator.down({Version::parse("0"), std::nullopt});
    QVERIFY2(down.ok(), qPrintable(test::errorText(down.error)));
    QVERIFY(migrator.up().ok());
    QVERIFY(migrator.validate()->isEmpty());
}

void TestPort::keepsExistingAndPlainFiles()
{
    QTemporaryDir dir;
    test::writeFiles(dir.path(),
                     {{"V1__a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);\n"},
                      {"U1__a.sql", "PRAGMA foreign_keys = OFF;\nDROP TABLE a;\n"}});
    const QString plainUp = readAll(dir.filePath("V1__a.sql"));
    auto first = MigrationPorter::port(dir.path(), {});
    QVERIFY(first.ok());
    QCOMPARE(first->count(PortOutcome::Written), 2);
    test::writeFiles(dir.path(), {{"V1__a.postgresql.sql", "CREATE TABLE a (id bigint);\n"}});
    auto second = MigrationPorter::port(dir.path(), {});
    QVERIFY(second.ok());
    QCOMPARE(second->count(PortOutcome::KeptExisting), 2);
    QCOMPARE(readAll(dir.filePath("V1__a.postgresql.sql")),
             QStringLiteral("CREATE TABLE a (id bigint);\n"));
    PortOptions force;
    force.force = true;
    auto third = MigrationPorter::port(dir.path(), force);
    QVERIFY(third.ok());
    QCOMPARE(third->count(PortOutcome::Overwritten), 2);
    QVERIFY(readAll(dir.filePath("V1__a.postgresql.sql")).contains("IDENTITY"));
    QCOMPARE(readAll(dir.filePath("V1__a.sql")), plainUp);
    QVERIFY(allText(*third).contains("replaced V1__a.postgresql.sql"));
}

void TestPort::dryRunWritesNothing()
{
    QTemporaryDir dir;
    test::writeFiles(dir.path(),
                     {{"V1__a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);\n"}});
    PortOptions dry;
    dry.dryRun = true;
    auto report = MigrationPorter::port(dir.path(), dry);
    QVERIFY(report.ok());
    QCOMPARE(report->count(PortOutcome::WouldWrite), 1);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"V1__a.sql"});
    QVERIFY(report->text().contains("would write V1__a.postgresql.sql"));
}

void TestPort::stopsWhereThePlainScriptFails()
{
    QTemporaryDir dir;
    test::writeFiles(dir.path(),
                     {{"V1__a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);\n"},
                      {"V2__b.sql", "INSERT INTO missing (x) VALUES (1);\n"},
                      {"V3__c.sql", "CREATE TABLE c (id INTEGER PRIMARY KEY AUTOINCREMENT);\n"}});
    auto report = MigrationPorter::port(dir.path(), {});
    QVERIFY(report.ok());
    QCOMPARE(report->versions.size(), 2);
    QCOMPARE(report->versions[0].scripts.first().outcome, PortOutcome::Written);
    const PortedScript &failed = report->versions[1].scripts.first();
    QCOMPARE(failed.outcome, PortOutcome::Failed);
    QVERIFY2(failed.error.contains("V2__b.sql:1") && failed.error.contains("missing"),
             qPrintable(failed.error));
    QVERIFY(report->warnings.join(u' ').contains("after 2"));
    QVERIFY(QFile::exists(dir.filePath("V1__a.postgresql.sql")));
    QVERIFY(!QFile::exists(dir.filePath("V3__c.postgresql.sql")));
    QVERIFY(report->text().contains("FAILED on SQLite"));
}

void TestPort::cli()
{
    QTemporaryDir dir;
    test::writeFiles(
        dir.path(),
        {{"V1__a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, n TEXT);\n"},
         {"U1__a.sql", "DROP TABLE a;\n"}});
    const QString report = dir.filePath("port.json");
    test::CliRun dry = test::runCli({"--migrations", dir.path(), "--json", "port", "--engine",
                                     "postgresql", "--dry-run", "--report", report});
    QCOMPARE(dry.exitCode, 0);
    const QJsonObject doc = QJsonDocument::fromJson(dry.output).object();
    const QJsonArray scripts = doc["versions"].toArray().first().toObject()["scripts"].toArray();
    QCOMPARE(scripts.size(), 2);
    QCOMPARE(scripts[0].toObject()["outcome"].toString(), "would_write");
    QCOMPARE(scripts[0].toObject()["variant"].toString(), dir.filePath("V1__a.postgresql.sql"));
    QCOMPARE(scripts[1].toObject()["outcome"].toString(), "as_is");
    QVERIFY(scripts[1].toObject()["variant"].isNull());
    QVERIFY(QFile::exists(report));
    QVERIFY(!QFile::exists(dir.filePath("V1__a.postgresql.sql")));

    test::writeFiles(dir.path(), {{"V2__b.sql", "UPDATE OR REPLACE a SET n = 'x';\n"}});
    test::CliRun manual =
        test::runCli({"--migrations", dir.path(), "port", "--engine", "postgresql"});
    QCOMPARE(manual.exitCode, 3);
    QVERIFY2(manual.text().contains("MANUAL") &&
                 manual.text().contains("wrote V2__b.postgresql.sql"),
             qPrintable(manual.describe()));
    QVERIFY(QFile::exists(dir.filePath("V2__b.postgresql.sql")));

    test::CliRun sqlite = test::runCli({"--migrations", dir.path(), "port", "--engine", "sqlite"});
    QCOMPARE(sqlite.exitCode, 2);
    test::CliRun both = test::runCli(
        {"--migrations", dir.path(), "port", "--engine", "postgresql", "--dry-run", "--force"});
    QCOMPARE(both.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestPort)
#include "tst_port.moc"
