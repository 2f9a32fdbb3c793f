// SchemaDiff on hand-built schemas (no database): which changes, in which order, with which
// risk and warnings; cross-engine equivalence; DDL text where it matters.

#include "diff/SchemaDiff.h"

#include <QTest>

using namespace strata;

Q_DECLARE_METATYPE(strata::Schema)

namespace {

Column col(const QString &name, const QString &type, bool notNull = false, const QString &def = {})
{
    Column c;
    c.name = name, c.declaredType = type, c.type = type.toLower();
    c.notNull = notNull, c.defaultExpr = def;
    return c;
}

Column identity(Column c, IdentityKind kind)
{
    c.identity = kind;
    c.notNull = c.notNull || kind == IdentityKind::Always || kind == IdentityKind::ByDefault;
    return c;
}

Column rowid(const QString &name)
{
    return identity(col(name, "INTEGER"), IdentityKind::Rowid);
}

Table table(const QString &schema, const QString &name, const QList<Column> &columns,
            const QStringList &pk = {})
{
    Table t;
    t.schema = schema, t.name = name, t.columns = columns;
    if (!pk.isEmpty())
        t.primaryKey = PrimaryKey{
            schema == QLatin1String("main") ? QString() : name + QStringLiteral("_pkey"), pk};
    return t;
}

ForeignKey fk(const QString &name, const QStringList &cols, const QString &refSchema,
              const QString &refTable, const QStringList &refCols)
{
    ForeignKey f;
    f.name = name, f.columns = cols, f.refSchema = refSchema;
    f.refTable = refTable, f.refColumns = refCols;
    return f;
}

Index index(const QString &name, const QStringList &cols, bool unique = false)
{
    Index i;
    i.name = name, i.unique = unique;
    for (const QString &c : cols)
        i.columns << IndexColumn{c, false, false, {}, {}};
    return i;
}

View view(const QString &schema, const QString &name, const QString &def, const QStringList &deps)
{
    View v;
    v.schema = schema, v.name = name, v.definition = def, v.dependsOn = deps;
    return v;
}

Schema pg(const QList<Table> &tables, const QList<View> &views = {})
{
    Schema s;
    s.engine = Engine::Postgres;
    s.schemas = {QStringLiteral("public")};
    s.tables = tables, s.views = views;
    s.normalise();
    return s;
}

Schema lite(const QList<Table> &tables, const QList<View> &views = {})
{
    Schema s = pg(tables, views);
    s.engine = Engine::Sqlite, s.schemas = {QStringLiteral("main")};
    return s;
}

// "create table orders" style lines: action, kind, name.
QStringList describe(const SchemaDiffResult &r)
{
    QStringList out;
    for (const Change &c : r.changes)
        out << QStringLiteral("%1 %2 %3")
                   .arg(changeActionName(c.action), objectKindName(c.kind), c.name);
    return out;
}

bool anyContains(const QStringList &list, const QString &part)
{
    return list.join(u'\n').contains(part);
}

Column pgId()
{
    return identity(col("id", "bigint", true), IdentityKind::Always);
}

Table customers()
{
    return table("public", "customers", {pgId(), col("name", "text", true)}, {"id"});
}

Table orders()
{
    Table t = table(
        "public", "orders",
        {pgId(), col("customer_id", "bigint", true), col("note", "character varying(50)")}, {"id"});
    t.foreignKeys << fk("orders_customer_id_fkey", {"customer_id"}, "public", "customers", {"id"});
    return t;
}

} // namespace

class TestSchemaDiff : public QObject {
    Q_OBJECT
private slots:
    void changes_data();
    void changes();
    void lintNotNullWithoutDefault();
    void lintNarrowing();
    void lintDropColumnStillUsed();
    void lintPossibleRename();
    void blockingOnBigTables();
    void enumAddValueHasNoInverse();
    void sqliteRebuildGroupsChanges();
    void sqliteAddColumnUsesAlter();
    void identifiersAreQuoted();
    void crossEngineEquivalent_data();
    void crossEngineEquivalent();
    void crossEngineRealDifferences();
    void crossEngineChecks_data();
    void crossEngineChecks();
    void crossEngineGeneratesPgConstraintNames();
    void crossEngineOptionOnOneEngine();
};

