#include "MigrationsFolderSupport.h"

#include <QtTest>

namespace strata::test {

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

} // namespace strata::test
