// The desktop app end to end (offscreen): the demo workspace opens seeded half-way, "Dry run to
// here" previews without changing the database, "Roll back to here" and "Migrate to here" run
// after their confirmation, a failing statement is shown where it is, and cancel stops a run.

#include "TestDatabases.h"
#include "common/Banner.h"
#include "common/SqlEditor.h"
#include "common/SqlView.h"
#include "connection/PasswordStore.h"
#include "dryrun/DryRunPanel.h"
#include "dryrun/SchemaChangeModel.h"
#include "dryrun/TrialModel.h"
#include "timeline/TimelineModel.h"
#include "timeline/TimelinePane.h"
#include "workspace/MainWindow.h"
#include "workspace/WorkspaceStatusBar.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QListView>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace strata;

namespace {

QTemporaryDir *home()
{
    static QTemporaryDir dir;
    return &dir;
}

// Table names, history rows and the rows of every table: what a dry run must leave alone.
QString fingerprint(const QString &dbPath)
{
    auto session = test::openSession(QStringLiteral("sqlite://") + dbPath);
    QStringList parts;
    for (const QString &table : test::tableNames(*session))
        parts << QStringLiteral("%1=%2").arg(table).arg(test::rowCount(*session, table));
    Migrator migrator(*session, test::readFolder(test::demoFolder()));
    parts << QStringLiteral("current=%1").arg(test::currentVersion(migrator));
    return parts.join(u' ');
}

QString currentVersionOf(const QString &dbPath, const QString &folder)
{
    auto session = test::openSession(QStringLiteral("sqlite://") + dbPath);
    Migrator migrator(*session, test::readFolder(folder));
    return test::currentVersion(migrator);
}

// A keychain that answers asynchronously from memory, or is unavailable.
class FakePasswordStore : public PasswordStore {
public:
    QHash<QString, QString> entries;
    bool available = true;

    void read(const QString &key, QObject *context, Callback done) override
    {
        QMetaObject::invokeMethod(
            context,
            [this, key, done] {
                if (!available)
                    return done({PasswordResult::Status::Unavailable, {}, {}});
                if (!entries.contains(key))
                    return done({PasswordResult::Status::NotFound, {}, {}});
                done({PasswordResult::Status::Ok, entries.value(key), {}});
            },
            Qt::QueuedConnection);
    }
};

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

public:
    // Before QApplication: the app's data and settings go to a scratch home.
    static void initMain()
    {
        qputenv("XDG_DATA_HOME", home()->filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CONFIG_HOME", home()->filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_DEMO_MIGRATIONS", test::demoFolder().toUtf8());
    }

private:
    std::unique_ptr<MainWindow> m_window;
    QString m_db;

    // A window on the demo workspace, waited for until the timeline shows it.
    void openDemo()
    {
        QFile::remove(Workspace::demoDatabasePath());
        auto demo = Workspace::demo();
        QVERIFY2(demo.ok(), qPrintable(demo.error().toString()));
        QCOMPARE(demo->seedTo, QStringLiteral("6"));
        m_db = demo->spec.path;
        m_window = std::make_unique<MainWindow>();
        m_window->setRememberWorkspace(false);
        m_window->show();
        QSignalSpy updated(m_window.get(), &MainWindow::timelineUpdated);
        m_window->openWorkspace(*demo);
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && !m_window->controller()->isBusy(), 20000);
    }

    void waitIdle()
    {
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->controller()->isBusy(), 20000);
        QCoreApplication::processEvents();
    }