void TestSchemaDiff::changes_data()
{
    QTest::addColumn<Schema>("a");
    QTest::addColumn<Schema>("b");
    QTest::addColumn<QStringList>("expected");

    const Schema shop = pg({customers(), orders()});
    QTest::newRow("identical pg") << shop << shop << QStringList();
    const Schema liteShop = lite({table("main", "t", {rowid("id")}, {"id"})});
    QTest::newRow("identical sqlite") << liteShop << liteShop << QStringList();

    // The FK goes in after both tables exist, whatever their names' order.
    QTest::newRow("fk after tables") << pg({}) << shop
                                     << QStringList{"create table customers", "create table orders",
                                                    "create foreign_key orders_customer_id_fkey"};
    QTest::newRow("fk dropped before tables")
        << shop << pg({})
        << QStringList{"drop foreign_key orders_customer_id_fkey", "drop table customers",
                       "drop table orders"};

    const View v = view("public", "order_names", "SELECT id, note FROM orders", {"public.orders"});
    QTest::newRow("view dropped before its table")
        << pg({customers(), orders()}, {v}) << pg({customers()})
        << QStringList{"drop view order_names", "drop foreign_key orders_customer_id_fkey",
                       "drop table orders"};
    QTest::newRow("view created after its table")
        << pg({customers()}) << pg({customers(), orders()}, {v})
        << QStringList{"create table orders", "create foreign_key orders_customer_id_fkey",
                       "create view order_names"};

    // v2 reads v1: changing v1 drops v2 first and creates it again after v1.
    const View v1 = view("public", "v1", "SELECT id FROM orders", {"public.orders"});
    const View v2 = view("public", "v2", "SELECT id FROM v1", {"public.v1"});
    View v1b = v1;
    v1b.definition = QStringLiteral("SELECT id, note FROM orders");
    QTest::newRow("dependent views in order")
        << pg({customers(), orders()}, {v1, v2}) << pg({customers(), orders()}, {v1b, v2})
        << QStringList{"drop view v2", "drop view v1", "create view v1", "create view v2"};

    Table withIndex = orders();
    withIndex.indexes << index("orders_note_idx", {"note"});
    QTest::newRow("index added") << shop << pg({customers(), withIndex})
                                 << QStringList{"create index orders_note_idx"};
    Table changedIndex = withIndex;
    changedIndex.indexes[0].unique = true;
    QTest::newRow("changed index is dropped and created")
        << pg({customers(), withIndex}) << pg({customers(), changedIndex})
        << QStringList{"drop index orders_note_idx", "create index orders_note_idx"};

    Table withCheck = orders();
    withCheck.checks << CheckConstraint{"orders_note_check", "(length(note) > 0)"};
    Table otherCheck = orders();
    otherCheck.checks << CheckConstraint{"orders_note_check", "(length(note) > 1)"};
    QTest::newRow("changed check")
        << pg({customers(), withCheck}) << pg({customers(), otherCheck})
        << QStringList{"drop check orders_note_check", "create check orders_note_check"};

    // Dropping a PK another table's FK points at: the FK goes first and comes back last.
    Table renamedPk = customers();
    renamedPk.primaryKey->name = QStringLiteral("customers_pk");
    QTest::newRow("fk around its key")
        << shop << pg({renamedPk, orders()})
        << QStringList{"drop foreign_key orders_customer_id_fkey",
                       "drop primary_key customers_pkey", "create primary_key customers_pk",
                       "create foreign_key orders_customer_id_fkey"};
}

