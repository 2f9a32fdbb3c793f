// Introspection against real databases: the DDL goes in, the exact model values come out.
// The SQLite cases are the sqlite* slots; PostgreSQL cases have slots of their own.

#include "TestDatabases.h"
#include "connection/DatabaseSession.h"
#include "schema/Introspector.h"
#include "schema/SchemaJson.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using strata::test::ScratchDatabase;

namespace {

// ---- helpers (SQLite) ----

std::unique_ptr<DatabaseSession> openSqlite(const ConnectionSpec &spec)
{
    auto session = DatabaseSession::open(spec);
    if (!session)
        qFatal("cannot open %s: %s", qPrintable(spec.displayUrl()),
               qPrintable(session.error().toString()));
    return std::move(session).value();
}

Status runAll(DatabaseSession &session, const QStringList &statements)
{
    for (const QString &sql : statements) {
        auto done = session.exec(sql);
        if (!done)
            return done.error();
    }
    return {};
}

// A fresh SQLite file with `ddl` run in it, introspected.
Result<Schema> sqliteSchemaOf(const QStringList &ddl, const IntrospectOptions &options = {})
{
    ScratchDatabase db(Engine::Sqlite);
    auto session = openSqlite(db.spec());
    if (Status run = runAll(*session, ddl); !run)
        return run.error();
    return Introspector::read(*session, options);
}

QString chinookPath()
{
    const QString fixtures =
        qEnvironmentVariable("STRATA_FIXTURES", QStringLiteral("/work/shared/fixtures"));
    return fixtures + QStringLiteral("/chinook/Chinook_Sqlite.sqlite");
}

// Copies Chinook into `dir` (the fixture itself is never opened for writing).
ConnectionSpec chinookCopy(const QTemporaryDir &dir)
{
    const QString copy = dir.filePath(QStringLiteral("chinook.sqlite"));
    if (!QFile::copy(chinookPath(), copy))
        qFatal("cannot copy %s", qPrintable(chinookPath()));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    return *ConnectionSpec::parse(QStringLiteral("sqlite://") + copy);
}

// Readable one-line forms, so a failing QCOMPARE says what differs.
QString flag(bool on, const char *name)
{
    return on ? QStringLiteral(" ") + QLatin1String(name) : QString();
}

QString describe(const PrimaryKey &pk)
{
    return QStringLiteral("%1(%2)").arg(pk.name, pk.columns.join(u','));
}

QString describe(const UniqueConstraint &u)
{
    return QStringLiteral("%1(%2)").arg(u.name, u.columns.join(u','));
}

QString describe(const CheckConstraint &c)
{
    return QStringLiteral("%1: %2").arg(c.name, c.expression);
}

QString describe(const ForeignKey &fk)
{
    return QStringLiteral("%1(%2) -> %3%4(%5) on update %6 on delete %7")
               .arg(fk.name, fk.columns.join(u','),
                    fk.refSchema.isEmpty() ? QString() : fk.refSchema + u'.', fk.refTable,
                    fk.refColumns.join(u','), fk.onUpdate, fk.onDelete) +
           (fk.match.isEmpty() ? QString() : QStringLiteral(" match ") + fk.match) +
           flag(fk.deferrable, "deferrable") + flag(fk.initiallyDeferred, "initially-deferred");
}

QString describe(const IndexColumn &c)
{
    return (c.isExpression ? QStringLiteral("expr:") : QString()) + c.expression +
           (c.collation.isEmpty() ? QString() : QStringLiteral(" collate ") + c.collation) +
           flag(c.descending, "desc") +
           (c.nulls.isEmpty() ? QString() : QStringLiteral(" nulls ") + c.nulls);
}

QString describe(const Index &i)
{
    QStringList columns;
    for (const IndexColumn &c : i.columns)
        columns << describe(c);
    return (i.unique ? QStringLiteral("unique ") : QString()) + i.name + u'(' +
           columns.join(QStringLiteral(", ")) + u')' +
           (i.where.isEmpty() ? QString() : QStringLiteral(" where ") + i.where) +
           (i.method.isEmpty() ? QString() : QStringLiteral(" using ") + i.method);
}

template <typename T> QStringList describeAll(const QList<T> &items)
{
    QStringList out;
    for (const T &item : items)
        out << describe(item);
    return out;
}

QStringList namesOf(const QList<Table> &tables)
{
    QStringList out;
    for (const Table &t : tables)
        out << t.name;
    return out;
}

QStringList columnNames(const Table &t)
{
    QStringList out;
    for (const Column &c : t.columns)
        out << c.name;
    return out;
}

// A schema with one of everything, used by the stability and snapshot tests.
const QStringList everything = {
    "CREATE TABLE artist (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL COLLATE NOCASE, "
    "CONSTRAINT uq_artist_name UNIQUE (name))",
    "CREATE TABLE album (id INTEGER PRIMARY KEY, artist_id INTEGER NOT NULL REFERENCES artist (id) "
    "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, title NVARCHAR(160) NOT NULL DEFAULT "
    "'untitled', "
    "price NUMERIC(10, 2) CHECK (price >= 0), slug TEXT AS (lower(title)) STORED, "
    "year INT GENERATED ALWAYS AS (0) VIRTUAL, created TEXT DEFAULT CURRENT_TIMESTAMP)",
    "CREATE TABLE tag (album_id INTEGER, label TEXT, CONSTRAINT pk_tag PRIMARY KEY (album_id, "
    "label), "
    "FOREIGN KEY (album_id) REFERENCES album) WITHOUT ROWID",
    "CREATE UNIQUE INDEX ux_album_title ON album (artist_id, title COLLATE NOCASE DESC) WHERE "
    "price > 0",
    "CREATE INDEX ix_album_lower ON album (lower(title))",
    "CREATE TRIGGER trg_album AFTER INSERT ON album BEGIN SELECT 1; END",
    "CREATE VIEW album_list AS SELECT a.title, r.name FROM album a JOIN artist r ON r.id = "
    "a.artist_id",
};

} // namespace

