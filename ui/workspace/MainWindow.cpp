#include "MainWindow.h"

#include "WorkspaceStatusBar.h"
#include "common/Banner.h"
#include "common/Icons.h"
#include "common/SqlView.h"
#include "common/Theme.h"
#include "connection/PasswordStore.h"
#include "connection/RecentWorkspaces.h"
#include "dryrun/DryRunPanel.h"
#include "timeline/TimelineModel.h"
#include "timeline/TimelinePane.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace strata {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_ownStore(std::make_unique<PasswordStore>()), m_store(m_ownStore.get())
{
    setWindowTitle(QStringLiteral("Strata"));
    setWindowIcon(icons::appIcon());
    resize(1280, 800);
    m_controller = new WorkspaceController(this);
    m_model = new TimelineModel(this);

    createActions();
    createCentralArea();
    createReportActions();
    createMenus();
    createToolBar();
    m_status = new WorkspaceStatusBar(this);
    setStatusBar(m_status);

    m_confirmRollback = [this](const TrialResult &t, const QString &from, const QString &to) {
        return defaultRollbackConfirm(t, from, to);
    };
    m_confirmMigrate = [this](const TrialResult &t, const QString &from, const QString &to) {
        return defaultMigrateConfirm(t, from, to);
    };

    connect(m_controller, &WorkspaceController::statusReady, this, &MainWindow::onStatus);
    connect(m_controller, &WorkspaceController::alembicStatusReady, this,
            &MainWindow::showAlembicGraph);
    connect(m_controller, &WorkspaceController::sessionInfo, m_status,
            &WorkspaceStatusBar::setSessionInfo);
    connect(m_controller, &WorkspaceController::busyChanged, this, &MainWindow::onBusyChanged);
    connect(m_controller, &WorkspaceController::progress, m_status,
            &WorkspaceStatusBar::setProgress);
    connect(m_controller, &WorkspaceController::noted, this,
            [this](const QString &text) { m_status->showNote(text, 10000); });
    connect(m_controller, &WorkspaceController::trialReady, this, &MainWindow::onTrial);
    connect(m_controller, &WorkspaceController::runFinished, this, &MainWindow::onRunFinished);
    connect(m_controller, &WorkspaceController::error, this, &MainWindow::onError);
    connect(m_status, &WorkspaceStatusBar::cancelRequested, m_controller,
            &WorkspaceController::cancel);
    connect(m_controller, &WorkspaceController::folderChanged, this, &MainWindow::onFolderChanged);
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    const QPalette pal = palette();
    const QColor ink = pal.color(QPalette::ButtonText);
    auto make = [this](const QIcon &icon, const QString &text, const QKeySequence &key,
                       const QString &tip) {
        auto *a = new QAction(icon, text, this);
        a->setShortcut(key);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        a->setStatusTip(tip);
        return a;
    };
    m_openConnection = make(icons::icon(icons::Name::Connect, ink), tr("Open Connection…"),
                            QKeySequence(Qt::CTRL | Qt::Key_O),
                            tr("Connect to an SQLite file or a PostgreSQL server"));
    m_openFolder = make(icons::icon(icons::Name::Folder, ink), tr("Open Migrations Folder…"),
                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                        tr("Choose the migrations folder of this workspace"));
    m_openDemo = new QAction(tr("Open Demo Workspace"), this);
    m_refresh =
        make(icons::icon(icons::Name::Refresh, ink), tr("Refresh"), QKeySequence(Qt::Key_F5),
             tr("Read the migrations folder and the database again"));
    m_dryRunAction =
        make(icons::icon(icons::Name::DryRun, theme::tone(theme::Tone::Info, pal)),
             tr("Dry Run to Here"), QKeySequence(Qt::CTRL | Qt::Key_D),
             tr("Run the plan to the selected version in a transaction, report, and roll back"));
    m_migrate = make(icons::icon(icons::Name::Migrate, theme::tone(theme::Tone::Success, pal)),
                     tr("Migrate to Here"), QKeySequence(Qt::CTRL | Qt::Key_M),
                     tr("Preview, then apply every pending version up to the selected one"));
    m_rollback = make(icons::icon(icons::Name::Rollback, theme::tone(theme::Tone::Warning, pal)),
                      tr("Roll Back to Here"), QKeySequence(Qt::CTRL | Qt::Key_R),
                      tr("Preview, then undo every version newer than the selected one"));
    m_cancel = make(icons::icon(icons::Name::Stop, theme::tone(theme::Tone::Danger, pal)),
                    tr("Cancel"), QKeySequence(Qt::Key_Escape),
                    tr("Stop the running operation; the database stays as it was"));
    m_quit = new QAction(tr("Quit"), this);
    m_quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q)); // QKeySequence::Quit is empty on some platforms

    connect(m_openConnection, &QAction::triggered, this, &MainWindow::openConnection);
    connect(m_openFolder, &QAction::triggered, this, &MainWindow::openMigrationsFolder);
    connect(m_openDemo, &QAction::triggered, this, &MainWindow::openDemo);
    connect(m_refresh, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_dryRunAction, &QAction::triggered, this, &MainWindow::dryRunHere);
    connect(m_migrate, &QAction::triggered, this, &MainWindow::migrateHere);
    connect(m_rollback, &QAction::triggered, this, &MainWindow::rollBackHere);
    connect(m_cancel, &QAction::triggered, m_controller, &WorkspaceController::cancel);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createMenus()
{
    QMenu *workspace = menuBar()->addMenu(tr("&Workspace"));
    workspace->addAction(m_openConnection);
    workspace->addAction(m_openFolder);
    workspace->addAction(m_openDemo);
    workspace->addSeparator();
    workspace->addAction(m_refresh);
    workspace->addAction(m_exportReport);
    workspace->addSeparator();
    workspace->addAction(m_quit);
    QMenu *migrate = menuBar()->addMenu(tr("&Migrate"));
    migrate->addAction(m_dryRunAction);
    migrate->addAction(m_migrate);
    migrate->addAction(m_rollback);
    migrate->addSeparator();
    migrate->addAction(m_cancel);
    createToolsMenu();
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("About Strata"), this, [this] {
        QMessageBox::about(
            this, tr("About Strata"),
            tr("<h3>Strata %1</h3><p>A workbench for database migrations on SQLite and "
               "PostgreSQL.</p><p>Every change can be previewed by a dry run that really "
               "runs and is rolled back.</p>")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(18, 18));
    bar->addAction(m_openConnection);
    bar->addAction(m_refresh);
    bar->addSeparator();
    bar->addAction(m_dryRunAction);
    bar->addAction(m_migrate);
    bar->addAction(m_rollback);
}

void MainWindow::createCentralArea()
{
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    split->setHandleWidth(1);
    m_timeline = new TimelinePane(m_model, split);
    m_timeline->setMinimumWidth(300);
    connect(m_timeline, &TimelinePane::selectedRowChanged, this, &MainWindow::onSelectionChanged);
    connect(m_timeline, &TimelinePane::contextMenuRequested, this, &MainWindow::showTimelineMenu);
    split->addWidget(m_timeline);

    auto *right = new QWidget(split);
    auto *layout = new QVBoxLayout(right);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_banner = new Banner(right);
    m_banner->setClosable(true);
    connect(m_banner, &Banner::locationActivated, this, &MainWindow::goToLocation);
    m_bannerBox = new QWidget(right);
    auto *bannerLayout = new QVBoxLayout(m_bannerBox);
    bannerLayout->setContentsMargins(10, 10, 10, 4);
    bannerLayout->addWidget(m_banner);
    m_banner->show();
    m_bannerBox->hide();
    connect(m_banner, &Banner::dismissed, m_bannerBox, &QWidget::hide);
    layout->addWidget(m_bannerBox);
    m_tabs = new QTabWidget(right);
    m_tabs->setDocumentMode(true);
    m_sqlView = new SqlView(m_tabs);
    m_dryRun = new DryRunPanel(m_tabs);
    m_dryRun->setScriptResolver([this](const QString &path) -> std::optional<MigrationScript> {
        const VersionState *e = m_model->entry(m_model->rowOfScript(path));
        if (!e || !e->migration)
            return std::nullopt;
        return e->migration->up.path == path ? e->migration->up : e->migration->down;
    });
    connect(m_dryRun, &DryRunPanel::locationActivated, this, &MainWindow::goToLocation);
    m_tabs->addTab(m_sqlView, icons::icon(icons::Name::Database, theme::secondaryText(palette())),
                   tr("SQL"));
    m_tabs->addTab(m_dryRun, icons::icon(icons::Name::DryRun, theme::secondaryText(palette())),
                   tr("Dry run"));
    layout->addWidget(m_tabs, 1);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    m_split = split;
    setCentralWidget(split);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!m_sized) {
        m_sized = true;
        const int left = qBound(340, width() / 3, 460);
        m_split->setSizes({left, width() - left});
    }
}

