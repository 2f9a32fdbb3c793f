// The engine against real databases: every case runs on an SQLite file and on PostgreSQL.

#include "TestDatabases.h"
#include "connection/DatabaseSession.h"
#include "migration/Migrator.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using strata::test::ScratchDatabase;

using Files = QList<QPair<QString, QByteArray>>;

namespace {

QStringList statesOf(Migrator &m)
{
    QStringList out;
    auto st = m.status();
    if (!st)
        return {st.error().toString()};
    for (const VersionState &e : st->entries)
        out << QStringLiteral("%1=%2").arg(e.versionText.isEmpty() ? e.description : e.versionText,
                                           migrationStateName(e.state));
    return out;
}

class CancelAfter final : public Progress {
public:
    explicit CancelAfter(int steps) : m_steps(steps) {}
    void report(int done, int, const QString &) override { m_done = done; }
    bool cancelled() const override { return m_done >= m_steps; }

private:
    int m_steps;
    int m_done = 0;
};

const QStringList demoTables = {"categories",     "customers",       "inventory",
                                "order_lines",    "orders",          "product_reviews",
                                "products",       "strata_audit_log", "strata_schema_history"};

} // namespace

class TestMigrator : public QObject {
    Q_OBJECT

private:
    void engines()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

private slots:
    void demoUpAndDown_data() { engines(); }
    void demoUpAndDown()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        auto session = test::openSession(db.url());
        Migrator migrator(*session, test::readFolder(test::demoFolder()));

        RunResult up = migrator.up();
        QVERIFY2(up.ok(), qPrintable(test::errorText(up.error)));
        QCOMPARE(up.steps.size(), 10);
        QCOMPARE(test::currentVersion(migrator), QStringLiteral("10"));
        QCOMPARE(test::tableNames(*session), demoTables);
        QCOMPARE(test::rowCount(*session, "products"), 7);
        for (const QString &s : statesOf(migrator))
            QVERIFY2(s.endsWith(QLatin1String("=applied")), qPrintable(s));

        RunResult again = migrator.up();
        QVERIFY(again.ok());
        QCOMPARE(again.steps.size(), 0);

        RunResult down = migrator.down({Version::parse("5"), std::nullopt});
        QVERIFY2(down.ok(), qPrintable(test::errorText(down.error)));
        QCOMPARE(down.steps.size(), 5);
        QCOMPARE(down.steps.first().version, QStringLiteral("10")); // newest first
        QCOMPARE(test::currentVersion(migrator), QStringLiteral("5"));
        QVERIFY(!test::tableNames(*session).contains("inventory"));

        RunResult steps = migrator.down({std::nullopt, 2});
        QVERIFY(steps.ok());
        QCOMPARE(test::currentVersion(migrator), QStringLiteral("3"));

