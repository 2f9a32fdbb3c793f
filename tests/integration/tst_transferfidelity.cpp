// Fidelity of the SQLite -> PostgreSQL transfer on schemas written by other tools, each class
// on real SQLite files transferred into a real PostgreSQL: defaults whose SQLite value is text
// on a typed column (every date/time function form, every target type), SQLite's
// double-quoted string literals (defaults, CHECKs, views, triggers, indexes), rowid in
// triggers and views, and comparisons whose sides differ in type after the transfer. The
// PostgreSQL objects are used: rows inserted with their defaults, views compared with
// SQLite's rows, triggers fired on both sides. Cases that cannot be carried over must be
// manual work with the reason, and the transfer must still succeed.

#include "TestDatabases.h"
#include "TransferFidelityCases.h"
#include "TransferRunSupport.h"
#include "transfer/DefaultTranslator.h"
#include "transfer/Transfer.h"
#include "transfer/TransferPlanner.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::test;

namespace {

std::unique_ptr<DatabaseSession> open(const QString &url)
{
    return test::openUrl(url);
}

// Every row of a query as "a|b|c" (NULL as "-"), or the error.
QStringList rows(DatabaseSession &s, const QString &sql)
{
    QSqlQuery q(s.database());
    if (!q.exec(sql))
        return {QStringLiteral("error: ") + q.lastError().text()};
    QStringList out;
    while (q.next()) {
        QStringList values;
        for (int i = 0; i < q.record().count(); ++i)
            values << (q.isNull(i) ? QStringLiteral("-") : q.value(i).toString());
        out << values.join(u'|');
    }
    return out;
}

QString manualText(const QList<ManualWork> &work)
{
    QStringList out;
    for (const ManualWork &m : work)
        out << QStringLiteral("%1 %2: %3").arg(m.kind, m.name, m.reason);
    return out.join(u'\n');
}

} // namespace

class TestTransferFidelity : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    // Runs one scenario: `sqlite` builds the source, the transfer runs, then `both` runs on
    // SQLite and PostgreSQL alike (firing triggers), `compare` queries must return the same
    // rows on both, each `probe` runs on PostgreSQL ("SQL => expected first value", or
    // "!SQL" which PostgreSQL must refuse), and the manual work is exactly `manual`
    // ("kind name: reason part").
    // `copyFrom`: an SQLite file the source starts as.
    void scenario(const QStringList &sqlite, const QStringList &both, const QStringList &compare,
                  const QStringList &probes, const QStringList &manual,
                  const QString &copyFrom = {})
    {
        STRATA_SCRATCH(pg, Engine::Postgres);
        const QString path =
            m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_') +
                           QStringLiteral(".db"));
        QFile::remove(path);
        if (!copyFrom.isEmpty()) {
            QVERIFY2(QFile::copy(copyFrom, path), qPrintable(copyFrom));
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        }
        auto source = open(QStringLiteral("sqlite://") + path);
        for (const QString &sql : sqlite) {
            const auto r = source->exec(sql);
            QVERIFY2(r.ok(), qPrintable(sql + u'\n' + r.error().toString()));
        }
        auto planned = TransferPlanner::plan(*source, {});
        QVERIFY2(planned.ok(), qPrintable(planned.error().toString()));
        const TransferResult r = Transfer::run(source->spec(), pg.spec(), *planned, {});
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        for (const TableResult &t : r.tables)
            QVERIFY2(t.verified, qPrintable(describe(r)));
        const QList<ManualWork> allManual = planned->manualWork + r.manualWork;
        for (const ManualWork &m : allManual) {
            bool expected = false;
            for (const QString &e : manual) {
                const QString head = e.section(QStringLiteral(": "), 0, 0);
                const QString reason = e.section(QStringLiteral(": "), 1);
                expected =
                    expected || (head == m.kind + u' ' + m.name && m.reason.contains(reason));
            }
            QVERIFY2(expected, qPrintable(QStringLiteral("unexpected manual work:\n") +
                                          manualText(allManual)));
        }
        QVERIFY2(allManual.size() == manual.size(), qPrintable(manualText(allManual)));
        auto target = open(pg.url());
        for (const QString &sql : both) {
            const auto a = source->exec(sql);
            QVERIFY2(a.ok(), qPrintable(sql + u'\n' + a.error().toString()));
            const auto b = target->exec(sql);
            QVERIFY2(b.ok(), qPrintable(sql + u'\n' + b.error().toString()));
        }
        for (const QString &sql : compare) {
            const QStringList want = rows(*source, sql);
            QVERIFY2(!want.isEmpty(), qPrintable(sql + QStringLiteral(": no rows in SQLite")));
            const QStringList got = rows(*target, sql);
            QVERIFY2(got == want, qPrintable(QStringLiteral("%1\nSQLite: %2\nPostgreSQL: %3\n%4")
                                                 .arg(sql, want.join(u','), got.join(u','),
                                                      planned->afterLoad.join(u'\n'))));
        }
        for (const QString &probe : probes) {
            if (probe.startsWith(u'!')) {
                QVERIFY2(!target->exec(probe.mid(1)).ok(), qPrintable(probe));
                continue;
            }
            const QString sql = probe.section(QStringLiteral(" => "), 0, 0);
            const QString want = probe.section(QStringLiteral(" => "), 1);
            const QStringList got = rows(*target, sql);
            QVERIFY2(!got.isEmpty(), qPrintable(sql));
            QCOMPARE(got.first(), want);
        }
    }

