// Round trip on real databases: schema A in db1, schema B in db2, apply diff(A, B) to db1 and
// find B there; apply the inverse script and find A again. Column order is not compared: ADD COLUMN
// appends, so an inverse that re-adds a dropped column puts it last.

#include "TestDatabases.h"
#include "connection/DatabaseSession.h"
#include "diff/SchemaDiff.h"
#include "migration/SqlSplitter.h"
#include "schema/Introspector.h"
#include "schema/SchemaJson.h"

#include <QFile>
#include <QTest>

using namespace strata;

namespace {

struct Pair {
    const char *name;
    QString a;
    QString b;
    bool reversible = true;
};

// SQLite: plain ALTER TABLE where it can, the table rebuild where it cannot.
QList<Pair> sqlitePairs()
{
    const auto tt = [](const QString &rest) {
        return "CREATE TABLE t (id INTEGER PRIMARY KEY, " + rest + ")";
    };
    const QString t = tt("a TEXT");
    const QString tab = tt("a TEXT, b INTEGER");
    const QString p = "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT);";
    const QString c0 = "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER)";
    const QString c1 =
        "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id) ON DELETE CASCADE)";
    const QString log = ";CREATE TABLE log (msg TEXT)";
    const QString trg =
        ";CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.a); END";
    const QString k = "CREATE TABLE k (code TEXT PRIMARY KEY, v INTEGER)";
    const QString v1 = ";CREATE VIEW v1 AS SELECT id, a FROM t";
    const QString v2 = ";CREATE VIEW v2 AS SELECT a FROM v1 WHERE id > 1";
    const QString user = R"(CREATE TABLE "user" ("order" INTEGER PRIMARY KEY, "references" TEXT);)";
    const QString order =
        R"(CREATE TABLE "order" ("user" INTEGER REFERENCES "user" ("order"), "select" TEXT))";
    const QString odd = R"(CREATE TABLE "my ""odd"" table" ("Prénom" TEXT, "Größe ✓" INTEGER))";
    return {
        {"create table", t, t + ";CREATE TABLE u (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"},
        {"drop table", t + ";CREATE TABLE u (x)", t},
        {"add column", t, tab},
        {"add column not null default", t, tt("a TEXT, b TEXT NOT NULL DEFAULT 'x'")},
        {"add column timestamp default", t, tt("a TEXT, b TEXT DEFAULT CURRENT_TIMESTAMP")},
        {"add column expression default", t, tt("a TEXT, b INTEGER DEFAULT (1 + 2)")},
        {"drop column", tab, t},
        {"drop middle column", tt("x REAL, a TEXT"), t},
        {"column type", t, tt("a INTEGER")},
        {"column not null", t, tt("a TEXT NOT NULL")},
        {"column default", tt("a TEXT DEFAULT 'x'"), tt("a TEXT DEFAULT 'y'")},
        {"column collation", t, tt("a TEXT COLLATE NOCASE")},
        {"add primary key", "CREATE TABLE t (a TEXT, b INTEGER)",
         "CREATE TABLE t (a TEXT, b INTEGER, PRIMARY KEY (a, b))"},
        {"drop primary key", "CREATE TABLE t (a TEXT, b INTEGER, PRIMARY KEY (a, b))",
         "CREATE TABLE t (a TEXT, b INTEGER)"},
        {"named primary key", "CREATE TABLE t (id INTEGER, CONSTRAINT pk_t PRIMARY KEY (id))",
         "CREATE TABLE t (id INTEGER, CONSTRAINT t_key PRIMARY KEY (id))"},
        {"rowid to autoincrement", t,
         "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT)"},
        {"create autoincrement table", "",
         "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT)"},
        {"add unique", t, tt("a TEXT, UNIQUE (a)")},
        {"drop named unique", tt("a TEXT, CONSTRAINT t_a_key UNIQUE (a)"), t},
        {"add check", t, tt("a TEXT CHECK (length(a) > 0)")},
        {"change check", tt("a TEXT, CHECK (length(a) > 0)"), tt("a TEXT, CHECK (length(a) > 1)")},
        {"add foreign key", p + c0, p + c1},
        {"drop foreign key", p + c1, p + c0},
        {"foreign key actions", p + c1,
         p + "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id) ON DELETE SET "
             "NULL ON UPDATE RESTRICT)"},
        {"deferrable foreign key", p + c1,
         p + "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id) DEFERRABLE "
             "INITIALLY DEFERRED)"},
        {"foreign key to new table", c0,
         p + "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p)"},
        {"rebuild parent of foreign key", p + c1,
         "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');" + c1},
        {"self reference", "CREATE TABLE n (id INTEGER PRIMARY KEY, up INTEGER)",
         "CREATE TABLE n (id INTEGER PRIMARY KEY, up INTEGER REFERENCES n (id))"},
        {"without rowid on", k, k + " WITHOUT ROWID"},
        {"without rowid off", k + " WITHOUT ROWID", k},
        {"add virtual generated", t,
         "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER GENERATED ALWAYS AS "
         "(length(a)) VIRTUAL)"},
        {"add stored generated", t,
         "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER GENERATED ALWAYS AS "
         "(length(a)) STORED)"},
        {"change generated", tt("a TEXT, b INTEGER AS (length(a))"),
         tt("a TEXT, b INTEGER AS (length(a) * 2)")},
        {"create index", t, t + ";CREATE INDEX t_a ON t (a)"},
        {"drop index", t + ";CREATE INDEX t_a ON t (a)", t},
        {"index to unique", t + ";CREATE INDEX t_a ON t (a)",
         t + ";CREATE UNIQUE INDEX t_a ON t (a)"},
        {"partial index", t, t + ";CREATE INDEX t_a ON t (a) WHERE a IS NOT NULL"},
        {"expression index", t, t + ";CREATE INDEX t_lower ON t (lower(a))"},
        {"index desc collate", t, t + ";CREATE INDEX t_a ON t (a COLLATE NOCASE DESC, id)"},
        {"drop column used by index", tab + ";CREATE INDEX t_b ON t (b)", t},
        {"create view", t, t + v1},
        {"drop view", t + v1, t},
        {"change view", t + ";CREATE VIEW v1 AS SELECT id FROM t", t + v1},
        {"dependent views", t + v1 + v2, t + ";CREATE VIEW v1 AS SELECT id, a, a AS b FROM t" + v2},
        {"view over rebuilt table", t + v1 + v2, tt("a TEXT NOT NULL DEFAULT ''") + v1 + v2},
        {"create trigger", t + log, t + log + trg},
        {"drop trigger", t + log + trg, t + log},
        {"change trigger", t + log + trg,
         t + log +
             ";CREATE TRIGGER t_ins AFTER UPDATE ON t BEGIN INSERT INTO log VALUES (old.a); END"},
        {"rebuild keeps index and trigger", t + log + trg + ";CREATE INDEX t_a ON t (a)",
         tt("a TEXT COLLATE NOCASE") + log + trg + ";CREATE INDEX t_a ON t (a)"},
        {"rebuild under another table's trigger",
         t + log +
             ";CREATE TRIGGER log_ins AFTER INSERT ON log BEGIN INSERT INTO t (a) VALUES "
             "(new.msg); END",
         tt("a TEXT CHECK (a <> '')") + log +
             ";CREATE TRIGGER log_ins AFTER INSERT ON log BEGIN INSERT INTO t (a) VALUES "
             "(new.msg); END"},
        {"reserved words", "", user + order},
        {"reserved words rebuild", user + order,
         user +
             R"(CREATE TABLE "order" ("user" INTEGER REFERENCES "user" ("order") ON DELETE CASCADE, "select" TEXT NOT NULL DEFAULT 'x'))"},
        {"quotes spaces unicode", R"(CREATE TABLE "my ""odd"" table" ("Prénom" TEXT))",
         odd + R"(;CREATE INDEX "idx ""odd""" ON "my ""odd"" table" ("Prénom"))"},
        {"capitals rebuild with view",
         R"(CREATE TABLE "User" ("Id" INTEGER PRIMARY KEY, "Name" TEXT);CREATE VIEW "Select" AS SELECT "Name" FROM "User")",
         R"(CREATE TABLE "User" ("Id" INTEGER PRIMARY KEY, "Name" TEXT NOT NULL DEFAULT '', CHECK ("Name" <> 'x'));CREATE VIEW "Select" AS SELECT "Name" FROM "User")"},
    };
}

// PostgreSQL: every object kind, ALTER for each column property, dependent objects around them.
QList<Pair> postgresPairs()
{
    const auto tt = [](const QString &rest) {
        return "CREATE TABLE t (id integer PRIMARY KEY, " + rest + ")";
    };
    const QString t = tt("a text");
    const QString tab = tt("a text, b integer");
    const QString tvc = tt("a character varying(50)");
    const QString p = "CREATE TABLE p (id integer PRIMARY KEY, name text);";
    const QString c0 = "CREATE TABLE c (id integer PRIMARY KEY, p_id integer)";
    const QString c1 =
        "CREATE TABLE c (id integer PRIMARY KEY, p_id integer REFERENCES p (id) ON DELETE CASCADE)";
    const QString fn =
        "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;";
    const QString trg =
        ";CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch()";
    const QString v1 = ";CREATE VIEW v1 AS SELECT id, a FROM t";
    const QString v2 = ";CREATE VIEW v2 AS SELECT a FROM v1 WHERE id > 1";
    const QString mood = "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');";
    const QString moodT = "CREATE TABLE m (id integer PRIMARY KEY, feel mood DEFAULT 'ok')";
    const QString seq = "CREATE SEQUENCE s INCREMENT BY 5 START WITH 10 MAXVALUE 1000 CYCLE";
    const QString user = R"(CREATE TABLE "user" ("order" integer PRIMARY KEY, "references" text);)";
    const QString order =
        R"(CREATE TABLE "order" ("user" integer REFERENCES "user" ("order"), "select" text))";
    const QString odd =
        R"(CREATE SCHEMA "My ""Schema""";CREATE TABLE "My ""Schema"""."Prénom Table" ("Größe ✓" integer, "Name" text))";
    return {
        {"create identity table", "",
         "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a text NOT NULL)"},
        {"drop table", t + ";CREATE TABLE u (x integer)", t},
        {"add column", t, tab},
        {"add column not null default", t, tt("a text, b text NOT NULL DEFAULT 'x'")},
        {"drop column", tab, t},
        {"drop middle column", tt("x real, a text"), t},
        {"widen varchar", tt("a character varying(10)"), tvc},
        {"narrow varchar", tvc, tt("a character varying(10)")},
        {"text to integer", t, tt("a integer")},
        {"set not null", t, tt("a text NOT NULL")},
        {"drop not null", tt("a text NOT NULL"), t},
        {"set default", t, tt("a text DEFAULT 'x'")},
        {"change default with type", tt("a text DEFAULT '1'"), tt("a integer DEFAULT 1")},
        {"add identity", "CREATE TABLE t (id integer PRIMARY KEY)",
         "CREATE TABLE t (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY)"},
        {"identity always to by default",
         "CREATE TABLE t (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY)",
         "CREATE TABLE t (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY)"},
        {"serial table", "", "CREATE TABLE t (id serial PRIMARY KEY, a text)"},
        {"drop serial column", tt("n serial"), "CREATE TABLE t (id integer PRIMARY KEY)"},
        {"add generated", t,
         "CREATE TABLE t (id integer PRIMARY KEY, a text, b integer GENERATED ALWAYS AS "
         "(length(a)) STORED)"},
        {"change generated",
         "CREATE TABLE t (id integer PRIMARY KEY, a text, b integer GENERATED ALWAYS AS "
         "(length(a)) STORED)",
         "CREATE TABLE t (id integer PRIMARY KEY, a text, b integer GENERATED ALWAYS AS (length(a) "
         "* 2) STORED)"},
        {"drop expression",
         "CREATE TABLE t (id integer PRIMARY KEY, a text, b integer GENERATED ALWAYS AS "
         "(length(a)) STORED)",
         tab},
        {"collation", t, tt("a text COLLATE \"C\"")},
        {"add primary key", "CREATE TABLE t (id integer, a text)", t},
        {"rename primary key", "CREATE TABLE t (id integer CONSTRAINT t_pk PRIMARY KEY)",
         "CREATE TABLE t (id integer CONSTRAINT t_key PRIMARY KEY)"},
        {"add unique", t, tt("a text UNIQUE")},
        {"drop unique", tt("a text, b integer, UNIQUE (a, b)"), tab},
        {"add check", t, tt("a text CHECK (length(a) > 0)")},
        {"change check", tt("a text CONSTRAINT a_len CHECK (length(a) > 0)"),
         tt("a text CONSTRAINT a_len CHECK (length(a) > 1)")},
        {"add foreign key", p + c0, p + c1},
        {"drop foreign key", p + c1, p + c0},
        {"foreign key actions", p + c1,
         p + "CREATE TABLE c (id integer PRIMARY KEY, p_id integer REFERENCES p (id) ON UPDATE "
             "RESTRICT DEFERRABLE INITIALLY DEFERRED)"},
        {"foreign key match full", p + c1,
         p + "CREATE TABLE c (id integer PRIMARY KEY, p_id integer REFERENCES p (id) MATCH FULL)"},
        {"foreign key follows its key", p + c1,
         "CREATE TABLE p (id integer CONSTRAINT p_key PRIMARY KEY, name text);" + c1},
        {"create index", t, t + ";CREATE INDEX t_a ON t (a)"},
        {"drop index", t + ";CREATE INDEX t_a ON t (a)", t},
        {"partial unique index", t, t + ";CREATE UNIQUE INDEX t_a ON t (a) WHERE a IS NOT NULL"},
        {"expression index desc nulls last", t + ";CREATE INDEX t_l ON t (lower(a))",
         t + ";CREATE INDEX t_l ON t (lower(a) DESC NULLS LAST)"},
        {"hash index", t, t + ";CREATE INDEX t_h ON t USING hash (a)"},
        {"create view", t, t + v1},
        {"change view", t + ";CREATE VIEW v1 AS SELECT id FROM t", t + v1},
        {"dependent views", t + v1 + v2,
         t + ";CREATE VIEW v1 AS SELECT id, a, upper(a) AS b FROM t" + v2},
        {"view over retyped column", t + v1 + v2, tvc + v1 + v2},
        {"materialized view", t, t + ";CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM t"},
        {"change materialized view",
         t + ";CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM t",
         t + ";CREATE MATERIALIZED VIEW mv AS SELECT max(id) AS n FROM t"},
        {"create trigger", fn + t, fn + t + trg},
        {"drop trigger", fn + t + trg, fn + t},
        {"change trigger", fn + t + trg,
         fn + t +
             ";CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE ON t FOR EACH ROW EXECUTE FUNCTION "
             "touch()"},
        {"create sequence", "", seq},
        {"alter sequence", seq, "CREATE SEQUENCE s AS integer INCREMENT BY 1 NO CYCLE"},
        {"drop sequence", seq, ""},
        {"create enum with users", "", mood + moodT},
        {"enum add label", mood + moodT,
         "CREATE TYPE mood AS ENUM ('awful', 'sad', 'ok', 'happy', 'great');" + moodT, false},
        {"enum remove label", mood + moodT, "CREATE TYPE mood AS ENUM ('sad', 'ok');" + moodT},
        {"drop enum", mood, ""},
        {"create schema with table", "",
         "CREATE SCHEMA shop;CREATE TABLE shop.orders (id integer PRIMARY KEY, note text)"},
        {"drop schema", "CREATE SCHEMA shop;COMMENT ON SCHEMA shop IS 'the shop'", ""},
        {"comments", t + ";CREATE INDEX t_a ON t (a)" + v1 + ";" + mood + "CREATE SCHEMA s",
         t + ";CREATE INDEX t_a ON t (a)" + v1 + ";" + mood +
             "CREATE SCHEMA s;COMMENT ON TABLE t IS 'things';COMMENT ON COLUMN t.a IS 'the a';"
             "COMMENT ON INDEX t_a IS 'by a';COMMENT ON VIEW v1 IS 'view';COMMENT ON TYPE mood IS "
             "'feelings';COMMENT ON SCHEMA s IS 'ess'"},
        {"drop table with comments",
         t + ";COMMENT ON TABLE t IS 'things';COMMENT ON COLUMN t.a IS 'it''s a'", ""},
        {"reserved words", "", user + order},
        {"reserved words alter", user + order,
         user +
             R"(CREATE TABLE "order" ("user" integer REFERENCES "user" ("order") ON DELETE CASCADE, "select" text NOT NULL DEFAULT 'x'))"},
        {"quotes spaces unicode schema", R"(CREATE SCHEMA "My ""Schema""")",
         odd +
             R"(;CREATE INDEX "idx ""odd""" ON "My ""Schema"""."Prénom Table" ("Name");CREATE VIEW "My ""Schema"""."Vue" AS SELECT "Name" FROM "My ""Schema"""."Prénom Table")"},
        {"capitals retype with view",
         R"(CREATE TABLE "User" ("Id" integer PRIMARY KEY, "Name" text);CREATE VIEW "Select" AS SELECT "Name" FROM "User")",
         R"(CREATE TABLE "User" ("Id" bigint PRIMARY KEY, "Name" character varying(40) NOT NULL);CREATE VIEW "Select" AS SELECT "Name" FROM "User")"},
    };
}

Status runScript(DatabaseSession &session, const QString &script, bool transaction)
{
    if (transaction) {
        if (auto begun = session.exec(session.dialect().beginSql()); !begun)
            return begun.error();
    }
    for (const SqlStatement &s : SqlSplitter::split(script)) {
        if (auto done = session.exec(s.sql); !done) {
            if (transaction)
                session.exec(QStringLiteral("ROLLBACK"));
            Error e = done.error();
            e.statement = s.sql;
            return e;
        }
    }
    if (transaction) {
        if (auto committed = session.exec(QStringLiteral("COMMIT")); !committed)
            return committed.error();
    }
    return {};
}

// What legitimately differs after a round trip is left out: the columns' order.
QByteArray comparable(Schema schema)
{
    for (Table &t : schema.tables)
        std::sort(t.columns.begin(), t.columns.end(),
                  [](const Column &x, const Column &y) { return x.name < y.name; });
    return SchemaJson::write(schema);
}

// Empty when equal; otherwise the first differing lines of the two snapshots.
QString difference(const Schema &actual, const Schema &expected)
{
    const QList<QByteArray> x = comparable(actual).split('\n'),
                            y = comparable(expected).split('\n');
    if (x == y)
        return {};
    qsizetype i = 0;
    while (i < x.size() && i < y.size() && x[i] == y[i])
        ++i;
    QString out = QStringLiteral("snapshots differ at line %1\n").arg(i + 1);
    for (qsizetype k = std::max<qsizetype>(0, i - 4); k < i + 4; ++k) {
        out += QStringLiteral("  actual:   %1\n")
                   .arg(k < x.size() ? QString::fromUtf8(x[k]) : QString());
        out += QStringLiteral("  expected: %1\n")
                   .arg(k < y.size() ? QString::fromUtf8(y[k]) : QString());
    }
    return out;
}

QString describe(const SchemaDiffResult &r)
{
    QString out;
    for (const Change &c : r.changes)
        out += QStringLiteral("  %1 %2 %3\n")
                   .arg(changeActionName(c.action), objectKindName(c.kind), c.name);
    return out;
}

} // namespace

class TestDiffRoundTrip : public QObject {
    Q_OBJECT
private slots:
    void sqlite_data() { addRows(sqlitePairs()); }
    void sqlite() { roundTrip(Engine::Sqlite); }
    void postgres_data() { addRows(postgresPairs()); }
    void postgres() { roundTrip(Engine::Postgres); }
    void pairCounts();
    void crossEngine_data();
    void crossEngine();

private:
    static void addRows(const QList<Pair> &pairs);
    void roundTrip(Engine engine);
};

void TestDiffRoundTrip::addRows(const QList<Pair> &pairs)
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("reversible");
    for (const Pair &p : pairs)
        QTest::newRow(p.name) << p.a << p.b << p.reversible;
}

