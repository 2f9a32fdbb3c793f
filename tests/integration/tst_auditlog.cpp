// The audit log on real databases: every up, down, failure, cancel, baseline and repair leaves an
// entry that survives the history's own rewrites, and nobody (Strata included) can change it.

#include "CliProcess.h"
#include "TestDatabases.h"
#include "migration/AuditLog.h"
#include "migration/DryRun.h"
#include "migration/Migrator.h"
#include "report/ReportWriters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace strata;

namespace {

using Files = QList<QPair<QString, QByteArray>>;

// "up 1 ok", "down 2 failed", ... in log order.
QStringList summary(DatabaseSession &session)
{
    AuditLog log(session);
    auto rows = log.read();
    if (!rows)
        return {rows.error().toString()};
    QStringList out;
    for (const AuditEntry &e : *rows)
        out << QStringLiteral("%1 %2 %3").arg(e.action, e.version, e.outcome);
    return out;
}

class CancelAt final : public Progress {
public:
    explicit CancelAt(int step) : m_step(step) {}
    void report(int done, int, const QString &) override { m_done = done; }
    bool cancelled() const override { return m_done >= m_step; }

private:
    int m_step;
    int m_done = 0;
};

} // namespace

class TestAuditLog : public QObject {
    Q_OBJECT

    void engines()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

private slots:
    void upAndDownAreRecorded_data() { engines(); }
    void upAndDownAreRecorded()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        auto session = test::openSession(db.url());
        Migrator migrator(*session, test::readFolder(test::demoFolder()));
        QVERIFY(migrator.up(Version::parse("3")).ok());
        const RunResult down = migrator.down({Version::parse("1"), std::nullopt});
        QVERIFY2(down.ok(), qPrintable(test::errorText(down.error)));
        QCOMPARE(summary(*session),
                 (QStringList{"up 1 ok", "up 2 ok", "up 3 ok", "down 3 ok", "down 2 ok"}));
        // The history forgot 2 and 3; the log did not, and says who and when.
        auto rows = migrator.audit().read();
        QVERIFY(rows);
        const AuditEntry &last = rows->last();
        QVERIFY(!last.actor.isEmpty());
        QVERIFY(last.at.isValid());
        QVERIFY(qAbs(last.at.secsTo(QDateTime::currentDateTimeUtc())) < 300);
        QCOMPARE(last.historyTable, QStringLiteral("strata_schema_history"));
        QVERIFY2(last.sentence().startsWith(QLatin1String("rolled back on ")),
                 qPrintable(last.sentence()));