QListView *MainWindow::timelineView() const
{
    return m_timeline->view();
}

void MainWindow::showTimelineMenu(const QPoint &globalPos)
{
    QMenu menu(this);
    menu.addAction(m_dryRunAction);
    menu.addAction(m_migrate);
    menu.addAction(m_rollback);
    menu.addSeparator();
    menu.addAction(m_refresh);
    menu.exec(globalPos);
}

void MainWindow::onSelectionChanged(int sourceRow)
{
    const VersionState *e = m_model->entry(sourceRow);
    if (e) {
        m_selectedVersion = e->versionText;
        m_sqlView->showVersion(*e);
    } else if (const SourceProblem *problem = m_model->problem(sourceRow)) {
        m_sqlView->showProblem(*problem);
    } else {
        m_sqlView->clear();
    }
    updateActions();
}

void MainWindow::onStatus(const StatusReport &report)
{
    const QString keep = m_selectedVersion;
    m_model->setStatus(report);
    int pending = 0;
    for (const VersionState &e : report.entries)
        pending += e.state == MigrationState::Pending ? 1 : 0;
    m_status->setCurrentVersion(report.current ? report.current->toString() : QString(), pending);

    int row = m_model->rowOfVersion(keep);
    if (m_firstStatus || row < 0) {
        row = m_model->currentRow() >= 0 ? m_model->currentRow() : 0;
        m_timeline->view()->setFocus(); // arrows and shortcuts act on the timeline at once
    }
    m_firstStatus = false;
    m_timeline->selectRow(row);
    onSelectionChanged(m_timeline->selectedRow());
    showFolderProblems(report);
    if (m_rememberPending) {
        m_rememberPending = false;
        Workspace::remember(m_controller->config(), *Workspace::settings());
        RecentWorkspaces().add(m_controller->config().spec, m_controller->config().migrationsDir);
    }
    updateTitle();
    emit timelineUpdated();
}

