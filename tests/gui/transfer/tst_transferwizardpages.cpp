// The transfer wizard as a DBA meets it, one test per finding of issue 17: the target is tested
// on its page (the server's reason shown in place), the SQLite file is remembered, the open
// workspace is offered and never a silent default, the Reason column is readable at the default
// size, and names' case / NOCASE columns can be chosen (the failure paths:
// tst_transferwizardfailures). Real widgets (mouse and keys), real SQLite files and the real
// PostgreSQL of pg_virtualenv. STRATA_SCREENSHOT_DIR=dir saves each page it reaches as a PNG.

#include "WizardDriving.h"
#include "common/Banner.h"
#include "common/SqlEditor.h"
#include "connection/PasswordStore.h"
#include "connection/SessionCredentials.h"
#include "transfer/TransferWizard.h"
#include "transfer/TransferWizardPages.h"
#include "transfer/TypeMappingModel.h"
#include "workspace/MainWindow.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceController.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using namespace strata;
using namespace strata::wizarddriving;

class TestTransferWizardPages : public QObject {
    Q_OBJECT

public:
    static void initMain()
    {
        qputenv("XDG_DATA_HOME", home()->filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CONFIG_HOME", home()->filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_DEMO_MIGRATIONS", test::demoFolder().toUtf8());
    }

private slots:
    void init();
    void cleanup();

    void targetIsTestedOnItsPage();
    void sourceFileIsRemembered();
    void openWorkspaceIsOfferedNotDefaulted();
    void reasonColumnIsVisible();
    void namesCaseAndNocaseOptions_data();
    void namesCaseAndNocaseOptions();
    void badTextPolicy_data();
    void badTextPolicy();
};

void TestTransferWizardPages::init()
{
    QSettings().clear();
    SessionCredentials::instance().clear();
}

void TestTransferWizardPages::cleanup()
{
    SessionCredentials::instance().clear();
}

// A wrong password: the server's reason on the page, Next closed; the right one opens it.
void TestTransferWizardPages::targetIsTestedOnItsPage()
{
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    const QString source = smallSource(dir);
    TransferWizard wizard;
    wizard.show();
    type(wizard.sourcePage()->path, source);
    clickNext(wizard);
    wizard::TargetPage *page = wizard.targetPage();
    QVERIFY(page->url->text().isEmpty()); // nothing chosen for the user
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());

    const ConnectionSpec target = tcp(pg.spec());
    type(page->url, target.displayUrl());
    type(page->password, QStringLiteral("definitely-wrong"));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled()); // typed, not tested
    QSignalSpy tested(page, &wizard::TargetPage::tested);
    click(page->test);
    QVERIFY(page->isTesting());
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    QVERIFY(tested.wait(15000));
    QCOMPARE(tested.first().at(0).toBool(), false);
    const QString reason = plainBody(page->status);
    QVERIFY2(page->status->isVisible(), "the reason is shown on the page");
    QVERIFY2(reason.contains(QLatin1String("Cannot connect to postgresql://")), qPrintable(reason));
    QVERIFY2(reason.contains(QLatin1String("password authentication failed")), qPrintable(reason));
    QVERIFY2(!reason.contains(QLatin1String("definitely-wrong")), qPrintable(reason));
    QVERIFY(!page->isConnected());
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    shoot(&wizard, QStringLiteral("transfer-target-wrong-password"));

    // The right password, Enter: tested again, and Next opens.
    type(page->password, qEnvironmentVariable("PGPASSWORD"));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    QTest::keyClick(page->password, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(page->isConnected(), 15000);
    QVERIFY2(page->status->title().startsWith(QLatin1String("Connected: PostgreSQL")),
             qPrintable(page->status->title()));
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    shoot(&wizard, QStringLiteral("transfer-target-connected"));

    // An edit after the test closes Next again until it is tested.
    QTest::keyClick(page->password, Qt::Key_X);
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
}

