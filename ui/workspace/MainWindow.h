#pragma once
// The main window: the version timeline on the left; the selected version's SQL and the dry-run
// preview on the right; actions in the toolbar, the timeline's context menu and shortcuts;
// connection, version, lock and progress in the status bar. All database work goes through the
// workspace's worker thread (WorkspaceController); this class only shows and asks.

#include "WorkspaceController.h"
#include "common/Theme.h"

#include "report/Report.h"

#include <QDateTime>
#include <QMainWindow>
#include <QPointer>
#include <functional>
#include <memory>

class QAction;
class QListView;
class QSplitter;
class QTabWidget;

namespace strata {

class AlembicGraphPane;
class Banner;
class PasswordStore;
class ReadinessDialog;
class DryRunPanel;
class SchemaDiffView;
class SqlView;
class TransferWizard;
class TimelineModel;
class TimelinePane;
class WorkspaceStatusBar;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // A PostgreSQL URL without a password first asks the keychain (asynchronously); without an
    // answer, libpq falls back to PGPASSWORD / ~/.pgpass as before.
    void openWorkspace(const WorkspaceConfig &config);
    // The Open Connection dialog on `spec` and `folder` (empty: the dialog asks for one); what
    // it accepts is opened. `strata FILE` uses it when the file's migrations folder is unknown.
    void askForWorkspace(const ConnectionSpec &spec, const QString &folder);
    // The keychain to ask (tests inject one); not owned. The default is the system keychain.
    void setPasswordStore(PasswordStore *store);
    // Off for tests and screenshots: the workspace is not written to the user's settings.
    void setRememberWorkspace(bool remember) { m_remember = remember; }

    // The confirmations before changing the database. Replaceable, so tests can accept them and
    // the screenshot tour can capture them; the defaults ask the user.
    struct RollbackDecision {
        bool confirmed = false;
        bool allowDataLoss = false;
    };
    using RollbackConfirmer = std::function<RollbackDecision(
        const TrialResult &trial, const QString &from, const QString &to)>;
    using MigrateConfirmer =
        std::function<bool(const TrialResult &trial, const QString &from, const QString &to)>;
    void setRollbackConfirmer(RollbackConfirmer confirmer)
    {
        m_confirmRollback = std::move(confirmer);
    }
    void setMigrateConfirmer(MigrateConfirmer confirmer)
    {
        m_confirmMigrate = std::move(confirmer);
    }

    // A message above the SQL / Dry run tabs (errors with their statement and file:line).
    void showMessage(theme::Tone tone, const QString &title, const QString &bodyHtml = {});
    void showError(const Error &error, const QString &title);

    bool selectVersion(const QString &version);
    QString selectedVersion() const;
    void showSqlTab();
    void showDryRunTab();

    WorkspaceController *controller() const { return m_controller; }
    TimelineModel *timelineModel() const { return m_model; }
    TimelinePane *timelinePane() const { return m_timeline; }
    AlembicGraphPane *alembicPane() const
    {
        return m_alembicPane;
    } // null until an Alembic project opens
    QListView *timelineView() const;
    SqlView *sqlView() const { return m_sqlView; }
    DryRunPanel *dryRunPanel() const { return m_dryRun; }
    Banner *messageBanner() const { return m_banner; }
    bool isMessageShown() const;
    WorkspaceStatusBar *workspaceStatusBar() const { return m_status; }
    QTabWidget *tabs() const { return m_tabs; }
    QAction *migrateAction() const { return m_migrate; }
    QAction *dryRunAction() const { return m_dryRunAction; }
    QAction *rollbackAction() const { return m_rollback; }
    QAction *refreshAction() const { return m_refresh; }
    QAction *openConnectionAction() const { return m_openConnection; }
    QAction *exportReportAction() const { return m_exportReport; }

    // Reports (MainWindowReports.cpp): the workspace, database and timeline as shown now; the
    // workspace state adds validation (Workspace → Export Report…); the last apply or rollback.
    Report workspaceReport(const QString &title) const;
    Report stateReport() const;
    std::optional<Report> lastRunReport() const;

