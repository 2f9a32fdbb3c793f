#pragma once
// Fixtures of tst_transferplan.cpp: helpers (an SQLite source, running a plan on PostgreSQL),
// the SQLite schemas of the scenario tests, and the QTest _data() rows: declared types and
// values with the expected decisions, UTF-8 byte strings, expressions, defaults, bad mappings.

#include "TestDatabases.h"
#include "transfer/TransferPlanner.h"

#include <QTest>

namespace strata::test {

// ---- helpers ----

// An SQLite scratch database holding `ddl` (statements, one each).
struct Source {
    ScratchDatabase db{Engine::Sqlite};
    std::unique_ptr<DatabaseSession> session;
    QString error;
    explicit Source(const QStringList &ddl)
    {
        auto opened = DatabaseSession::open(db.spec());
        if (!opened) {
            error = opened.error().toString();
            return;
        }
        session = std::move(opened).value();
        for (const QString &s : ddl) {
            if (auto r = session->exec(s); !r) {
                error = s + u'\n' + r.error().toString();
                return;
            }
        }
    }
    Result<TransferPlan> plan(const TransferOptions &o = {})
    {
        return TransferPlanner::plan(*session, o);
    }
};

inline const ColumnDecision *column(const TransferPlan &p, const QString &table, const QString &col)
{
    const TableDecision *t = p.table(table);
    return t ? t->column(col) : nullptr;
}

inline bool hasManual(const TransferPlan &p, const QString &kind, const QString &name)
{
    for (const ManualWork &m : p.manualWork) {
        if (m.kind == kind && m.name.contains(name))
            return true;
    }
    return false;
}

// Runs both DDL phases on PostgreSQL; the first failure, or empty.
inline QString runOnPostgres(const TransferPlan &plan, DatabaseSession &pg)
{
    for (const QString &s : plan.createTables + plan.afterLoad) {
        if (auto r = pg.exec(s); !r)
            return s + u'\n' + r.error().toString() + QStringLiteral("\n\n") + plan.ddlScript();
    }
    return {};
}

inline QString fixture()
{
    return qEnvironmentVariable("STRATA_FIXTURES", QStringLiteral("/work/shared/fixtures")) +
           QStringLiteral("/chinook/Chinook_Sqlite.sqlite");
}

#define PLAN(var, source, options)                                                                 \
    QVERIFY2(source.error.isEmpty(), qPrintable(source.error));                                    \
    auto var##Result = source.plan(options);                                                       \
    QVERIFY2(var##Result.ok(), qPrintable(var##Result.error().toString()));                        \
    const TransferPlan &var = *var##Result;

#define PG(session)                                                                                \
    STRATA_SCRATCH(pgdb, Engine::Postgres);                                                        \
    auto session##Opened = DatabaseSession::open(pgdb.spec());                                     \
    QVERIFY2(session##Opened.ok(), qPrintable(session##Opened.error().toString()));                \
    DatabaseSession &session = **session##Opened;

// ---- SQLite schemas of the scenario tests ----

inline const QStringList viewsSchema = {
    "CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT, active BOOLEAN)",
    "CREATE TABLE album (id INTEGER PRIMARY KEY, artist_id INTEGER REFERENCES artist(id), "
    "title TEXT)",
    "INSERT INTO artist VALUES (1, 'abba', 1)",
    "INSERT INTO album VALUES (1, 1, 'x'), (2, 1, 'y')",
    "CREATE VIEW artist_albums AS SELECT a.name, ifnull(a.name, '?') AS shown, "
    "group_concat(al.title, '; ') AS titles, count(*) AS n, iif(a.active = 1, 'yes', "
    "'no') AS active, "
    "'id ' || a.id AS label FROM artist a LEFT JOIN album al ON al.artist_id = a.id "
    "WHERE a.name LIKE 'A%' GROUP BY a.id, a.name, a.active",
    "CREATE VIEW recent AS SELECT * FROM album WHERE datetime('now', '-1 day') < "
    "'2100-01-01'",
    "CREATE VIEW odd AS SELECT typeof(title) AS t FROM album",
    "CREATE VIEW odder AS SELECT * FROM odd"};

inline const QStringList triggersSchema = {
    "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER, "
    "updated_at TEXT)",
    "CREATE TABLE log (id INTEGER PRIMARY KEY AUTOINCREMENT, item_id INTEGER, what TEXT, "
    "at TEXT DEFAULT CURRENT_TIMESTAMP)",
    "CREATE TRIGGER item_touch AFTER UPDATE OF name, qty ON item FOR EACH ROW WHEN "
    "NEW.qty IS NOT OLD.qty "
    "BEGIN UPDATE item SET updated_at = datetime('now') WHERE id = NEW.id; END",
    "CREATE TRIGGER item_log AFTER INSERT ON item BEGIN "
    "INSERT INTO log (item_id, what) VALUES (NEW.id, 'insert ' || NEW.name); END",
    "CREATE TRIGGER item_check BEFORE INSERT ON item BEGIN SELECT RAISE(ABORT, 'negative "
    "qty') WHERE NEW.qty < 0; END",
    "CREATE TRIGGER item_odd AFTER DELETE ON item BEGIN SELECT printf('%d', OLD.id); END",
    "CREATE VIEW v AS SELECT * FROM item",
    "CREATE TRIGGER v_ins INSTEAD OF INSERT ON v BEGIN INSERT INTO item (name) VALUES "
    "(NEW.name); END"};

inline const QStringList reservedWordsSchema = {
    "CREATE TABLE \"user\" (id INTEGER PRIMARY KEY, \"select\" TEXT, "
    "\"references\" INTEGER)",
    "CREATE TABLE \"order\" (id INTEGER PRIMARY KEY, \"user\" INTEGER "
    "REFERENCES \"user\"(id), "
    "\"group\" TEXT DEFAULT 'g', CHECK (\"group\" <> 'x'))",
    "CREATE INDEX order_user ON \"order\" (\"user\")",
    "CREATE VIEW \"table\" AS SELECT o.id, u.\"select\" FROM \"order\" o JOIN "
    "\"user\" u ON u.id = o.\"user\"",
    "INSERT INTO \"user\" VALUES (1, 's', 2)",
    "INSERT INTO \"order\" VALUES (1, 1, 'a')"};

inline const QStringList otherSchemaSchema = {
    "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT COLLATE NOCASE UNIQUE)",
    "CREATE TABLE c (id INTEGER PRIMARY KEY, p INTEGER REFERENCES p(id), at "
    "DATETIME DEFAULT CURRENT_TIMESTAMP)",
    "CREATE VIEW pc AS SELECT p.name, count(c.id) AS n FROM p LEFT JOIN c ON "
    "c.p = p.id GROUP BY p.name",
    "CREATE TRIGGER c_ins AFTER INSERT ON c BEGIN UPDATE p SET name = name || "
    "'+' WHERE id = NEW.p; END"};

inline const QStringList indexesSchema = {
    "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT, active BOOLEAN)",
    "CREATE INDEX t_partial ON t (a) WHERE a > 0 AND active = 1",
    "CREATE INDEX t_expr ON t (lower(b), a DESC)",
    "CREATE UNIQUE INDEX t_unique ON t (b) WHERE b IS NOT NULL",
    "CREATE INDEX t_glob ON t (a) WHERE b GLOB 'x*'",
    "INSERT INTO t VALUES (1, 1, 'x', 1)"};

inline const QStringList generatedSchema = {
    "CREATE TABLE g (a INTEGER, x TEXT, b INTEGER GENERATED ALWAYS AS (a * 2) STORED, "
    "c TEXT GENERATED ALWAYS AS (upper(x) || '!') VIRTUAL, "
    "d TEXT GENERATED ALWAYS AS (typeof(a)))",
    "INSERT INTO g (a, x) VALUES (1, 'q')"};

inline const QStringList identitySchema = {
    "CREATE TABLE plain (id INTEGER PRIMARY KEY, x TEXT)",
    "INSERT INTO plain VALUES (1, 'a'), (5, 'b')",
    "CREATE TABLE auto (id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT)",
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) "
    "INSERT INTO auto (x) SELECT 'r' || i FROM n",
    "DELETE FROM auto WHERE id > 5",
    "CREATE TABLE emptied (id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT)",
    "INSERT INTO emptied (x) VALUES ('a'), ('b'), ('c')",
    "DELETE FROM emptied",
    "CREATE TABLE never (id INTEGER PRIMARY KEY, x TEXT)",
    "CREATE TABLE keyed (id INTEGER, x TEXT, PRIMARY KEY (id, x))"};

// ---- data rows ----

inline void typeDecisionsRows()
{
    QTest::addColumn<QString>("declared");
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<int>("policy");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("transform");
    QTest::addColumn<QString>("reason");
    const int fail = int(BadTextPolicy::Fail);
    QTest::newRow("integer") << "INTEGER" << QStringList{"1", "-5", "9223372036854775807"} << fail
                             << "bigint"
                             << "none"
                             << "integers -5 .. 9223372036854775807";
    QTest::newRow("integer holding text")
        << "INTEGER" << QStringList{"1", "'abc'"} << fail << "text"
        << "none"
        << "mixed";
    QTest::newRow("numeric holding reals")
        << "NUMERIC" << QStringList{"1.5", "2.25"} << fail << "double precision"
        << "none"
        << "real 2";
    QTest::newRow("numeric(10,2) fits")
        << "NUMERIC(10,2)" << QStringList{"0.99", "1.99", "5", "12345678.99"} << fail
        << "numeric(10,2)"
        << "none"
        << "all fit numeric(10,2)";
    QTest::newRow("numeric(10,2) misfits")
        << "NUMERIC(10,2)" << QStringList{"0.999"} << fail << "double precision"
        << "none"
        << "1 do not fit numeric(10,2)";
    QTest::newRow("big integers with reals")
        << "NUMERIC" << QStringList{"9007199254740993", "1.5"} << fail << "numeric"
        << "none"
        << "2^53";
    QTest::newRow("real") << "REAL" << QStringList{"0.1", "1e308"} << fail << "double precision"
                          << "none"
                          << "declared REAL";
    QTest::newRow("blob") << "BLOB" << QStringList{"x'00ff'", "x''"} << fail << "bytea"
                          << "none"
                          << "blob 2";
    QTest::newRow("varchar fits") << "VARCHAR(5)" << QStringList{"'abc'", "'héllo'"} << fail
                                  << "character varying(5)"
                                  << "none"
                                  << "all fit 5 characters";
    QTest::newRow("nvarchar too long") << "NVARCHAR(3)" << QStringList{"'abcd'"} << fail << "text"
                                       << "none"
                                       << "exceed the declared 3";
    QTest::newRow("char keeps no padding")
        << "CHAR(4)" << QStringList{"'ab'"} << fail << "character varying(4)"
        << "none"
        << "pads";
    QTest::newRow("text") << "TEXT" << QStringList{"'x'", "''"} << fail << "text"
                          << "none"
                          << "text 2";
    QTest::newRow("boolean 0/1") << "BOOLEAN" << QStringList{"0", "1", "NULL"} << fail << "boolean"
                                 << "bool_from_int"
                                 << "only 0/1";
    QTest::newRow("boolean not 0/1") << "BOOLEAN" << QStringList{"0", "2"} << fail << "bigint"
                                     << "none"
                                     << "not only 0/1";
    QTest::newRow("datetime iso") << "DATETIME"
                                  << QStringList{"'2021-01-01 10:00:00'",
                                                 "'2021-02-28T23:59:59.123'", "'2021-03-01'"}
                                  << fail << "timestamp without time zone"
                                  << "iso_text"
                                  << "ISO-8601 timestamps";
    QTest::newRow("date iso") << "DATE" << QStringList{"'2021-01-01'", "'1999-12-31'"} << fail
                              << "date"
                              << "iso_text"
                              << "ISO-8601 dates";
    QTest::newRow("day that does not exist")
        << "DATETIME" << QStringList{"'2021-02-30 10:00:00'"} << fail << "text"
        << "none"
        << "not ISO-8601";
    QTest::newRow("with offsets") << "TIMESTAMP"
                                  << QStringList{"'2021-01-01T10:00:00Z'",
                                                 "'2021-01-01 10:00:00+02:00'"}
                                  << fail << "timestamp with time zone"
                                  << "iso_text"
                                  << "UTC offsets";
    QTest::newRow("some offsets") << "TIMESTAMP"
                                  << QStringList{"'2021-01-01T10:00:00Z'", "'2021-01-01 10:00:00'"}
                                  << fail << "text"
                                  << "none"
                                  << "carry a UTC offset";
    QTest::newRow("epoch seconds") << "DATETIME" << QStringList{"1600000000", "1700000000"} << fail
                                   << "timestamp without time zone"
                                   << "epoch_seconds"
                                   << "Unix seconds";
    QTest::newRow("epoch millis") << "DATETIME" << QStringList{"1600000000000", "1700000000123"}
                                  << fail << "timestamp without time zone"
                                  << "epoch_millis"
                                  << "Unix milliseconds";
    QTest::newRow("julian days") << "DATETIME" << QStringList{"2459000.5", "2459001.25"} << fail
                                 << "timestamp without time zone"
                                 << "julian_day"
                                 << "Julian day";
    QTest::newRow("yyyymmdd numbers")
        << "DATE" << QStringList{"20210101", "20211231"} << fail << "bigint"
        << "none"
        << "do not look like Unix times";
    QTest::newRow("mixed dates") << "DATETIME" << QStringList{"'2021-01-01'", "1600000000"} << fail
                                 << "text"
                                 << "none"
                                 << "not one kind of date";
    QTest::newRow("no type, mixed with blobs")
        << "" << QStringList{"1", "'x'", "x'00'"} << fail << "bytea"
        << "text_to_bytea"
        << "blobs next to other values";
    QTest::newRow("no values") << "DATETIME" << QStringList{} << fail
                               << "timestamp without time zone"
                               << "iso_text"
                               << "no values";
    QTest::newRow("unicode is not bad")
        << "TEXT" << QStringList{"'héllo'", "'日本'", "'😀'"} << fail << "text"
        << "none"
        << "text 3";
    QTest::newRow("invalid utf-8, fail")
        << "TEXT" << QStringList{"CAST(x'e961' AS TEXT)", "'ok'"} << fail << "text"
        << "none"
        << "1 texts are not valid UTF-8";
    QTest::newRow("nul, fail") << "TEXT" << QStringList{"CAST(x'610062' AS TEXT)"} << fail << "text"
                               << "none"
                               << "(1 with NUL)";
    QTest::newRow("invalid utf-8, bytea") << "TEXT" << QStringList{"CAST(x'eda080' AS TEXT)", "'é'"}
                                          << int(BadTextPolicy::Bytea) << "bytea"
                                          << "text_to_bytea"
                                          << "bad-text policy bytea";
}

inline void utf8ValidationRows()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ascii") << QByteArray("abc") << true;
    QTest::newRow("2-byte") << QByteArray("\xc3\xa9") << true;
    QTest::newRow("4-byte") << QByteArray("\xf0\x9f\x98\x80") << true;
    QTest::newRow("latin-1") << QByteArray("\xe9"
                                           "a")
                             << false;
    QTest::newRow("lone continuation") << QByteArray("\x80") << false;
    QTest::newRow("overlong") << QByteArray("\xc0\xaf") << false;
    QTest::newRow("overlong 3-byte") << QByteArray("\xe0\x80\xaf") << false;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
    QTest::newRow("truncated") << QByteArray("\xe6\x97") << false;
    QTest::newRow("nul") << QByteArray("a\0b", 3) << false;
}

inline void expressionsRows()
{
    QTest::addColumn<QString>("sqlite");
    QTest::addColumn<QString>("postgres"); // empty: refused
    QTest::newRow("ifnull") << "ifnull(a, 0)"
                            << "coalesce(\"a\", 0)";
    QTest::newRow("==") << "a == 1"
                        << "\"a\" = 1";
    QTest::newRow("IS") << "a IS b"
                        << "\"a\" IS NOT DISTINCT FROM \"b\"";
    QTest::newRow("IS NOT") << "a IS NOT b"
                            << "\"a\" IS DISTINCT FROM \"b\"";
    QTest::newRow("IS NOT NULL") << "a IS NOT NULL"
                                 << "\"a\" IS NOT NULL";
    QTest::newRow("|| on numbers") << "a || 1"
                                   << "\"a\"::text || 1::text";
    QTest::newRow("|| precedence") << "x + a || b"
                                   << "\"x\" + (\"a\"::text || \"b\"::text)";
    QTest::newRow("|| unary") << "-a || 'x'"
                              << "(-\"a\")::text || 'x'";
    QTest::newRow("cast") << "CAST(a AS INTEGER)"
                          << "CAST(\"a\" AS bigint)";
    QTest::newRow("hex") << "0x10"
                         << "16";
    QTest::newRow("blob") << "x'AB'"
                          << "'\\xab'::bytea";
    QTest::newRow("scalar max") << "max(a, b)"
                                << "greatest(\"a\", \"b\")";
    QTest::newRow("strftime") << "strftime('%Y', d)"
                              << "to_char((\"d\")::timestamp, 'YYYY')";
    QTest::newRow("date modifiers")
        << "date(d, 'start of month', '+1 month')"
        << "((date_trunc('month', (\"d\")::timestamp) + interval '+1 month'))::date";
    QTest::newRow("unixepoch") << "datetime(a, 'unixepoch')"
                               << "date_trunc('second', (to_timestamp(\"a\") AT TIME ZONE 'UTC'))";
    QTest::newRow("like") << "b NOT LIKE 'x%'"
                          << "\"b\" NOT ILIKE 'x%'";
    QTest::newRow("iif") << "iif(a > 1, 'y', 'n')"
                         << "(CASE WHEN \"a\" > 1 THEN 'y' ELSE 'n' END)";
    QTest::newRow("subquery")
        << "a NOT IN (SELECT b FROM main.t WHERE t.x = 1)"
        << "\"a\" NOT IN (SELECT \"b\" FROM \"public\".\"t\" WHERE \"t\".\"x\" = 1)";
    QTest::newRow("distinct group_concat") << "group_concat(DISTINCT b)"
                                           << "string_agg(DISTINCT (\"b\")::text, ',')";
    QTest::newRow("collate nocase") << "b COLLATE NOCASE = 'x'"
                                    << "\"b\"::citext = 'x'";
    QTest::newRow("boolean IN") << "f IN (0, 1)"
                                << "\"f\" IN (false, true)";
    QTest::newRow("boolean =") << "f = 1 AND 0 <> f AND a = 1"
                               << "\"f\" = true AND false <> \"f\" AND \"a\" = 1";
    QTest::newRow("glob") << "b GLOB 'x*'"
                          << "";
    QTest::newRow("rowid") << "rowid > 1"
                           << "";
    QTest::newRow("double-quoted string") << "b = \"x y\" OR b <> \"it's\""
                                          << "\"b\" = 'x y' OR \"b\" <> 'it''s'";
    QTest::newRow("double-quoted column") << "\"b\" = 'q'"
                                          << "\"b\" = 'q'";
    QTest::newRow("double-quoted alias")
        << "SELECT a \"N\", b AS \"M\" FROM t ORDER BY \"N\", \"M\", \"none\""
        << "SELECT \"a\" \"n\", \"b\" AS \"m\" FROM \"public\".\"t\" ORDER BY \"n\", \"m\", 'none'";
    QTest::newRow("printf") << "printf('%d', a)"
                            << "";
    QTest::newRow("json operator") << "b ->> '$.x'"
                                   << "";
    QTest::newRow("upsert conflict clause") << "INSERT OR REPLACE INTO t (a) VALUES (1)"
                                            << "";
}

// Expressions translated with the columns' facts (table t: a text with TEXT affinity, n an
// INTEGER column kept as bigint, f boolean, at timestamp, e epoch-second timestamp, id the
// INTEGER PRIMARY KEY; table p without one).
inline void typedExpressionsRows()
{
    QTest::addColumn<QString>("sqlite");
    QTest::addColumn<QString>("postgres"); // empty: refused
    QTest::addColumn<QString>("problem");  // part of the reason when refused
    QTest::newRow("text = 1") << "SELECT id FROM t WHERE a = 1"
                              << "SELECT \"id\" FROM \"public\".\"t\" WHERE \"a\" = '1'"
                              << "";
    QTest::newRow("1.50 = text") << "SELECT id FROM t WHERE 1.50 = a"
                                 << "SELECT \"id\" FROM \"public\".\"t\" WHERE '1.5' = \"a\""
                                 << "";
    QTest::newRow("1e3 IN") << "SELECT id FROM t x WHERE x.a IN (1e3, 'b', -2)"
                            << "SELECT \"id\" FROM \"public\".\"t\" \"x\" WHERE \"x\".\"a\" IN "
                               "('1000.0', 'b', '-2')"
                            << "";
    QTest::newRow("join text = integer")
        << "SELECT 1 FROM t JOIN t u ON t.a = u.n"
        << "SELECT 1 FROM \"public\".\"t\" JOIN \"public\".\"t\" \"u\" ON \"t\".\"a\" = "
           "(\"u\".\"n\")::text"
        << "";
    QTest::newRow("boolean ordering") << "SELECT id FROM t WHERE f >= 1"
                                      << "SELECT \"id\" FROM \"public\".\"t\" WHERE "
                                         "(\"f\")::integer >= 1"
                                      << "";
    QTest::newRow("text vs datetime()")
        << "SELECT id FROM t WHERE a < datetime('now')"
        << "SELECT \"id\" FROM \"public\".\"t\" WHERE \"a\" < to_char((CURRENT_TIMESTAMP AT "
           "TIME ZONE 'UTC'), 'YYYY-MM-DD HH24:MI:SS')"
        << "";
    QTest::newRow("timestamp vs strftime()")
        << "SELECT id FROM t WHERE at > strftime('%Y-%m-%dT%H:%M', 'now', '-1 day')"
        << "SELECT \"id\" FROM \"public\".\"t\" WHERE \"at\" > date_trunc('minute', "
           "((CURRENT_TIMESTAMP AT TIME ZONE 'UTC') + interval '-1 day'))"
        << "";
    QTest::newRow("epoch column vs number")
        << "SELECT id FROM t WHERE e BETWEEN 0 AND 1700000000"
        << "SELECT \"id\" FROM \"public\".\"t\" WHERE \"e\" BETWEEN (to_timestamp(0) AT TIME "
           "ZONE 'UTC') AND (to_timestamp(1700000000) AT TIME ZONE 'UTC')"
        << "";
    QTest::newRow("ambiguous rowid") << "SELECT rowid FROM t, p"
                                     << ""
                                     << "could be the row id of t or p";
    QTest::newRow("qualified rowid") << "SELECT t.rowid, x.oid FROM t JOIN p x ON x.oid = t.id"
                                     << ""
                                     << "p has no INTEGER PRIMARY KEY";
    QTest::newRow("rowid alias") << "SELECT rowid FROM t WHERE _rowid_ > 1"
                                 << "SELECT \"id\" FROM \"public\".\"t\" WHERE \"id\" > 1"
                                 << "";
    QTest::newRow("text ordered against number") << "SELECT id FROM t WHERE a || 'x' > 5"
                                                 << ""
                                                 << "compares text with a number";
    QTest::newRow("timestamp vs text") << "SELECT id FROM t WHERE at = a"
                                       << ""
                                       << "not always a date";
}

inline void defaultsRows()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("expected"); // in the column's definition; empty = no default
    QTest::newRow("current_timestamp")
        << "c DATETIME DEFAULT CURRENT_TIMESTAMP"
        << "DEFAULT (date_trunc('second', (CURRENT_TIMESTAMP AT TIME ZONE 'UTC')))";
    QTest::newRow("datetime('now') on text")
        << "c TEXT DEFAULT (datetime('now'))"
        << "DEFAULT (to_char((CURRENT_TIMESTAMP AT TIME ZONE 'UTC'), 'YYYY-MM-DD HH24:MI:SS'))";
    QTest::newRow("date('now') on date")
        << "c DATE DEFAULT (date('now'))"
        << "DEFAULT (((CURRENT_TIMESTAMP AT TIME ZONE 'UTC'))::date)";
    QTest::newRow("strftime epoch")
        << "c INTEGER DEFAULT (strftime('%s', 'now'))"
        << "DEFAULT (floor(extract(epoch from CURRENT_TIMESTAMP))::bigint)";
    QTest::newRow("strftime format") << "c TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
                                     << "DEFAULT (to_char((CURRENT_TIMESTAMP AT TIME ZONE "
                                        "'UTC'), 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))";
    QTest::newRow("quoted literal") << "c TEXT DEFAULT 'it''s'"
                                    << "DEFAULT 'it''s'";
    QTest::newRow("number on text") << "c TEXT DEFAULT 0"
                                    << "DEFAULT '0'";
    QTest::newRow("boolean 1") << "c BOOLEAN DEFAULT 1"
                               << "DEFAULT true";
    QTest::newRow("boolean '0'") << "c BOOLEAN DEFAULT '0'"
                                 << "DEFAULT false";
    QTest::newRow("boolean TRUE") << "c BOOLEAN DEFAULT TRUE"
                                  << "DEFAULT true";
    QTest::newRow("quoted integer") << "c INTEGER DEFAULT '42'"
                                    << "DEFAULT 42";
    QTest::newRow("negative real") << "c REAL DEFAULT -1.5"
                                   << "DEFAULT -1.5";
    QTest::newRow("NULL") << "c TEXT DEFAULT NULL"
                          << "";
    QTest::newRow("blob") << "c BLOB DEFAULT x'00ff'"
                          << "DEFAULT '\\x00ff'::bytea";
    QTest::newRow("expression") << "c INTEGER DEFAULT (1 + 2)"
                                << "DEFAULT (1 + 2)";
    QTest::newRow("text on integer: manual work") << "c INTEGER DEFAULT 'abc'"
                                                  << "";
}