void TestSchemaDiff::changes()
{
    QFETCH(Schema, a);
    QFETCH(Schema, b);
    QFETCH(QStringList, expected);
    const SchemaDiffResult r = SchemaDiff::compare(a, b);
    QCOMPARE(describe(r), expected);
}

void TestSchemaDiff::lintNotNullWithoutDefault()
{
    const Table t = customers();
    Table added = t, withDefault = t, nullable = t;
    added.columns << col("email", "text", true);
    withDefault.columns << col("email", "text", true, "''::text");
    nullable.columns[1].notNull = false;
    const SchemaDiffResult r = SchemaDiff::compare(pg({t}), pg({added}));
    QCOMPARE(describe(r), QStringList{"create column email"});
    QVERIFY(anyContains(r.changes[0].warnings, "without a default"));
    QCOMPARE(r.changes[0].risk, Risk::Safe);
    QVERIFY(SchemaDiff::compare(pg({t}), pg({withDefault})).changes[0].warnings.isEmpty());
    // Setting NOT NULL on an existing column warns too.
    const SchemaDiffResult set = SchemaDiff::compare(pg({nullable}), pg({t}));
    QCOMPARE(describe(set), QStringList{"alter column name"});
    QCOMPARE(set.changes[0].summary,
             QStringLiteral("alter column public.customers.name: set not null"));
    QVERIFY(anyContains(set.changes[0].warnings, "NOT NULL"));
    QCOMPARE(
        set.changes[0].forward,
        QStringList{"ALTER TABLE \"public\".\"customers\" ALTER COLUMN \"name\" SET NOT NULL"});
    QVERIFY(set.changes[0].inverse.first().endsWith("DROP NOT NULL"));
}

void TestSchemaDiff::lintNarrowing()
{
    Table from = orders();
    Table to = from;
    to.columns[2] = col("note", "character varying(10)");
    const SchemaDiffResult r = SchemaDiff::compare(pg({customers(), from}), pg({customers(), to}));
    QCOMPARE(describe(r), QStringList{"alter column note"});
    QCOMPARE(r.changes[0].risk, Risk::Destructive);
    QVERIFY(anyContains(r.changes[0].warnings, "narrows"));
    QVERIFY(r.changes[0].forward.first().contains("TYPE character varying(10)"));
    QVERIFY(r.changes[0].inverse.first().contains("TYPE character varying(50)"));
    const SchemaDiffResult wide = // widening is not narrowing
        SchemaDiff::compare(pg({customers(), to}), pg({customers(), from}));
    QCOMPARE(wide.changes[0].risk, Risk::Safe);
    QVERIFY(wide.changes[0].warnings.isEmpty());
}

void TestSchemaDiff::lintDropColumnStillUsed()
{
    Table from = orders();
    from.indexes << index("orders_note_idx", {"note"});
    Table to = orders();
    to.columns.removeLast();
    const View v = view("public", "notes", "SELECT note FROM orders", {"public.orders"});
    const SchemaDiffResult r =
        SchemaDiff::compare(pg({customers(), from}, {v}), pg({customers(), to}));
    QCOMPARE(describe(r),
             (QStringList{"drop view notes", "drop index orders_note_idx", "drop column note"}));
    const Change *drop = &r.changes.last();
    QCOMPARE(drop->risk, Risk::Destructive);
    QVERIFY(drop->hasInverse);
    QVERIFY(anyContains(drop->warnings, "used by index orders_note_idx"));
    QVERIFY(anyContains(drop->warnings, "used by view public.notes"));
    QVERIFY(drop->inverse.first().contains("ADD COLUMN \"note\" character varying(50)"));
}