class TestIntrospection : public QObject {
    Q_OBJECT

private slots:
    // ---------------- SQLite ----------------

    void sqliteColumns_data();
    void sqliteColumns();
    void sqliteIdentity_data();
    void sqliteIdentity();
    void sqlitePrimaryKeys();
    void sqliteWithoutRowid();
    void sqliteUniqueConstraints();
    void sqliteForeignKeys();
    void sqliteChecks();
    void sqliteIndexes();
    void sqliteTriggers();
    void sqliteViews();
    void sqliteHostileNames();
    void sqliteExcludedTables();
    void sqliteVirtualTables();
    void sqliteInsideTransaction();
    void sqliteIgnoresTempSchema();
    void sqliteProgressAndCancel();
    void sqliteErrors();
    void sqliteChinook();
    void sqliteStableSnapshots_data();
    void sqliteStableSnapshots();

    // ---------------- PostgreSQL (postgres* slots) ----------------
};

// ---------------- SQLite ----------------

void TestIntrospection::sqliteColumns_data()
{
    QTest::addColumn<QString>("definition"); // the column c of CREATE TABLE t (a, b, c)
    QTest::addColumn<QString>("declaredType");
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("notNull");
    QTest::addColumn<QString>("defaultExpr");
    QTest::addColumn<QString>("collation");
    QTest::addColumn<QString>("generatedExpr");
    QTest::addColumn<bool>("generatedStored");

    QTest::newRow("nvarchar not null") << "NVARCHAR(160) NOT NULL"
                                       << "NVARCHAR(160)"
                                       << "nvarchar(160)" << true << ""
                                       << ""
                                       << "" << false;
    QTest::newRow("numeric spaced") << "NUMERIC( 10 , 2 )"
                                    << "NUMERIC( 10 , 2 )"
                                    << "numeric(10,2)" << false << ""
                                    << ""
                                    << "" << false;
    QTest::newRow("multi-word type") << "DOUBLE   PRECISION"
                                     << "DOUBLE   PRECISION"
                                     << "double precision" << false << ""
                                     << ""
                                     << "" << false;
    QTest::newRow("unsigned big int") << "Unsigned Big INT"
                                      << "Unsigned Big INT"
                                      << "unsigned big int" << false << ""
                                      << ""
                                      << "" << false;
    QTest::newRow("no type") << ""
                             << ""
                             << "" << false << ""
                             << ""
                             << "" << false;
    QTest::newRow("no type, not null") << "NOT NULL"
                                       << ""
                                       << "" << true << ""
                                       << ""
                                       << "" << false;
    QTest::newRow("default string") << "TEXT DEFAULT 'x'"
                                    << "TEXT"
                                    << "text" << false << "'x'"
                                    << ""
                                    << "" << false;
    QTest::newRow("default string with keywords")
        << "TEXT DEFAULT 'CHECK (x) COLLATE NOCASE' NOT NULL"
        << "TEXT"
        << "text" << true << "'CHECK (x) COLLATE NOCASE'"
        << ""
        << "" << false;
    QTest::newRow("default current_timestamp") << "TEXT DEFAULT CURRENT_TIMESTAMP"
                                               << "TEXT"
                                               << "text" << false << "CURRENT_TIMESTAMP"
                                               << ""
                                               << "" << false;
    QTest::newRow("default expression") << "TEXT DEFAULT (datetime('now'))"
                                        << "TEXT"
                                        << "text" << false << "datetime('now')"
                                        << ""
                                        << "" << false;
    QTest::newRow("default negative") << "INTEGER NOT NULL DEFAULT -1"
                                      << "INTEGER"
                                      << "integer" << true << "-1"
                                      << ""
                                      << "" << false;
    QTest::newRow("collate nocase") << "TEXT COLLATE nocase"
                                    << "TEXT"
                                    << "text" << false << ""
                                    << "NOCASE"
                                    << "" << false;
    QTest::newRow("collate quoted") << "TEXT COLLATE \"NoCase\""
                                    << "TEXT"
                                    << "text" << false << ""
                                    << "NOCASE"
                                    << "" << false;
    QTest::newRow("collate binary is the default") << "TEXT COLLATE BINARY"
                                                   << "TEXT"
                                                   << "text" << false << ""
                                                   << ""
                                                   << "" << false;
    QTest::newRow("named not null, rtrim") << "VARCHAR(10) CONSTRAINT nn NOT NULL COLLATE RTRIM"
                                           << "VARCHAR(10)"
                                           << "varchar(10)" << true << ""
                                           << "RTRIM"
                                           << "" << false;
    QTest::newRow("generated virtual") << "INTEGER GENERATED ALWAYS AS (a + b) VIRTUAL"
                                       << "INTEGER"
                                       << "integer" << false << ""
                                       << ""
                                       << "a + b" << false;
    QTest::newRow("generated default kind") << "INTEGER GENERATED ALWAYS AS (a * b)"
                                            << "INTEGER"
                                            << "integer" << false << ""
                                            << ""
                                            << "a * b" << false;
    QTest::newRow("generated stored, short form") << "INT AS ( a * 2 ) STORED"
                                                  << "INT"
                                                  << "int" << false << ""
                                                  << ""
                                                  << "a * 2" << true;
    QTest::newRow("generated nested parentheses")
        << "TEXT NOT NULL AS ((a || ')') || /* ) */ b) STORED"
        << "TEXT"
        << "text" << true << ""
        << ""
        << "(a || ')') || /* ) */ b" << true;
    QTest::newRow("generated without type") << "AS (a)"
                                            << ""
                                            << "" << false << ""
                                            << ""
                                            << "a" << false;
}