inline void badMappingsRows()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("malformed") << QByteArray("{\"tables\": {") << "not valid JSON (line 1)";
    QTest::newRow("unknown table")
        << QByteArray(R"j({"tables": {"nope": {}}})j") << "tables.nope: no such table";
    QTest::newRow("unknown column") << QByteArray(R"j({"tables": {"t": {"columns": {"zz": {}}}}})j")
                                    << "tables.t.columns.zz: no such column";
    QTest::newRow("unknown type")
        << QByteArray(R"j({"tables": {"t": {"columns": {"c": {"type": "varchr(10)"}}}}})j")
        << "unknown PostgreSQL type \"varchr(10)\"";
    QTest::newRow("unknown transform")
        << QByteArray(R"j({"tables": {"t": {"columns": {"c": {"transform": "epoch"}}}}})j")
        << "unknown transform \"epoch\"";
    QTest::newRow("transform misfits type")
        << QByteArray(
               R"j({"tables": {"t": {"columns": {"c": {"type": "text", "transform": "bool_from_int"}}}}})j")
        << "transform bool_from_int does not produce text";
    QTest::newRow("transform misfits planner type")
        << QByteArray(R"j({"tables": {"t": {"columns": {"c": {"transform": "iso_text"}}}}})j")
        << "transform iso_text does not produce bigint";
    QTest::newRow("unknown key") << QByteArray(R"j({"tables": {"t": {"colums": {}}}})j")
                                 << "tables.t: unknown key \"colums\"";
    QTest::newRow("missing file") << QByteArray() << "cannot be read";
}