private slots:
    // ---- 1. defaults whose SQLite value is text (or a number) on a typed column ----

    void temporalDefaults_data() { temporalDefaultsRows(); }

    void temporalDefaults()
    {
        QFETCH(QString, column);
        QFETCH(QStringList, seed);
        QFETCH(bool, sqliteRow);
        QFETCH(QString, type);
        QFETCH(QString, check);
        STRATA_SCRATCH(pg, Engine::Postgres);
        const QString path =
            m_dir.filePath(QStringLiteral("default-%1.db").arg(QString::number(qHash(column), 16)));
        QFile::remove(path);
        auto source = open(QStringLiteral("sqlite://") + path);
        QVERIFY(
            source
                ->exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, c %1)").arg(column))
                .ok());
        for (const QString &v : seed)
            QVERIFY(source->exec(QStringLiteral("INSERT INTO t (c) VALUES (%1)").arg(v)).ok());
        if (sqliteRow)
            QVERIFY(source->exec(QStringLiteral("INSERT INTO t DEFAULT VALUES")).ok());
        const qsizetype sqliteId = seed.size() + 1;
        auto planned = TransferPlanner::plan(*source, {});
        QVERIFY2(planned.ok(), qPrintable(planned.error().toString()));
        QCOMPARE(planned->table(QStringLiteral("t"))->column(QStringLiteral("c"))->targetType,
                 type);
        const TransferResult r = Transfer::run(source->spec(), pg.spec(), *planned, {});
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QVERIFY2(r.tables.first().verified, qPrintable(describe(r)));
        auto target = open(pg.url());
        const QList<ManualWork> manual = planned->manualWork + r.manualWork;
        if (check.isEmpty()) {
            QVERIFY2(manual.size() == 1, qPrintable(planned->ddlScript()));
            QCOMPARE(manual.first().kind, QStringLiteral("default"));
            QCOMPARE(manual.first().name, QStringLiteral("t.c"));
            QString original = column.section(QStringLiteral("DEFAULT"), 1).trimmed();
            if (original.startsWith(u'('))
                original = original.mid(1, original.size() - 2);
            QVERIFY2(manual.first().originalSql.contains(original),
                     qPrintable(manual.first().originalSql));
            QVERIFY2(manual.first().reason.contains(type), qPrintable(manual.first().reason));
            QVERIFY(target->exec(QStringLiteral("INSERT INTO t DEFAULT VALUES")).ok());
            QCOMPARE(rows(*target, QStringLiteral("SELECT c FROM t ORDER BY id DESC LIMIT 1")),
                     QStringList{"-"}); // no default
            return;
        }
        QVERIFY2(manual.isEmpty(), qPrintable(manualText(manual)));
        const auto id = target->scalar(QStringLiteral("INSERT INTO t DEFAULT VALUES RETURNING id"));
        QVERIFY2(id.ok(), qPrintable(id.error().toString()));
        const QString sql = QStringLiteral("SELECT %1 FROM t n LEFT JOIN t o ON o.id = %2 "
                                           "WHERE n.id = %3")
                                .arg(check)
                                .arg(sqliteId)
                                .arg(id->toLongLong());
        QVERIFY2(rows(*target, sql) == QStringList{"true"},
                 qPrintable(rows(*target, sql).join(u',') + u'\n' + planned->ddlScript()));
    }

    // Every target type a plan or a mapping file can give a column, for the date/time
    // defaults: the translated default is created and used on PostgreSQL, or refused.
    void defaultTargetTypes_data() { defaultTargetTypesRows(); }

    void defaultTargetTypes()
    {
        QFETCH(QString, sqliteDefault);
        QFETCH(QString, type);
        QFETCH(int, transform);
        QFETCH(QString, check);
        TranslationContext context;
        context.schema = QStringLiteral("public");
        const Translation t = DefaultTranslator::translate(
            sqliteDefault, type, ValueTransform(transform), ExpressionTranslator(context));
        if (check.isEmpty()) {
            QVERIFY2(!t.ok(), qPrintable(t.sql));
            return;
        }
        QVERIFY2(t.ok(), qPrintable(t.problem));
        STRATA_SCRATCH(pg, Engine::Postgres);
        auto target = open(pg.url());
        const auto created = target->exec(
            QStringLiteral("CREATE TABLE d (id int, c %1 DEFAULT %2)").arg(type, t.sql));
        QVERIFY2(created.ok(), qPrintable(t.sql + u'\n' + created.error().toString()));
        QVERIFY(target->exec(QStringLiteral("INSERT INTO d (id) VALUES (1)")).ok());
        QVERIFY2(rows(*target, QStringLiteral("SELECT %1 FROM d").arg(check)) ==
                     QStringList{"true"},
                 qPrintable(t.sql + u'\n' +
                            rows(*target, QStringLiteral("SELECT c FROM d")).join(u',')));
    }

    // ---- 2. SQLite's double-quoted string literals ----

    void doubleQuotedStrings_data() { doubleQuotedStringsRows(); }

    void doubleQuotedStrings()
    {
        QFETCH(QStringList, sqlite);
        QFETCH(QStringList, both);
        QFETCH(QStringList, compare);
        QFETCH(QStringList, probes);
        QFETCH(QStringList, manual);
        scenario(sqlite, both, compare, probes, manual);
    }

    // ---- 3. rowid in triggers and views ----

    void rowid_data() { rowidRows(); }

    void rowid()
    {
        QFETCH(QStringList, sqlite);
        QFETCH(QStringList, both);
        QFETCH(QStringList, compare);
        QFETCH(QStringList, probes);
        QFETCH(QStringList, manual);
        scenario(sqlite, both, compare, probes, manual);
    }

    // ---- 4. comparisons whose sides differ in type after the transfer ----

    void comparisons_data() { comparisonsRows(); }

    void comparisons()
    {
        QFETCH(QStringList, sqlite);
        QFETCH(QStringList, both);
        QFETCH(QStringList, compare);
        QFETCH(QStringList, probes);
        QFETCH(QStringList, manual);
        scenario(sqlite, both, compare, probes, manual);
    }

    // ---- a public sample database with views in these styles: no manual work ----

    void chinookWithViews()
    {
        const QString fixture = qEnvironmentVariable("STRATA_FIXTURES") +
                                QStringLiteral("/chinook/Chinook_Sqlite.sqlite");
        if (!QFile::exists(fixture))
            QSKIP("no Chinook fixture (STRATA_FIXTURES)");
        scenario(
            {"CREATE VIEW recent AS SELECT InvoiceId FROM Invoice WHERE InvoiceDate >= "
             "strftime('%Y-%m-%d', '2013-06-01') AND BillingState <> \"\"",
             "CREATE VIEW acdc AS SELECT rowid AS r, Name FROM Track WHERE Composer = \"AC/DC\" "
             "OR (Composer IS NULL AND rowid < 10)",
             "CREATE VIEW busy AS SELECT c.CustomerId, count(*) AS n FROM Customer c JOIN "
             "Invoice i ON i.CustomerId = c.rowid GROUP BY c.CustomerId HAVING count(*) > 6",
             "CREATE TRIGGER track_touch AFTER UPDATE OF Name ON Track BEGIN UPDATE Track SET "
             "Composer = \"changed\" WHERE rowid = NEW.rowid; END"},
            {"UPDATE Track SET Name = 'Renamed' WHERE TrackId IN (1, 3)"},
            {"SELECT * FROM recent ORDER BY 1", "SELECT * FROM acdc ORDER BY 1",
             "SELECT * FROM busy ORDER BY 1",
             "SELECT TrackId, Name, Composer FROM Track WHERE TrackId < 5 ORDER BY 1"},
            {}, {}, fixture);
    }
};

QTEST_GUILESS_MAIN(TestTransferFidelity)
#include "tst_transferfidelity.moc"
