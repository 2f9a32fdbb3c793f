#pragma once
// The cases of tst_transferfidelity.cpp, one _data() function per class: defaults whose SQLite
// value is text on a typed column (and every target type), double-quoted string literals,
// rowid in triggers and views, comparisons whose sides differ in type after the transfer.

#include "transfer/TransferPlan.h"

#include <QTest>

namespace strata::test {

inline void scenarioColumns()
{
    QTest::addColumn<QStringList>("sqlite");
    QTest::addColumn<QStringList>("both");
    QTest::addColumn<QStringList>("compare");
    QTest::addColumn<QStringList>("probes");
    QTest::addColumn<QStringList>("manual");
}

inline void temporalDefaultsRows()
{
    QTest::addColumn<QString>("column");   // the SQLite column definition of t.c
    QTest::addColumn<QStringList>("seed"); // values inserted first (they decide the type)
    QTest::addColumn<bool>("sqliteRow");   // also insert a row with SQLite's default
    QTest::addColumn<QString>("type");     // the PostgreSQL type expected
    // True on PostgreSQL for the row inserted there with its default (n) and the row
    // SQLite made with its default (o); empty when the default must be manual work.
    QTest::addColumn<QString>("check");
    const QString close = QStringLiteral("abs(extract(epoch from n.c - o.c)) < 300");
    const QString nowUtc =
        QStringLiteral("abs(extract(epoch from n.c - (now() AT TIME ZONE 'UTC'))) < 300");
    const QString ts = QStringLiteral("timestamp without time zone");
    QTest::newRow("strftime %f on TIMESTAMP")
        << "TIMESTAMP DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now'))" << QStringList() << true << ts
        << close + " AND n.c = date_trunc('milliseconds', n.c)";
    QTest::newRow("strftime %S T Z on DATETIME")
        << "DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))" << QStringList() << true
        << "timestamp with time zone"
        << "abs(extract(epoch from n.c - o.c)) < 300 AND n.c = date_trunc('second', n.c) AND "
           "abs(extract(epoch from n.c - now())) < 300";
    QTest::newRow("strftime minutes")
        << "TIMESTAMP DEFAULT (strftime('%Y-%m-%d %H:%M', 'now'))" << QStringList() << true << ts
        << close + " AND n.c = date_trunc('minute', n.c)";
    // %F and %T are newer than some SQLite builds (NULL there): no SQLite row to compare.
    QTest::newRow("strftime %F %T")
        << "TIMESTAMP DEFAULT (strftime('%F %T', 'now'))" << QStringList{"'2024-01-01 10:00:00'"}
        << false << ts << nowUtc + " AND n.c = date_trunc('second', n.c)";
    QTest::newRow("datetime now") << "DATETIME DEFAULT (datetime('now'))" << QStringList() << true
                                  << ts << close + " AND " + nowUtc;
    QTest::newRow("datetime now +1 day")
        << "DATETIME DEFAULT (datetime('now', '+1 day'))" << QStringList() << true << ts
        << close + " AND n.c > now() AT TIME ZONE 'UTC' + interval '23 hours'";
    QTest::newRow("datetime now utc")
        << "DATETIME DEFAULT (datetime('now', 'utc'))" << QStringList() << true << ts << close;
    QTest::newRow("CURRENT_TIMESTAMP")
        << "TIMESTAMP DEFAULT CURRENT_TIMESTAMP" << QStringList() << true << ts
        << close + " AND n.c = date_trunc('second', n.c)";
    QTest::newRow("CURRENT_TIMESTAMP on offsets")
        << "DATETIME DEFAULT CURRENT_TIMESTAMP"
        << QStringList{"'2024-01-01T10:00:00Z'", "'2024-03-01 08:00:00+02:00'"} << false
        << "timestamp with time zone"
        << "abs(extract(epoch from n.c - now())) < 300 AND n.c = date_trunc('second', n.c)";
    QTest::newRow("date start of month on TIMESTAMP")
        << "TIMESTAMP DEFAULT (date('now', 'start of month'))" << QStringList() << true << ts
        << "n.c = o.c AND n.c = date_trunc('month', n.c)";
    QTest::newRow("date now") << "DATE DEFAULT (date('now'))" << QStringList() << true << "date"
                              << "n.c = o.c";
    QTest::newRow("strftime date on DATE")
        << "DATE DEFAULT (strftime('%Y-%m-%d', 'now'))" << QStringList() << true << "date"
        << "n.c = o.c";
    QTest::newRow("CURRENT_DATE") << "DATE DEFAULT CURRENT_DATE" << QStringList() << true << "date"
                                  << "n.c = o.c";
    QTest::newRow("time on TIME: text")
        << "TIME DEFAULT (time('now'))" << QStringList() << true << "text"
        << "length(n.c) = 8 AND n.c ~ '^\\d\\d:\\d\\d:\\d\\d$'";
    QTest::newRow("strftime %f on TEXT")
        << "TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now'))" << QStringList() << true << "text"
        << "length(n.c) = length(o.c) AND n.c::timestamp - o.c::timestamp < "
           "interval '5 minutes'";
    QTest::newRow("epoch %s on INTEGER")
        << "INTEGER DEFAULT (strftime('%s','now'))" << QStringList() << true << "bigint"
        << "abs(n.c - o.c) < 300";
    QTest::newRow("year on INTEGER")
        << "INTEGER DEFAULT (strftime('%Y','now'))" << QStringList() << true << "bigint"
        << "n.c = o.c";
    QTest::newRow("yyyymmdd on INTEGER")
        << "INTEGER DEFAULT (strftime('%Y%m%d','now'))" << QStringList() << true << "bigint"
        << "n.c = o.c";
    QTest::newRow("hour.minute on REAL")
        << "REAL DEFAULT (strftime('%H.%M','now'))" << QStringList() << true << "double precision"
        << "abs(n.c - o.c) < 1";
    QTest::newRow("julianday on REAL")
        << "REAL DEFAULT (julianday('now'))" << QStringList() << true << "double precision"
        << "abs(n.c - o.c) < 0.01";
    QTest::newRow("epoch seconds column")
        << "DATETIME DEFAULT (strftime('%s','now'))" << QStringList{"1700000000", "1710000000"}
        << true << ts << close + " AND n.c = date_trunc('second', n.c)";
    QTest::newRow("julian day column")
        << "DATETIME DEFAULT (julianday('now'))" << QStringList{"2460000.5", "2460100.25"} << true
        << ts << close;
    QTest::newRow("year text on BLOB")
        << "BLOB DEFAULT (strftime('%Y','now'))" << QStringList{"x'00ff'"} << false << "bytea"
        << "convert_from(n.c, 'UTF8') ~ '^\\d{4}$'";
    // Cannot be a value of the column's type: manual work, the transfer goes on.
    QTest::newRow("day/month/year on TIMESTAMP")
        << "TIMESTAMP DEFAULT (strftime('%d/%m/%Y','now'))" << QStringList{"'2024-01-01 10:00:00'"}
        << false << ts << "";
    QTest::newRow("time of day on TIMESTAMP")
        << "TIMESTAMP DEFAULT (time('now'))" << QStringList{"'2024-01-01 10:00:00'"} << false << ts
        << "";
    QTest::newRow("date text on INTEGER")
        << "INTEGER DEFAULT (date('now'))" << QStringList{"1", "2"} << false << "bigint"
        << "";
    QTest::newRow("text on BOOLEAN")
        << "BOOLEAN DEFAULT (lower('TRUE'))" << QStringList{"0", "1"} << false << "boolean"
        << "";
    QTest::newRow("timestamp on BOOLEAN")
        << "BOOLEAN DEFAULT CURRENT_TIMESTAMP" << QStringList{"0", "1"} << false << "boolean"
        << "";
}

inline void defaultTargetTypesRows()
{
    QTest::addColumn<QString>("sqliteDefault");
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("transform");
    QTest::addColumn<QString>("check"); // true for the inserted default; empty: refused
    const QString utc = QStringLiteral("(now() AT TIME ZONE 'UTC')");
    const int none = int(ValueTransform::None);
    QTest::newRow("timestamp(3)") << "strftime('%Y-%m-%d %H:%M:%f','now')"
                                  << "timestamp(3) without time zone" << none
                                  << "abs(extract(epoch from c - " + utc + ")) < 60";
    QTest::newRow("timestamp(0)") << "CURRENT_TIMESTAMP"
                                  << "timestamp(0) without time zone" << none
                                  << "abs(extract(epoch from c - " + utc + ")) < 60";
    QTest::newRow("timestamptz") << "datetime('now', 'start of day')"
                                 << "timestamp with time zone" << none
                                 << "c = date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME "
                                    "ZONE 'UTC'";
    QTest::newRow("time") << "time('now')"
                          << "time without time zone" << none << "c = date_trunc('second', c)";
    QTest::newRow("time(3) from %H:%M:%f")
        << "strftime('%H:%M:%f', 'now')"
        << "time(3) without time zone" << none << "c IS NOT NULL";
    QTest::newRow("time from datetime") << "datetime('now')"
                                        << "time without time zone" << none << "c IS NOT NULL";
    QTest::newRow("date from datetime +1 day")
        << "datetime('now', '+1 day')"
        << "date" << none << "c = (" + utc + " + interval '1 day')::date";
    QTest::newRow("varchar") << "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
                             << "character varying(40)" << none << "length(c) = 20";
    QTest::newRow("text from julianday") << "julianday('now')"
                                         << "text" << none << "c::float8 > 2460000";
    QTest::newRow("smallint year") << "strftime('%Y', 'now')"
                                   << "smallint" << none << "c = extract(year from " + utc + ")";
    QTest::newRow("integer epoch") << "unixepoch('now')"
                                   << "bigint" << none << "abs(c - extract(epoch from now())) < 60";
    QTest::newRow("numeric(8,2)") << "strftime('%H.%M', 'now')"
                                  << "numeric(8,2)" << none << "c >= 0 AND c < 24";
    QTest::newRow("real from julianday") << "julianday('now')"
                                         << "real" << none << "c > 2460000";
    QTest::newRow("timestamp from epoch, millis")
        << "strftime('%s', 'now')"
        << "timestamp without time zone" << int(ValueTransform::EpochMillis) << "c IS NOT NULL";
    QTest::newRow("epoch on plain timestamp: refused")
        << "strftime('%s', 'now')"
        << "timestamp without time zone" << none << "";
    QTest::newRow("date on time: refused") << "date('now')"
                                           << "time without time zone" << none << "";
    QTest::newRow("timestamp on boolean: refused") << "CURRENT_TIMESTAMP"
                                                   << "boolean" << none << "";
    QTest::newRow("text on uuid: refused") << "strftime('%Y', 'now')"
                                           << "uuid" << none << "";
    QTest::newRow("weekday on integer: refused (no to_char equivalent)") << "strftime('%w', 'now')"
                                                                         << "bigint" << none << "";
}

inline void doubleQuotedStringsRows()
{
    scenarioColumns();
    const QString table = QStringLiteral(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, status TEXT DEFAULT \"\", "
        "note TEXT DEFAULT \"it's\", q TEXT DEFAULT \"say \"\"hi\"\"\", "
        "CHECK (status IN (\"\", \"open\", \"closed\")), CHECK (\"status\" <> 'bad'))");
    const QString rowsIn =
        QStringLiteral("INSERT INTO t (id, status) VALUES (1, 'open'), (2, 'closed'), (3, '')");
    QTest::newRow("defaults and checks")
        << QStringList{table, rowsIn} << QStringList{"INSERT INTO t (id) VALUES (10)"}
        << QStringList{"SELECT id, status, note, q FROM t ORDER BY id"}
        << QStringList{"!INSERT INTO t (id, status) VALUES (11, 'bad')",
                       "!INSERT INTO t (id, status) VALUES (12, 'other')",
                       "SELECT count(*) FROM t WHERE status = '' => 2"}
        << QStringList();
    QTest::newRow("view")
        << QStringList{table, rowsIn,
                       "CREATE VIEW v AS SELECT id, \"status\", \"none\" AS lit, "
                       "status || \"-x\" \"label\" FROM t WHERE status = \"open\" OR "
                       "\"status\" = \"closed\" ORDER BY \"label\""}
        << QStringList() << QStringList{"SELECT id, status, lit, label FROM v ORDER BY id"}
        << QStringList() << QStringList();
    QTest::newRow("trigger")
        << QStringList{table, rowsIn, "CREATE TABLE log (id INTEGER PRIMARY KEY, what TEXT)",
                       "CREATE TRIGGER t_log AFTER INSERT ON t WHEN NEW.status <> \"\" BEGIN "
                       "INSERT INTO log (\"what\") VALUES (\"new \" || NEW.\"status\"); END"}
        << QStringList{"INSERT INTO t (id, status) VALUES (20, 'open')",
                       "INSERT INTO t (id, status) VALUES (21, '')"}
        << QStringList{"SELECT id, what FROM log ORDER BY id"} << QStringList() << QStringList();
    QTest::newRow("indexes")
        << QStringList{table, rowsIn,
                       "CREATE UNIQUE INDEX t_open ON t (note) WHERE status = \"open\"",
                       "CREATE INDEX t_expr ON t (coalesce(status, \"none\"))"}
        << QStringList() << QStringList{"SELECT id FROM t WHERE coalesce(status, 'none') = 'open'"}
        << QStringList{"SELECT count(*) FROM pg_indexes WHERE indexname = 't_open' AND "
                       "indexdef LIKE '%''open''%' => 1",
                       "SELECT count(*) FROM pg_indexes WHERE indexname = 't_expr' AND "
                       "indexdef LIKE '%''none''%' => 1",
                       "!INSERT INTO t (id, status) VALUES (30, 'open')"}
        << QStringList();
}

inline void rowidRows()
{
    scenarioColumns();
    const QStringList base = {
        "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, touched INTEGER DEFAULT 0)",
        "CREATE TABLE auto (n INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT)",
        "CREATE TABLE log (id INTEGER PRIMARY KEY, item INTEGER, what TEXT)",
        "CREATE TABLE plain (name TEXT)",
        "INSERT INTO item (id, name) VALUES (1, 'a'), (2, 'b'), (5, 'e')",
        "INSERT INTO auto (name) VALUES ('x'), ('y')",
        "INSERT INTO plain VALUES ('p')"};
    QTest::newRow("NEW.rowid and rowid")
        << base + QStringList{"CREATE TRIGGER touch AFTER UPDATE OF name ON item BEGIN "
                              "UPDATE item SET touched = touched + 1 WHERE rowid = "
                              "NEW.rowid; END"}
        << QStringList{"UPDATE item SET name = 'bb' WHERE id = 2"}
        << QStringList{"SELECT id, name, touched FROM item ORDER BY id"} << QStringList()
        << QStringList();
    QTest::newRow("OLD._rowid_ and oid")
        << base + QStringList{"CREATE TRIGGER gone BEFORE DELETE ON item BEGIN INSERT INTO "
                              "log (item, what) VALUES (OLD._rowid_, 'gone ' || OLD.oid); END"}
        << QStringList{"DELETE FROM item WHERE id = 5"}
        << QStringList{"SELECT item, what FROM log ORDER BY id"} << QStringList() << QStringList();
    QTest::newRow("INSERT ... SELECT rowid")
        << base + QStringList{"CREATE TRIGGER copy AFTER UPDATE ON auto BEGIN INSERT INTO "
                              "log (item, what) SELECT rowid, name FROM item WHERE rowid < "
                              "NEW.rowid; END"}
        << QStringList{"UPDATE auto SET name = 'yy' WHERE n = 2"}
        << QStringList{"SELECT item, what FROM log ORDER BY id"} << QStringList() << QStringList();
    QTest::newRow("AUTOINCREMENT rowid")
        << base + QStringList{"CREATE TRIGGER seen AFTER INSERT ON auto BEGIN INSERT INTO "
                              "log (item, what) VALUES (NEW.rowid, NEW.name); END"}
        << QStringList{"INSERT INTO auto (name) VALUES ('z')"}
        << QStringList{"SELECT item, what FROM log ORDER BY id"} << QStringList() << QStringList();
    QTest::newRow("views")
        << base + QStringList{"CREATE VIEW v1 AS SELECT rowid AS rid, name FROM item",
                              "CREATE VIEW v2 AS SELECT i.rowid, i._rowid_ + 0 AS r2, a.oid "
                              "AS aid FROM item i JOIN auto a ON a.rowid = i.rowid"}
        << QStringList()
        << QStringList{"SELECT rid, name FROM v1 ORDER BY rid", "SELECT * FROM v2 ORDER BY 1"}
        << QStringList() << QStringList();
    QTest::newRow("no alias: manual")
        << base + QStringList{"CREATE TRIGGER p_log AFTER INSERT ON plain BEGIN INSERT INTO "
                              "log (item, what) VALUES (NEW.rowid, NEW.name); END",
                              "CREATE VIEW pv AS SELECT rowid, name FROM plain"}
        << QStringList() << QStringList() << QStringList()
        << QStringList{"trigger p_log: plain has no INTEGER PRIMARY KEY column",
                       "view pv: plain has no INTEGER PRIMARY KEY column"};
}

inline void comparisonsRows()
{
    scenarioColumns();
    const QStringList base = {
        "CREATE TABLE u (id INTEGER PRIMARY KEY, active TEXT, code TEXT, flag BOOLEAN, "
        "qty INTEGER, at DATETIME, seen DATETIME, stamp DATETIME, day TEXT)",
        "INSERT INTO u VALUES (1, '1', '10', 1, 3, '2024-01-02 10:00:00', "
        "'2024-01-02 10:00:00', 1700000000, '2024-01-02 10:00:00')",
        "INSERT INTO u VALUES (2, '0', '5', 0, 'n/a', 'soon', '2023-12-31 23:00:00', "
        "1710000000, '2023-06-01 00:00:00')",
        "INSERT INTO u VALUES (3, '1', '7', 1, 12, '2025-05-05', '2025-05-05 05:05:05', "
        "1600000000, '2025-05-05 12:00:00')",
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT, total REAL)",
        "INSERT INTO orders VALUES (1, '1', 9.5), (2, '3', 1), (3, 'x', 2)"};
    const auto view = [&](const char *body) {
        return base + QStringList{QStringLiteral("CREATE VIEW v AS ") + QLatin1String(body)};
    };
    const QStringList viewRows{"SELECT * FROM v ORDER BY 1"};
    QTest::newRow("text = integer") << view("SELECT id FROM u WHERE active = 1") << QStringList()
                                    << viewRows << QStringList() << QStringList();
    QTest::newRow("integer <> text, negative")
        << view("SELECT id FROM u WHERE -1 <> active") << QStringList() << viewRows << QStringList()
        << QStringList();
    QTest::newRow("text IN integers")
        << view("SELECT id FROM u WHERE code NOT IN (10, 7.0)") << QStringList() << viewRows
        << QStringList() << QStringList();
    QTest::newRow("text BETWEEN integers")
        << view("SELECT id FROM u WHERE code BETWEEN 1 AND 6") << QStringList() << viewRows
        << QStringList() << QStringList();
    QTest::newRow("CASE text WHEN integer")
        << view("SELECT id, CASE active WHEN 1 THEN 'on' WHEN 0 THEN 'off' END AS s FROM u")
        << QStringList() << viewRows << QStringList() << QStringList();
    QTest::newRow("join text = integer key")
        << view("SELECT o.id, u.id AS uid FROM orders o JOIN u ON o.customer = u.id")
        << QStringList() << viewRows << QStringList() << QStringList();
    QTest::newRow("boolean vs numbers")
        << view("SELECT id, CASE WHEN flag > 0 THEN 'y' ELSE 'n' END AS f FROM u WHERE "
                "flag <> 2 AND flag = id - id + 1 OR flag IN (0)")
        << QStringList() << viewRows << QStringList() << QStringList();
    QTest::newRow("boolean in aggregates and arithmetic")
        << view("SELECT sum(flag) AS n, max(flag) AS m, total(flag * id) AS s, avg(flag) * "
                "3 AS a FROM u")
        << QStringList() << viewRows << QStringList() << QStringList();
    QTest::newRow("text dates vs datetime()")
        << view("SELECT id FROM u WHERE at > datetime('2024-01-01') AND at < "
                "datetime('now', '+1000 years')")
        << QStringList() << viewRows << QStringList() << QStringList();
    QTest::newRow("text column vs date() and time()")
        << view("SELECT id FROM u WHERE day >= date('2024-01-01') OR time(day) = "
                "time('2023-06-01 00:00:00')")
        << QStringList() << viewRows << QStringList() << QStringList();
    QTest::newRow("timestamp vs strftime()")
        << view("SELECT id FROM u WHERE seen >= strftime('%Y-%m-%d', '2024-01-02') AND "
                "seen < strftime('%Y-%m-%d %H:%M:%S', '2025-05-05 05:05:05')")
        << QStringList() << viewRows << QStringList() << QStringList();
    QTest::newRow("epoch timestamp vs number")
        << view("SELECT id FROM u WHERE stamp > 1650000000 AND stamp BETWEEN 0 AND "
                "strftime('%s', 'now')")
        << QStringList() << viewRows << QStringList() << QStringList();
    QTest::newRow("trigger text = integer")
        << base + QStringList{"CREATE TABLE log (id INTEGER PRIMARY KEY, what TEXT)",
                              "CREATE TRIGGER on_active AFTER UPDATE ON u WHEN NEW.flag = 1 "
                              "AND OLD.code IN ('5', '10') BEGIN INSERT INTO log (what) "
                              "SELECT 'on ' || id FROM u WHERE id = NEW.id AND active = 1 "
                              "AND code BETWEEN 1 AND 6; END"}
        << QStringList{"UPDATE u SET code = code || '' WHERE id IN (1, 2, 3)"}
        << QStringList{"SELECT what FROM log ORDER BY id"} << QStringList() << QStringList();
    QTest::newRow("no safe cast: manual")
        << base + QStringList{"CREATE VIEW big AS SELECT id FROM u WHERE qty > 5",
                              "CREATE VIEW year AS SELECT id FROM u WHERE strftime('%Y', "
                              "seen) = 2024",
                              "CREATE VIEW odd AS SELECT id FROM u WHERE seen <= day",
                              "CREATE TRIGGER never AFTER UPDATE ON u WHEN NEW.active = 1 "
                              "BEGIN UPDATE u SET code = 'x' WHERE id = NEW.id; END"}
        << QStringList() << QStringList() << QStringList()
        << QStringList{"view big: SQLite puts numbers before texts",
                       "view year: SQLite never finds them equal", "view odd: not always a date",
                       "trigger never: SQLite never finds them equal"};
}

} // namespace strata::test