inline void isoTextsRows()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("kind"); // 0 not ISO, 1 timestamp, 2 date, 3 with an offset
    QTest::newRow("date") << QByteArray("2021-01-31") << 2;
    QTest::newRow("leap day") << QByteArray("2020-02-29") << 2;
    QTest::newRow("no such day") << QByteArray("2021-02-29") << 0;
    QTest::newRow("year 0") << QByteArray("0000-01-01") << 0;
    QTest::newRow("minutes") << QByteArray("2021-01-31T10:20") << 1;
    QTest::newRow("micros") << QByteArray("2021-01-31 10:20:30.123456") << 1;
    QTest::newRow("nanos") << QByteArray("2021-01-31 10:20:30.1234567") << 0;
    QTest::newRow("Z") << QByteArray("2021-01-31T10:20:30Z") << 3;
    QTest::newRow("offset") << QByteArray("2021-01-31 10:20:30.5+02:00") << 3;
    QTest::newRow("offset, space, no colon") << QByteArray("2021-01-31 10:20:30 -0530") << 3;
    QTest::newRow("hour 24") << QByteArray("2021-01-31 24:00:00") << 0;
    QTest::newRow("trailing text") << QByteArray("2021-01-31 10:20:30 x") << 0;
    QTest::newRow("trailing space") << QByteArray("2021-01-31 ") << 0;
    QTest::newRow("slashes") << QByteArray("2021/01/31") << 0;
}

inline void numericFitRows()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("precision");
    QTest::addColumn<int>("scale");
    QTest::addColumn<bool>("fits");
    QTest::newRow("0.99") << 0.99 << 10 << 2 << true;
    QTest::newRow("0.995") << 0.995 << 10 << 2 << false;
    QTest::newRow("12345678.99") << 12345678.99 << 10 << 2 << true;
    QTest::newRow("123456789.5") << 123456789.5 << 10 << 2 << false;
    QTest::newRow("-5") << -5.0 << 1 << 0 << true;
    QTest::newRow("1.5e-7") << 1.5e-7 << 10 << 8 << true;
    QTest::newRow("1.5e-7 scale 7") << 1.5e-7 << 10 << 7 << false;
    QTest::newRow("1e20") << 1e20 << 20 << 0 << false;
    QTest::newRow("inf") << std::numeric_limits<double>::infinity() << 10 << 2 << false;
}

} // namespace strata::test
