// KeysAside: before a load into tables migrations built, their keys, indexes, foreign keys and
// triggers are set aside inside the load's transaction and put back afterwards. Whatever kind
// they are (composite, partial, expression, deferrable, self-referencing, to a unique index,
// renamed, commented, clustered, replica identity, a trigger left disabled on purpose), they
// must come back exactly as PostgreSQL printed them before; while aside, nothing of them acts.
#include "TestDatabases.h"
#include "TransferRunSupport.h"

#include "transfer/KeysAside.h"
#include <QtTest>

using namespace strata;
using namespace strata::test;
using namespace strata::transfer;

namespace {

const QStringList schemaSql{
    "CREATE TABLE parent (id integer PRIMARY KEY, code varchar(10) NOT NULL, "
    "touched integer NOT NULL DEFAULT 0)",
    "CREATE UNIQUE INDEX parent_code ON parent (code)",
    "CREATE TABLE \"Child Rows\" (id integer, parent_id integer NOT NULL REFERENCES parent (id) "
    "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, parent_code varchar(10) REFERENCES parent "
    "(code), note text, CONSTRAINT child_pk PRIMARY KEY (id) INCLUDE (note), "
    "CONSTRAINT child_note UNIQUE (parent_id, note))",
    "ALTER INDEX child_pk RENAME TO child_pk_renamed",
    "CREATE INDEX child_note_lower ON \"Child Rows\" (lower(note) DESC NULLS LAST) "
    "WHERE note IS NOT NULL",
    "CREATE TABLE tree (id integer PRIMARY KEY, up integer REFERENCES tree (id))",
    "CREATE TABLE other (ref integer REFERENCES parent (id))", // not loaded, points at one
    "COMMENT ON INDEX parent_code IS 'codes are unique'",
    "COMMENT ON CONSTRAINT child_note ON \"Child Rows\" IS 'one note per parent'",
    "ALTER TABLE tree CLUSTER ON tree_pkey",
    "ALTER TABLE parent REPLICA IDENTITY USING INDEX parent_code",
    "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "UPDATE parent SET touched = touched + 1 WHERE id = NEW.parent_id; RETURN NEW; END $$",
    "CREATE TRIGGER child_touch AFTER INSERT ON \"Child Rows\" FOR EACH ROW EXECUTE FUNCTION "
    "touch()",
    "CREATE TRIGGER child_touch_off AFTER INSERT ON \"Child Rows\" FOR EACH ROW EXECUTE "
    "FUNCTION touch()",
    "ALTER TABLE \"Child Rows\" DISABLE TRIGGER child_touch_off",
};

// Everything KeysAside must keep, as PostgreSQL prints it, one line each, sorted.
QString shape(PgConnection &pg)
{
    auto rows = pg.query(
        "SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || "
        "pg_get_constraintdef(oid) || ' valid=' || convalidated || ' comment=' || "
        "coalesce(obj_description(oid, 'pg_constraint'), '-') FROM pg_constraint "
        "WHERE connamespace = 'public'::regnamespace "
        "UNION ALL SELECT 'index ' || pg_get_indexdef(indexrelid) || ' clustered=' || "
        "indisclustered || ' replident=' || indisreplident || ' comment=' || "
        "coalesce(obj_description(indexrelid, 'pg_class'), '-') FROM pg_index "
        "JOIN pg_class ON pg_class.oid = indrelid WHERE relnamespace = 'public'::regnamespace "
        "UNION ALL SELECT 'trigger ' || tgname || ' ' || tgenabled::text FROM pg_trigger WHERE NOT "
        "tgisinternal ORDER BY 1");
    if (!rows)
        return rows.error().toString();
    QStringList lines;
    for (const QStringList &r : *rows)
        lines << r.value(0);
    return lines.join(u'\n');
}

} // namespace

class TestKeysAside : public QObject {
    Q_OBJECT
private slots:
    void comeBackAsTheyWere();
    void dependentKeyStaysInPlace();
};

