// The transfer wizard's failure paths as a DBA meets them (issue 17): a Start that cannot
// connect says what failed with the driver's words, Back is open again to fix the settings, and
// the verification page states what really ran. Real widgets, real SQLite files and the real
// PostgreSQL of pg_virtualenv (a database refusing connections between the test and Start).

#include "WizardDriving.h"
#include "common/Banner.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTreeWidget>

using namespace strata;
using namespace strata::wizarddriving;

class TestTransferWizardFailures : public QObject {
    Q_OBJECT

public:
    static void initMain()
    {
        qputenv("XDG_CONFIG_HOME", home()->filePath(QStringLiteral("config")).toUtf8());
    }

private slots:
    void init() { SessionCredentials::instance().clear(); }
    void failedStartSaysWhy();
    void backIsOpenAfterAFailure();
    void verificationSaysWhatRan();
};

// Start against a server that refuses: what failed and the driver's own words, on the page.
void TestTransferWizardFailures::failedStartSaysWhy()
{
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    ConnectionSpec target = tcp(pg.spec());
    target.password = qEnvironmentVariable("PGPASSWORD");
    TransferWizard wizard;
    driveToStart(wizard, smallSource(dir), target);
    if (QTest::currentTestFailed())
        return;
    auto admin = test::openSession(QStringLiteral("postgresql://"));
    QVERIFY(admin->exec(QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS false").arg(pg.name()))
                .ok());
    QSignalSpy finished(&wizard, &TransferWizard::transferFinished);
    clickNext(wizard); // Start Transfer
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 30000);
    QVERIFY(admin->exec(QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS true").arg(pg.name()))
                .ok());
    QVERIFY(!wizard.result()->ok());

    wizard::RunPage *run = wizard.runPage();
    const QString figures = run->figures->text();
    QVERIFY2(figures.contains(QLatin1String("cannot connect to postgresql://")),
             qPrintable(figures));
    QVERIFY2(figures.contains(QLatin1String("not currently accepting connections")),
             qPrintable(figures));
    QVERIFY(run->problem->isVisible());
    const QString banner = plainBody(run->problem);
    QVERIFY2(banner.contains(QLatin1String("The transfer stopped: cannot connect")),
             qPrintable(banner));
    QVERIFY2(banner.contains(QLatin1String("not currently accepting connections")),
             qPrintable(banner));
    QVERIFY2(!banner.contains(target.password), "no password on the page");
    for (int i = 0; i < run->tables->topLevelItemCount(); ++i) // never reached, not "waiting"
        QCOMPARE(run->tables->topLevelItem(i)->text(4), QStringLiteral("not run"));
    shoot(&wizard, QStringLiteral("transfer-run-failed"));
}

// After a failure Back is open: back to the target page, fix, test, and the transfer runs.
void TestTransferWizardFailures::backIsOpenAfterAFailure()
{
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    ConnectionSpec target = tcp(pg.spec());
    target.password = qEnvironmentVariable("PGPASSWORD");
    TransferWizard wizard;
    driveToStart(wizard, smallSource(dir), target);
    if (QTest::currentTestFailed())
        return;
    QSignalSpy finished(&wizard, &TransferWizard::transferFinished);
    // The settings are wrong at Start: the password changed since the test (typed anew here).
    wizard::TargetPage *page = wizard.targetPage();
    auto admin = test::openSession(QStringLiteral("postgresql://"));
    QVERIFY(admin->exec(QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS false").arg(pg.name()))
                .ok());
    clickNext(wizard);
    QVERIFY(!wizard.button(QWizard::BackButton)->isEnabled()); // not while it runs
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 30000);
    QVERIFY(!wizard.result()->ok());
    QVERIFY(admin->exec(QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS true").arg(pg.name()))
                .ok());

    QVERIFY(wizard.button(QWizard::BackButton)->isEnabled());
    click(wizard.button(QWizard::BackButton));
    QCOMPARE(wizard.currentId(), int(TransferWizard::PreviewPageId));
    QCOMPARE(wizard.button(QWizard::CommitButton)->isVisible(), true); // Start again is a commit
    click(wizard.button(QWizard::BackButton));
    QCOMPARE(wizard.currentId(), int(TransferWizard::MappingPageId));
    click(wizard.button(QWizard::BackButton));
    QCOMPARE(wizard.currentId(), int(TransferWizard::TargetPageId));
    // Fix the settings: test again (the server accepts connections now), then on to Start.
    QTest::keyClick(page->password, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(page->isConnected(), 15000);
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(wizard.mappingPage()->isPlanned(), 30000);
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::CommitButton)->isEnabled(), 30000);
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 60000);
    QVERIFY2(wizard.result()->ok(), qPrintable(test::errorText(wizard.result()->error)));
    QVERIFY(!wizard.button(QWizard::BackButton)->isEnabled()); // loaded: no way back
    auto session = test::openSession(pg.url());
    QCOMPARE(test::rowCount(*session, QStringLiteral("invoiceline")), 100);
}