// The last SQLite file comes back at the next opening; the settings hold no password.
void TestTransferWizardPages::sourceFileIsRemembered()
{
    QTemporaryDir dir;
    const QString source = smallSource(dir);
    const QString secret = QStringLiteral("s3cret-never-on-disk");
    {
        TransferWizard wizard;
        wizard.show();
        QVERIFY(wizard.sourcePage()->path->text().isEmpty());
        type(wizard.sourcePage()->path, source);
        clickNext(wizard);
        type(wizard.targetPage()->url, QStringLiteral("postgresql://dba@127.0.0.1:1/shop"));
        type(wizard.targetPage()->password, secret);
    }
    TransferWizard again;
    again.show();
    QCOMPARE(again.sourcePage()->path->text(), QFileInfo(source).absoluteFilePath());
    QVERIFY(again.button(QWizard::NextButton)->isEnabled());
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains(QFileInfo(source).fileName().toUtf8()));
    QVERIFY(!text.contains(secret.toUtf8()));

    // A file that is gone is not offered.
    QFile::remove(source);
    TransferWizard gone;
    QVERIFY(gone.sourcePage()->path->text().isEmpty());
}

// Tools ▸ Transfer from a PostgreSQL workspace: the target is empty; a button names the open
// workspace and fills it in (then tests it) only when clicked.
void TestTransferWizardPages::openWorkspaceIsOfferedNotDefaulted()
{
    STRATA_SCRATCH(pg, Engine::Postgres);
    auto config = Workspace::fromArguments(pg.url(), test::demoFolder());
    QVERIFY(config.ok());
    EmptyKeychain keychain;
    MainWindow window;
    window.setPasswordStore(&keychain);
    window.setRememberWorkspace(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy opened(window.controller(), &WorkspaceController::sessionInfo);
    window.openWorkspace(*config);
    QTRY_VERIFY_WITH_TIMEOUT(opened.count() > 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy(), 20000);
    window.activateWindow(); // a shortcut reaches the active window (under a real X server)
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
    TransferWizard *wizard = window.transferWizard();
    QVERIFY(wizard && wizard->isVisible());
    wizard->setSourcePath(smallSource(*home()));
    clickNext(*wizard);
    wizard::TargetPage *page = wizard->targetPage();
    QVERIFY2(page->url->text().isEmpty(), qPrintable(page->url->text()));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY(page->suggestion->isVisible());
    QVERIFY2(page->suggestion->text().contains(QLatin1String("the open workspace")) &&
                 page->suggestion->text().contains(pg.spec().displayUrl()),
             qPrintable(page->suggestion->text()));
    shoot(wizard, QStringLiteral("transfer-target-suggested"));
    click(page->suggestion);
    QCOMPARE(page->url->text(), pg.spec().displayUrl());
    QTRY_VERIFY_WITH_TIMEOUT(page->isConnected(), 15000);
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    wizard->close();
}

// At the default size, on Chinook, the Reason column is on screen, wide, and shows its text.
void TestTransferWizardPages::reasonColumnIsVisible()
{
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    const QString chinook = dir.filePath(QStringLiteral("Chinook.sqlite"));
    QVERIFY(QFile::copy(qEnvironmentVariable("STRATA_FIXTURES") +
                            QStringLiteral("/chinook/Chinook_Sqlite.sqlite"),
                        chinook));
    ConnectionSpec target = tcp(pg.spec());
    target.password = qEnvironmentVariable("PGPASSWORD");
    TransferWizard wizard;
    QAbstractItemModelTester tester(wizard.mappingModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    wizard.show();
    type(wizard.sourcePage()->path, chinook);
    clickNext(wizard);
    type(wizard.targetPage()->url, target.displayUrl());
    type(wizard.targetPage()->password, target.password);
    QTest::keyClick(wizard.targetPage()->password, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(wizard.targetPage()->isConnected(), 15000);
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(wizard.mappingPage()->isPlanned(), 30000);
    QTest::qWait(50); // let the layout settle
    shoot(&wizard, QStringLiteral("transfer-mapping-default-size"));

    QTableView *view = wizard.mappingPage()->view;
    TypeMappingModel *model = wizard.mappingModel();
    const int reason = TypeMappingModel::ReasonColumn;
    QHeaderView *header = view->horizontalHeader();
    const int left = header->sectionViewportPosition(reason);
    const int width = header->sectionSize(reason);
    QVERIFY2(
        left >= 0 && left + width <= view->viewport()->width() + 1,
        qPrintable(
            QStringLiteral("%1+%2 in %3").arg(left).arg(width).arg(view->viewport()->width())));
    QVERIFY2(width >= view->viewport()->width() * 3 / 10, qPrintable(QString::number(width)));
    // The column names are whole (not elided).
    QHeaderView *h = header;
    const int nameWidth = h->sectionSize(TypeMappingModel::ColumnColumn);
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString name = model->index(row, TypeMappingModel::ColumnColumn).data().toString();
        QVERIFY2(view->fontMetrics().horizontalAdvance(name) + 8 <= nameWidth, qPrintable(name));
    }
    // Every visible row shows its whole reason: the wrapped text fits the cell.
    int checked = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, reason);
        const QRect cell = view->visualRect(index);
        if (!view->viewport()->rect().contains(cell))
            continue;
        const QRect needed = view->fontMetrics().boundingRect(
            QRect(0, 0, cell.width() - 8, 10000), Qt::TextWordWrap, index.data().toString());
        QVERIFY2(needed.height() <= cell.height(), qPrintable(QStringLiteral("row %1: %2 > %3: %4")
                                                                  .arg(row)
                                                                  .arg(needed.height())
                                                                  .arg(cell.height())
                                                                  .arg(index.data().toString())));
        ++checked;
    }
    QVERIFY(checked >= 5);
}