void TestKeysAside::comeBackAsTheyWere()
{
    STRATA_SCRATCH(db, Engine::Postgres);
    auto opened = PgConnection::open(db.spec(), QStringLiteral("tst_keysaside"));
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
    PgConnection &pg = **opened;
    for (const QString &sql : schemaSql) {
        Status s = pg.exec(sql);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString() + "\n" + sql));
    }
    const QString before = shape(pg);
    QVERIFY2(before.count(u'\n') == 15, qPrintable(before));

    std::atomic<bool> cancel{false};
    QVERIFY(pg.exec("BEGIN").ok());
    auto aside =
        setKeysAside(pg, {"public.parent", "public.\"Child Rows\"", "public.tree"}, cancel);
    QVERIFY2(aside, qPrintable(aside ? QString() : aside.error().toString()));
    QVERIFY2(aside->kept.isEmpty(), qPrintable(aside->kept.join('\n')));
    // Nothing of them acts while aside: out-of-order rows, a dangling reference and a
    // duplicate all load, and the enabled trigger does not fire.
    const QStringList load{
        "INSERT INTO \"Child Rows\" VALUES (1, 1, 'a', 'x'), (1, 2, 'b', 'y')",
        "INSERT INTO tree VALUES (2, 1), (1, NULL)",
        "INSERT INTO parent (id, code) VALUES (1, 'a'), (2, 'b')",
    };
    for (const QString &sql : load) {
        Status s = pg.exec(sql);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString() + "\n" + sql));
    }
    QCOMPARE(pg.query("SELECT sum(touched) FROM parent")->value(0).value(0), QStringLiteral("0"));
    auto indexes = pg.query("SELECT count(*) FROM pg_index WHERE indrelid IN ('parent'::regclass, "
                            "'\"Child Rows\"'::regclass, 'tree'::regclass)");
    QCOMPARE(indexes->value(0).value(0), QStringLiteral("0"));
    QVERIFY(pg.exec("DELETE FROM \"Child Rows\" WHERE parent_id = 2").ok()); // the duplicate id

    QStringList steps;
    auto restored = restoreKeys(pg, *aside, {"ANALYZE parent"}, cancel,
                                [&](const QString &sql) { steps << sql; });
    QVERIFY2(!restored, qPrintable(errorText(restored)));
    QVERIFY(steps.contains("ANALYZE parent"));
    QVERIFY(pg.exec("COMMIT").ok());
    QCOMPARE(shape(pg), before);
    // And they act again: the trigger fires, the keys refuse.
    QVERIFY(pg.exec("INSERT INTO \"Child Rows\" VALUES (3, 2, 'b', 'z')").ok());
    QCOMPARE(pg.query("SELECT touched FROM parent WHERE id = 2")->value(0).value(0),
             QStringLiteral("1"));
    QVERIFY(!pg.exec("INSERT INTO tree VALUES (3, 99)").ok());
    QVERIFY(!pg.exec("INSERT INTO parent (id, code) VALUES (5, 'a')").ok());
}

// A key PostgreSQL will not drop (a view grouping by the primary key relies on it) stays in
// place, reported, instead of failing the load; the rest is set aside and comes back.
void TestKeysAside::dependentKeyStaysInPlace()
{
    STRATA_SCRATCH(db, Engine::Postgres);
    auto opened = PgConnection::open(db.spec(), QStringLiteral("tst_keysaside"));
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
    PgConnection &pg = **opened;
    for (const char *sql :
         {"CREATE TABLE t (id integer PRIMARY KEY, v text)", "CREATE INDEX t_v ON t (v)",
          "CREATE VIEW per_id AS SELECT id, v FROM t GROUP BY id"}) {
        Status s = pg.exec(QString::fromLatin1(sql));
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
    }
    const QString before = shape(pg);
    QVERIFY2(before.contains("t_pkey PRIMARY KEY (id)") && before.contains("t_v"),
             qPrintable(before));
    std::atomic<bool> cancel{false};
    QVERIFY(pg.exec("BEGIN").ok());
    auto aside = setKeysAside(pg, {"public.t"}, cancel);
    QVERIFY2(aside, qPrintable(aside ? QString() : aside.error().toString()));
    QCOMPARE(aside->kept, QStringList{"constraint t_pkey on t"});
    QCOMPARE(aside->keys, QStringList{"CREATE INDEX t_v ON public.t USING btree (v)"});
    auto restored = restoreKeys(pg, *aside, {}, cancel, [](const QString &) {});
    QVERIFY2(!restored, qPrintable(errorText(restored)));
    QVERIFY(pg.exec("COMMIT").ok());
    QCOMPARE(shape(pg), before);
}

QTEST_GUILESS_MAIN(TestKeysAside)
#include "tst_keysaside.moc"