void TestSchemaDiff::lintPossibleRename()
{
    Table from = customers();
    Table to = from;
    to.columns[1].name = QStringLiteral("full_name");
    const SchemaDiffResult r = SchemaDiff::compare(pg({from}), pg({to}));
    // Never guessed: still a drop and an add.
    QCOMPARE(describe(r), (QStringList{"drop column name", "create column full_name"}));
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY(r.warnings[0].contains("possible rename of public.customers.name to full_name"));
    // Different types: no rename suspected.
    to.columns[1].declaredType = QStringLiteral("integer");
    QVERIFY(SchemaDiff::compare(pg({from}), pg({to})).warnings.isEmpty());
}

void TestSchemaDiff::blockingOnBigTables()
{
    Table withIndex = orders();
    withIndex.indexes << index("orders_note_idx", {"note"});
    Table retyped = orders();
    retyped.columns[1].declaredType = QStringLiteral("numeric");
    const auto risk = [](const Table &to, qint64 rows) {
        DiffOptions options;
        options.tableRows = {{"public.orders", rows}};
        return SchemaDiff::compare(pg({customers(), orders()}), pg({customers(), to}), options)
            .changes[0]
            .risk;
    };
    QCOMPARE(risk(withIndex, 5000000), Risk::Blocking);
    QCOMPARE(risk(withIndex, 10), Risk::Safe);
    QCOMPARE(risk(retyped, 5000000), Risk::Blocking);
    QCOMPARE(risk(retyped, 10), Risk::Safe);
}

void TestSchemaDiff::enumAddValueHasNoInverse()
{
    Schema a = pg({});
    a.enums << EnumType{"public", "mood", {"sad", "happy"}, {}};
    Schema b = a;
    b.enums[0].labels = QStringList{"sad", "ok", "happy", "ecstatic"};
    const SchemaDiffResult r = SchemaDiff::compare(a, b);
    QCOMPARE(describe(r), QStringList{"alter enum mood"});
    QVERIFY(!r.changes[0].hasInverse);
    QVERIFY(!r.fullyReversible());
    QCOMPARE(r.changes[0].forward,
             (QStringList{"ALTER TYPE \"public\".\"mood\" ADD VALUE 'ok' BEFORE 'happy'",
                          "ALTER TYPE \"public\".\"mood\" ADD VALUE 'ecstatic' AFTER 'happy'"}));
    QVERIFY(r.inverseSql().isEmpty());
}

void TestSchemaDiff::sqliteRebuildGroupsChanges()
{
    Table from = table("main", "t", {rowid("id"), col("a", "TEXT"), col("b", "INTEGER")}, {"id"});
    from.indexes << index("t_a", {"a"});
    from.indexes[0].definition = QStringLiteral("CREATE INDEX t_a ON t(a)");
    Table to = from;
    to.columns[1].notNull = true; // ALTER TABLE cannot do these two:
    to.checks << CheckConstraint{{}, "b > 0"};
    const SchemaDiffResult r = SchemaDiff::compare(lite({from}), lite({to}));
    QCOMPARE(describe(r), QStringList{"alter table t"});
    const QStringList &f = r.changes[0].forward;
    QVERIFY(f[0].startsWith("CREATE TABLE \"new_t\""));
    QVERIFY(f[0].contains("\"id\" INTEGER PRIMARY KEY"));
    QVERIFY(f[0].contains("CHECK (b > 0)"));
    QVERIFY(f[1].startsWith("INSERT INTO \"new_t\" (\"id\", \"a\", \"b\") SELECT \"id\""));
    QCOMPARE(f[2], QStringLiteral("DROP TABLE \"t\""));
    QVERIFY(f.contains("ALTER TABLE \"new_t\" RENAME TO \"t\""));
    QVERIFY(f.contains("CREATE INDEX t_a ON t(a)")); // its indexes come back
    QCOMPARE(f.last(), QStringLiteral("PRAGMA foreign_key_check(\"t\")"));
    QVERIFY(r.changes[0].inverse[0].startsWith("CREATE TABLE \"new_t\""));
    QVERIFY(!r.changes[0].inverse[0].contains("CHECK"));
    QVERIFY(anyContains(r.changes[0].warnings, "NOT NULL"));
    QCOMPARE(r.changes[0].summary,
             "rebuild table main.t: alter column a (set not null); add check (b > 0)");
}