private slots:
    void init() { openDemo(); }
    void cleanup() { m_window.reset(); }

    void opensTheDemoHalfWay()
    {
        TimelineModel *model = m_window->timelineModel();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 10);
        QCOMPARE(model->currentRow(), 5);
        QCOMPARE(model->status().current->toString(), QStringLiteral("6"));
        QCOMPARE(MigrationState(model->index(6, 0).data(TimelineModel::StateRole).toInt()),
                 MigrationState::Pending);
        QCOMPARE(m_window->selectedVersion(),
                 QStringLiteral("6")); // the current version is selected
        QCOMPARE(m_window->timelineView()->model()->rowCount(), 10);
        WorkspaceStatusBar *status = m_window->workspaceStatusBar();
        QVERIFY(status->connectionText().endsWith(QStringLiteral("demo.db")));
        QVERIFY2(status->versionText().contains(QStringLiteral("Current version: 6")),
                 qPrintable(status->versionText()));
        QVERIFY(!status->lockText().isEmpty());
        // A second start finds the database and does not seed it again.
        auto again = Workspace::demo();
        QVERIFY(again->seedTo.isEmpty());
    }

    void selectionShowsSql()
    {
        QVERIFY(m_window->selectVersion(QStringLiteral("3")));
        QCOMPARE(m_window->sqlView()->shownVersion(), QStringLiteral("3"));
        QVERIFY(m_window->sqlView()->upEditor()->text().contains(
            QStringLiteral("CREATE TABLE orders")));
        QVERIFY(m_window->sqlView()->undoEditor()->text().contains(QStringLiteral("DROP TABLE")));
        QVERIFY(m_window->rollbackAction()->isEnabled());
        QVERIFY(!m_window->migrateAction()->isEnabled());
        QVERIFY(m_window->selectVersion(QStringLiteral("9")));
        QVERIFY(m_window->migrateAction()->isEnabled());
        QVERIFY(!m_window->rollbackAction()->isEnabled());
    }

    void dryRunPreviewsAndChangesNothing()
    {
        const QString before = fingerprint(m_db);
        QVERIFY(m_window->selectVersion(QStringLiteral("10")));
        QSignalSpy trials(m_window->controller(), &WorkspaceController::trialReady);
        m_window->dryRunAction()->trigger();
        QVERIFY(m_window->controller()->isBusy());
        waitIdle();
        QCOMPARE(trials.count(), 1);

        DryRunPanel *panel = m_window->dryRunPanel();
        QVERIFY(panel->hasTrial());
        QCOMPARE(m_window->tabs()->currentWidget(), panel);
        QCOMPARE(panel->title(), QStringLiteral("Dry run: migrate 6 → 10"));
        QCOMPARE(panel->resultBanner()->title(),
                 QStringLiteral("Nothing was changed: the trial was rolled back."));
        QVERIFY(panel->errorBanner()->isHidden());
        TrialModel *statements = panel->trialModel();
        QAbstractItemModelTester tester(statements,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(statements->rowCount(), 4); // versions 7, 8, 9, 10
        QVERIFY(
            statements->index(1, 0).data().toString().contains(QStringLiteral("Seed demo data")));
        QCOMPARE(statements->index(1, TrialModel::RowsColumn).data().toInt(),
                 24); // the seed's rows
        QVERIFY(!statements->failingIndex().isValid());
        SchemaChangeModel *changes = panel->changeModel();
        QAbstractItemModelTester changeTester(
            changes, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(changes->changeCount(), 4); // inventory, product_reviews, their index, the view
        QCOMPARE(changes->index(0, 0).data().toString(), QStringLiteral("Tables (2)"));

        QCOMPARE(fingerprint(m_db), before);
        QCOMPARE(m_window->timelineModel()->status().current->toString(), QStringLiteral("6"));
    }

    void dryRunOfAnEarlierVersionPreviewsTheRollback()
    {
        const QString before = fingerprint(m_db);
        QVERIFY(m_window->selectVersion(QStringLiteral("4")));
        m_window->dryRunAction()->trigger();
        waitIdle();
        QCOMPARE(m_window->dryRunPanel()->title(), QStringLiteral("Dry run: roll back 6 → 4"));
        QCOMPARE(m_window->dryRunPanel()->trialModel()->rowCount(), 2); // undo 6, undo 5
        QCOMPARE(fingerprint(m_db), before);
    }

    void rollbackAfterConfirmation()
    {
        int asked = 0;
        QStringList undone;
        m_window->setRollbackConfirmer(
            [&](const TrialResult &trial, const QString &from, const QString &to) {
                ++asked;
                for (const StepTrial &s : trial.steps)
                    undone << s.version;
                [&] {
                    QCOMPARE(from, QStringLiteral("6"));
                    QCOMPARE(to, QStringLiteral("3"));
                    QVERIFY(trial.rolledBack); // the preview ran first and left nothing behind
                    QCOMPARE(currentVersionOf(m_db, test::demoFolder()), QStringLiteral("6"));
                }();
                return MainWindow::RollbackDecision{true, true};
            });
        QVERIFY(m_window->selectVersion(QStringLiteral("3")));
        QSignalSpy updated(m_window.get(), &MainWindow::timelineUpdated);
        m_window->rollbackAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && !m_window->controller()->isBusy(), 20000);
        QCOMPARE(asked, 1);
        QCOMPARE(undone, (QStringList{"6", "5", "4"}));
        QCOMPARE(m_window->timelineModel()->status().current->toString(), QStringLiteral("3"));
        QCOMPARE(m_window->timelineModel()->currentRow(), 2);
        QCOMPARE(currentVersionOf(m_db, test::demoFolder()), QStringLiteral("3"));
        QVERIFY(m_window->isMessageShown());
        QCOMPARE(m_window->messageBanner()->title(), QStringLiteral("Rolled back to version 3."));
        QVERIFY(m_window->workspaceStatusBar()->versionText().contains(
            QStringLiteral("Current version: 3")));
    }

    void declinedRollbackChangesNothing()
    {
        m_window->setRollbackConfirmer([](const TrialResult &, const QString &, const QString &) {
            return MainWindow::RollbackDecision{};
        });
        QVERIFY(m_window->selectVersion(QStringLiteral("2")));
        m_window->rollbackAction()->trigger();
        waitIdle();
        QCOMPARE(currentVersionOf(m_db, test::demoFolder()), QStringLiteral("6"));
    }

    void migrateAfterPreview()
    {
        bool previewed = false;
        m_window->setMigrateConfirmer(
            [&](const TrialResult &trial, const QString &, const QString &to) {
                previewed = trial.ok() && trial.rolledBack && trial.steps.size() == 2 &&
                            to == QLatin1String("8");
                return true;
            });
        QVERIFY(m_window->selectVersion(QStringLiteral("8")));
        QSignalSpy updated(m_window.get(), &MainWindow::timelineUpdated);
        m_window->migrateAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && !m_window->controller()->isBusy(), 20000);
        QVERIFY(previewed);
        QCOMPARE(currentVersionOf(m_db, test::demoFolder()), QStringLiteral("8"));
        QCOMPARE(m_window->timelineModel()->status().current->toString(), QStringLiteral("8"));
    }

    void failingStatementIsShownInPlace()
    {
        // A copy of the demo folder with a broken version 11.
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("migrations"));
        QDir().mkpath(folder);
        for (const QString &name : QDir(test::demoFolder()).entryList({QStringLiteral("*.sql")}))
            QVERIFY(QFile::copy(test::demoFolder() + u'/' + name, folder + u'/' + name));
        test::writeFiles(
            folder,
            {{QStringLiteral("V11__Broken.sql"),
              "-- a comment\nCREATE TABLE t11 (id INTEGER);\n\nUPDATE t11 SET missing = 1;\n"}});
        auto config = Workspace::fromArguments(QStringLiteral("sqlite://") + m_db, folder);
        QVERIFY(config.ok());
        QSignalSpy updated(m_window.get(), &MainWindow::timelineUpdated);
        m_window->openWorkspace(*config);
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && !m_window->controller()->isBusy(), 20000);
        QCOMPARE(m_window->timelineModel()->rowCount(), 11);

        QVERIFY(m_window->selectVersion(QStringLiteral("11")));
        m_window->dryRunAction()->trigger();
        waitIdle();
        DryRunPanel *panel = m_window->dryRunPanel();
        QVERIFY(!panel->errorBanner()->isHidden());
        QVERIFY(panel->errorBanner()->body().contains(QStringLiteral("V11__Broken.sql:4")));
        const QModelIndex failing = panel->trialModel()->failingIndex();
        QVERIFY(failing.isValid());
        QCOMPARE(panel->statementView()->currentIndex().siblingAtColumn(0), failing);
        // The failing statement is marked at its line (0-based 3) in the script.
        QVERIFY(panel->sqlEditor()->text().contains(QStringLiteral("UPDATE t11")));
        QVERIFY(panel->sqlEditor()->markersAtLine(3) != 0);
        QCOMPARE(panel->sqlEditor()->markersAtLine(1), 0u);
        QCOMPARE(currentVersionOf(m_db, folder), QStringLiteral("6"));

        // Migrate to here refuses after the failed preview.
        bool asked = false;
        m_window->setMigrateConfirmer([&](const TrialResult &, const QString &, const QString &) {
            asked = true;
            return true;
        });
        m_window->migrateAction()->trigger();
        waitIdle();
        QVERIFY(!asked);
        QCOMPARE(m_window->messageBanner()->title(),
                 QStringLiteral("Not applied: the dry run failed."));
    }

    void cancelStopsARun()
    {
        // The worker on this thread, to cancel deterministically: the flag is set before the run
        // starts, so the first check stops it and nothing is applied.
        WorkspaceWorker worker;
        QSignalSpy runs(&worker, &WorkspaceWorker::runFinished);
        QSignalSpy errors(&worker, &WorkspaceWorker::error);
        WorkspaceConfig config =
            *Workspace::fromArguments(QStringLiteral("sqlite://") + m_db, test::demoFolder());
        worker.open(config);
        QCOMPARE(errors.count(), 0);
        worker.cancel();
        QVERIFY(worker.isCancelRequested());
        worker.apply(QStringLiteral("10"));
        QCOMPARE(runs.count(), 1);
        const auto run = runs.first().first().value<RunResult>();
        QVERIFY(run.error.has_value());
        QCOMPARE(run.error->kind, Error::Kind::Cancelled);
        QCOMPARE(currentVersionOf(m_db, test::demoFolder()), QStringLiteral("6"));
        worker.resetCancel();
        worker.apply(QStringLiteral("7"));
        QCOMPARE(runs.count(), 2);
        QVERIFY(runs.last().first().value<RunResult>().ok());
        QCOMPARE(currentVersionOf(m_db, test::demoFolder()), QStringLiteral("7"));
    }

    void badWorkspaceIsReportedInPlace()
    {
        auto config =
            Workspace::fromArguments(QStringLiteral("sqlite://") + m_db, test::demoFolder());
        QVERIFY(config.ok());
        config->migrationsDir = home()->filePath(QStringLiteral("no-such-folder"));
        m_window->openWorkspace(*config);
        waitIdle();
        // The database is open and its history shown; the missing folder is a problem row.
        QVERIFY(m_window->controller()->isOpen());
        QVERIFY(m_window->isMessageShown());
        QVERIFY2(m_window->messageBanner()->title().contains(QStringLiteral("migrations folder")),
                 qPrintable(m_window->messageBanner()->title()));
        TimelineModel *model = m_window->timelineModel();
        const int last = model->rowCount() - 1;
        QVERIFY(model->index(last, 0).data(TimelineModel::IsProblemRole).toBool());
        QVERIFY(model->index(last, 0)
                    .data(TimelineModel::DetailRole)
                    .toString()
                    .contains(QStringLiteral("does not exist")));
        QVERIFY(m_window->refreshAction()->isEnabled());
    }

    // Finding: one badly named file took the whole workspace down, and F5 did nothing after the
    // rename. Now each unusable file is a problem row (file and reason), the rest of the
    // workspace stays usable, the folder is watched and re-read, and F5 always re-reads.
    void folderProblemsAreRowsAndTheFolderIsWatched()
    {
        QTemporaryDir scratch;
        QVERIFY(scratch.isValid());
        const QString folder = scratch.filePath(QStringLiteral("migrations"));
        QVERIFY(QDir().mkpath(folder));
        for (const QFileInfo &file : QDir(test::demoFolder()).entryInfoList(QDir::Files))
            QVERIFY(QFile::copy(file.absoluteFilePath(), folder + u'/' + file.fileName()));
        auto write = [&](const QString &name, const QByteArray &sql) {
            QFile f(folder + u'/' + name);
            return f.open(QIODevice::WriteOnly) && f.write(sql) == sql.size();
        };
        QVERIFY(
            write(QStringLiteral("V11_add_note.sql"), "ALTER TABLE customers ADD note TEXT;\n"));

        auto config = Workspace::fromArguments(
            QStringLiteral("sqlite://") + scratch.filePath(QStringLiteral("shop.db")), folder);
        QVERIFY(config.ok());
        QSignalSpy updated(m_window.get(), &MainWindow::timelineUpdated);
        m_window->openWorkspace(*config);
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0, 20000);
        waitIdle();

        TimelineModel *model = m_window->timelineModel();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Connected, ten versions shown, Refresh enabled; the file is one row with its reason.
        QVERIFY(m_window->controller()->isOpen());
        QVERIFY2(!m_window->workspaceStatusBar()->connectionText().contains(
                     QStringLiteral("Not connected")),
                 qPrintable(m_window->workspaceStatusBar()->connectionText()));
        QVERIFY(m_window->refreshAction()->isEnabled());
        QCOMPARE(model->rowCount(), 11);
        QCOMPARE(model->problemCount(), 1);
        const QModelIndex problem = model->index(10, 0);
        QVERIFY(problem.data(TimelineModel::IsProblemRole).toBool());
        QVERIFY(problem.data(TimelineModel::DescriptionRole)
                    .toString()
                    .endsWith(QStringLiteral("V11_add_note.sql")));
        QVERIFY2(problem.data(TimelineModel::DetailRole)
                     .toString()
                     .contains(QStringLiteral("V11__add_note.sql")),
                 qPrintable(problem.data(TimelineModel::DetailRole).toString()));
        QVERIFY(m_window->isMessageShown());
        QVERIFY(m_window->messageBanner()->body().contains(QStringLiteral("V11_add_note.sql")));
        // Selected, the row shows the file and why it cannot be used.
        m_window->timelinePane()->selectRow(10);
        QCOMPARE(m_window->sqlView()->title(), QStringLiteral("V11_add_note.sql cannot be used"));
        QVERIFY(m_window->sqlView()->upEditor()->text().contains(QStringLiteral("ADD note")));
        if (const QString shots = qEnvironmentVariable("STRATA_SCREENSHOT_DIR"); !shots.isEmpty()) {
            QVERIFY(m_window->grab().save(shots + QStringLiteral("/timeline-problem-row.png")));
        }

        // The row is on screen and can be clicked: the "Problems" filter shows it alone.
        QListView *view = m_window->timelineView();
        auto *filter = m_window->timelinePane()->findChild<QComboBox *>();
        QVERIFY(filter);
        filter->setCurrentIndex(filter->findText(QStringLiteral("Problems")));
        QCOMPARE(view->model()->rowCount(), 1);
        const QRect rect = view->visualRect(view->model()->index(0, 0));
        QVERIFY(rect.isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(view->currentIndex().data(TimelineModel::IsProblemRole).toBool(), true);
        QVERIFY(!m_window->migrateAction()->isEnabled()); // a problem row is no version
        filter->setCurrentIndex(0);

        // Migrating around the left-out file is refused, in place, and changes nothing.
        QVERIFY(m_window->selectVersion(QStringLiteral("10")));
        QVERIFY(m_window->migrateAction()->isEnabled());
        m_window->migrateAction()->trigger();
        waitIdle();
        QVERIFY2(m_window->messageBanner()->title().contains(QStringLiteral("V11__add_note.sql")),
                 qPrintable(m_window->messageBanner()->title()));
        QCOMPARE(currentVersionOf(scratch.filePath(QStringLiteral("shop.db")), test::demoFolder()),
                 QStringLiteral("none"));

        // Renamed: the watcher re-reads the folder by itself, and the problem row goes.
        QVERIFY(QFile::rename(folder + QStringLiteral("/V11_add_note.sql"),
                              folder + QStringLiteral("/V11__add_note.sql")));
        QTRY_COMPARE_WITH_TIMEOUT(model->problemCount(), 0, 10000);
        waitIdle();
        QCOMPARE(model->rowCount(), 11);
        QCOMPARE(model->index(10, 0).data(TimelineModel::VersionRole).toString(),
                 QStringLiteral("11"));

        // A duplicate version: both files are rows, neither is a version.
        QVERIFY(write(QStringLiteral("V3__Duplicate.sql"), "SELECT 1;\n"));
        QTRY_COMPARE_WITH_TIMEOUT(model->problemCount(), 2, 10000);
        waitIdle();
        QCOMPARE(model->rowOfVersion(QStringLiteral("3")), -1);

        // F5 always re-reads, watcher or not.
        m_window->controller()->folderWatcher()->setSettleTime(600000);
        QVERIFY(QFile::remove(folder + QStringLiteral("/V3__Duplicate.sql")));
        QTest::qWait(200);
        QCOMPARE(model->problemCount(), 2);
        QApplication::setActiveWindow(m_window.get());
        if (QTest::qWaitForWindowActive(m_window.get()))
            QTest::keyClick(m_window->timelineView(), Qt::Key_F5);
        else // a bare X server without a window manager activates no window: no shortcuts
            m_window->refreshAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(model->problemCount(), 0, 10000);
        QVERIFY(model->rowOfVersion(QStringLiteral("3")) >= 0);
        waitIdle();
        m_window->controller()->folderWatcher()->setSettleTime(300);

        // The folder deleted: a problem row for the folder, the database stays open.
        QVERIFY(QDir(folder).removeRecursively());
        QTRY_COMPARE_WITH_TIMEOUT(model->problemCount(), 1, 10000);
        waitIdle();
        QVERIFY(m_window->controller()->isOpen());
        QVERIFY(model->index(model->rowCount() - 1, 0)
                    .data(TimelineModel::DetailRole)
                    .toString()
                    .contains(QStringLiteral("does not exist")));
        QVERIFY(m_window->refreshAction()->isEnabled());
    }

    void settingsNeverHoldAPassword()
    {
        auto settings = Workspace::settings();
        WorkspaceConfig config;
        config.spec =
            *ConnectionSpec::parse(QStringLiteral("postgresql://dba:s3cret@db.example.com/shop"));
        config.migrationsDir = test::demoFolder();
        Workspace::remember(config, *settings);
        settings->sync();
        QFile file(settings->fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("db.example.com"));
        QVERIFY(!text.contains("s3cret"));
        auto last = Workspace::last(*settings);
        QVERIFY(last.has_value());
        QCOMPARE(last->spec.user, QStringLiteral("dba"));
        QVERIFY(last->spec.password.isEmpty());
        settings->clear();
    }

    void postgresPasswordComesFromTheKeychain()
    {
        FakePasswordStore store;
        m_window->setPasswordStore(&store);
        // Nothing listens on port 1: the open fails fast, after the spec reached the controller.
        WorkspaceConfig config = *Workspace::fromArguments(
            QStringLiteral("postgresql://dba@127.0.0.1:1/shop"), test::demoFolder());
        store.entries.insert(PasswordStore::keyFor(config.spec), QStringLiteral("s3cret"));
        m_window->openWorkspace(config);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->controller()->config().spec.password,
                                  QStringLiteral("s3cret"), 5000);
        waitIdle();

        // No keychain: opened without a password (libpq's PGPASSWORD / ~/.pgpass), silently.
        store.available = false;
        config.migrationsDir = test::demoFolder() + QStringLiteral("/.");
        m_window->openWorkspace(config);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->controller()->config().migrationsDir,
                                  config.migrationsDir, 5000);
        QVERIFY(m_window->controller()->config().spec.password.isEmpty());
        waitIdle();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
