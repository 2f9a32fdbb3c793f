#include "TransferTorture.h"

namespace strata::test {

const char *const tortureSql[tortureStatements] = {
    R"(CREATE TABLE "user" (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE, active BOOLEAN,
       created DATETIME, born DATE))",
    R"(CREATE TABLE "order" (id INTEGER PRIMARY KEY AUTOINCREMENT, "user" INTEGER REFERENCES "user"(id),
       total NUMERIC, placed_epoch INTEGER, placed_ms INTEGER, placed_jd REAL, note TEXT))",
    R"(CREATE TABLE "references" (k TEXT NOT NULL PRIMARY KEY, v) WITHOUT ROWID)",
    R"(CREATE TABLE vals (id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, b BLOB, mixed, n INTEGER,
       doubled INTEGER GENERATED ALWAYS AS (id * 2) VIRTUAL, tlen INTEGER GENERATED ALWAYS AS (length(t)) STORED))",
    R"(CREATE TABLE badtext (id INTEGER PRIMARY KEY, body TEXT))",
    R"(CREATE INDEX user_named ON "user"(name) WHERE email IS NOT NULL)",
    R"(CREATE INDEX user_lower_email ON "user"(lower(email)))",
    R"(CREATE VIEW recent AS SELECT id, ifnull(name, '?') || '@' || group_concat(email) AS who FROM "user"
       WHERE born > date('now', '-200 years') GROUP BY id)",
    R"(CREATE TRIGGER order_note AFTER INSERT ON "order" BEGIN
       UPDATE "order" SET note = strftime('%s', 'now') || printf('%d', NEW.id) WHERE id = NEW.id; END)",
    R"(INSERT INTO "user" VALUES (1, 'Zoë', 'zoe@example.com', 1, '2024-01-02 10:00:00', '1990-05-17'),
       (2, 'Bob', NULL, 0, '2024-01-02T10:00:00.123Z', '2000-02-29'), (3, '', '', NULL, '2024-01-02', NULL))",
    R"(INSERT INTO "order" (id, "user", total, placed_epoch, placed_ms, placed_jd, note) VALUES
       (1, 1, 19.99, 1700000000, 1700000000123, 2460000.5, 'first'), (2, 2, 1e-5, 0, -1, 2440587.5, NULL),
       (3, NULL, 12, -86400, 0, 2451545.0, ''), (4, 1, 1, 1, 1, 2451545.0, 'x'), (5, 1, 1, 1, 1, 2451545.0, 'y'))",
    R"(DELETE FROM "order" WHERE id >= 4)",
    R"(INSERT INTO "references" VALUES ('b', 42), ('a', 'text'), ('c', 2.5), ('d', NULL), ('e', x'6869'))",
    R"(INSERT INTO vals (id, i, r, t, b, mixed, n) VALUES
       (1, 9223372036854775807, 0.1, '', x'', 1, 7),
       (2, -9223372036854775808, 1e308, NULL, NULL, 'text', 'abc'),
       (3, 0, -0.0, 'tab	new
line' || char(13) || 'back\slash', x'00ff5c0a09', 2.5, NULL),
       (4, NULL, 4.9406564584124654e-324, 'unicode: ünï ☃ 𝄞 中文', x'5c78', x'0102', 3),
       (5, 1, 1.7976931348623157e308, '\N', x'', NULL, 4),
       (6, -1, 123456789.123456789, '\.', x'ff', 0.30000000000000004, 5))",
    R"(CREATE TABLE numbers (r REAL, n TEXT, e INTEGER))",
    R"(INSERT INTO numbers VALUES (1e15, '1.50', 1700000000), (123456789012345, '007.5', 0), (1e-4, '0.05', -1),
       (1.5e-5, '-0', 86399), (100000000, '1e-5', 253402300799), (0.5, '12345678901234567890123', NULL),
       (-2.5e-300, ' 42 ', -62135596800), (3.0, '-0.000', 1))",
    R"(INSERT INTO badtext VALUES (1, 'fine'), (2, CAST(x'61c328' AS TEXT)), (3, CAST(x'610062' AS TEXT)))",
};

QHash<QString, ColumnOverride> tortureTypes()
{
    return {
        {QStringLiteral("user.born"), {QStringLiteral("date"), ValueTransform::IsoText}},
        {QStringLiteral("order.total"), {QStringLiteral("numeric")}},
        {QStringLiteral("order.placed_epoch"),
         {QStringLiteral("timestamp with time zone"), ValueTransform::EpochSeconds}},
        {QStringLiteral("order.placed_ms"),
         {QStringLiteral("timestamp"), ValueTransform::EpochMillis}},
        {QStringLiteral("order.placed_jd"),
         {QStringLiteral("timestamp"), ValueTransform::JulianDay}},
        {QStringLiteral("references.v"), {QStringLiteral("text")}},
        {QStringLiteral("vals.mixed"), {QStringLiteral("text")}},
        {QStringLiteral("vals.n"), {QStringLiteral("text")}},
        {QStringLiteral("numbers.n"), {QStringLiteral("numeric")}},
        {QStringLiteral("numbers.e"),
         {QStringLiteral("timestamp with time zone"), ValueTransform::EpochSeconds}},
    };
}

} // namespace strata::test