// The verification page states what ran: nothing after a failed start, all N after a run.
void TestTransferWizardFailures::verificationSaysWhatRan()
{
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    ConnectionSpec target = tcp(pg.spec());
    target.password = qEnvironmentVariable("PGPASSWORD");
    TransferWizard wizard;
    driveToStart(wizard, smallSource(dir), target);
    if (QTest::currentTestFailed())
        return;
    auto admin = test::openSession(QStringLiteral("postgresql://"));
    QVERIFY(admin->exec(QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS false").arg(pg.name()))
                .ok());
    QSignalSpy finished(&wizard, &TransferWizard::transferFinished);
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 30000);
    QVERIFY(admin->exec(QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS true").arg(pg.name()))
                .ok());
    clickNext(wizard);
    QCOMPARE(wizard.currentId(), int(TransferWizard::ResultPageId));
    wizard::ResultPage *result = wizard.resultPage();
    const QString subTitle = result->subTitle();
    QVERIFY2(subTitle.startsWith(QLatin1String("Nothing was transferred")), qPrintable(subTitle));
    QVERIFY2(subTitle.contains(QLatin1String("2 tables")), qPrintable(subTitle));
    QVERIFY2(!subTitle.contains(QLatin1String("Every table")), qPrintable(subTitle));
    QVERIFY2(result->banner->title().startsWith(QLatin1String("Nothing was transferred")),
             qPrintable(result->banner->title()));
    QVERIFY2(result->banner->body().contains(QLatin1String("not currently accepting")),
             qPrintable(result->banner->body()));
    QCOMPARE(result->verification->rowCount(), 0);
    const QString manual = result->manualWork->topLevelItem(0)->text(2);
    QVERIFY2(!manual.contains(QLatin1String("carried over")), qPrintable(manual));
    shoot(&wizard, QStringLiteral("transfer-verified-nothing"));

    // A run that works: every table counted, and the page says how many.
    TransferWizard second;
    driveToStart(second, dir.filePath(QStringLiteral("shop.sqlite")), target);
    if (QTest::currentTestFailed())
        return;
    QSignalSpy done(&second, &TransferWizard::transferFinished);
    clickNext(second);
    QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 60000);
    QVERIFY2(second.result()->ok(), qPrintable(test::errorText(second.result()->error)));
    clickNext(second);
    QCOMPARE(second.resultPage()->subTitle(),
             QStringLiteral("All 2 tables were counted and checksummed on both sides."));
    QCOMPARE(second.resultPage()->banner->title(), QStringLiteral("All 2 tables verified"));
    QCOMPARE(second.resultPage()->verification->rowCount(), 2);
}

QTEST_MAIN(TestTransferWizardFailures)
#include "tst_transferwizardfailures.moc"