void MainWindow::updateTitle()
{
    const WorkspaceConfig &config = m_controller->config();
    const QString where = config.spec.engine == Engine::Sqlite
                              ? QFileInfo(config.spec.path).fileName()
                              : config.spec.database;
    setWindowTitle(where.isEmpty() ? QStringLiteral("Strata")
                                   : QStringLiteral("%1 — %2 — Strata")
                                         .arg(where, QFileInfo(config.migrationsDir).fileName()));
}

void MainWindow::onBusyChanged(bool busy)
{
    QString label;
    switch (m_controller->intent()) {
    case WorkspaceController::Intent::Open:
        label = tr("Opening the workspace…");
        break;
    case WorkspaceController::Intent::Refresh:
        label = tr("Reading status…");
        break;
    case WorkspaceController::Intent::DryRun:
    case WorkspaceController::Intent::DryRunRollback:
    case WorkspaceController::Intent::Migrate:
    case WorkspaceController::Intent::PreviewRollback:
        label = tr("Dry run…");
        break;
    case WorkspaceController::Intent::Apply:
        label = tr("Applying…");
        break;
    case WorkspaceController::Intent::Rollback:
        label = tr("Rolling back…");
        break;
    case WorkspaceController::Intent::None:
        break;
    }
    m_status->setBusy(busy, label);
    updateActions();
    if (!busy && m_refreshWhenIdle) {
        m_refreshWhenIdle = false;
        refresh(); // the folder changed during the request: read it again before going idle
        return;
    }
    if (!busy)
        emit idle();
    if (!busy && m_closeWhenIdle)
        QMetaObject::invokeMethod(this, &QWidget::close, Qt::QueuedConnection);
}

void MainWindow::updateActions()
{
    const bool busy = m_controller->isBusy();
    const bool open = m_controller->isOpen();
    const VersionState *e = selectedEntry();
    const auto current = m_model->status().current;
    const bool versioned = e && e->kind == MigrationKind::Versioned && !e->version.isEmpty();
    const bool ahead = versioned && (!current || e->version > *current);
    const bool behind = versioned && current && e->version < *current;
    m_dryRunAction->setEnabled(!busy && open && (ahead || behind));
    m_migrate->setEnabled(!busy && open && ahead);
    m_rollback->setEnabled(!busy && open && behind);
    // Refresh also retries a workspace that did not open (the server was down, say).
    m_refresh->setEnabled(!busy && !m_controller->config().migrationsDir.isEmpty());
    m_openConnection->setEnabled(!busy);
    m_openFolder->setEnabled(!busy);
    m_openDemo->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    m_exportReport->setEnabled(open);
}

} // namespace strata