void TestTransferWizardPages::namesCaseAndNocaseOptions_data()
{
    QTest::addColumn<bool>("keepCase");
    QTest::addColumn<bool>("icu");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("ddlHas");
    QTest::newRow("folded, citext") << false << false << "invoiceline"
                                    << "citext";
    QTest::newRow("case kept, ICU") << true << true << "InvoiceLine"
                                    << "COLLATE";
}

// "Keep names' case" is the CLI's --keep-case; the NOCASE choice its --nocase.
void TestTransferWizardPages::namesCaseAndNocaseOptions()
{
    QFETCH(bool, keepCase);
    QFETCH(bool, icu);
    QFETCH(QString, table);
    QFETCH(QString, ddlHas);
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    const QString source = smallSource(dir);
    ConnectionSpec target = tcp(pg.spec());
    target.password = qEnvironmentVariable("PGPASSWORD");
    TransferWizard wizard;
    wizard.show();
    type(wizard.sourcePage()->path, source);
    clickNext(wizard);
    wizard::TargetPage *page = wizard.targetPage();
    QVERIFY(!page->keepCase->isChecked());
    QCOMPARE(page->nocase->currentData().toString(), QStringLiteral("citext"));
    if (keepCase)
        click(page->keepCase);
    QCOMPARE(page->keepCase->isChecked(), keepCase);
    if (icu) {
        page->nocase->setFocus();
        QTest::keyClick(page->nocase, Qt::Key_Down);
    }
    QCOMPARE(wizard.options().foldLowerCase, !keepCase);
    QCOMPARE(wizard.options().nocase, icu ? QStringLiteral("icu") : QStringLiteral("citext"));
    type(page->url, target.displayUrl());
    type(page->password, target.password);
    QTest::keyClick(page->password, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(page->isConnected(), 15000);
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(wizard.mappingPage()->isPlanned(), 30000);
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::CommitButton)->isEnabled(), 30000);
    const QString ddl = wizard.previewPage()->ddl->text();
    QVERIFY2(ddl.contains(ddlHas), qPrintable(ddl.left(800)));
    QVERIFY2(
        ddl.contains(keepCase ? QStringLiteral("\"InvoiceLine\"") : QStringLiteral("invoiceline")),
        qPrintable(ddl.left(800)));
    QSignalSpy done(&wizard, &TransferWizard::transferFinished);
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 60000);
    QVERIFY2(wizard.result()->ok(), qPrintable(test::errorText(wizard.result()->error)));
    auto session = test::openSession(pg.url());
    QVERIFY2(test::tableNames(*session).contains(table),
             qPrintable(test::tableNames(*session).join(u',')));
}

