// The transfer wizard building its target from the migrations folder (issue 15, item 5): the
// box and the folder on the target page, the readiness of every version on the target server
// before anything is written (Next closed, with the reason, while a version fails), the plan's
// misfits, and the finish: the PostgreSQL database opened as a workspace with the same folder,
// at the SQLite database's version with the move on the timeline. Real widgets (mouse and
// keys), real SQLite files and the real PostgreSQL of pg_virtualenv. STRATA_SCREENSHOT_DIR=dir
// saves the new pages as PNGs.

#include "WizardDriving.h"
#include "connection/FolderField.h"
#include "timeline/TimelineModel.h"
#include "transfer/TransferReadinessPage.h"
#include "workspace/MainWindow.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceController.h"

#include <QCheckBox>
#include <QDir>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTreeWidget>

using namespace strata;
using namespace strata::wizarddriving;

namespace {

// The server of pg_virtualenv over TCP, with its password.
ConnectionSpec server(const test::ScratchDatabase &pg)
{
    ConnectionSpec spec = tcp(pg.spec());
    spec.password = qEnvironmentVariable("PGPASSWORD");
    return spec;
}

// Three versions; the second in SQLite's dialect only (INSERT OR IGNORE).
QString oneFailingFolder(const QTemporaryDir &dir)
{
    const QString folder = dir.filePath(QStringLiteral("one-failing"));
    QDir().mkpath(folder);
    test::writeFiles(
        folder,
        {{QStringLiteral("V1__Create_items.sql"),
          "CREATE TABLE items (id integer PRIMARY KEY, name varchar(40) NOT NULL);\n"},
         {QStringLiteral("U1__Create_items.sql"), "DROP TABLE items;\n"},
         {QStringLiteral("V2__Seed_items.sql"),
          "-- a seed row, SQLite's way\nINSERT OR IGNORE INTO items (id, name) VALUES (1, 'a');\n"},
         {QStringLiteral("U2__Seed_items.sql"), "DELETE FROM items WHERE id = 1;\n"},
         {QStringLiteral("V3__Add_price.sql"),
          "ALTER TABLE items ADD COLUMN price numeric(8,2);\n"},
         {QStringLiteral("U3__Add_price.sql"), "ALTER TABLE items DROP COLUMN price;\n"}});
    return folder;
}

QString repoFolder(const char *relative)
{
    return QDir(qEnvironmentVariable("STRATA_SOURCE_DIR")).filePath(QString::fromUtf8(relative));
}

// Source typed, target typed and tested, the box ticked by a click and the folder typed: Next
// goes to the readiness page.
void driveToReadiness(TransferWizard &wizard, const QString &source, const ConnectionSpec &target,
                      const QString &folder)
{
    wizard.show();
    wizard.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&wizard));
    type(wizard.sourcePage()->path, source);
    clickNext(wizard);
    wizard::TargetPage *page = wizard.targetPage();
    type(page->url, SessionCredentials::withoutPassword(target).displayUrl());
    type(page->password, target.password);
    QTest::keyClick(page->password, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(page->isConnected(), 15000);
    QVERIFY(!page->migrationsFolder->isEnabled());
    click(page->fromMigrations);
    QVERIFY(page->fromMigrations->isChecked());
    QVERIFY(page->migrationsFolder->isEnabled());
    QVERIFY(!page->dropExisting->isEnabled()); // built from the folder: an empty schema
    type(page->migrationsFolder->lineEdit(), folder);
    QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    shoot(&wizard, QStringLiteral("transfer-target-from-migrations"));
    clickNext(wizard);
    QCOMPARE(wizard.currentId(), int(TransferWizard::ReadinessPageId));
}

// The versions whose up script the list shows as failing (its colour and word: "fails").
QStringList failingRows(const QTreeWidget *tree)
{
    QStringList out;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = tree->topLevelItem(i);
        if (item->data(0, Qt::UserRole).toInt() == int(Readiness::Fails)) {
            if (item->text(2) != QLatin1String("fails"))
                qWarning("version %s: %s", qPrintable(item->text(0)), qPrintable(item->text(2)));
            else
                out << item->text(0);
        }
    }
    return out;
}

QString canonical(const QString &path)
{
    return QFileInfo(path).canonicalFilePath();
}

} // namespace