void TestSchemaDiff::sqliteAddColumnUsesAlter()
{
    const Table from = table("main", "t", {rowid("id")}, {"id"});
    Table to = from;
    to.columns << col("note", "TEXT", true, "'x'");
    SchemaDiffResult r = SchemaDiff::compare(lite({from}), lite({to}));
    QCOMPARE(describe(r), QStringList{"create column note"});
    QCOMPARE(r.changes[0].forward,
             QStringList{"ALTER TABLE \"t\" ADD COLUMN \"note\" TEXT NOT NULL DEFAULT 'x'"});
    QCOMPARE(r.changes[0].inverse, QStringList{"ALTER TABLE \"t\" DROP COLUMN \"note\""});
    // A non-constant default cannot be added by ALTER TABLE: rebuild.
    to.columns.last().defaultExpr = QStringLiteral("CURRENT_TIMESTAMP");
    r = SchemaDiff::compare(lite({from}), lite({to}));
    QCOMPARE(describe(r), QStringList{"alter table t"});
    // Dropping a column its inverse could not add back: rebuild too.
    r = SchemaDiff::compare(lite({to}), lite({from}));
    QCOMPARE(describe(r), QStringList{"alter table t"});
    QCOMPARE(r.changes[0].risk, Risk::Destructive);
}

void TestSchemaDiff::identifiersAreQuoted()
{
    Table t = table("my schema", "order", {col("user", "text"), col("we\"ird", "integer")});
    const SchemaDiffResult r = SchemaDiff::compare(pg({}), pg({t}));
    QCOMPARE(r.changes[0].forward.first(),
             QStringLiteral("CREATE TABLE \"my schema\".\"order\" (\n  \"user\" text,\n  "
                            "\"we\"\"ird\" integer\n)"));
    // Scripts: one statement per change here, ';'-terminated; the inverse drops the table.
    QVERIFY(r.forwardSql().endsWith("integer\n);\n"));
    QCOMPARE(r.inverseSql(), QStringLiteral("DROP TABLE \"my schema\".\"order\";\n"));
    Table l = table("main", "références", {col("user", "TEXT")});
    const SchemaDiffResult rl = SchemaDiff::compare(lite({}), lite({l}));
    QCOMPARE(rl.changes[0].forward.first(),
             QStringLiteral("CREATE TABLE \"références\" (\n  \"user\" TEXT\n)"));
}

void TestSchemaDiff::crossEngineEquivalent_data()
{
    QTest::addColumn<Column>("sqlite");
    QTest::addColumn<Column>("postgres");
    // SQLite type, PostgreSQL type, SQLite default, PostgreSQL default.
    const QList<QStringList> rows = {
        {"TEXT", "text", "", ""},
        {"REAL", "double precision", "", ""},
        {"NVARCHAR(160)", "character varying(160)", "", ""},
        {"NUMERIC(10,2)", "numeric(10,2)", "0", "'0'::numeric"},
        {"BLOB", "bytea", "", ""},
        {"DATETIME", "timestamp without time zone", "", ""},
        {"INT", "integer", "-1", "'-1'::integer"},
        {"DATETIME", "timestamp with time zone", "CURRENT_TIMESTAMP", "now()"},
        {"TEXT", "character varying(9)", "'new'", "'new'::character varying"},
        {"BOOLEAN", "boolean", "1", "true"},
    };
    for (const QStringList &r : rows)
        QTest::newRow(qPrintable(r[0] + " vs " + r[1] + " " + r[3]))
            << col("c", r[0], false, r[2]) << col("c", r[1], false, r[3]);
}