void TestTransferWizardPages::badTextPolicy_data()
{
    QTest::addColumn<int>("downPresses"); // keys on the combo box, as a user picks
    QTest::addColumn<bool>("loads");
    QTest::addColumn<QString>("columnType");
    QTest::newRow("stop (default)") << 0 << false << "";
    QTest::newRow("replace") << 1 << true << "text";
    QTest::newRow("bytea") << 2 << true << "bytea";
}

// The CLI's --bad-text, on the target page: text that is not UTF-8 stops the transfer with the
// column named, or is replaced, or loads as bytea.
void TestTransferWizardPages::badTextPolicy()
{
    QFETCH(int, downPresses);
    QFETCH(bool, loads);
    QFETCH(QString, columnType);
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    const QString source = dir.filePath(QStringLiteral("latin1.sqlite"));
    {
        auto session = test::openSession(QStringLiteral("sqlite://") + source);
        QVERIFY(
            session->exec(QStringLiteral("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")));
        QVERIFY(session->exec(QStringLiteral(
            "INSERT INTO note VALUES (1, 'fine'), (2, CAST(x'436166e9' AS TEXT))"))); // 'Café' in
                                                                                      // Latin-1
    }
    ConnectionSpec target = tcp(pg.spec());
    target.password = qEnvironmentVariable("PGPASSWORD");
    TransferWizard wizard;
    wizard.show();
    type(wizard.sourcePage()->path, source);
    clickNext(wizard);
    wizard::TargetPage *page = wizard.targetPage();
    QCOMPARE(page->badText->currentIndex(), 0);
    page->badText->setFocus();
    for (int i = 0; i < downPresses; ++i)
        QTest::keyClick(page->badText, Qt::Key_Down);
    QCOMPARE(int(wizard.options().badText), downPresses);
    type(page->url, target.displayUrl());
    type(page->password, target.password);
    QTest::keyClick(page->password, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(page->isConnected(), 15000);
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(wizard.mappingPage()->isPlanned(), 30000);
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::CommitButton)->isEnabled(), 30000);
    QSignalSpy done(&wizard, &TransferWizard::transferFinished);
    clickNext(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 60000);
    auto session = test::openSession(pg.url());
    if (!loads) {
        QVERIFY(!wizard.result()->ok());
        const QString why = test::errorText(wizard.result()->error);
        QVERIFY2(why.contains(QStringLiteral("body")) && why.contains(QStringLiteral("UTF-8")),
                 qPrintable(why));
        QVERIFY(!test::tableNames(*session).contains(QStringLiteral("note"))); // nothing kept
        return;
    }
    QVERIFY2(wizard.result()->ok(), qPrintable(test::errorText(wizard.result()->error)));
    auto type = session->scalar(QStringLiteral(
        "SELECT data_type FROM information_schema.columns WHERE table_name = 'note' AND "
        "column_name = 'body'"));
    QVERIFY(type);
    QCOMPARE(type->toString(), columnType);
    auto value =
        session->scalar(columnType == QLatin1String("bytea")
                            ? QStringLiteral("SELECT encode(body, 'hex') FROM note WHERE id = 2")
                            : QStringLiteral("SELECT body FROM note WHERE id = 2"));
    QVERIFY(value);
    QCOMPARE(value->toString(), columnType == QLatin1String("bytea") ? QStringLiteral("436166e9")
                                                                     : QStringLiteral("Caf\uFFFD"));
}

QTEST_MAIN(TestTransferWizardPages)
#include "tst_transferwizardpages.moc"