void TestIntrospection::sqliteColumns()
{
    QFETCH(QString, definition);
    QFETCH(QString, declaredType);
    QFETCH(QString, type);
    QFETCH(bool, notNull);
    QFETCH(QString, defaultExpr);
    QFETCH(QString, collation);
    QFETCH(QString, generatedExpr);
    QFETCH(bool, generatedStored);

    auto schema = sqliteSchemaOf(
        {QStringLiteral("CREATE TABLE t (a INTEGER, b INTEGER, c %1)").arg(definition)});
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    const Table *t = schema->table(QStringLiteral("main"), QStringLiteral("t"));
    QVERIFY(t);
    QCOMPARE(columnNames(*t), QStringList({"a", "b", "c"}));
    const Column &c = t->columns[2];
    QCOMPARE(c.declaredType, declaredType);
    QCOMPARE(c.type, type);
    QCOMPARE(c.notNull, notNull);
    QCOMPARE(c.defaultExpr, defaultExpr);
    QCOMPARE(c.collation, collation);
    QCOMPARE(c.generatedExpr, generatedExpr);
    QCOMPARE(c.generatedStored, generatedStored);
    QCOMPARE(c.identity, IdentityKind::None);
    QCOMPARE(c.comment, QString());
    QCOMPARE(t->columns[0].generatedExpr, QString());
}

void TestIntrospection::sqliteIdentity_data()
{
    QTest::addColumn<QString>("ddl");
    QTest::addColumn<IdentityKind>("identity"); // of the column "id"
    QTest::addColumn<QString>("primaryKey");

    QTest::newRow("rowid alias") << "CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT)"
                                 << IdentityKind::Rowid << "(id)";
    QTest::newRow("rowid alias, lower case")
        << "CREATE TABLE t (id integer primary key, x TEXT)" << IdentityKind::Rowid << "(id)";
    QTest::newRow("autoincrement")
        << "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT)"
        << IdentityKind::Autoincrement << "(id)";
    QTest::newRow("table-level, named")
        << "CREATE TABLE t (id INTEGER NOT NULL, CONSTRAINT pk_t PRIMARY KEY (id))"
        << IdentityKind::Rowid << "pk_t(id)";
    QTest::newRow("table-level DESC is still an alias")
        << "CREATE TABLE t (id INTEGER, x TEXT, PRIMARY KEY (id DESC))" << IdentityKind::Rowid
        << "(id)";
    QTest::newRow("INT is not an alias")
        << "CREATE TABLE t (id INT PRIMARY KEY, x TEXT)" << IdentityKind::None << "(id)";
    QTest::newRow("BIGINT is not an alias")
        << "CREATE TABLE t (id BIGINT PRIMARY KEY)" << IdentityKind::None << "(id)";
    QTest::newRow("INTEGER PRIMARY KEY DESC is not an alias")
        << "CREATE TABLE t (id INTEGER PRIMARY KEY DESC)" << IdentityKind::None << "(id)";
    QTest::newRow("WITHOUT ROWID has no rowid")
        << "CREATE TABLE t (id INTEGER PRIMARY KEY, x) WITHOUT ROWID" << IdentityKind::None
        << "(id)";
    QTest::newRow("composite key") << "CREATE TABLE t (id INTEGER, x INTEGER, PRIMARY KEY (id, x))"
                                   << IdentityKind::None << "(id,x)";
    QTest::newRow("no key") << "CREATE TABLE t (id INTEGER)" << IdentityKind::None << "";
}

void TestIntrospection::sqliteIdentity()
{
    QFETCH(QString, ddl);
    QFETCH(IdentityKind, identity);
    QFETCH(QString, primaryKey);

    auto schema = sqliteSchemaOf({ddl});
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    const Table *t = schema->table(QStringLiteral("main"), QStringLiteral("t"));
    QVERIFY(t);
    QCOMPARE(t->column(QStringLiteral("id"))->identity, identity);
    QCOMPARE(t->primaryKey ? describe(*t->primaryKey) : QString(), primaryKey);
    QVERIFY(t->uniques.isEmpty()); // the key's own index is not a UNIQUE constraint
    QVERIFY(t->indexes.isEmpty());
    if (identity == IdentityKind::Autoincrement) // sqlite_sequence is SQLite's, not the schema's
        QCOMPARE(namesOf(schema->tables), QStringList{"t"});
}

void TestIntrospection::sqlitePrimaryKeys()
{
    auto schema = sqliteSchemaOf({
        "CREATE TABLE composite (a INT, b TEXT, c INT, CONSTRAINT \"pk composite\" PRIMARY KEY (c, "
        "a))",
        "CREATE TABLE column_level (id TEXT CONSTRAINT pk_column_level PRIMARY KEY ON CONFLICT "
        "REPLACE, x)",
        "CREATE TABLE bracketed ([Key] TEXT, [Part] INT, CONSTRAINT [PK_Bracketed] PRIMARY KEY "
        "([Key], [Part]))",
        "CREATE TABLE unnamed (a, b, PRIMARY KEY (b, a))",
        "CREATE TABLE keyless (a, b)",
    });
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    auto pk = [&](const char *table) {
        const Table *t = schema->table(QStringLiteral("main"), QString::fromUtf8(table));
        return !t              ? QStringLiteral("<no table>")
               : t->primaryKey ? describe(*t->primaryKey)
                               : QStringLiteral("<none>");
    };
    QCOMPARE(pk("composite"), QStringLiteral("pk composite(c,a)"));
    QCOMPARE(pk("column_level"), QStringLiteral("pk_column_level(id)"));
    QCOMPARE(pk("bracketed"), QStringLiteral("PK_Bracketed(Key,Part)"));
    QCOMPARE(pk("unnamed"), QStringLiteral("(b,a)"));
    QCOMPARE(pk("keyless"), QStringLiteral("<none>"));
    for (const Table &t : schema->tables) {
        QVERIFY2(t.uniques.isEmpty(), qPrintable(t.name));
        QVERIFY2(t.indexes.isEmpty(), qPrintable(t.name));
        QVERIFY(!t.withoutRowid);
    }
}