void TestDiffRoundTrip::pairCounts()
{
    QVERIFY(sqlitePairs().size() >= 40);
    QVERIFY(postgresPairs().size() >= 40);
}

void TestDiffRoundTrip::roundTrip(Engine engine)
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, reversible);
    STRATA_SCRATCH(db1, engine);
    STRATA_SCRATCH(db2, engine);
    auto opened1 = DatabaseSession::open(db1.spec());
    auto opened2 = DatabaseSession::open(db2.spec());
    QVERIFY2(opened1 && opened2, "cannot open the scratch databases");
    DatabaseSession &s1 = **opened1;
    DatabaseSession &s2 = **opened2;
    Status made = runScript(s1, a, false);
    QVERIFY2(made, qPrintable(QStringLiteral("schema A: ") + made.error().toString()));
    made = runScript(s2, b, false);
    QVERIFY2(made, qPrintable(QStringLiteral("schema B: ") + made.error().toString()));
    auto schemaA = Introspector::read(s1);
    auto schemaB = Introspector::read(s2);
    QVERIFY2(schemaA && schemaB, "introspection failed");

    const SchemaDiffResult diff = SchemaDiff::compare(*schemaA, *schemaB);
    QVERIFY2(!diff.isEmpty(), "A and B do not differ");
    QCOMPARE(diff.fullyReversible(), reversible);
    const QString context = QStringLiteral("\nchanges:\n%1forward:\n%2inverse:\n%3")
                                .arg(describe(diff), diff.forwardSql(), diff.inverseSql());

    if (qEnvironmentVariableIsSet("STRATA_DIFF_VERBOSE"))
        qInfo().noquote() << context;
    Status applied = runScript(s1, diff.forwardSql(), true);
    QVERIFY2(applied, qPrintable(QStringLiteral("forward script failed: ") +
                                 applied.error().toString() + context));
    auto after = Introspector::read(s1);
    QVERIFY(after.ok());
    QString delta = difference(*after, *schemaB);
    QVERIFY2(delta.isEmpty(),
             qPrintable(QStringLiteral("after the forward script: ") + delta + context));
    const SchemaDiffResult again = SchemaDiff::compare(*after, *schemaB);
    QVERIFY2(again.isEmpty(),
             qPrintable(QStringLiteral("diff after forward is not empty:\n") + describe(again)));
    if (!reversible)
        return;

    applied = runScript(s1, diff.inverseSql(), true);
    QVERIFY2(applied, qPrintable(QStringLiteral("inverse script failed: ") +
                                 applied.error().toString() + context));
    auto back = Introspector::read(s1);
    QVERIFY(back.ok());
    delta = difference(*back, *schemaA);
    QVERIFY2(delta.isEmpty(),
             qPrintable(QStringLiteral("after the inverse script: ") + delta + context));
}