        RunResult all = migrator.down({Version::parse("0"), std::nullopt});
        QVERIFY(all.ok());
        QCOMPARE(test::currentVersion(migrator), QStringLiteral("none"));
        QCOMPARE(test::tableNames(*session),
                 (QStringList{"strata_audit_log", "strata_schema_history"}));
        QCOMPARE(test::rowCount(*session, "strata_schema_history"), 0);
        QCOMPARE(test::rowCount(*session, "strata_audit_log"), 20); // 10 up, 10 down
    }

    void upTo_data() { engines(); }
    void upTo()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        auto session = test::openSession(db.url());
        Migrator migrator(*session, test::readFolder(test::demoFolder()));
        QVERIFY(migrator.up(Version::parse("3")).ok());
        QCOMPARE(test::currentVersion(migrator), QStringLiteral("3"));
        QVERIFY(statesOf(migrator).contains("4=pending"));
        auto plan = migrator.planUp(Version::parse("5"));
        QVERIFY(plan.ok());
        QCOMPARE(plan->steps.size(), 2);
        QCOMPARE(plan->steps.first().script.path, test::demoFolder() + "/V4__Create_order_lines.sql");
        QVERIFY(!plan->steps.first().statements.isEmpty());
        QVERIFY(plan->steps.first().statements.first().line >= 1);
        auto unknown = migrator.planUp(Version::parse("42"));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().kind, Error::Kind::Usage);
    }

    void failureRollsBackWholeMigration_data() { engines(); }
    void failureRollsBackWholeMigration()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        test::writeFiles(dir.path(), {
            {"V1__first.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\n"},
            {"V2__broken.sql", "-- creates b, then fails\nCREATE TABLE b (id INTEGER);\n"
                               "INSERT INTO b VALUES (1);\nINSERT INTO no_such_table VALUES (1);\n"},
            {"V3__later.sql", "CREATE TABLE c (id INTEGER);\n"},
        });
        auto session = test::openSession(db.url());
        Migrator migrator(*session, test::readFolder(dir.path()));
        RunResult run = migrator.up();
        QVERIFY(!run.ok());
        QCOMPARE(run.steps.size(), 1);
        const Error &e = *run.error;
        QCOMPARE(e.kind, Error::Kind::Migration);
        QCOMPARE(e.file, dir.filePath("V2__broken.sql"));
        QCOMPARE(e.line, 4);
        QCOMPARE(e.statement, QStringLiteral("INSERT INTO no_such_table VALUES (1)"));
        QVERIFY2(e.driverMessage.contains("no_such_table"), qPrintable(e.driverMessage));
        QVERIFY(e.toString().contains(dir.filePath("V2__broken.sql") + ":4"));
        // The database stays at version 1: no table b, no history row for 2, 3 untouched.
        QCOMPARE(test::tableNames(*session),
                 (QStringList{"a", "strata_audit_log", "strata_schema_history"}));
        QCOMPARE(test::currentVersion(migrator), QStringLiteral("1"));
        QCOMPARE(statesOf(migrator), (QStringList{"1=applied", "2=pending", "3=pending"}));
    }

    void folderFormats_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<Files>("files");
        const Files flyway = {
            {"V1__make_t.sql", "CREATE TABLE t (id INTEGER);"},
            {"U1__make_t.sql", "DROP TABLE t;"},
            {"V2.10__make_v.sql", "CREATE TABLE v (id INTEGER);"},
            {"U2.10__make_v.sql", "DROP TABLE v;"},
            {"V2.9__make_u.sql", "CREATE TABLE u (id INTEGER);"},
            {"U2.9__make_u.sql", "DROP TABLE u;"},
        };
        const Files golang = {
            {"20240101000000_make_t.up.sql", "CREATE TABLE t (id INTEGER);"},
            {"20240101000000_make_t.down.sql", "DROP TABLE t;"},
            {"20240102000000_make_u.up.sql", "CREATE TABLE u (id INTEGER);"},
            {"20240102000000_make_u.down.sql", "DROP TABLE u;"},
            {"20240103000000_make_v.up.sql", "CREATE TABLE v (id INTEGER);"},
            {"20240103000000_make_v.down.sql", "DROP TABLE v;"},
        };
        const Files dbmate = {
            {"1_make_t.sql", "-- migrate:up\nCREATE TABLE t (id INTEGER);\n\n-- migrate:down\nDROP TABLE t;\n"},
            {"2_make_u.sql", "-- migrate:up\nCREATE TABLE u (id INTEGER);\n-- migrate:down\nDROP TABLE u;\n"},
            {"10_make_v.sql", "-- migrate:up\nCREATE TABLE v (id INTEGER);\n-- migrate:down\nDROP TABLE v;\n"},
        };
        for (const char *engine : {"sqlite", "postgresql"}) {
            QTest::addRow("flyway-%s", engine) << QString(engine) << flyway;
            QTest::addRow("golang-migrate-%s", engine) << QString(engine) << golang;
            QTest::addRow("dbmate-%s", engine) << QString(engine) << dbmate;
        }
    }
    void folderFormats()
    {
        QFETCH(QString, engine);
        QFETCH(Files, files);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        test::writeFiles(dir.path(), files);
        auto session = test::openSession(db.url());
        Migrator migrator(*session, test::readFolder(dir.path()));
        RunResult up = migrator.up();
        QVERIFY2(up.ok(), qPrintable(test::errorText(up.error)));
        // Versions are applied in numeric order: t, then u (2.9 / second), then v (2.10 / third).
        QCOMPARE(up.steps.size(), 3);
        QStringList order;
        for (const StepResult &s : up.steps)
            order << s.description;
        QCOMPARE(order, (QStringList{"make t", "make u", "make v"}));
        QCOMPARE(test::tableNames(*session),
                 (QStringList{"strata_audit_log", "strata_schema_history", "t", "u", "v"}));
        RunResult down = migrator.down({std::nullopt, 3});
        QVERIFY2(down.ok(), qPrintable(test::errorText(down.error)));
        QCOMPARE(test::tableNames(*session),
                 (QStringList{"strata_audit_log", "strata_schema_history"}));
    }

    void noTransactionFailureIsRecordedThenRepaired_data() { engines(); }
    void noTransactionFailureIsRecordedThenRepaired()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        test::writeFiles(dir.path(), {
            {"V1__base.sql", "CREATE TABLE a (id INTEGER);\n"},
            {"V2__outside.sql", "-- strata:no-transaction\nCREATE TABLE b (id INTEGER);\nSELECT * FROM nope;\n"},
        });
        auto session = test::openSession(db.url());
        {
            Migrator migrator(*session, test::readFolder(dir.path()));
            QVERIFY(migrator.folder().find(*Version::parse("2"))->up.noTransaction);
            RunResult run = migrator.up();
            QVERIFY(!run.ok());
            QCOMPARE(run.error->line, 3);
            QVERIFY(run.error->message.contains("outside a transaction"));
            QVERIFY(test::tableNames(*session).contains("b")); // not rolled back: said so above
            QCOMPARE(statesOf(migrator), (QStringList{"1=applied", "2=failed"}));
            // A failed entry blocks further runs until repaired.
            RunResult blocked = migrator.up();
            QVERIFY(!blocked.ok());
            QVERIFY(blocked.error->message.contains("repair"));
            auto problems = migrator.validate();
            QVERIFY(problems.ok());
            QCOMPARE(problems->size(), 1);
            QCOMPARE(problems->first().state, MigrationState::Failed);
            auto preview = migrator.repair(false);
            QVERIFY(preview.ok());
            QCOMPARE(preview->size(), 1);
            QCOMPARE(statesOf(migrator), (QStringList{"1=applied", "2=failed"})); // untouched
            auto repaired = migrator.repair(true);
            QVERIFY(repaired.ok());
            QCOMPARE(statesOf(migrator), (QStringList{"1=applied", "2=pending"}));
        }
        test::writeFiles(dir.path(), {{"V2__outside.sql", "-- strata:no-transaction\nCREATE TABLE IF NOT EXISTS b (id INTEGER);\n"}});
        Migrator fixed(*session, test::readFolder(dir.path()));
        QVERIFY(fixed.up().ok());
        QCOMPARE(statesOf(fixed), (QStringList{"1=applied", "2=applied"}));
    }

    void validateAndRepairChecksum_data() { engines(); }
    void validateAndRepairChecksum()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        test::writeFiles(dir.path(), {{"V1__a.sql", "CREATE TABLE a (id INTEGER);\n"},
                                      {"V2__b.sql", "CREATE TABLE b (id INTEGER);\n"},
                                      {"V3__c.sql", "CREATE TABLE c (id INTEGER);\n"}});
        auto session = test::openSession(db.url());
        QVERIFY(Migrator(*session, test::readFolder(dir.path())).up().ok());
        // Same content with CRLF line endings is not a change.
        test::writeFiles(dir.path(), {{"V1__a.sql", "CREATE TABLE a (id INTEGER);\r\n"}});
        Migrator same(*session, test::readFolder(dir.path()));
        QVERIFY(same.validate()->isEmpty());

        test::writeFiles(dir.path(), {{"V2__b.sql", "CREATE TABLE b (id INTEGER, x INTEGER);\n"}});
        QFile::remove(dir.filePath("V3__c.sql"));
        Migrator edited(*session, test::readFolder(dir.path()));
        auto problems = edited.validate();
        QVERIFY(problems.ok());
        QCOMPARE(problems->size(), 2);
        QCOMPARE(problems->at(0).state, MigrationState::ChecksumMismatch);
        QCOMPARE(problems->at(0).version, QStringLiteral("2"));
        QCOMPARE(problems->at(1).state, MigrationState::MissingFile);
        QCOMPARE(problems->at(1).version, QStringLiteral("3"));
        QCOMPARE(test::currentVersion(edited), QStringLiteral("3"));

        auto repaired = edited.repair(true);
        QVERIFY(repaired.ok());
        QCOMPARE(repaired->size(), 1);
        QCOMPARE(repaired->first().kind, RepairAction::Kind::RealignChecksum);
        auto after = edited.validate();
        QCOMPARE(after->size(), 1); // the missing file is not something repair can invent
        QCOMPARE(after->first().state, MigrationState::MissingFile);
    }

    void baselineExistingDatabase_data() { engines(); }
    void baselineExistingDatabase()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        auto session = test::openSession(db.url());
        // A database built before Strata: the demo's first three versions, by hand.
        const MigrationSet demo = test::readFolder(test::demoFolder());
        for (int v = 1; v <= 3; ++v) {
            for (const SqlStatement &s : SqlSplitter::split(demo.find(*Version::parse(QString::number(v)))->up.sql))
                QVERIFY(session->exec(s.sql).ok());
        }
        Migrator migrator(*session, demo);
        QVERIFY(migrator.baseline(*Version::parse("3"), "existing shop").ok());
        QCOMPARE(test::currentVersion(migrator), QStringLiteral("3"));
        QCOMPARE(statesOf(migrator).mid(0, 4), (QStringList{"1=baseline", "2=baseline", "3=baseline", "4=pending"}));
        Status twice = migrator.baseline(*Version::parse("3"), "again");
        QVERIFY(!twice.ok());
        RunResult up = migrator.up();
        QVERIFY2(up.ok(), qPrintable(test::errorText(up.error)));
        QCOMPARE(up.steps.size(), 7);
        QCOMPARE(up.steps.first().version, QStringLiteral("4"));
        RunResult tooFar = migrator.down({Version::parse("1"), std::nullopt});
        QVERIFY(!tooFar.ok());
        QVERIFY(tooFar.error->message.contains("baseline"));
        QCOMPARE(test::currentVersion(migrator), QStringLiteral("10")); // refused before anything ran
        QVERIFY(migrator.down({Version::parse("3"), std::nullopt}).ok());
        QCOMPARE(test::currentVersion(migrator), QStringLiteral("3"));
    }

    void repeatableRunsAfterVersionedAndOnChange_data() { engines(); }
    void repeatableRunsAfterVersionedAndOnChange()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        test::writeFiles(dir.path(), {{"V1__t.sql", "CREATE TABLE t (id INTEGER, name TEXT);"},
                                      {"R__names_view.sql", "DROP VIEW IF EXISTS names;\nCREATE VIEW names AS SELECT name FROM t;"}});
        auto session = test::openSession(db.url());
        {
            Migrator m(*session, test::readFolder(dir.path()));
            RunResult run = m.up();
            QVERIFY2(run.ok(), qPrintable(test::errorText(run.error)));
            QCOMPARE(run.steps.size(), 2);
            QCOMPARE(run.steps.last().description, QStringLiteral("names view"));
            QCOMPARE(m.up().steps.size(), 0);
        }
        test::writeFiles(dir.path(), {{"R__names_view.sql", "DROP VIEW IF EXISTS names;\nCREATE VIEW names AS SELECT id, name FROM t;"}});
        Migrator changed(*session, test::readFolder(dir.path()));
        QVERIFY(statesOf(changed).contains("names view=pending"));
        RunResult rerun = changed.up();
        QVERIFY(rerun.ok());
        QCOMPARE(rerun.steps.size(), 1);
        QVERIFY(statesOf(changed).contains("names view=applied"));
        QCOMPARE(test::rowCount(*session, "strata_schema_history"), 3);
    }

    void missingUndoIsAnErrorNamingVersions_data() { engines(); }
    void missingUndoIsAnErrorNamingVersions()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        test::writeFiles(dir.path(), {{"V1__a.sql", "CREATE TABLE a (id INTEGER);"}, {"U1__a.sql", "DROP TABLE a;"},
                                      {"V2__b.sql", "CREATE TABLE b (id INTEGER);"},
                                      {"V3__c.sql", "CREATE TABLE c (id INTEGER);"}});
        auto session = test::openSession(db.url());
        Migrator m(*session, test::readFolder(dir.path()));
        QVERIFY(m.up().ok());
        RunResult down = m.down({Version::parse("0"), std::nullopt});
        QVERIFY(!down.ok());
        QVERIFY2(down.error->message.contains("3, 2"), qPrintable(down.error->message));
        QCOMPARE(down.steps.size(), 0);
        QCOMPARE(test::currentVersion(m), QStringLiteral("3"));
    }

    void cancelStopsBetweenMigrations_data() { engines(); }
    void cancelStopsBetweenMigrations()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        auto session = test::openSession(db.url());
        Migrator m(*session, test::readFolder(test::demoFolder()));
        CancelAfter cancel(2);
        RunResult run = m.up(std::nullopt, &cancel);
        QVERIFY(!run.ok());
        QCOMPARE(run.error->kind, Error::Kind::Cancelled);
        QCOMPARE(run.steps.size(), 2);
        QCOMPARE(test::currentVersion(m), QStringLiteral("2"));
        QVERIFY(m.up().ok()); // and the next run completes
        QCOMPARE(test::currentVersion(m), QStringLiteral("10"));
    }

    void hostileTextIsQuoted_data() { engines(); }
    void hostileTextIsQuoted()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        // A description with quotes and SQL in it ends up as data, not as SQL.
        test::writeFiles(dir.path(), {{"V1__it's_'); DROP TABLE keep; --.sql", "CREATE TABLE \"order\" (\"user\" TEXT);"}});
        auto session = test::openSession(db.url());
        QVERIFY(session->exec("CREATE TABLE keep (id INTEGER)").ok());
        Migrator m(*session, test::readFolder(dir.path()));
        RunResult run = m.up();
        QVERIFY2(run.ok(), qPrintable(test::errorText(run.error)));
        QVERIFY(test::tableNames(*session).contains("keep"));
        auto st = m.status();
        QCOMPARE(st->entries.first().description, QStringLiteral("it's '); DROP TABLE keep; --"));
        QCOMPARE(st->entries.first().state, MigrationState::Applied);
    }
};

QTEST_GUILESS_MAIN(TestMigrator)
#include "tst_migrator.moc"