        // The status carries each version's entries for the timeline.
        auto read = migrator.status();
        QVERIFY(read);
        StatusReport status = *read;
        attachAudit(status, *rows, migrator.history().name());
        // Reports show what the versions table cannot: the rollbacks, beside the applies.
        Report report = Report::begin(QStringLiteral("State"));
        report.timeline = status;
        const QByteArray markdown = reportMarkdown(report);
        QVERIFY2(markdown.contains("Audit log (besides 3 successful applies)"),
                 markdown.constData());
        QCOMPARE(markdown.count("| down | ok |"), 2);
        const QJsonObject timeline =
            QJsonDocument::fromJson(reportJson(report)).object()["timeline"].toObject();
        QCOMPARE(timeline["entries"].toArray()[1].toObject()["audit"].toArray().size(), 2);
        for (const VersionState &e : status.entries) {
            if (e.versionText == QLatin1String("2")) {
                QCOMPARE(e.audit.size(), 2);
                QCOMPARE(e.audit.last().action, QStringLiteral("down"));
            }
            if (e.versionText == QLatin1String("5"))
                QVERIFY(e.audit.isEmpty());
        }
    }

    void logIsAppendOnly_data() { engines(); }
    void logIsAppendOnly()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        auto session = test::openSession(db.url());
        Migrator migrator(*session, test::readFolder(test::demoFolder()));
        QVERIFY(migrator.up(Version::parse("1")).ok());
        const QStringList before = summary(*session);
        QCOMPARE(before.size(), 1);
        QStringList attempts = {
            QStringLiteral("UPDATE strata_audit_log SET outcome = 'failed'"),
            QStringLiteral("DELETE FROM strata_audit_log"),
        };
        if (engine == QLatin1String("postgresql"))
            attempts << QStringLiteral("TRUNCATE strata_audit_log");
        for (const QString &sql : attempts) {
            auto done = session->exec(sql);
            QVERIFY2(!done, qPrintable(sql));
            QVERIFY2(done.error().toString().contains(QLatin1String("append-only")),
                     qPrintable(done.error().toString()));
        }
        QCOMPARE(summary(*session), before);
    }

    void failureAndCancelAreRecorded_data() { engines(); }
    void failureAndCancelAreRecorded()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        test::writeFiles(dir.path(),
                         Files{{"V1__ok.sql", "CREATE TABLE a (id integer);\n"},
                               {"V2__ok.sql", "CREATE TABLE b (id integer);\n"},
                               {"V3__broken.sql", "INSERT INTO missing VALUES (1);\n"}});
        auto session = test::openSession(db.url());
        {
            Migrator migrator(*session, test::readFolder(dir.path()));
            // Noticed between the statements of the second step: that step is rolled back.
            CancelAt cancel(1);
            const RunResult run = migrator.up(std::nullopt, &cancel);
            QVERIFY(!run.ok());
            QCOMPARE(run.error->kind, Error::Kind::Cancelled);
        }
        QCOMPARE(summary(*session), (QStringList{"up 1 ok", "up 2 cancelled"}));
        Migrator migrator(*session, test::readFolder(dir.path()));
        const RunResult run = migrator.up();
        QVERIFY(!run.ok());
        QCOMPARE(summary(*session),
                 (QStringList{"up 1 ok", "up 2 cancelled", "up 2 ok", "up 3 failed"}));
        auto rows = migrator.audit().read();
        QVERIFY(rows->last().detail.contains(QLatin1String("V3__broken.sql")));
        QCOMPARE(test::currentVersion(migrator), QStringLiteral("2"));
    }

    void baselineAndRepairAreRecorded_data() { engines(); }
    void baselineAndRepairAreRecorded()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        QTemporaryDir dir;
        test::writeFiles(dir.path(), Files{{"V1__base.sql", "CREATE TABLE a (id integer);\n"},
                                           {"V2__next.sql", "CREATE TABLE b (id integer);\n"}});
        auto session = test::openSession(db.url());
        {
            Migrator migrator(*session, test::readFolder(dir.path()));
            QVERIFY(migrator.baseline(*Version::parse("1"), QStringLiteral("existing")).ok());
            QVERIFY(migrator.up().ok());
        }
        // Version 2's file changes after it ran; repair records the new checksum.
        test::writeFiles(dir.path(), Files{{"V2__next.sql", "CREATE TABLE b (id bigint);\n"}});
        Migrator migrator(*session, test::readFolder(dir.path()));
        auto repaired = migrator.repair(true);
        QVERIFY2(repaired, qPrintable(repaired ? QString() : repaired.error().toString()));
        QCOMPARE(repaired->size(), 1);
        QCOMPARE(summary(*session), (QStringList{"baseline 1 ok", "up 2 ok", "repair 2 ok"}));
    }

    // strata-cli audit: the same log, all of it or one version's, as text and JSON.
    void cliListsTheLog_data() { engines(); }
    void cliListsTheLog()
    {
        QFETCH(QString, engine);
        STRATA_SCRATCH(db, test::engineFromName(engine));
        const QStringList base{"--db", db.url(), "--migrations", test::demoFolder()};
        QCOMPARE(test::runCli(base + QStringList{"up", "--to", "3"}).exitCode, 0);
        QCOMPARE(test::runCli(base + QStringList{"down", "--steps", "1"}).exitCode, 0);
        const test::CliRun all = test::runCli(base + QStringList{"audit"});
        QVERIFY2(all.exitCode == 0, qPrintable(all.describe()));
        QCOMPARE(all.text().count(QStringLiteral("  up  ")), 3);
        QVERIFY2(all.text().contains(QStringLiteral("down      3")), qPrintable(all.describe()));
        const test::CliRun three =
            test::runCli(base + QStringList{"--json", "audit", "--version", "3"});
        QVERIFY2(three.exitCode == 0, qPrintable(three.describe()));
        const QJsonArray entries =
            QJsonDocument::fromJson(three.output).object().value("entries").toArray();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[0].toObject().value("action").toString(), QStringLiteral("up"));
        QCOMPARE(entries[1].toObject().value("action").toString(), QStringLiteral("down"));
        QCOMPARE(entries[1].toObject().value("outcome").toString(), QStringLiteral("ok"));
        const test::CliRun none = test::runCli(base + QStringList{"audit", "--version", "9"});
        QVERIFY2(none.text().contains(QStringLiteral("no entries for version 9")),
                 qPrintable(none.describe()));
    }

    void trialsLeaveNoEntries()
    {
        STRATA_SCRATCH(db, Engine::Sqlite);
        auto session = test::openSession(db.url());
        Migrator migrator(*session, test::readFolder(test::demoFolder()));
        QVERIFY(migrator.up(Version::parse("2")).ok());
        auto plan = migrator.planUp(Version::parse("5"));
        QVERIFY(plan);
        const TrialResult trial = DryRun::trial(migrator, *plan);
        QVERIFY(trial.ok());
        QCOMPARE(summary(*session), (QStringList{"up 1 ok", "up 2 ok"}));
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
