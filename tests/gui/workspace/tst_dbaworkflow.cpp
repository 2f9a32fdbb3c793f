// The desktop app as a DBA uses it (offscreen): a mouse click selects a version; no-transaction
// migrations are "not trialled", never a success; Migrate reuses a trial that still stands; the
// Dry run tab says when it is out of date; the status bar's note has its own place; Export says
// where the report went; Ctrl+Q during a migration asks; the timeline moves during a run; a
// rollback stays on record in the audit log.

#include "TestDatabases.h"
#include "common/Banner.h"
#include "common/SqlView.h"
#include "dryrun/DryRunPanel.h"
#include "dryrun/TrialModel.h"
#include "migration/AuditLog.h"
#include "report/ReportExport.h"
#include "timeline/TimelineModel.h"
#include "workspace/MainWindow.h"
#include "workspace/WorkspaceStatusBar.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace strata;

namespace {

QTemporaryDir *home()
{
    static QTemporaryDir dir;
    return &dir;
}

QString currentVersionOf(const QString &dbPath, const QString &folder)
{
    auto session = test::openSession(QStringLiteral("sqlite://") + dbPath);
    Migrator migrator(*session, test::readFolder(folder));
    return test::currentVersion(migrator);
}

// A statement SQLite needs some tens of milliseconds for, and no table.
QByteArray slowStatements(int n)
{
    QByteArray sql;
    for (int i = 0; i < n; ++i)
        sql += "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 150000) "
               "SELECT count(*) FROM c;\n";
    return sql;
}

// When the next modal dialog opens, `answer` gets it (a real QMessageBox, clicked by the test).
void answerNextMessageBox(std::function<void(QMessageBox *)> answer)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, answer] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            answer(box);
        }
    });
    timer->start();
}

QPushButton *buttonLabelled(QMessageBox *box, const QString &text)
{
    for (QAbstractButton *b : box->buttons()) {
        if (b->text() == text)
            return qobject_cast<QPushButton *>(b);
    }
    return nullptr;
}

} // namespace

class TestDbaWorkflow : public QObject {
    Q_OBJECT

public:
    static void initMain()
    {
        qputenv("XDG_DATA_HOME", home()->filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CONFIG_HOME", home()->filePath(QStringLiteral("config")).toUtf8());
        qputenv("HOME", home()->path().toUtf8());
        qputenv("STRATA_DEMO_MIGRATIONS", test::demoFolder().toUtf8());
    }

private:
    std::unique_ptr<MainWindow> m_window;
    QString m_db;
    std::unique_ptr<QTemporaryDir> m_folderDir;

    void waitIdle()
    {
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->controller()->isBusy(), 30000);
        QCoreApplication::processEvents();
    }

    // The demo workspace (seeded to 6); with `extra` files, on a copy of its folder with them.
    void open(const QList<QPair<QString, QByteArray>> &extra = {})
    {
        QFile::remove(Workspace::demoDatabasePath());
        auto demo = Workspace::demo();
        QVERIFY2(demo.ok(), qPrintable(demo.error().toString()));
        m_db = demo->spec.path;
        m_window = std::make_unique<MainWindow>();
        m_window->setRememberWorkspace(false);
        m_window->resize(1200, 800);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        {
            QSignalSpy updated(m_window.get(), &MainWindow::timelineUpdated);
            m_window->openWorkspace(*demo);
            QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && !m_window->controller()->isBusy(),
                                     20000);
        }
        if (extra.isEmpty())
            return;
        m_folderDir = std::make_unique<QTemporaryDir>();
        const QString folder = m_folderDir->filePath(QStringLiteral("migrations"));
        QDir().mkpath(folder);
        for (const QString &name : QDir(test::demoFolder()).entryList({QStringLiteral("*.sql")}))
            QVERIFY(QFile::copy(test::demoFolder() + u'/' + name, folder + u'/' + name));
        test::writeFiles(folder, extra);
        auto config = Workspace::fromArguments(QStringLiteral("sqlite://") + m_db, folder);
        QVERIFY(config.ok());
        QSignalSpy updated(m_window.get(), &MainWindow::timelineUpdated);
        m_window->openWorkspace(*config);
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && !m_window->controller()->isBusy(), 20000);
    }

    // Ctrl+Q where the keyboard is: the focused widget of the active window.
    void pressQuit()
    {
        m_window->activateWindow(); // back from the previous question
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QWidget *target =
            QApplication::focusWidget() ? QApplication::focusWidget() : m_window.get();
        QTest::keyClick(target, Qt::Key_Q, Qt::ControlModifier);
    }

    QString folder() const
    {
        return m_folderDir ? m_folderDir->filePath(QStringLiteral("migrations"))
                           : test::demoFolder();
    }

    // Clicks the version's row in the timeline's viewport, as a person does.
    void clickVersion(const QString &version)
    {
        QListView *view = m_window->timelineView();
        QModelIndex index;
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QModelIndex i = view->model()->index(row, 0);
            if (i.data(TimelineModel::VersionRole).toString() == version)
                index = i;
        }
        QVERIFY2(index.isValid(), qPrintable(version));
        view->scrollTo(index);
        const QRect rect = view->visualRect(index);
        QVERIFY(!rect.isEmpty());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    }