    // Tools (MainWindowTools.cpp): the schema diff view and the transfer wizard, each in its own
    // window. Both keep their last result (SchemaDiffView::result(), TransferWizard::result()).
    SchemaDiffView *openSchemaDiff();
    TransferWizard *openTransferWizard();
    SchemaDiffView *schemaDiffView() const;
    TransferWizard *transferWizard() const;
    QAction *compareSchemasAction() const { return m_compareSchemas; }
    QAction *transferAction() const { return m_transferAction; }
    // Tools → Check PostgreSQL Readiness… (an SQLite workspace): the dialog asks for the server
    // and runs the check; its verdicts go to the timeline (TimelineModel::ReadinessRole).
    ReadinessDialog *openReadinessCheck();
    ReadinessDialog *readinessDialog() const;
    QAction *readinessAction() const { return m_readinessAction; }

protected:
    void showEvent(QShowEvent *event) override;
    // Closing (Ctrl+Q) while a migration or rollback runs asks first; if the user stops it, the
    // run is cancelled and the window closes once the worker has stopped (MainWindowClose.cpp).
    void closeEvent(QCloseEvent *event) override;

signals:
    // A status arrived (after open, refresh, apply or rollback) and the timeline shows it.
    void timelineUpdated();
    // The worker finished everything it was asked to do.
    void idle();

private:
    // MainWindow.cpp: building the window.
    void createActions();
    void createMenus();
    void createToolBar();
    void createCentralArea();
    void updateActions();
    void showTimelineMenu(const QPoint &globalPos);
    void onSelectionChanged(int sourceRow);
    void onStatus(const StatusReport &report);
    void showFolderProblems(const StatusReport &report); // a banner naming the left-out files
    void onFolderChanged();
    void showAlembicGraph(const AlembicStatus &status,
                          const QString &alembicCommand); // MainWindowAlembic.cpp
    QString alembicHeadsText() const; // where an Alembic project's database is; empty otherwise
    void onBusyChanged(bool busy);
    void updateTitle();
    void createToolsMenu();

    // MainWindowActions.cpp: what the actions do.
    void dryRunHere();
    void migrateHere();
    void rollBackHere();
    void refresh();
    void openConnection();
    void openMigrationsFolder();
    void openDemo();
    void startOpen(const WorkspaceConfig &config);
    void onTrial(const TrialResult &trial, WorkspaceController::Intent intent,
                 const QString &target);
    void onRunFinished(const RunResult &run, WorkspaceController::Intent intent,
                       const QString &target);
    void onError(const Error &error, WorkspaceController::Intent intent);
    void goToLocation(const QString &file, int line);
    void createReportActions();
    void exportLastRun();
    RollbackDecision defaultRollbackConfirm(const TrialResult &trial, const QString &from,
                                            const QString &to);
    bool defaultMigrateConfirm(const TrialResult &trial, const QString &from, const QString &to);
    QString currentVersionText() const;
    const VersionState *selectedEntry() const;

    WorkspaceController *m_controller = nullptr;
    TimelineModel *m_model = nullptr;
    TimelinePane *m_timeline = nullptr;
    AlembicGraphPane *m_alembicPane = nullptr;
    SqlView *m_sqlView = nullptr;
    DryRunPanel *m_dryRun = nullptr;
    Banner *m_banner = nullptr;
    QWidget *m_bannerBox =
        nullptr; // the banner with its margins; hidden when there is nothing to say
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_split = nullptr;
    bool m_sized = false;
    WorkspaceStatusBar *m_status = nullptr;
    QAction *m_openConnection = nullptr;
    QAction *m_openFolder = nullptr;
    QAction *m_openDemo = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_dryRunAction = nullptr;
    QAction *m_migrate = nullptr;
    QAction *m_rollback = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_compareSchemas = nullptr;
    QAction *m_transferAction = nullptr;
    QAction *m_readinessAction = nullptr;
    QPointer<ReadinessDialog> m_readinessDialog;
    QPointer<SchemaDiffView> m_diffView;
    QPointer<TransferWizard> m_transferWizard;
    QAction *m_exportReport = nullptr;
    SessionInfo m_sessionInfo;
    std::optional<ReportRun> m_lastRun;
    QDateTime m_runStarted;
    RollbackConfirmer m_confirmRollback;
    MigrateConfirmer m_confirmMigrate;
    QString m_selectedVersion; // kept across status updates
    bool m_remember = true;
    bool m_rememberPending = false;
    bool m_firstStatus = true;
    bool m_closeWhenIdle = false;     // the user chose to stop a run and close
    bool m_refreshWhenIdle = false;   // the folder changed while the worker was busy
    bool m_folderBannerShown = false; // the banner shows the folder's problems
    std::unique_ptr<PasswordStore> m_ownStore;
    QPointer<PasswordStore> m_store;
    int m_openGeneration = 0; // a keychain answer for an older open is ignored
};

} // namespace strata