class TestTransferWizardMigrations : public QObject {
    Q_OBJECT

public:
    static void initMain()
    {
        qputenv("XDG_DATA_HOME", home()->filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CONFIG_HOME", home()->filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_DEMO_MIGRATIONS", test::demoFolder().toUtf8());
    }

private slots:
    void init()
    {
        QSettings().clear();
        SessionCredentials::instance().clear();
    }
    void cleanup() { SessionCredentials::instance().clear(); }

    void readinessPerVersion_data();
    void readinessPerVersion();
    void cancelTheCheck();
    void misfitsCloseStart();
    void buildFromMigrationsThenOpenAsWorkspace();
};

// Each folder's verdicts per version, before anything is written; Next closed, with the
// versions named, exactly while an up script fails.
void TestTransferWizardMigrations::readinessPerVersion_data()
{
    QTest::addColumn<QString>("folder"); // empty: the one-failing folder made by the test
    QTest::addColumn<QStringList>("failing");
    QTest::addColumn<int>("versions");
    QTest::newRow("one failing version") << QString() << QStringList{QStringLiteral("2")} << 3;
    QTest::newRow("SQLite dialect fixture")
        << repoFolder("tests/fixtures/sqlite_dialect")
        << QStringList{"1", "3", "4", "7", "8", "9", "11", "13"} << 13;
    QTest::newRow("demo runs as is") << test::demoFolder() << QStringList{} << -1;
}

void TestTransferWizardMigrations::readinessPerVersion()
{
    QFETCH(QString, folder);
    QFETCH(QStringList, failing);
    QFETCH(int, versions);
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    if (folder.isEmpty())
        folder = oneFailingFolder(dir);
    TransferWizard wizard;
    driveToReadiness(wizard, smallSource(dir), server(pg), folder);
    if (QTest::currentTestFailed())
        return;
    wizard::ReadinessPage *page = wizard.readinessPage();
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled()); // while it runs
    QTRY_VERIFY_WITH_TIMEOUT(page->isChecked(), 120000);
    const ReadinessResult *result = page->result();
    QVERIFY(result);
    QVERIFY2(!result->error, qPrintable(result->error ? result->error->toString() : QString()));
    if (versions > 0)
        QCOMPARE(page->versions->topLevelItemCount(), versions);
    QCOMPARE(failingRows(page->versions), failing);
    // A failing version says where and what PostgreSQL answered, under its row.
    for (const QString &version : failing) {
        const auto found = page->versions->findItems(version, Qt::MatchExactly, 0);
        QCOMPARE(found.size(), 1);
        QTreeWidgetItem *item = found.first();
        QVERIFY(item->isExpanded());
        QStringList lines;
        for (int c = 0; c < item->childCount(); ++c)
            lines << item->child(c)->text(0);
        const QString details = lines.join(u'\n');
        QVERIFY2(details.contains(
                     QRegularExpression(QStringLiteral("V%1__\\w+\\.sql:\\d+").arg(version))),
                 qPrintable(details));
        QVERIFY2(details.contains(QLatin1String("syntax error")) ||
                     details.contains(QLatin1String("ERROR")) ||
                     details.contains(QLatin1String("does not exist")) ||
                     details.contains(QLatin1String("null value")) ||
                     details.contains(QLatin1String("violates")),
                 qPrintable(details));
    }
    const bool open = failing.isEmpty();
    QCOMPARE(wizard.button(QWizard::NextButton)->isEnabled(), open);
    QCOMPARE(page->refusal().isEmpty(), open);
    if (!open) {
        QVERIFY(page->banner->isVisible());
        const QString reason = plainBody(page->banner);
        QVERIFY2(reason.contains(failing.join(QStringLiteral(", "))), qPrintable(reason));
        QVERIFY2(reason.contains(QLatin1String("fail")), qPrintable(reason));
    }
    shoot(&wizard, QStringLiteral("transfer-readiness-%1")
                       .arg(QString::fromUtf8(QTest::currentDataTag()).replace(u' ', u'-')));
    // Nothing of the check is left on the server.
    auto admin = test::openSession(pg.url());
    auto left = admin->scalar(
        QStringLiteral("SELECT count(*) FROM pg_database WHERE datname LIKE 'strata_check_%'"));
    QVERIFY(left);
    QCOMPARE(left->toInt(), 0);
}