void TestIntrospection::sqliteWithoutRowid()
{
    auto schema = sqliteSchemaOf({
        "CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID",
        "CREATE TABLE spaced (k TEXT, v INT, PRIMARY KEY (k, v)) without   /* yes */ rowid",
        "CREATE TABLE strict_too (k INT PRIMARY KEY, v TEXT) STRICT, WITHOUT ROWID",
        "CREATE TABLE looks_like_it (k TEXT PRIMARY KEY, note TEXT DEFAULT 'WITHOUT ROWID')",
    });
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    const Table *kv = schema->table("main", "kv");
    QVERIFY(kv);
    QVERIFY(kv->withoutRowid);
    QCOMPARE(describe(*kv->primaryKey), QStringLiteral("(k)"));
    QVERIFY(kv->columns[0].notNull); // WITHOUT ROWID keys are NOT NULL, and PRAGMA says so
    QVERIFY(kv->uniques.isEmpty());
    QVERIFY(kv->indexes.isEmpty());
    QVERIFY(schema->table("main", "spaced")->withoutRowid);
    QVERIFY(schema->table("main", "strict_too")->withoutRowid);
    QVERIFY(!schema->table("main", "looks_like_it")->withoutRowid);
}

void TestIntrospection::sqliteUniqueConstraints()
{
    auto schema = sqliteSchemaOf({
        "CREATE TABLE u (id INTEGER PRIMARY KEY, a INT UNIQUE, b INT CONSTRAINT uq_b UNIQUE, c "
        "INT, d INT, "
        "CONSTRAINT \"uq c,d\" UNIQUE (c, d), UNIQUE (d, [A] COLLATE NOCASE) CONSTRAINT uq_dc "
        "UNIQUE (d, c))",
        "CREATE UNIQUE INDEX ux_real_index ON u (c)",
    });
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    const Table *u = schema->table("main", "u");
    QVERIFY(u);
    QCOMPARE(describeAll(u->uniques),
             QStringList({"(a)", "(d,a)", "uq c,d(c,d)", "uq_b(b)", "uq_dc(d,c)"}));
    QCOMPARE(describeAll(u->indexes), QStringList({"unique ux_real_index(c)"}));
}

void TestIntrospection::sqliteForeignKeys()
{
    auto schema = sqliteSchemaOf({
        "CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT UNIQUE)",
        "CREATE TABLE cp (x INT, y INT, PRIMARY KEY (x, y))",
        "CREATE TABLE child (\n"
        "  id INTEGER PRIMARY KEY,\n"
        "  parent_id INTEGER NOT NULL REFERENCES parent(id) ON DELETE CASCADE,\n"
        "  parent_code TEXT CONSTRAINT fk_code REFERENCES Parent (CODE) ON UPDATE SET NULL\n"
        "    ON DELETE SET DEFAULT DEFERRABLE INITIALLY DEFERRED NOT NULL,\n"
        "  implicit_id INTEGER REFERENCES parent MATCH SIMPLE,\n"
        "  x INT, y INT,\n"
        "  CONSTRAINT fk_xy FOREIGN KEY (x, y) REFERENCES cp ON DELETE RESTRICT NOT DEFERRABLE "
        "INITIALLY DEFERRED,\n"
        "  FOREIGN KEY (y, x) REFERENCES cp (y, x) ON UPDATE NO ACTION DEFERRABLE,\n"
        "  CONSTRAINT fk_immediate FOREIGN KEY (x) REFERENCES parent DEFERRABLE INITIALLY "
        "IMMEDIATE\n"
        "  FOREIGN KEY (id) REFERENCES missing (nope)\n"
        ")",
    });
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    const Table *child = schema->table("main", "child");
    QVERIFY(child);
    QCOMPARE(describeAll(child->foreignKeys),
             QStringList({
                 "(id) -> missing(nope) on update NO ACTION on delete NO ACTION",
                 "(implicit_id) -> parent(id) on update NO ACTION on delete NO ACTION",
                 "(parent_id) -> parent(id) on update NO ACTION on delete CASCADE",
                 "(y,x) -> cp(y,x) on update NO ACTION on delete NO ACTION deferrable",
                 "fk_code(parent_code) -> parent(code) on update SET NULL on delete SET DEFAULT "
                 "deferrable "
                 "initially-deferred",
                 "fk_immediate(x) -> parent(id) on update NO ACTION on delete NO ACTION deferrable",
                 "fk_xy(x,y) -> cp(x,y) on update NO ACTION on delete RESTRICT",
             }));
    QVERIFY(child->column("parent_code")->notNull);
    for (const ForeignKey &fk : child->foreignKeys) {
        QCOMPARE(fk.refSchema, QString());
        QCOMPARE(fk.match, QString());
    }
    QVERIFY(schema->table("main", "parent")->foreignKeys.isEmpty());
}

void TestIntrospection::sqliteChecks()
{
    auto schema = sqliteSchemaOf({
        "CREATE TABLE c (\n"
        "  qty INT CHECK (qty > 0),\n"
        "  price REAL NOT NULL CONSTRAINT price_positive CHECK(  price >= 0  ) DEFAULT 0,\n"
        "  a INT, b INT,\n"
        "  CHECK (a < b OR (a IS NULL)),\n"
        "  CONSTRAINT \"named \"\"check\"\"\" CHECK (length('CHECK (x)') > 0 -- ) not the end\n"
        "  )\n"
        ")",
    });
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    const Table *c = schema->table("main", "c");
    QVERIFY(c);
    QCOMPARE(describeAll(c->checks),
             QStringList({
                 ": a < b OR (a IS NULL)",
                 ": qty > 0",
                 "named \"check\": length('CHECK (x)') > 0 -- ) not the end",
                 "price_positive: price >= 0",
             }));
    QCOMPARE(c->column("price")->defaultExpr, QStringLiteral("0"));
}