// Across engines: a schema created in the other engine by diff(empty, it) must compare equal to
// it under the type mapping, and carried back to its own engine still equal by meaning.
void TestDiffRoundTrip::crossEngine_data()
{
    QTest::addColumn<bool>("fromPg");
    QTest::addColumn<QString>("ddl"); // empty: the Chinook fixture
    QTest::newRow("chinook") << false << QString();
    QTest::newRow("sqlite types and defaults")
        << false
        << "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, n NVARCHAR(40) NOT NULL DEFAULT "
           "'x', r REAL, d NUMERIC(10,2) DEFAULT 0, b BLOB, f BOOLEAN DEFAULT 1, at DATETIME "
           "DEFAULT CURRENT_TIMESTAMP, day DATE)";
    QTest::newRow("sqlite keys and checks")
        << false
        << "CREATE TABLE p (code TEXT PRIMARY KEY, qty INTEGER CHECK (qty >= 0), UNIQUE (qty));"
           "CREATE TABLE \"order\" (id INTEGER PRIMARY KEY, code TEXT NOT NULL REFERENCES p (code) "
           "ON DELETE CASCADE);CREATE INDEX order_code ON \"order\" (code DESC)";
    QTest::newRow("postgres casts, serials, views")
        << true
        << "CREATE TABLE p (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name "
           "character varying(40) NOT NULL DEFAULT 'x' CHECK (length(name) > 0), price "
           "numeric(10,2) DEFAULT 0, at timestamp with time zone DEFAULT now(), ok boolean "
           "DEFAULT true);CREATE TABLE c (id bigserial PRIMARY KEY, p_id integer REFERENCES p "
           "ON DELETE SET NULL, note text);CREATE INDEX c_p ON c (p_id) WHERE note IS NOT NULL;"
           "CREATE VIEW pv AS SELECT id, upper(name) AS name FROM p WHERE name <> 'y' AND price > "
           "0";
}

