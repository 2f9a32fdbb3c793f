// Dry runs that really run and leave nothing behind; rollbacks with scripts and generated undos.

#include "TestDatabases.h"
#include "migration/DryRun.h"
#include "schema/Introspector.h"
#include "schema/SchemaJson.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using strata::test::ScratchDatabase;
using Files = QList<QPair<QString, QByteArray>>;

namespace {

// Everything a trial must leave as it was: the schema (history table included) and every row.
QByteArray fingerprint(DatabaseSession &session)
{
    IntrospectOptions options;
    options.excludeTables = {};
    auto schema = Introspector::read(session, options);
    if (!schema)
        return "introspection failed: " + schema.error().toString().toUtf8();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(SchemaJson::write(*schema));
    for (const QString &table : test::tableNames(session)) {
        QSqlQuery q(session.database());
        q.setForwardOnly(true);
        q.exec(QStringLiteral("SELECT * FROM %1").arg(session.dialect().quoteIdentifier(table)));
        QStringList rows;
        while (q.next()) {
            QStringList values;
            for (int i = 0; i < q.record().count(); ++i)
                values << (q.isNull(i) ? QStringLiteral("<null>") : q.value(i).toString());
            rows << values.join(u'\x1f');
        }
        rows.sort();
        hash.addData(table.toUtf8() + '\n' + rows.join(u'\n').toUtf8());
    }
    return hash.result().toHex();
}

} // namespace

class TestDryRun : public QObject {
    Q_OBJECT

private:
    void engines()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

private slots:
    void trialLeavesDatabaseIdentical_data() { engines(); }
    void trialLeavesDatabaseIdentical()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        auto session = test::openSession(db.url());
        Migrator migrator(*session, test::readFolder(test::demoFolder()));
        QVERIFY(migrator.up(Version::parse("3")).ok());
        const QByteArray before = fingerprint(*session);

        auto plan = migrator.planUp();
        QVERIFY(plan.ok());
        QCOMPARE(plan->steps.size(), 7);
        const TrialResult trial = DryRun::trial(migrator, *plan);
        QVERIFY2(trial.ok(), qPrintable(test::errorText(trial.error)));
        QVERIFY(trial.rolledBack);
        QCOMPARE(trial.steps.size(), 7);
        for (const StepTrial &step : trial.steps) {
            QVERIFY(step.executed);
            for (const StatementTrial &s : step.statements) {
                QVERIFY(s.executed);
                QVERIFY(s.error.isEmpty());
                QVERIFY(s.line > 0);
            }
        }
        // The seed migration inserts rows, and says how many.
        const StepTrial &seed = trial.steps.at(4);
        QCOMPARE(seed.version, QStringLiteral("8"));
        QVERIFY(std::any_of(seed.statements.begin(), seed.statements.end(),
                            [](const StatementTrial &s) { return s.rows > 0; }));
        // The schema changes name what the plan creates.
        QStringList summaries;
        for (const Change &c : trial.schemaChanges.changes)
            summaries << c.summary;
        QVERIFY2(summaries.join('\n').contains("inventory"), qPrintable(summaries.join('\n')));
        QVERIFY(summaries.join('\n').contains("order_totals"));

        QCOMPARE(fingerprint(*session), before);
        QCOMPARE(test::currentVersion(migrator), QStringLiteral("3"));