void TestIntrospection::sqliteIndexes()
{
    const QStringList indexDdl = {
        "CREATE UNIQUE INDEX ux_email ON people (email)",
        "CREATE INDEX ix_lower_email ON people (lower(email))",
        "CREATE INDEX ix_created_desc ON people (created DESC, id ASC)",
        "CREATE INDEX ix_name_nocase ON people (name COLLATE NOCASE)",
        "CREATE INDEX ix_active ON people (email) WHERE deleted IS NULL AND name <> 'WHERE'",
        "CREATE INDEX \"ix expr\" ON people (substr(name, 1, 3) COLLATE nocase DESC, (id + 1), "
        "[Name])",
        "CREATE INDEX IF NOT EXISTS ix_partial_expr ON people(lower(name)) where (deleted = 0)",
    };
    QStringList ddl = {
        "CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, name TEXT COLLATE NOCASE, "
        "created TEXT, deleted INT)"};
    ddl << indexDdl;
    auto schema = sqliteSchemaOf(ddl);
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    const Table *people = schema->table("main", "people");
    QVERIFY(people);
    QCOMPARE(describeAll(people->indexes),
             QStringList({
                 "ix expr(expr:substr(name, 1, 3) collate NOCASE desc, expr:(id + 1), name collate "
                 "NOCASE)",
                 "ix_active(email) where deleted IS NULL AND name <> 'WHERE'",
                 "ix_created_desc(created desc, id)",
                 "ix_lower_email(expr:lower(email))",
                 "ix_name_nocase(name collate NOCASE)",
                 "ix_partial_expr(expr:lower(name)) where (deleted = 0)",
                 "unique ux_email(email)",
             }));
    // The definition is the stored statement (SQLite drops IF NOT EXISTS when it stores it).
    QCOMPARE(people->indexes[0].definition, indexDdl[5]);
    QCOMPARE(people->indexes[6].definition, indexDdl[0]);
    QCOMPARE(
        people->indexes[5].definition,
        QStringLiteral("CREATE INDEX ix_partial_expr ON people(lower(name)) where (deleted = 0)"));
    for (const Index &i : people->indexes)
        QCOMPARE(i.method, QString());
    QVERIFY(people->uniques.isEmpty());
}

void TestIntrospection::sqliteTriggers()
{
    const QString audit =
        QStringLiteral("CREATE TRIGGER trg_audit AFTER UPDATE OF name ON people\n"
                       "BEGIN\n  INSERT INTO log (what) VALUES ('changed; END');\nEND");
    const QString guard =
        QStringLiteral("CREATE TRIGGER \"Guard Deletes\" BEFORE DELETE ON PEOPLE WHEN old.id < 0 "
                       "BEGIN SELECT RAISE(ABORT, 'no'); END");
    auto schema = sqliteSchemaOf({
        "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)",
        "CREATE TABLE log (what TEXT)",
        audit,
        guard,
        "CREATE VIEW v AS SELECT * FROM people",
        // The model has no triggers on views: an INSTEAD OF trigger is left out, not an error.
        "CREATE TRIGGER trg_view INSTEAD OF INSERT ON v BEGIN SELECT 1; END",
    });
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    const Table *people = schema->table("main", "people");
    QVERIFY(people);
    QCOMPARE(people->triggers.size(), 2);
    QCOMPARE(people->triggers[0].name, QStringLiteral("Guard Deletes"));
    QCOMPARE(people->triggers[0].definition, guard);
    QCOMPARE(people->triggers[1].name, QStringLiteral("trg_audit"));
    QCOMPARE(people->triggers[1].definition, audit);
    QVERIFY(schema->table("main", "log")->triggers.isEmpty());
}

void TestIntrospection::sqliteViews()
{
    auto schema = sqliteSchemaOf({
        "CREATE TABLE Artist (ArtistId INTEGER PRIMARY KEY, Name TEXT)",
        "CREATE TABLE Album (AlbumId INTEGER PRIMARY KEY, Title TEXT, ArtistId INTEGER)",
        "CREATE TABLE \"order\" (id INTEGER PRIMARY KEY, total REAL)",
        "CREATE TABLE unrelated (x)",
        "CREATE VIEW album_artist AS\n  SELECT al.Title, ar.Name AS Artist\n  FROM Album al JOIN "
        "artist ar "
        "ON ar.ArtistId = al.ArtistId",
        "CREATE VIEW \"v2\" (a, \"b b\") AS SELECT Title, 'unrelated' FROM album_artist",
        "CREATE VIEW orders_view AS SELECT count(*) AS n, sum(total) AS \"unrelated\" FROM "
        "main.\"order\" "
        "ORDER BY 1",
        "CREATE VIEW nothing_read AS SELECT 1 AS one, 'Album' AS two",
    });
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    QCOMPARE(schema->views.size(), 4);
    const View *aa = schema->view("main", "album_artist");
    QVERIFY(aa);
    QCOMPARE(aa->schema, QStringLiteral("main"));
    QCOMPARE(aa->definition,
             QStringLiteral("SELECT al.Title, ar.Name AS Artist\n  FROM Album al JOIN artist ar "
                            "ON ar.ArtistId = al.ArtistId"));
    QCOMPARE(aa->columns, QStringList({"Title", "Artist"}));
    QCOMPARE(aa->dependsOn, QStringList({"main.Album", "main.Artist"}));
    QVERIFY(!aa->materialized);

    const View *v2 = schema->view("main", "v2");
    QVERIFY(v2);
    QCOMPARE(v2->definition, QStringLiteral("SELECT Title, 'unrelated' FROM album_artist"));
    QCOMPARE(v2->columns, QStringList({"a", "b b"}));
    QCOMPARE(v2->dependsOn, QStringList({"main.album_artist"}));

    const View *orders = schema->view("main", "orders_view");
    QVERIFY(orders);
    QCOMPARE(orders->columns, QStringList({"n", "unrelated"}));
    QCOMPARE(orders->dependsOn, QStringList({"main.order"}));

    const View *nothing = schema->view("main", "nothing_read");
    QVERIFY(nothing);
    QCOMPARE(nothing->columns, QStringList({"one", "two"}));
    QCOMPARE(nothing->dependsOn, QStringList());
}