void TestDiffRoundTrip::crossEngine()
{
    QFETCH(bool, fromPg);
    QFETCH(QString, ddl);
    const Engine home = fromPg ? Engine::Postgres : Engine::Sqlite;
    STRATA_SCRATCH(source, home);
    STRATA_SCRATCH(other, fromPg ? Engine::Sqlite : Engine::Postgres);
    STRATA_SCRATCH(back, home);
    if (ddl.isEmpty()) {
        const QString fixture =
            qEnvironmentVariable("STRATA_FIXTURES", qEnvironmentVariable("STRATA_SOURCE_DIR") +
                                                        "/../shared/fixtures") +
            "/chinook/Chinook_Sqlite.sqlite";
        if (!QFile::exists(fixture))
            QSKIP("no Chinook fixture");
        QFile::remove(source.spec().path);
        QVERIFY(QFile::copy(fixture, source.spec().path));
        QFile::setPermissions(source.spec().path, QFile::ReadOwner | QFile::WriteOwner);
    }
    auto s1 = DatabaseSession::open(source.spec());
    QVERIFY(s1 && runScript(**s1, ddl, false));
    auto original = Introspector::read(**s1);
    QVERIFY(original.ok());
    // Creates `schema` in the empty database `db` through the diff; returns what `db` then holds.
    const auto carry = [](const Schema &schema, const test::ScratchDatabase &db) -> Result<Schema> {
        auto session = DatabaseSession::open(db.spec());
        if (!session)
            return session.error();
        auto empty = Introspector::read(**session);
        if (!empty)
            return empty.error();
        const SchemaDiffResult diff = SchemaDiff::compare(*empty, schema);
        if (qEnvironmentVariableIsSet("STRATA_DIFF_VERBOSE"))
            qInfo().noquote() << diff.forwardSql();
        if (Status applied = runScript(**session, diff.forwardSql(), true); !applied) {
            Error e = applied.error();
            e.message += "\n" + diff.forwardSql();
            return e;
        }
        return Introspector::read(**session);
    };
    auto there = carry(*original, other);
    QVERIFY2(there, qPrintable(there.error().toString()));
    QCOMPARE(describe(SchemaDiff::compare(*original, *there)), QString());
    QCOMPARE(describe(SchemaDiff::compare(*there, *original)), QString());
    auto home2 = carry(*there, back);
    QVERIFY2(home2, qPrintable(home2.error().toString()));
    QCOMPARE(describe(SchemaDiff::compare(*home2, *there)), QString());
    // The same engine again, spelled differently (VARCHAR vs NVARCHAR): equal by meaning.
    DiffOptions byMeaning;
    byMeaning.crossEngine = true;
    QCOMPARE(describe(SchemaDiff::compare(*home2, *original, byMeaning)), QString());
}

QTEST_GUILESS_MAIN(TestDiffRoundTrip)
#include "tst_diffroundtrip.moc"