private slots:
    void cleanup()
    {
        ReportExport::setFileChooser({});
        m_window.reset();
        m_folderDir.reset();
    }

    void mouseClickSelectsAVersion()
    {
        open();
        QAbstractItemModelTester tester(m_window->timelineView()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        clickVersion(QStringLiteral("9"));
        QCOMPARE(m_window->selectedVersion(), QStringLiteral("9"));
        QCOMPARE(m_window->sqlView()->shownVersion(), QStringLiteral("9"));
        QVERIFY(m_window->migrateAction()->isEnabled());
        QVERIFY(m_window->dryRunAction()->isEnabled());
        QVERIFY(!m_window->rollbackAction()->isEnabled());
        clickVersion(QStringLiteral("3"));
        QCOMPARE(m_window->selectedVersion(), QStringLiteral("3"));
        QVERIFY(m_window->rollbackAction()->isEnabled());
        QVERIFY(!m_window->migrateAction()->isEnabled());
        // The keyboard goes on from where the mouse left it.
        QTest::keyClick(m_window->timelineView(), Qt::Key_Down);
        QCOMPARE(m_window->selectedVersion(), QStringLiteral("4"));
        // A double click on a version also leaves it selected (and runs nothing by itself).
        QListView *view = m_window->timelineView();
        const QRect rect = view->visualRect(view->model()->index(7, 0));
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(m_window->selectedVersion(), QStringLiteral("8"));
        QCOMPARE(currentVersionOf(m_db, folder()), QStringLiteral("6"));
    }

    void noTransactionMigrationIsNotTrialled()
    {
        open({{QStringLiteral("V11__Concurrent_index.sql"),
               "-- strata:no-transaction\nCREATE INDEX idx_t11 ON products (name);\n"}});
        clickVersion(QStringLiteral("11"));
        m_window->dryRunAction()->trigger();
        waitIdle();
        DryRunPanel *panel = m_window->dryRunPanel();
        QVERIFY(panel->hasTrial());
        QVERIFY2(panel->resultBanner()->title().contains(QStringLiteral("not trialled")),
                 qPrintable(panel->resultBanner()->title()));
        QVERIFY(!panel->resultBanner()->title().contains(QStringLiteral("succeed")));
        TrialModel *model = panel->trialModel();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex last = model->index(model->rowCount() - 1, TrialModel::ResultColumn);
        QCOMPARE(last.data().toString(), QStringLiteral("not trialled: no transaction"));

        // Migrate's real question does not call it a success, and says what was not tried.
        QString informative;
        answerNextMessageBox([&](QMessageBox *box) {
            informative = box->informativeText();
            box->button(QMessageBox::Cancel)->click();
        });
        m_window->migrateAction()->trigger();
        waitIdle();
        QTRY_VERIFY_WITH_TIMEOUT(!informative.isEmpty(), 10000);
        QVERIFY2(!informative.contains(QStringLiteral("succeeded")), qPrintable(informative));
        QVERIFY2(informative.contains(QStringLiteral("not trialled")), qPrintable(informative));
        QVERIFY2(informative.contains(QStringLiteral("outside a transaction")),
                 qPrintable(informative));
        QCOMPARE(currentVersionOf(m_db, folder()), QStringLiteral("6"));
    }

    void migrateReusesATrialThatStillStands()
    {
        open();
        clickVersion(QStringLiteral("8"));
        QSignalSpy trials(m_window->controller(), &WorkspaceController::trialReady);
        m_window->dryRunAction()->trigger();
        waitIdle();
        QCOMPARE(trials.count(), 1);
        const QDateTime firstRan = trials.first().first().value<TrialResult>().ranAt;
        QVERIFY(firstRan.isValid());

        // Someone else changes the history in between: the trial no longer stands.
        {
            auto session = test::openSession(QStringLiteral("sqlite://") + m_db);
            Migrator other(*session, test::readFolder(folder()));
            QVERIFY(other.up(Version::parse("7")).ok());
        }
        QList<TrialResult> asked;
        m_window->setMigrateConfirmer([&](const TrialResult &t, const QString &, const QString &) {
            asked << t;
            return false;
        });
        m_window->migrateAction()->trigger();
        waitIdle();
        QCOMPARE(asked.size(), 1);
        QVERIFY(!asked.last().reused);
        QCOMPARE(asked.last().steps.size(), 1); // only 8 is left to apply

        // Nothing changed since that trial: Migrate serves it again instead of running it.
        m_window->migrateAction()->trigger();
        waitIdle();
        QCOMPARE(asked.size(), 2);
        QVERIFY(asked.last().reused);
        QCOMPARE(asked.last().ranAt, asked.first().ranAt);
    }

    void dryRunTabSaysWhenItIsOutOfDate()
    {
        open();
        clickVersion(QStringLiteral("8"));
        m_window->dryRunAction()->trigger();
        waitIdle();
        DryRunPanel *panel = m_window->dryRunPanel();
        QCOMPARE(panel->resultBanner()->title(),
                 QStringLiteral("Nothing was changed: the trial was rolled back."));
        m_window->setMigrateConfirmer(
            [](const TrialResult &, const QString &, const QString &) { return true; });
        QSignalSpy updated(m_window.get(), &MainWindow::timelineUpdated);
        m_window->migrateAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && !m_window->controller()->isBusy(), 20000);
        QCOMPARE(currentVersionOf(m_db, folder()), QStringLiteral("8"));
        QVERIFY(panel->isOutdated());
        QCOMPARE(panel->resultBanner()->title(), QStringLiteral("This dry run is out of date."));
        QVERIFY2(panel->resultBanner()->body().contains(QStringLiteral("7, 8")),
                 qPrintable(panel->resultBanner()->body()));
        // A new dry run is current again.
        clickVersion(QStringLiteral("10"));
        m_window->dryRunAction()->trigger();
        waitIdle();
        QVERIFY(!panel->isOutdated());
    }

    void statusNoteDoesNotCoverTheConnection()
    {
        open();
        m_window->setMigrateConfirmer(
            [](const TrialResult &, const QString &, const QString &) { return true; });
        clickVersion(QStringLiteral("7"));
        QSignalSpy updated(m_window.get(), &MainWindow::timelineUpdated);
        m_window->migrateAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && !m_window->controller()->isBusy(), 20000);
        WorkspaceStatusBar *bar = m_window->workspaceStatusBar();
        QCOMPARE(bar->noteText(), QStringLiteral("Migrated to version 7."));
        QVERIFY(bar->currentMessage().isEmpty());
        QLabel *connection = bar->connectionLabel();
        QLabel *note = bar->noteLabel();
        QVERIFY(connection->isVisible());
        QVERIFY(note->isVisible());
        const QRect a(connection->mapTo(bar, QPoint()), connection->size());
        const QRect b(note->mapTo(bar, QPoint()), note->size());
        QVERIFY2(!a.intersects(b), "the note is drawn over the connection");
    }

    void exportSaysWhereTheReportWent()
    {
        open();
        const QString path = home()->filePath(QStringLiteral("workspace-report.html"));
        QFile::remove(path);
        ReportExport::setFileChooser(
            [path](QWidget *, const QString &, QString *) { return path; });
        m_window->exportReportAction()->trigger();
        QVERIFY(QFile::exists(path));
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("reportSaved"))));
        QVERIFY(box->isVisible());
        QVERIFY(!box->isModal());
        QCOMPARE(box->informativeText(), QDir::toNativeSeparators(path));
        QTest::mouseClick(box->button(QMessageBox::Close), Qt::LeftButton);
        QTRY_VERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("reportSaved")));
    }

    void quitDuringAMigrationAsks()
    {
        open({{QStringLiteral("V11__Slow_backfill.sql"), slowStatements(60)}});
        m_window->setMigrateConfirmer(
            [](const TrialResult &, const QString &, const QString &) { return true; });
        clickVersion(QStringLiteral("11"));
        m_window->migrateAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->controller()->intent() == WorkspaceController::Intent::Apply, 30000);
        // First: keep it running.
        QString asked;
        answerNextMessageBox([&](QMessageBox *box) {
            asked = box->text();
            QTest::mouseClick(buttonLabelled(box, QStringLiteral("Keep Running")), Qt::LeftButton);
        });
        pressQuit();
        QTRY_VERIFY(!asked.isEmpty());
        QVERIFY2(asked.contains(QStringLiteral("to version 11")), qPrintable(asked));
        QVERIFY(m_window->isVisible());
        if (!m_window->controller()->isBusy())
            QSKIP("the migration finished before the second question; the machine is too fast");
        // Then: stop and close. The running migration is rolled back, the window closes.
        bool stopped = false;
        answerNextMessageBox([&](QMessageBox *box) {
            stopped = true;
            QTest::mouseClick(buttonLabelled(box, QStringLiteral("Stop and Close")),
                              Qt::LeftButton);
        });
        pressQuit();
        QTRY_VERIFY(stopped);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), 30000);
        QVERIFY(!m_window->controller()->isBusy());
        const QString now = currentVersionOf(m_db, folder());
        QVERIFY2(now == QLatin1String("10"), qPrintable(now)); // 11 was rolled back
    }

    void timelineMovesDuringARun()
    {
        QList<QPair<QString, QByteArray>> extra;
        for (int v = 11; v <= 15; ++v)
            extra.append({QStringLiteral("V%1__Step_%1.sql").arg(v), slowStatements(8)});
        open(extra);
        m_window->setMigrateConfirmer(
            [](const TrialResult &, const QString &, const QString &) { return true; });
        QStringList seen; // the current version at every timeline update during the run
        connect(m_window.get(), &MainWindow::timelineUpdated, this, [&] {
            if (m_window->controller()->intent() == WorkspaceController::Intent::Apply)
                seen << m_window->timelineModel()->status().current->toString();
        });
        clickVersion(QStringLiteral("15"));
        m_window->migrateAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->controller()->intent() == WorkspaceController::Intent::Apply, 30000);
        waitIdle();
        QCOMPARE(currentVersionOf(m_db, folder()), QStringLiteral("15"));
        QStringList between;
        for (const QString &v : seen) {
            if (v != QLatin1String("6") && v != QLatin1String("15"))
                between << v;
        }
        QVERIFY2(!between.isEmpty(), qPrintable(seen.join(u',')));
    }

    void rollbackStaysOnRecord()
    {
        open();
        m_window->setRollbackConfirmer([](const TrialResult &, const QString &, const QString &) {
            return MainWindow::RollbackDecision{true, true};
        });
        clickVersion(QStringLiteral("4"));
        QSignalSpy updated(m_window.get(), &MainWindow::timelineUpdated);
        m_window->rollbackAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && !m_window->controller()->isBusy(), 20000);
        QCOMPARE(currentVersionOf(m_db, folder()), QStringLiteral("4"));
        TimelineModel *model = m_window->timelineModel();
        const QModelIndex five = model->index(model->rowOfVersion(QStringLiteral("5")), 0);
        const QString detail = five.data(TimelineModel::DetailRole).toString();
        QVERIFY2(detail.contains(QStringLiteral("rolled back on ")), qPrintable(detail));
        QVERIFY2(five.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Audit log")),
                 qPrintable(five.data(Qt::ToolTipRole).toString()));
        // The database keeps the record: history lost the rows, the audit log did not.
        auto session = test::openSession(QStringLiteral("sqlite://") + m_db);
        auto rows = AuditLog(*session).read();
        QVERIFY(rows);
        QStringList downs;
        for (const AuditEntry &e : *rows) {
            if (e.action == QLatin1String("down"))
                downs << e.version;
        }
        QCOMPARE(downs, (QStringList{"6", "5"}));
    }
};

QTEST_MAIN(TestDbaWorkflow)
#include "tst_dbaworkflow.moc"