void TestIntrospection::sqliteHostileNames()
{
    auto schema = sqliteSchemaOf({
        "CREATE TABLE \"user\" (\"id\" INTEGER PRIMARY KEY, \"select\" TEXT UNIQUE, \"Name "
        "\"\"Q\"\"\" TEXT)",
        "CREATE TABLE \"we\"\"ird table\" (\"key\" INTEGER, [Col X] TEXT, `back``tick` INT, "
        "CONSTRAINT \"pk \"\"weird\"\"\" PRIMARY KEY (\"key\", `back``tick`), "
        "CONSTRAINT \"fk to user\" FOREIGN KEY (\"key\") REFERENCES \"user\" (\"id\"))",
        "CREATE TABLE \"Order Lines\" (\"Line No\" INTEGER PRIMARY KEY, \"references\" INTEGER "
        "CONSTRAINT \"references\" REFERENCES \"references\", qty INT CONSTRAINT \"check\" CHECK "
        "(qty > 0))",
        "CREATE TABLE \"references\" (\"order\" INTEGER PRIMARY KEY, \"group\" TEXT COLLATE "
        "NOCASE)",
        "CREATE TABLE \"Café ☕\" (\"crème brûlée\" TEXT CONSTRAINT \"ünïque\" UNIQUE, \"Ω\" INT "
        "DEFAULT 'ß')",
        "CREATE INDEX \"idx \"\"Order Lines\"\"\" ON \"Order Lines\" (\"references\" DESC, "
        "lower(\"Line No\"))",
        "CREATE INDEX \"Café index\" ON \"Café ☕\" (\"Ω\") WHERE \"Ω\" > 0",
        "CREATE TRIGGER \"on \"\"user\"\"\" AFTER INSERT ON \"user\" BEGIN SELECT 1; END",
        "CREATE VIEW \"user view\" AS SELECT u.\"select\", r.\"group\" FROM \"user\" u, "
        "\"references\" r, "
        "\"Café ☕\"",
    });
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    QCOMPARE(namesOf(schema->tables),
             QStringList({"Café ☕", "Order Lines", "references", "user", "we\"ird table"}));

    const Table *user = schema->table("main", "user");
    QVERIFY(user);
    QCOMPARE(columnNames(*user), QStringList({"id", "select", "Name \"Q\""}));
    QCOMPARE(user->column("id")->identity, IdentityKind::Rowid);
    QCOMPARE(describeAll(user->uniques), QStringList({"(select)"}));
    QCOMPARE(user->triggers.size(), 1);
    QCOMPARE(user->triggers[0].name, QStringLiteral("on \"user\""));

    const Table *weird = schema->table("main", "we\"ird table");
    QVERIFY(weird);
    QCOMPARE(columnNames(*weird), QStringList({"key", "Col X", "back`tick"}));
    QCOMPARE(describe(*weird->primaryKey), QStringLiteral("pk \"weird\"(key,back`tick)"));
    QCOMPARE(describeAll(weird->foreignKeys),
             QStringList({"fk to user(key) -> user(id) on update NO ACTION on delete NO ACTION"}));

    const Table *lines = schema->table("main", "Order Lines");
    QVERIFY(lines);
    QCOMPARE(lines->column("Line No")->identity, IdentityKind::Rowid);
    QCOMPARE(describeAll(lines->foreignKeys),
             QStringList({"references(references) -> references(order) on update NO ACTION on "
                          "delete NO ACTION"}));
    QCOMPARE(describeAll(lines->checks), QStringList({"check: qty > 0"}));
    QCOMPARE(describeAll(lines->indexes),
             QStringList({"idx \"Order Lines\"(references desc, expr:lower(\"Line No\"))"}));

    const Table *refs = schema->table("main", "references");
    QVERIFY(refs);
    QCOMPARE(refs->column("group")->collation, QStringLiteral("NOCASE"));

    const Table *cafe = schema->table("main", "Café ☕");
    QVERIFY(cafe);
    QCOMPARE(columnNames(*cafe), QStringList({"crème brûlée", "Ω"}));
    QCOMPARE(cafe->column("Ω")->defaultExpr, QStringLiteral("'ß'"));
    QCOMPARE(describeAll(cafe->uniques), QStringList({"ünïque(crème brûlée)"}));
    QCOMPARE(describeAll(cafe->indexes), QStringList({"Café index(Ω) where \"Ω\" > 0"}));

    const View *view = schema->view("main", "user view");
    QVERIFY(view);
    QCOMPARE(view->columns, QStringList({"select", "group"}));
    QCOMPARE(view->dependsOn, QStringList({"main.Café ☕", "main.references", "main.user"}));
}

void TestIntrospection::sqliteExcludedTables()
{
    const QStringList ddl = {
        "CREATE TABLE strata_schema_history (\"rank\" INTEGER PRIMARY KEY, version TEXT)",
        "CREATE INDEX ix_history ON strata_schema_history (version)",
        "CREATE TRIGGER trg_history AFTER INSERT ON strata_schema_history BEGIN SELECT 1; END",
        "CREATE TABLE kept (id INTEGER PRIMARY KEY AUTOINCREMENT)",
        "CREATE TABLE Scratch (id INTEGER)",
        "CREATE VIEW reads_history AS SELECT version FROM strata_schema_history, kept",
        "ANALYZE",
    };
    auto schema = sqliteSchemaOf(ddl);
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    QCOMPARE(namesOf(schema->tables),
             QStringList({"Scratch", "kept"})); // no sqlite_sequence, sqlite_stat1
    QCOMPARE(schema->views.size(), 1);
    QCOMPARE(schema->views[0].dependsOn, QStringList({"main.kept"}));

    IntrospectOptions options;
    options.excludeTables = QStringList{"scratch"}; // SQLite names are case-insensitive
    auto other = sqliteSchemaOf(ddl, options);
    QVERIFY2(other, qPrintable(other.error().toString()));
    QCOMPARE(namesOf(other->tables), QStringList({"kept", "strata_schema_history"}));
    const Table *history = other->table("main", "strata_schema_history");
    QCOMPARE(describeAll(history->indexes), QStringList({"ix_history(version)"}));
    QCOMPARE(history->triggers.size(), 1);
    QCOMPARE(other->views[0].dependsOn, QStringList({"main.kept", "main.strata_schema_history"}));

    QCOMPARE(other->engine, Engine::Sqlite);
    QCOMPARE(other->schemas, QStringList{"main"});
    QVERIFY(other->serverVersion.startsWith(QLatin1String("SQLite ")));
    QVERIFY(other->sequences.isEmpty());
    QVERIFY(other->enums.isEmpty());
    for (const Table &t : other->tables)
        QCOMPARE(t.schema, QStringLiteral("main"));
}

