// The SQLite -> PostgreSQL loader against real databases: Chinook, a torture database, a
// backend terminated mid-load, cancel, resume. Plans come from TransferPlanner when it can
// plan, else from TransferHandPlan (the loader is tested on its own either way).

#include "TestDatabases.h"
#include "TransferHandPlan.h"
#include "TransferRunSupport.h"
#include "TransferTorture.h"
#include "transfer/Transfer.h"
#include "transfer/TransferPlanner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using strata::test::cli;
using strata::test::CliRun;
using strata::test::describe;
using strata::test::scalar;
using strata::test::ScratchDatabase;

namespace {

std::unique_ptr<DatabaseSession> open(const QString &url)
{
    return test::openUrl(url);
}

// The planner's plan, or with overrides the hand-made one (exact types for value checks).
TransferPlan planFor(DatabaseSession &sqlite,
                     const QHash<QString, test::ColumnOverride> &overrides = {},
                     BadTextPolicy badText = BadTextPolicy::Fail)
{
    if (overrides.isEmpty()) {
        TransferOptions options;
        options.badText = badText;
        auto planned = TransferPlanner::plan(sqlite, options);
        if (!planned)
            qFatal("planner: %s", qPrintable(planned.error().toString()));
        planned->badText = badText;
        return *planned;
    }
    auto plan = test::handPlan(sqlite, overrides);
    if (!plan)
        qFatal("hand plan: %s", qPrintable(plan.error().toString()));
    plan->badText = badText;
    return *plan;
}

// Stops a transfer through Progress once table `table` has loaded some rows: by cancelling,
// or by terminating its backend from another connection (the fault test).
class Interrupter final : public TransferProgress {
public:
    Interrupter(QString table, bool terminate, QString pgUrl)
        : m_table(std::move(table)), m_terminate(terminate), m_url(std::move(pgUrl))
    {
    }
    void tables(const QList<TableProgress> &tables, qint64) override
    {
        for (const TableProgress &t : tables) {
            if (t.table != m_table || t.phase != TableProgress::Loading || t.rows < 20000 ||
                m_fired)
                continue;
            m_fired = true;
            m_rowsWhenFired = t.rows;
            if (m_terminate) {
                auto admin = open(m_url);
                m_terminated =
                    scalar(*admin,
                           QStringLiteral(
                               "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               "WHERE application_name = 'strata-transfer %1'")
                               .arg(m_table))
                        .toInt();
            }
        }
    }
    bool cancelled() const override { return m_fired && !m_terminate; }
    bool m_fired = false;
    int m_terminated = 0;
    qint64 m_rowsWhenFired = 0;

private:
    QString m_table;
    bool m_terminate;
    QString m_url;
};

} // namespace

class TestTransfer : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_torture, m_big;

    QString tortureUrl() { return QStringLiteral("sqlite://") + m_torture; }

    static void methods()
    {
        QTest::addColumn<int>("method"); // -1: chosen by the probe
        QTest::newRow("probed") << -1;
        QTest::newRow("PgRecord") << int(transfer::RowHash::PgRecord);
        QTest::newRow("PgHash") << int(transfer::RowHash::PgHash);
        QTest::newRow("Md5") << int(transfer::RowHash::Md5);
    }
    static void setMethod(RunOptions &options, int method)
    {
        if (method >= 0)
            options.rowHash = transfer::RowHash(method);
    }

private slots:
    void initTestCase()
    {
        m_torture = m_dir.filePath(QStringLiteral("torture.db"));
        auto s = open(QStringLiteral("sqlite://") + m_torture);
        for (int i = 0; i < test::tortureStatements; ++i) {
            auto r = s->exec(QString::fromUtf8(test::tortureSql[i]));
            QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        }
        m_big = m_dir.filePath(QStringLiteral("big.db"));
        auto b = open(QStringLiteral("sqlite://") + m_big);
        QVERIFY(
            b->exec(QStringLiteral("CREATE TABLE small (id INTEGER PRIMARY KEY, name TEXT)")).ok());
        QVERIFY(b->exec(QStringLiteral("INSERT INTO small VALUES (1, 'a'), (2, 'b')")).ok());
        QVERIFY(b->exec(QStringLiteral("CREATE TABLE big (id INTEGER PRIMARY KEY, small_id INTEGER "
                                       "REFERENCES small(id), "
                                       "payload TEXT, amount REAL)"))
                    .ok());
        QVERIFY(
            b->exec(QStringLiteral(
                        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
                        "400000) "
                        "INSERT INTO big SELECT x, 1 + x % 2, hex(randomblob(60)), x / 7.0 FROM c"))
                .ok());
    }