void TestSchemaDiff::crossEngineEquivalent()
{
    QFETCH(Column, sqlite);
    QFETCH(Column, postgres);
    Table l = table("main", "Album", {rowid("AlbumId"), sqlite}, {"AlbumId"});
    Table p = table("public", "Album",
                    {identity(col("AlbumId", "bigint", true), IdentityKind::ByDefault), postgres},
                    {"AlbumId"});
    QCOMPARE(describe(SchemaDiff::compare(lite({l}), pg({p}))), QStringList());
    QCOMPARE(describe(SchemaDiff::compare(pg({p}), lite({l}))), QStringList());
}

void TestSchemaDiff::crossEngineRealDifferences()
{
    Table artist = table("main", "Artist", {rowid("ArtistId"), col("Name", "NVARCHAR(120)", true)},
                         {"ArtistId"});
    Table album =
        table("main", "Album", {rowid("AlbumId"), col("ArtistId", "INTEGER", true)}, {"AlbumId"});
    album.foreignKeys << fk({}, {"ArtistId"}, {}, "Artist", {"ArtistId"});
    album.indexes << index("IFK_AlbumArtistId", {"ArtistId"});
    album.indexes[0].definition =
        QStringLiteral("CREATE INDEX [IFK_AlbumArtistId] ON [Album] ([ArtistId])");
    Table pArtist = table("public", "Artist",
                          {identity(col("ArtistId", "integer", true), IdentityKind::Serial),
                           col("Name", "character varying(120)", true)},
                          {"ArtistId"});
    pArtist.columns[0].defaultExpr = QStringLiteral("nextval('\"Artist_ArtistId_seq\"'::regclass)");
    Table pAlbum = table("public", "Album",
                         {identity(col("AlbumId", "integer", true), IdentityKind::Always),
                          col("ArtistId", "integer", true)},
                         {"AlbumId"});
    pAlbum.foreignKeys << fk("fk_album_artist", {"ArtistId"}, "public", "Artist", {"ArtistId"});
    pAlbum.indexes << index("ifk_albumartistid", {"ArtistId"});
    pAlbum.indexes[0].definition = QStringLiteral(
        "CREATE INDEX ifk_albumartistid ON public.\"Album\" USING btree (\"ArtistId\")");
    pAlbum.indexes[0].method = QStringLiteral("btree");

    const auto fromLite = [&](const Table &ar, const Table &al) {
        return describe(SchemaDiff::compare(lite({artist, album}), pg({ar, al})));
    };
    Table lostNotNull = pArtist, noIndex = pAlbum, noFk = pAlbum, cascade = pAlbum;
    lostNotNull.columns[1].notNull = false;
    noIndex.indexes.clear();
    noFk.foreignKeys.clear();
    cascade.foreignKeys[0].onDelete = QStringLiteral("CASCADE"); // actions count too
    QCOMPARE(fromLite(pArtist, pAlbum), QStringList());
    QCOMPARE(fromLite(lostNotNull, pAlbum), QStringList{"alter table Artist"});
    QCOMPARE(fromLite(pArtist, noIndex), QStringList{"drop index IFK_AlbumArtistId"});
    QCOMPARE(fromLite(pArtist, noFk), QStringList{"alter table Album"});
    QCOMPARE(fromLite(pArtist, cascade), QStringList{"alter table Album"});
    QCOMPARE(describe(SchemaDiff::compare(pg({pArtist, noFk}), lite({artist, album}))),
             QStringList{"create foreign_key Album_ArtistId_fkey"});
}