void TestIntrospection::sqliteVirtualTables()
{
    ScratchDatabase db(Engine::Sqlite);
    auto session = openSqlite(db.spec());
    if (!session->exec(QStringLiteral("CREATE VIRTUAL TABLE docs USING fts5(body)")))
        QSKIP("this SQLite has no FTS5");
    QVERIFY(runAll(*session, {"CREATE TABLE plain (id INTEGER PRIMARY KEY)"}));
    auto schema = Introspector::read(*session);
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    // The virtual table and its shadow tables (docs_data, docs_idx, ...) are not in the model.
    QCOMPARE(namesOf(schema->tables), QStringList({"plain"}));
}

void TestIntrospection::sqliteInsideTransaction()
{
    ScratchDatabase db(Engine::Sqlite);
    auto session = openSqlite(db.spec());
    QVERIFY(runAll(*session, {"CREATE TABLE before (id INTEGER)", "BEGIN",
                              "CREATE TABLE during (id INTEGER)"}));
    auto schema = Introspector::read(*session);
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    QCOMPARE(namesOf(schema->tables), QStringList({"before", "during"}));
    // The caller's transaction is still open and still the caller's to end.
    QVERIFY(runAll(*session, {"ROLLBACK"}));
    auto after = Introspector::read(*session);
    QVERIFY2(after, qPrintable(after.error().toString()));
    QCOMPARE(namesOf(after->tables), QStringList({"before"}));
    // Outside a transaction, introspection leaves none open behind it.
    QVERIFY(runAll(*session, {"BEGIN", "COMMIT"}));
}

void TestIntrospection::sqliteIgnoresTempSchema()
{
    ScratchDatabase db(Engine::Sqlite);
    auto session = openSqlite(db.spec());
    QVERIFY(runAll(*session,
                   {"CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)", "CREATE INDEX ix_b ON t (b)",
                    "CREATE TEMP TABLE t (shadow TEXT UNIQUE REFERENCES t)",
                    "CREATE TEMP TABLE only_temp (x)", "CREATE TEMP VIEW tv AS SELECT 1"}));
    auto schema = Introspector::read(*session);
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    QCOMPARE(namesOf(schema->tables), QStringList({"t"}));
    const Table &t = schema->tables[0];
    QCOMPARE(columnNames(t), QStringList({"a", "b"}));
    QCOMPARE(describeAll(t.indexes), QStringList({"ix_b(b)"}));
    QVERIFY(t.uniques.isEmpty());
    QVERIFY(t.foreignKeys.isEmpty());
    QVERIFY(schema->views.isEmpty());
}

void TestIntrospection::sqliteProgressAndCancel()
{
    class Recorder final : public Progress {
    public:
        void report(int done, int total, const QString &label) override
        {
            reports << QStringLiteral("%1/%2 %3").arg(done).arg(total).arg(label);
        }
        bool cancelled() const override
        {
            return cancelAfter >= 0 && reports.size() >= cancelAfter;
        }
        QStringList reports;
        int cancelAfter = -1;
    };

    ScratchDatabase db(Engine::Sqlite);
    auto session = openSqlite(db.spec());
    QVERIFY(runAll(*session, {"CREATE TABLE b (x)", "CREATE TABLE a (x)",
                              "CREATE VIEW v AS SELECT * FROM a"}));

    Recorder recorder;
    IntrospectOptions options;
    options.progress = &recorder;
    auto schema = Introspector::read(*session, options);
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    QCOMPARE(recorder.reports, QStringList({"1/3 a", "2/3 b", "3/3 v"}));

    Recorder canceller;
    canceller.cancelAfter = 1;
    options.progress = &canceller;
    auto cancelled = Introspector::read(*session, options);
    QVERIFY(!cancelled);
    QCOMPARE(cancelled.error().kind, Error::Kind::Cancelled);
    QCOMPARE(canceller.reports.size(), 1);
    QVERIFY(runAll(*session, {"BEGIN", "COMMIT"})); // no transaction left open
}

void TestIntrospection::sqliteErrors()
{
    ScratchDatabase db(Engine::Sqlite);
    auto session = openSqlite(db.spec());
    // A view whose table is gone: SQLite allows the DROP, but the view's columns cannot be read.
    QVERIFY(runAll(*session, {"CREATE TABLE gone (x)",
                              "CREATE VIEW \"broken \"\"view\"\"\" AS SELECT x FROM gone",
                              "DROP TABLE gone"}));
    auto schema = Introspector::read(*session);
    QVERIFY(!schema);
    QCOMPARE(schema.error().kind, Error::Kind::Database);
    QCOMPARE(schema.error().statement,
             QStringLiteral("PRAGMA main.table_xinfo(\"broken \"\"view\"\"\")"));
    QVERIFY2(schema.error().driverMessage.contains(QLatin1String("gone")),
             qPrintable(schema.error().toString()));
    QVERIFY2(schema.error().message.contains(QLatin1String("broken \"view\"")),
             qPrintable(schema.error().message));
    QVERIFY(runAll(*session, {"BEGIN", "COMMIT"})); // no transaction left open
}

