// The main window's Tools menu: the schema diff view, the SQLite-to-PostgreSQL transfer
// wizard and the PostgreSQL readiness check, each in its own window, given the open workspace.
#include "MainWindow.h"

#include "diff/SchemaDiffView.h"
#include "timeline/ReadinessDialog.h"
#include "timeline/TimelineModel.h"
#include "transfer/TransferWizard.h"

#include <QAction>
#include <QMenuBar>

namespace strata {

void MainWindow::createToolsMenu()
{
    m_compareSchemas = new QAction(tr("Compare Schemas…"), this);
    m_compareSchemas->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_compareSchemas->setStatusTip(
        tr("Compare connections, snapshot files and recorded versions; check drift"));
    m_transferAction = new QAction(tr("Transfer SQLite to PostgreSQL…"), this);
    m_transferAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_transferAction->setStatusTip(tr("Move an SQLite database with its data into PostgreSQL"));
    m_readinessAction = new QAction(tr("Check PostgreSQL Readiness…"), this);
    m_readinessAction->setStatusTip(
        tr("Replay the migrations folder on a PostgreSQL server and mark each version on the "
           "timeline: portable, PostgreSQL variant, different schema or fails"));
    connect(m_compareSchemas, &QAction::triggered, this, [this] { openSchemaDiff(); });
    connect(m_transferAction, &QAction::triggered, this, [this] { openTransferWizard(); });
    connect(m_readinessAction, &QAction::triggered, this, [this] { openReadinessCheck(); });
    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(m_compareSchemas);
    tools->addAction(m_transferAction);
    tools->addAction(m_readinessAction);
}

SchemaDiffView *MainWindow::schemaDiffView() const
{
    return m_diffView;
}

TransferWizard *MainWindow::transferWizard() const
{
    return m_transferWizard;
}

SchemaDiffView *MainWindow::openSchemaDiff()
{
    if (!m_diffView) {
        m_diffView = new SchemaDiffView(this);
        m_diffView->setWindowFlag(Qt::Window);
        m_diffView->resize(1180, 760);
        // A saved migration is a new pending version: the timeline shows it.
        connect(m_diffView, &SchemaDiffView::migrationSaved, this, [this] { refresh(); });
    }
    m_diffView->setWorkspace(m_controller->config());
    m_diffView->show();
    m_diffView->raise();
    m_diffView->activateWindow();
    return m_diffView;
}

TransferWizard *MainWindow::openTransferWizard()
{
    if (m_transferWizard && !m_transferWizard->isVisible())
        delete m_transferWizard;
    if (!m_transferWizard) {
        m_transferWizard = new TransferWizard(this);
        // The open workspace is offered, never chosen silently: writing into it must be a
        // click on a button that names it.
        const WorkspaceConfig &config = m_controller->config();
        const ConnectionSpec &spec = config.spec;
        if (spec.engine == Engine::Postgres)
            m_transferWizard->suggestTarget(spec, tr("the open workspace"));
        else if (!spec.path.isEmpty())
            m_transferWizard->suggestSource(spec.path, tr("the open workspace"));
        // The SQLite workspace's folder is the one to build the target from; the box is the
        // user's to tick.
        if (spec.engine == Engine::Sqlite && !config.migrationsDir.isEmpty())
            m_transferWizard->setMigrationsFolder(config.migrationsDir, false);
        // The database just built from the folder opens as the workspace: the timeline goes
        // on where SQLite's stopped, the move on it.
        connect(m_transferWizard, &TransferWizard::openWorkspaceRequested, this,
                [this](const ConnectionSpec &postgres, const QString &folder) {
                    WorkspaceConfig next;
                    next.spec = postgres;
                    next.migrationsDir = folder;
                    if (m_transferWizard)
                        m_transferWizard->accept();
                    openWorkspace(next);
                });
    }
    m_transferWizard->show();
    m_transferWizard->raise();
    return m_transferWizard;
}

ReadinessDialog *MainWindow::readinessDialog() const
{
    return m_readinessDialog;
}

ReadinessDialog *MainWindow::openReadinessCheck()
{
    const WorkspaceConfig &config = m_controller->config();
    if (config.spec.engine != Engine::Sqlite || config.migrationsDir.isEmpty()) {
        showMessage(theme::Tone::Info, tr("Readiness is checked from an SQLite workspace"),
                    tr("Open the SQLite database with its migrations folder, then check the "
                       "folder against a PostgreSQL server."));
        return nullptr;
    }
    if (m_readinessDialog && !m_readinessDialog->isVisible())
        delete m_readinessDialog;
    if (!m_readinessDialog) {
        m_readinessDialog = new ReadinessDialog(config.migrationsDir, this);
        connect(m_readinessDialog, &ReadinessDialog::checked, this,
                [this](const ReadinessResult &result) { m_model->setReadiness(result); });
    }
    m_readinessDialog->show();
    m_readinessDialog->raise();
    return m_readinessDialog;
}

} // namespace strata