// Cancel during the check: it stops, Next stays closed with the reason, Check Again is offered,
// and no throwaway database is left on the server.
void TestTransferWizardMigrations::cancelTheCheck()
{
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    TransferWizard wizard;
    driveToReadiness(wizard, smallSource(dir), server(pg),
                     repoFolder("tests/fixtures/sqlite_dialect"));
    if (QTest::currentTestFailed())
        return;
    wizard::ReadinessPage *page = wizard.readinessPage();
    QVERIFY(page->cancel->isEnabled());
    QVERIFY(!page->again->isEnabled());
    click(page->cancel);
    QVERIFY(!page->cancel->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(page->again->isEnabled(), 60000);
    QVERIFY(!wizard.isWorking());
    // However far it got: a cancelled check opens nothing.
    QVERIFY2(!page->refusal().isEmpty() || (page->result() && !page->result()->error),
             qPrintable(page->refusal()));
    if (page->result() && page->result()->error) {
        QCOMPARE(page->result()->error->kind, Error::Kind::Cancelled);
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    }
    auto admin = test::openSession(pg.url());
    auto left = admin->scalar(
        QStringLiteral("SELECT count(*) FROM pg_database WHERE datname LIKE 'strata_check_%'"));
    QVERIFY(left);
    QCOMPARE(left->toInt(), 0);
    // Check Again runs it to the end.
    click(page->again);
    QTRY_VERIFY_WITH_TIMEOUT(page->isChecked(), 120000);
    QVERIFY(!page->result()->error);
    QCOMPARE(failingRows(page->versions).size(), 8);
}

// Values the folder's types refuse: the plan names the column, Start stays closed.
void TestTransferWizardMigrations::misfitsCloseStart()
{
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("m"));
    QDir().mkpath(folder);
    test::writeFiles(folder, {{QStringLiteral("V1__Shop.sql"),
                               "CREATE TABLE customers (id integer PRIMARY KEY, email "
                               "varchar(10) NOT NULL);\n"}});
    const QString source = dir.filePath(QStringLiteral("shop.db"));
    {
        auto session = test::openSession(QStringLiteral("sqlite://") + source);
        Migrator migrator(*session, test::readFolder(folder));
        QVERIFY(migrator.up().ok());
        QVERIFY(session->exec(QStringLiteral("INSERT INTO customers VALUES (1, 'a@b.c'), "
                                             "(2, 'far-too-long@example.com')")));
    }
    TransferWizard wizard;
    driveToReadiness(wizard, source, server(pg), folder);
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(wizard.readinessPage()->isChecked(), 60000);
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    clickNext(wizard);
    QCOMPARE(wizard.currentId(), int(TransferWizard::PreviewPageId));
    wizard::PreviewPage *preview = wizard.previewPage();
    QTRY_VERIFY_WITH_TIMEOUT(preview->isPlanned(), 60000);
    QVERIFY(preview->misfits->isVisible());
    QCOMPARE(preview->misfits->topLevelItemCount(), 1);
    QCOMPARE(preview->misfits->topLevelItem(0)->text(1), QStringLiteral("customers.email"));
    QVERIFY2(preview->misfits->topLevelItem(0)->text(4).contains(QLatin1String("rowid 2")),
             qPrintable(preview->misfits->topLevelItem(0)->text(4)));
    QVERIFY(!wizard.button(QWizard::CommitButton)->isEnabled());
    QVERIFY2(preview->refusal().contains(QLatin1String("1 column whose values do not fit")),
             qPrintable(preview->refusal()));
    shoot(&wizard, QStringLiteral("transfer-migrations-misfits"));
    // The plan touched nothing.
    auto target = test::openSession(pg.url());
    QCOMPARE(test::tableNames(*target), QStringList{});
}