void TestIntrospection::sqliteChinook()
{
    if (!QFile::exists(chinookPath()))
        QFAIL(qPrintable(QStringLiteral("the Chinook fixture is missing: ") + chinookPath()));
    QTemporaryDir dir;
    auto session = openSqlite(chinookCopy(dir));

    QElapsedTimer timer;
    timer.start();
    auto schema = Introspector::read(*session);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(schema, qPrintable(schema.error().toString()));
    qDebug("Chinook introspected in %lld ms", elapsed);

    QCOMPARE(namesOf(schema->tables),
             QStringList({"Album", "Artist", "Customer", "Employee", "Genre", "Invoice",
                          "InvoiceLine", "MediaType", "Playlist", "PlaylistTrack", "Track"}));
    QVERIFY(schema->views.isEmpty());

    const Table *album = schema->table("main", "Album");
    QVERIFY(album);
    QCOMPARE(columnNames(*album), QStringList({"AlbumId", "Title", "ArtistId"}));
    QCOMPARE(describe(*album->primaryKey), QStringLiteral("PK_Album(AlbumId)"));
    QCOMPARE(album->column("AlbumId")->identity, IdentityKind::Rowid);
    QCOMPARE(album->column("Title")->declaredType, QStringLiteral("NVARCHAR(160)"));
    QCOMPARE(album->column("Title")->type, QStringLiteral("nvarchar(160)"));
    QVERIFY(album->column("Title")->notNull);
    QCOMPARE(
        describeAll(album->foreignKeys),
        QStringList({"(ArtistId) -> Artist(ArtistId) on update NO ACTION on delete NO ACTION"}));
    QCOMPARE(describeAll(album->indexes), QStringList({"IFK_AlbumArtistId(ArtistId)"}));
    QCOMPARE(album->indexes[0].definition,
             QStringLiteral("CREATE INDEX [IFK_AlbumArtistId] ON [Album] ([ArtistId])"));

    const Table *track = schema->table("main", "Track");
    QVERIFY(track);
    QCOMPARE(describeAll(track->indexes),
             QStringList({"IFK_TrackAlbumId(AlbumId)", "IFK_TrackGenreId(GenreId)",
                          "IFK_TrackMediaTypeId(MediaTypeId)"}));
    QCOMPARE(track->foreignKeys.size(), 3);
    QCOMPARE(track->column("UnitPrice")->type, QStringLiteral("numeric(10,2)"));

    const Table *invoice = schema->table("main", "Invoice");
    QCOMPARE(invoice->column("Total")->declaredType, QStringLiteral("NUMERIC(10,2)"));
    QCOMPARE(invoice->column("InvoiceDate")->type, QStringLiteral("datetime"));

    const Table *employee = schema->table("main", "Employee");
    QCOMPARE(describeAll(employee->foreignKeys),
             QStringList(
                 {"(ReportsTo) -> Employee(EmployeeId) on update NO ACTION on delete NO ACTION"}));

    const Table *playlistTrack = schema->table("main", "PlaylistTrack");
    QVERIFY(playlistTrack);
    QCOMPARE(describe(*playlistTrack->primaryKey),
             QStringLiteral("PK_PlaylistTrack(PlaylistId,TrackId)"));
    QCOMPARE(playlistTrack->column("PlaylistId")->identity, IdentityKind::None);
    QVERIFY(playlistTrack->uniques.isEmpty());
    QCOMPARE(playlistTrack->foreignKeys.size(), 2);

    for (const Table &t : schema->tables) {
        QVERIFY2(t.primaryKey, qPrintable(t.name));
        QVERIFY2(t.checks.isEmpty() && t.triggers.isEmpty() && !t.withoutRowid, qPrintable(t.name));
    }
}

void TestIntrospection::sqliteStableSnapshots_data()
{
    QTest::addColumn<QString>("source");
    QTest::newRow("chinook") << "chinook";
    QTest::newRow("every object kind") << "everything";
}

void TestIntrospection::sqliteStableSnapshots()
{
    QFETCH(QString, source);
    QTemporaryDir dir;
    ScratchDatabase scratch(Engine::Sqlite);
    std::unique_ptr<DatabaseSession> session;
    if (source == QLatin1String("chinook")) {
        session = openSqlite(chinookCopy(dir));
    } else {
        session = openSqlite(scratch.spec());
        QVERIFY(runAll(*session, everything));
    }

    auto first = Introspector::read(*session);
    QVERIFY2(first, qPrintable(first.error().toString()));
    auto second = Introspector::read(*session);
    QVERIFY2(second, qPrintable(second.error().toString()));
    QVERIFY(*first == *second);
    QVERIFY(!first->tables.isEmpty());

    const QByteArray json = SchemaJson::write(*first);
    auto read = SchemaJson::read(json, QStringLiteral("snapshot"));
    QVERIFY2(read, qPrintable(read.error().toString()));
    QVERIFY(*read == *first);
    QCOMPARE(SchemaJson::write(*read), json);
    QCOMPARE(SchemaJson::write(*second), json);
    QCOMPARE(SchemaJson::write(*first, true), SchemaJson::write(*read, true));

    if (source == QLatin1String("everything")) {
        // The rich schema really carries every kind through the snapshot.
        const Table *album = read->table("main", "album");
        QVERIFY(album);
        QCOMPARE(album->column("slug")->generatedExpr, QStringLiteral("lower(title)"));
        QVERIFY(album->column("slug")->generatedStored);
        QCOMPARE(read->table("main", "artist")->column("id")->identity,
                 IdentityKind::Autoincrement);
        QCOMPARE(read->table("main", "artist")->column("name")->collation,
                 QStringLiteral("NOCASE"));
        QVERIFY(read->table("main", "tag")->withoutRowid);
        QCOMPARE(describeAll(read->table("main", "tag")->foreignKeys),
                 QStringList({"(album_id) -> album(id) on update NO ACTION on delete NO ACTION"}));
        QCOMPARE(
            describeAll(album->indexes),
            QStringList(
                {"ix_album_lower(expr:lower(title))",
                 "unique ux_album_title(artist_id, title collate NOCASE desc) where price > 0"}));
        QCOMPARE(describeAll(album->foreignKeys),
                 QStringList(
                     {"(artist_id) -> artist(id) on update NO ACTION on delete CASCADE deferrable "
                      "initially-deferred"}));
        QCOMPARE(describeAll(album->checks), QStringList({": price >= 0"}));
        QCOMPARE(album->triggers.size(), 1);
        QCOMPARE(read->views.size(), 1);
        QCOMPARE(read->views[0].dependsOn, QStringList({"main.album", "main.artist"}));
    }
}

// ---------------- PostgreSQL ----------------

QTEST_GUILESS_MAIN(TestIntrospection)
#include "tst_introspection.moc"