    // Every row-hash method verifies the same loads (see transfer/Verifier.h): the one the
    // probe picks (PgRecord on PostgreSQL 14+) and each fallback, forced.
    void chinook_data() { methods(); }
    void chinook()
    {
        QFETCH(int, method);
        STRATA_SCRATCH(pg, Engine::Postgres);
        const QString fixture =
            qEnvironmentVariable("STRATA_FIXTURES", QStringLiteral("/work/shared/fixtures")) +
            QStringLiteral("/chinook/Chinook_Sqlite.sqlite");
        const QString path =
            m_dir.filePath(QStringLiteral("chinook-%1.db").arg(QTest::currentDataTag()));
        QVERIFY(QFile::copy(fixture, path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        auto sqlite = open(QStringLiteral("sqlite://") + path);
        const TransferPlan plan = planFor(*sqlite);
        RunOptions options;
        options.jobs = 3;
        setMethod(options, method);
        const TransferResult r = Transfer::run(sqlite->spec(), pg.spec(), plan, options);
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(r.tables.size(), 11);
        auto target = open(pg.url());
        for (const TableResult &t : r.tables) {
            QVERIFY2(t.verified, qPrintable(describe(r)));
            QCOMPARE(t.sourceChecksum, t.targetChecksum);
            QCOMPARE(scalar(*target, QStringLiteral("SELECT count(*) FROM \"%1\"").arg(t.table))
                         .toLongLong(),
                     t.rows);
        }
        QCOMPARE(scalar(*target, "SELECT count(*) FROM invoiceline").toInt(), 2240);
        QCOMPARE(
            scalar(*target, "SELECT sum(unitprice * quantity)::text FROM invoiceline").toString(),
            scalar(*sqlite, "SELECT printf('%.2f', sum(UnitPrice * Quantity)) FROM InvoiceLine")
                .toString());
        QCOMPARE(scalar(*target, "SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND "
                                 "connamespace = 'public'::regnamespace")
                     .toInt(),
                 11);
        QCOMPARE(scalar(*target,
                        "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated "
                        "AND connamespace = 'public'::regnamespace")
                     .toInt(),
                 11);
        QVERIFY(scalar(*target, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'")
                    .toInt() >= 22);
        QCOMPARE(
            scalar(*target, "SELECT to_regclass('public.strata_transfer_state') IS NULL").toBool(),
            true);
        // Identity sequences continue after the loaded ids.
        QCOMPARE(
            scalar(*target, "INSERT INTO artist (name) VALUES ('New') RETURNING artistid").toInt(),
            276);
        QCOMPARE(
            scalar(*target, "INSERT INTO genre (name) VALUES ('New') RETURNING genreid").toInt(),
            26);
    }

    void torture_data() { methods(); }
    void torture()
    {
        QFETCH(int, method);
        STRATA_SCRATCH(pg, Engine::Postgres);
        auto sqlite = open(tortureUrl());
        auto target = open(pg.url());
        RunOptions options;
        options.jobs = 2;
        setMethod(options, method);

        // fail: the table with bad text is named with its row and column, and rolled back.
        TransferResult r = Transfer::run(sqlite->spec(), pg.spec(),
                                         planFor(*sqlite, test::tortureTypes()), options);
        QVERIFY(!r.ok());
        QVERIFY2(r.error->message.contains(QLatin1String("badtext")) &&
                     r.error->message.contains(QLatin1String("rowid 2")) &&
                     r.error->message.contains(QLatin1String("column body")),
                 qPrintable(describe(r)));
        QVERIFY(scalar(*target, "SELECT to_regclass('public.badtext') IS NULL").toBool());
        QVERIFY(scalar(*target, "SELECT to_regclass('public.vals') IS NOT NULL").toBool());

        // replace: loads with a warning; everything else replaced by --drop-existing.
        options.dropExisting = true;
        r = Transfer::run(sqlite->spec(), pg.spec(),
                          planFor(*sqlite, test::tortureTypes(), BadTextPolicy::Replace), options);
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QVERIFY2(r.warnings.join(u'\n').contains(
                     QLatin1String("badtext, column body: bad text replaced in 2 value(s)")),
                 qPrintable(r.warnings.join(u'\n')));
        for (const TableResult &t : r.tables)
            QVERIFY2(t.verified && !t.skipped, qPrintable(describe(r)));
        QCOMPARE(
            scalar(*target, "SELECT string_agg(body, '|' ORDER BY id) FROM badtext").toString(),
            QStringLiteral("fine|a\uFFFD(|ab"));

        // Values: exact integers and doubles, NULL vs '' vs empty blob, escapes, unicode.
        QCOMPARE(scalar(*target, "SELECT i::text FROM vals WHERE id = 1").toString(),
                 QStringLiteral("9223372036854775807"));
        QCOMPARE(scalar(*target, "SELECT i::text FROM vals WHERE id = 2").toString(),
                 QStringLiteral("-9223372036854775808"));
        QCOMPARE(
            scalar(*target, "SELECT string_agg(r::text, ' ' ORDER BY id) FROM vals").toString(),
            QStringLiteral("0.1 1e+308 0 5e-324 1.7976931348623157e+308 123456789.12345679"));
        QCOMPARE(
            scalar(*target, "SELECT string_agg(coalesce(t, '<null>'), '|' ORDER BY id) FROM vals")
                .toString(),
            QStringLiteral("|<null>|tab\tnew\nline\rback\\slash|unicode: ünï ☃ 𝄞 中文|\\N|\\."));
        QCOMPARE(scalar(*target, "SELECT string_agg(coalesce(encode(b, 'hex'), '<null>'), '|' "
                                 "ORDER BY id) FROM vals")
                     .toString(),
                 QStringLiteral("|<null>|00ff5c0a09|5c78||ff"));
        QCOMPARE(
            scalar(*target, "SELECT string_agg(coalesce(mixed, '<null>') || '/' || coalesce(n, "
                            "'<null>'), '|' ORDER BY id) FROM vals")
                .toString(),
            QStringLiteral("1/7|text/abc|2.5/<null>|\x01\x02/3|<null>/4|0.30000000000000004/5"));
        QCOMPARE(scalar(*target, "SELECT string_agg(doubled::text || ',' || tlen::text, ' ' ORDER "
                                 "BY id) FROM vals WHERE id IN (5, 6)")
                     .toString(),
                 QStringLiteral("10,2 12,2"));
        // Booleans, ISO text, epoch seconds/milliseconds, Julian days.
        QCOMPARE(scalar(*target, "SELECT string_agg(coalesce(active::text, 'null') || ' ' || "
                                 "created::text || ' ' || "
                                 "coalesce(born::text, 'null'), '|' ORDER BY id) FROM \"user\"")
                     .toString(),
                 QStringLiteral("true 2024-01-02 10:00:00 1990-05-17|false 2024-01-02 10:00:00.123 "
                                "2000-02-29|null 2024-01-02 00:00:00 null"));
        QCOMPARE(scalar(*target, "SELECT string_agg(placed_epoch::text || ' ' || placed_ms::text "
                                 "|| ' ' || placed_jd::text || ' ' "
                                 "|| total::text, '|' ORDER BY id) FROM \"order\"")
                     .toString(),
                 QStringLiteral(
                     "2023-11-14 22:13:20+00 2023-11-14 22:13:20.123 2023-02-25 00:00:00 19.99|"
                     "1970-01-01 00:00:00+00 1969-12-31 23:59:59.999 1970-01-01 00:00:00 0.00001|"
                     "1969-12-31 00:00:00+00 1970-01-01 00:00:00 2000-01-01 12:00:00 12"));
        QCOMPARE(scalar(*target, "SELECT string_agg(k || '=' || coalesce(v, '<null>'), ' ' ORDER "
                                 "BY k) FROM \"references\"")
                     .toString(),
                 QStringLiteral("a=text b=42 c=2.5 d=<null> e=hi"));
        QCOMPARE(
            scalar(*target, "SELECT string_agg(r::text || ' ' || n::text || ' ' || "
                            "coalesce(e::text, '-'), '|') FROM numbers")
                .toString(),
            QStringLiteral(
                "1e+15 1.50 2023-11-14 22:13:20+00|123456789012345 007.5 1970-01-01 00:00:00+00|"
                "0.0001 0.05 1969-12-31 23:59:59+00|1.5e-05 0 1970-01-01 23:59:59+00|"
                "100000000 0.00001 9999-12-31 23:59:59+00|0.5 12345678901234567890123 -|"
                "-2.5e-300 42 0001-01-01 00:00:00+00|3 0.000 1970-01-01 00:00:01+00")
                .replace(QStringLiteral("007.5"), QStringLiteral("7.5")));
        // AUTOINCREMENT: ids SQLite handed out (4, 5, deleted) are not handed out again.
        QCOMPARE(
            scalar(*target, "INSERT INTO \"order\" (note) VALUES ('new') RETURNING id").toInt(), 6);
        QCOMPARE(
            scalar(*target, "SELECT count(*) FROM pg_indexes WHERE tablename = 'user'").toInt(), 4);

        // COPY's text format (the binary one is the default) stores and verifies the same.
        const QString before = scalar(*target, "SELECT md5(string_agg(t::text, '|' ORDER BY "
                                               "t::text)) FROM numbers t")
                                   .toString();
        options.binaryCopy = false;
        r = Transfer::run(sqlite->spec(), pg.spec(),
                          planFor(*sqlite, test::tortureTypes(), BadTextPolicy::Replace), options);
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        for (const TableResult &t : r.tables)
            QVERIFY2(t.verified && !t.skipped, qPrintable(describe(r)));
        QCOMPARE(scalar(*target, "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM "
                                 "numbers t")
                     .toString(),
                 before);
    }

    // Also the loader's fallback for plans without a CREATE per table: all tables created
    // first, each loaded after a TRUNCATE in its own transaction.
    void textAsByteaWithoutPerTableCreate()
    {
        STRATA_SCRATCH(pg, Engine::Postgres);
        auto sqlite = open(tortureUrl());
        // Statements the loader cannot pair with tables (createSql empty, names hidden).
        auto unpaired = [&](const QHash<QString, test::ColumnOverride> &types) {
            auto plan = test::handPlan(*sqlite, types, false);
            for (QString &sql : plan->createTables)
                sql.prepend(QStringLiteral("/* hand plan */ "));
            return plan;
        };
        auto failing = unpaired(test::tortureTypes());
        QVERIFY(failing.ok());
        TransferResult r = Transfer::run(sqlite->spec(), pg.spec(), *failing, {});
        QVERIFY(!r.ok() && r.error->message.contains(QLatin1String("table badtext")));
        auto types = test::tortureTypes();
        types.insert(QStringLiteral("badtext.body"),
                     {QStringLiteral("bytea"), ValueTransform::TextToBytea});
        auto plan = unpaired(types);
        QVERIFY(plan.ok());
        plan->badText = BadTextPolicy::Bytea;
        RunOptions options;
        options.dropExisting = true; // the body column changes type: replace everything
        r = Transfer::run(sqlite->spec(), pg.spec(), *plan, options);
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QVERIFY(r.warnings.join(u' ').contains(QLatin1String("TRUNCATE")));
        auto target = open(pg.url());
        QCOMPARE(
            scalar(*target, "SELECT string_agg(encode(body, 'hex'), '|' ORDER BY id) FROM badtext")
                .toString(),
            QStringLiteral("66696e65|61c328|610062"));
    }

    // The whole path: planner, loader and CLI, under each bad-text policy.
    void cliTortureUnderEachPolicy()
    {
        STRATA_SCRATCH(pg, Engine::Postgres);
        const QString src = tortureUrl();
        auto target = open(pg.url());
        const CliRun plan = cli({"transfer", src, pg.url(), "--plan"});
        QCOMPARE(plan.exitCode, 0);
        QVERIFY(plan.out.contains("CREATE TABLE \"public\".\"order\"") &&
                plan.out.contains("-- Manual work"));
        QVERIFY(plan.out.contains("order_note")); // the trigger using printf(): listed, not dropped
        QVERIFY(test::tableNames(*target).isEmpty()); // --plan touches nothing

        const CliRun failed = cli({"transfer", src, pg.url(), "--jobs", "2"});
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(failed.err.contains("table badtext") && failed.err.contains("rowid 2") &&
                     failed.err.contains("column body"),
                 failed.err.constData());
        QVERIFY(scalar(*target, "SELECT to_regclass('public.badtext') IS NULL").toBool());

        const CliRun replaced =
            cli({"transfer", src, pg.url(), "--resume", "--bad-text", "replace", "--json"});
        QVERIFY2(replaced.exitCode == 0, replaced.err.constData());
        int skipped = 0;
        for (const QJsonValue t : replaced.json().value("tables").toArray()) {
            QVERIFY2(t["verified"].toBool(), replaced.out.constData());
            skipped += t["skipped"].toBool();
        }
        QCOMPARE(skipped, 5); // all but badtext were loaded and verified by the failed run
        QVERIFY(replaced.err.contains("loaded badtext"));
        QCOMPARE(
            scalar(*target, "SELECT string_agg(body, '|' ORDER BY id) FROM badtext").toString(),
            QStringLiteral("fine|a\uFFFD(|ab"));
        QCOMPARE(scalar(*target, "SELECT count(*) FROM pg_views WHERE viewname = 'recent'").toInt(),
                 1);
        QCOMPARE(
            scalar(*target, "INSERT INTO \"order\" (note) VALUES ('new') RETURNING id").toInt(), 6);
        QCOMPARE(cli({"transfer", src, pg.url(), "--resume"}).exitCode,
                 1); // finished: nothing to resume

        const CliRun bytea =
            cli({"transfer", src, pg.url(), "--drop-existing", "--bad-text", "bytea"});
        QVERIFY2(bytea.exitCode == 0, bytea.err.constData());
        QCOMPARE(
            scalar(*target, "SELECT string_agg(encode(body, 'hex'), '|' ORDER BY id) FROM badtext")
                .toString(),
            QStringLiteral("66696e65|61c328|610062"));
        QCOMPARE(cli({"transfer", src}).exitCode, 2);
        QCOMPARE(cli({"transfer", src, pg.url(), "--bad-text", "maybe"}).exitCode, 2);
    }

    void terminatedBackendThenResume()
    {
        STRATA_SCRATCH(pg, Engine::Postgres);
        auto sqlite = open(QStringLiteral("sqlite://") + m_big);
        const TransferPlan plan = planFor(*sqlite);
        RunOptions options;
        options.jobs = 2;
        // The interrupted run hashes record text; the resumed one picks PgRecord. Stored
        // checksums are only shown again, never compared across runs.
        options.rowHash = transfer::RowHash::PgHash;
        Interrupter killer(QStringLiteral("big"), true, pg.url());
        TransferResult r = Transfer::run(sqlite->spec(), pg.spec(), plan, options, &killer);
        QVERIFY(killer.m_fired);
        QCOMPARE(killer.m_terminated, 1);
        QVERIFY(!r.ok());
        QVERIFY2(r.error->message.contains(QLatin1String("table big")) &&
                     r.error->message.contains(QLatin1String("connection")),
                 qPrintable(describe(r)));
        auto target = open(pg.url());
        QVERIFY(scalar(*target, "SELECT to_regclass('public.big') IS NULL")
                    .toBool()); // no partial table

        QVERIFY(!Transfer::run(sqlite->spec(), pg.spec(), plan, options)
                     .ok()); // without --resume: refuses
        options.resume = true;
        options.rowHash.reset();
        r = Transfer::run(sqlite->spec(), pg.spec(), plan, options);
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(r.tables.size(), 2);
        for (const TableResult &t : r.tables) {
            QVERIFY(t.verified);
            QCOMPARE(t.skipped, t.table == QLatin1String("small"));
            QCOMPARE(t.sourceChecksum, t.targetChecksum);
        }
        QCOMPARE(scalar(*target, "SELECT count(*) FROM big").toInt(), 400000);
        QCOMPARE(scalar(*target,
                        "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated")
                     .toInt(),
                 1);
    }

    void cancelRollsBackThenResume()
    {
        STRATA_SCRATCH(pg, Engine::Postgres);
        auto sqlite = open(QStringLiteral("sqlite://") + m_big);
        const TransferPlan plan = planFor(*sqlite);
        RunOptions options;
        options.jobs = 1; // big first, small never starts
        Interrupter stop(QStringLiteral("big"), false, pg.url());
        TransferResult r = Transfer::run(sqlite->spec(), pg.spec(), plan, options, &stop);
        QVERIFY(stop.m_fired);
        QVERIFY(!r.ok());
        QCOMPARE(r.error->kind, Error::Kind::Cancelled);
        auto target = open(pg.url());
        QVERIFY(
            scalar(
                *target,
                "SELECT to_regclass('public.big') IS NULL AND to_regclass('public.small') IS NULL")
                .toBool());
        options.resume = true;
        r = Transfer::run(sqlite->spec(), pg.spec(), plan, options);
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(scalar(*target, "SELECT count(*) FROM big").toInt(), 400000);
    }
};

QTEST_GUILESS_MAIN(TestTransfer)
#include "tst_transfer.moc"