        // A rollback preview leaves everything as it was, too.
        auto down = migrator.planDown({Version::parse("0"), std::nullopt});
        QVERIFY(down.ok());
        const TrialResult downTrial = DryRun::trial(migrator, *down);
        QVERIFY2(downTrial.ok(), qPrintable(test::errorText(downTrial.error)));
        QVERIFY(!downTrial.schemaChanges.isEmpty());
        QCOMPARE(fingerprint(*session), before);
    }

    void trialReportsTheRealRunsError_data() { engines(); }
    void trialReportsTheRealRunsError()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        test::writeFiles(dir.path(), {{"V1__ok.sql", "CREATE TABLE a (id INTEGER);\n"},
                                      {"V2__bad.sql", "INSERT INTO a VALUES (1);\n\nINSERT INTO missing VALUES (1);\n"},
                                      {"V3__later.sql", "CREATE TABLE c (id INTEGER);\n"}});
        auto session = test::openSession(db.url());
        Migrator migrator(*session, test::readFolder(dir.path()));
        const QByteArray before = fingerprint(*session);
        auto plan = migrator.planUp();
        const TrialResult trial = DryRun::trial(migrator, *plan);
        QVERIFY(!trial.ok());
        QVERIFY(trial.rolledBack);
        QCOMPARE(fingerprint(*session), before);
        QCOMPARE(trial.steps.at(1).statements.at(0).rows, 1);
        QVERIFY(!trial.steps.at(1).statements.at(1).error.isEmpty());
        QVERIFY(!trial.steps.at(2).statements.at(0).executed); // stops at the first error

        RunResult real = migrator.up();
        QVERIFY(!real.ok());
        QCOMPARE(trial.error->file, real.error->file);
        QCOMPARE(trial.error->line, 3);
        QCOMPARE(trial.error->line, real.error->line);
        QCOMPARE(trial.error->statement, real.error->statement);
        QCOMPARE(trial.error->driverMessage, real.error->driverMessage);
        QCOMPARE(trial.error->message, real.error->message);
    }

    void noTransactionStepIsNotExecuted_data() { engines(); }
    void noTransactionStepIsNotExecuted()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        test::writeFiles(dir.path(), {{"V1__t.sql", "CREATE TABLE t (id INTEGER);\n"},
                                      {"V2__vacuum.sql", "-- strata:no-transaction\nCREATE TABLE u (id INTEGER);\n"}});
        auto session = test::openSession(db.url());
        Migrator migrator(*session, test::readFolder(dir.path()));
        const TrialResult trial = DryRun::trial(migrator, *migrator.planUp());
        QVERIFY(trial.ok());
        QVERIFY(trial.steps.at(0).executed);
        QVERIFY(!trial.steps.at(1).executed);
        QVERIFY(trial.steps.at(1).note.contains("outside a transaction"));
        QVERIFY(!trial.steps.at(1).statements.at(0).executed);
        QVERIFY(trial.warnings.join(' ').contains("V2__vacuum.sql"));
        QCOMPARE(test::tableNames(*session), QStringList());
    }

    void rollbackTenVersionsAndUpAgain_data() { engines(); }
    void rollbackTenVersionsAndUpAgain()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        auto session = test::openSession(db.url());
        Migrator migrator(*session, test::readFolder(test::demoFolder()));
        auto empty = Introspector::read(*session);
        QVERIFY(migrator.up().ok());
        auto full = Introspector::read(*session);
        QVERIFY(migrator.down({Version::parse("0"), std::nullopt}).ok());
        QCOMPARE(test::currentVersion(migrator), QStringLiteral("none"));
        QCOMPARE(SchemaJson::write(*Introspector::read(*session)), SchemaJson::write(*empty));
        QVERIFY(migrator.up().ok());
        QCOMPARE(SchemaJson::write(*Introspector::read(*session)), SchemaJson::write(*full));
        QCOMPARE(test::rowCount(*session, "products"), 7);
    }

    void generatedUndo_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<Files>("files");
        QTest::addColumn<QString>("keepVersion"); // undo everything newer than this
        QTest::addColumn<bool>("destructive");    // the generated undo drops data
        const QByteArray base = "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
                                "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER, note TEXT);\n";
        for (const char *engine : {"sqlite", "postgresql"}) {
            const QString e = engine;
            QTest::addRow("create table %s", engine)
                << e << Files{{"V1__base.sql", base}, {"V2__t.sql", "CREATE TABLE extra (id INTEGER, v TEXT);"}}
                << "1" << true;
            QTest::addRow("drop table %s", engine)
                << e << Files{{"V1__base.sql", base}, {"V2__drop.sql", "DROP TABLE child;"}} << "1" << false;
            QTest::addRow("add column %s", engine)
                << e << Files{{"V1__base.sql", base}, {"V2__col.sql", "ALTER TABLE parent ADD COLUMN code TEXT;"}}
                << "1" << true;
            QTest::addRow("drop column %s", engine)
                << e << Files{{"V1__base.sql", base}, {"V2__col.sql", "ALTER TABLE child DROP COLUMN note;"}}
                << "1" << false;
            QTest::addRow("create index %s", engine)
                << e << Files{{"V1__base.sql", base}, {"V2__idx.sql", "CREATE INDEX child_parent ON child (parent_id);"}}
                << "1" << false;
            QTest::addRow("drop index %s", engine)
                << e << Files{{"V1__base.sql", base + "CREATE INDEX parent_name ON parent (name);\n"},
                              {"V2__idx.sql", "DROP INDEX parent_name;"}} << "1" << false;
            QTest::addRow("create view %s", engine)
                << e << Files{{"V1__base.sql", base}, {"V2__view.sql", "CREATE VIEW named AS SELECT id, name FROM parent;"}}
                << "1" << false;
            QTest::addRow("several versions %s", engine)
                << e << Files{{"V1__base.sql", base},
                              {"V2__idx.sql", "CREATE INDEX child_parent ON child (parent_id);"},
                              {"V3__view.sql", "CREATE VIEW named AS SELECT id, name FROM parent;"},
                              {"V4__view2.sql", "CREATE VIEW named2 AS SELECT id FROM named;"}}
                << "1" << false;
        }
        QTest::addRow("add foreign key postgresql")
            << "postgresql" << Files{{"V1__base.sql", base},
                                     {"V2__fk.sql", "ALTER TABLE child ADD CONSTRAINT child_parent_fk "
                                                    "FOREIGN KEY (parent_id) REFERENCES parent (id);"}}
            << "1" << false;
        QTest::addRow("drop foreign key postgresql")
            << "postgresql" << Files{{"V1__base.sql", base + "ALTER TABLE child ADD CONSTRAINT child_parent_fk "
                                                             "FOREIGN KEY (parent_id) REFERENCES parent (id);\n"},
                                     {"V2__nofk.sql", "ALTER TABLE child DROP CONSTRAINT child_parent_fk;"}}
            << "1" << false;
        // SQLite cannot ALTER a foreign key in: migrations rebuild the table, and so does the undo.
        QTest::addRow("add foreign key by rebuild sqlite")
            << "sqlite" << Files{{"V1__base.sql", base},
                                 {"V2__fk.sql", "CREATE TABLE child_new (id INTEGER PRIMARY KEY, parent_id INTEGER "
                                                "REFERENCES parent (id), note TEXT);\n"
                                                "INSERT INTO child_new SELECT id, parent_id, note FROM child;\n"
                                                "DROP TABLE child;\nALTER TABLE child_new RENAME TO child;\n"}}
            << "1" << false;
        QTest::addRow("alter column type postgresql")
            << "postgresql" << Files{{"V1__base.sql", base}, {"V2__type.sql", "ALTER TABLE child ALTER COLUMN note TYPE varchar(200);"}}
            << "1" << false;
    }
    void generatedUndo()
    {
        QFETCH(QString, engine);
        QFETCH(Files, files);
        QFETCH(QString, keepVersion);
        QFETCH(bool, destructive);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        test::writeFiles(dir.path(), files);
        auto session = test::openSession(db.url());
        Migrator migrator(*session, test::readFolder(dir.path()));
        QVERIFY(migrator.up(Version::parse(keepVersion)).ok());
        auto expected = Introspector::read(*session);
        QVERIFY(expected.ok());
        RunResult up = migrator.up();
        QVERIFY2(up.ok(), qPrintable(test::errorText(up.error)));

        const DownTarget plain{Version::parse(keepVersion), std::nullopt};
        RunResult refused = migrator.down(plain);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error->message.contains("--generate-missing"), qPrintable(refused.error->message));

        DownTarget generate = plain;
        generate.generateMissing = true;
        auto plan = migrator.planDown(generate);
        if (destructive) {
            QVERIFY(!plan.ok());
            QVERIFY2(plan.error().message.contains("--allow-data-loss"), qPrintable(plan.error().message));
            QVERIFY(!migrator.down(generate).ok());
            generate.allowDataLoss = true;
            plan = migrator.planDown(generate);
        }
        QVERIFY2(plan.ok(), qPrintable(plan.error().toString()));
        QVERIFY(plan->steps.first().generated);
        QVERIFY(!plan->steps.first().statements.isEmpty());

        // The preview is a trial that leaves everything as it was.
        const QByteArray fingerprintBefore = fingerprint(*session);
        const TrialResult trial = DryRun::trial(migrator, *plan);
        QVERIFY2(trial.ok(), qPrintable(test::errorText(trial.error)));
        QCOMPARE(fingerprint(*session), fingerprintBefore);

        RunResult down = migrator.down(generate);
        QVERIFY2(down.ok(), qPrintable(test::errorText(down.error)));
        QCOMPARE(test::currentVersion(migrator), keepVersion);
        auto after = Introspector::read(*session);
        QVERIFY(after.ok());
        QCOMPARE(QString::fromUtf8(SchemaJson::write(*after)), QString::fromUtf8(SchemaJson::write(*expected)));
        // And forward again.
        QVERIFY(migrator.up().ok());
    }

    void cliDryRunJson()
    {
        STRATA_SCRATCH(db, Engine::Sqlite);
        QProcess p;
        p.start(qEnvironmentVariable("STRATA_CLI"), {"--db", db.url(), "--migrations", test::demoFolder(), "--json", "dry-run", "--to", "2"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject doc = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(doc["direction"].toString(), QStringLiteral("up"));
        QCOMPARE(doc["rolled_back"].toBool(), true);
        QVERIFY(doc["schema_changes"].toArray().size() >= 3);
        const QJsonObject statement = doc["steps"].toArray().at(0).toObject()["statements"].toArray().at(0).toObject();
        for (const char *key : {"file", "line", "sql", "ms", "rows", "error"})
            QVERIFY2(statement.contains(QLatin1String(key)), key);
        QCOMPARE(doc["steps"].toArray().at(0).toObject()["version"].toString(), QStringLiteral("1"));
        auto session = test::openSession(db.url());
        QCOMPARE(test::tableNames(*session), QStringList()); // nothing left behind
    }
};

QTEST_GUILESS_MAIN(TestDryRun)
#include "tst_dryrun.moc"