// A CHECK as SQLite keeps it (as written) against the same CHECK as PostgreSQL deparses it:
// IN lists become = ANY (ARRAY[...]) (with casts on varchar columns), NOT IN <> ALL, BETWEEN
// two comparisons; a parenthesised column before a keyword stays a separate word.
void TestSchemaDiff::crossEngineChecks_data()
{
    QTest::addColumn<QString>("sqlite");
    QTest::addColumn<QString>("postgres");
    QTest::addColumn<bool>("same");
    QTest::newRow("IN, integers") << "done IN (0, 1)"
                                  << "(done = ANY (ARRAY[0, 1]))" << true;
    QTest::newRow("IN, varchar")
        << "status IN ('pending', 'paid')"
        << "((status)::text = ANY ((ARRAY['pending'::character varying, 'paid'::character "
           "varying])::text[]))"
        << true;
    QTest::newRow("NOT IN") << "kind NOT IN ('x', 'y')"
                            << "(kind <> ALL (ARRAY['x'::text, 'y'::text]))" << true;
    QTest::newRow("BETWEEN") << "rating BETWEEN 1 AND 5"
                             << "((rating >= 1) AND (rating <= 5))" << true;
    QTest::newRow("IN, another list") << "done IN (0, 1)"
                                      << "(done = ANY (ARRAY[0, 1, 2]))" << false;
    QTest::newRow("IN against NOT IN") << "done IN (0, 1)"
                                       << "(done <> ALL (ARRAY[0, 1]))" << false;
    QTest::newRow("BETWEEN, another bound") << "rating BETWEEN 1 AND 5"
                                            << "((rating >= 1) AND (rating <= 10))" << false;
    QTest::newRow("words stay apart") << "(done) IS NOT NULL"
                                      << "(done IS NOT NULL)" << true;
}

void TestSchemaDiff::crossEngineChecks()
{
    QFETCH(QString, sqlite);
    QFETCH(QString, postgres);
    QFETCH(bool, same);
    Table l = table("main", "t", {rowid("id"), col("done", "INTEGER")}, {"id"});
    l.checks << CheckConstraint{{}, sqlite};
    Table p =
        table("public", "t",
              {identity(col("id", "bigint", true), IdentityKind::ByDefault), col("done", "bigint")},
              {"id"});
    p.checks << CheckConstraint{QStringLiteral("t_done_check"), postgres};
    QCOMPARE(SchemaDiff::compare(pg({p}), lite({l})).isEmpty(), same);
    QCOMPARE(SchemaDiff::compare(lite({l}), pg({p})).isEmpty(), same);
}

void TestSchemaDiff::crossEngineGeneratesPgConstraintNames()
{
    Table t = table("main", "item", {rowid("id"), col("code", "TEXT", true), col("qty", "INTEGER")},
                    {"id"});
    t.uniques << UniqueConstraint{{}, {"code"}};
    t.checks << CheckConstraint{{}, "qty >= 0"};
    const SchemaDiffResult r = SchemaDiff::compare(pg({}), lite({t}));
    QCOMPARE(describe(r), QStringList{"create table item"});
    QCOMPARE(r.changes[0].forward.first(),
             QStringLiteral("CREATE TABLE \"public\".\"item\" (\n"
                            "  \"id\" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL,\n"
                            "  \"code\" text NOT NULL,\n"
                            "  \"qty\" bigint,\n"
                            "  CONSTRAINT \"item_pkey\" PRIMARY KEY (\"id\"),\n"
                            "  CONSTRAINT \"item_code_key\" UNIQUE (\"code\"),\n"
                            "  CONSTRAINT \"item_qty_check\" CHECK (qty >= 0)\n)"));
}

// Two SQLite schemas spelling types differently are equal by meaning when asked.
void TestSchemaDiff::crossEngineOptionOnOneEngine()
{
    const Schema a = lite({table("main", "t", {rowid("id"), col("n", "NVARCHAR(20)")}, {"id"})});
    const Schema b = lite({table("main", "t", {rowid("id"), col("n", "VARCHAR(20)")}, {"id"})});
    QCOMPARE(describe(SchemaDiff::compare(a, b)), QStringList{"alter table t"});
    DiffOptions byMeaning;
    byMeaning.crossEngine = true;
    QVERIFY(SchemaDiff::compare(a, b, byMeaning).isEmpty());
}

QTEST_GUILESS_MAIN(TestSchemaDiff)
#include "tst_schemadiff.moc"