// The demo at version 10 on SQLite, moved into a schema built from the same folder through the
// main window's wizard, then opened as a workspace: PostgreSQL at 10, the move on the timeline.
void TestTransferWizardMigrations::buildFromMigrationsThenOpenAsWorkspace()
{
    STRATA_SCRATCH(pg, Engine::Postgres);
    QTemporaryDir dir;
    const QString source = dir.filePath(QStringLiteral("demo.sqlite"));
    {
        auto session = test::openSession(QStringLiteral("sqlite://") + source);
        Migrator migrator(*session, test::readFolder(test::demoFolder()));
        QVERIFY(migrator.up(Version::parse(QStringLiteral("10"))).ok());
    }
    MainWindow window;
    window.setRememberWorkspace(false);
    EmptyKeychain keychain;
    window.setPasswordStore(&keychain);
    window.show();
    WorkspaceConfig config;
    config.spec.engine = Engine::Sqlite;
    config.spec.path = source;
    config.migrationsDir = test::demoFolder();
    window.openWorkspace(config);
    QTRY_COMPARE_WITH_TIMEOUT(window.timelineModel()->currentRow(),
                              window.timelineModel()->rowOfVersion(QStringLiteral("10")), 15000);

    window.transferAction()->trigger();
    TransferWizard *wizard = window.transferWizard();
    QVERIFY(wizard);
    QCOMPARE(wizard->sourcePath(), source); // the open workspace, nothing remembered before
    QCOMPARE(canonical(wizard->migrationsFolder()), canonical(test::demoFolder()));
    QVERIFY(!wizard->buildsFromMigrations()); // offered, the box is the user's
    clickNext(*wizard);
    wizard::TargetPage *page = wizard->targetPage();
    const ConnectionSpec target = server(pg);
    type(page->url, SessionCredentials::withoutPassword(target).displayUrl());
    type(page->password, target.password);
    QTest::keyClick(page->password, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(page->isConnected(), 15000);
    click(page->fromMigrations);
    QVERIFY(wizard->buildsFromMigrations());
    clickNext(*wizard);
    QCOMPARE(wizard->currentId(), int(TransferWizard::ReadinessPageId));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->readinessPage()->isChecked(), 120000);
    QVERIFY2(wizard->readinessPage()->refusal().isEmpty(),
             qPrintable(wizard->readinessPage()->refusal()));
    clickNext(*wizard);
    QCOMPARE(wizard->currentId(), int(TransferWizard::PreviewPageId));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::CommitButton)->isEnabled(), 60000);
    QCOMPARE(wizard->plan()->builtVersion, QStringLiteral("10"));
    QVERIFY(!wizard->previewPage()->misfits->isVisible());
    shoot(wizard, QStringLiteral("transfer-migrations-plan"));
    clickNext(*wizard); // Start Transfer
    QCOMPARE(wizard->currentId(), int(TransferWizard::RunPageId));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->runPage()->isDone(), 120000);
    QVERIFY2(wizard->result()->ok(), qPrintable(test::errorText(wizard->result()->error)));
    QVERIFY(wizard->result()->moveRecorded);
    clickNext(*wizard);
    QCOMPARE(wizard->currentId(), int(TransferWizard::ResultPageId));
    QVERIFY(wizard->button(QWizard::FinishButton)->isVisible()); // the last page
    QVERIFY(!wizard->button(QWizard::NextButton)->isVisible());
    QPushButton *open = wizard->resultPage()->openWorkspace;
    QVERIFY(open->isVisible());
    QVERIFY(open->isEnabled());
    shoot(wizard, QStringLiteral("transfer-migrations-result"));
    click(open);

    // The PostgreSQL database, with the same folder, at 10; the move on version 10.
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->config().spec.engine, Engine::Postgres, 5000);
    QCOMPARE(canonical(window.controller()->config().migrationsDir), canonical(test::demoFolder()));
    TimelineModel *model = window.timelineModel();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && model->currentRow() >= 0, 15000);
    QCOMPARE(model->currentRow(), model->rowOfVersion(QStringLiteral("10")));
    const QModelIndex ten = model->index(model->rowOfVersion(QStringLiteral("10")), 0);
    QCOMPARE(MigrationState(ten.data(TimelineModel::StateRole).toInt()), MigrationState::Applied);
    const QString moved = ten.data(TimelineModel::MoveRole).toString();
    QVERIFY2(moved.startsWith(QLatin1String("moved from SQLite")), qPrintable(moved));
    for (int row = 0; row < model->rowCount(); ++row)
        if (row != ten.row())
            QVERIFY(model->index(row, 0).data(TimelineModel::MoveRole).toString().isEmpty());
    QVERIFY(!wizard->isVisible());
    shoot(&window, QStringLiteral("workspace-after-move"));
}

QTEST_MAIN(TestTransferWizardMigrations)
#include "tst_transferwizardmigrations.moc"
