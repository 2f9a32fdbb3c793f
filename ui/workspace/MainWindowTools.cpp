// The main window's Tools menu: the schema diff view and the SQLite-to-PostgreSQL transfer
// wizard, each in its own window, given the open workspace.
#include "MainWindow.h"

#include "diff/SchemaDiffView.h"
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
    connect(m_compareSchemas, &QAction::triggered, this, [this] { openSchemaDiff(); });
    connect(m_transferAction, &QAction::triggered, this, [this] { openTransferWizard(); });
    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(m_compareSchemas);
    tools->addAction(m_transferAction);
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
        const ConnectionSpec &spec = m_controller->config().spec;
        if (spec.engine == Engine::Postgres)
            m_transferWizard->suggestTarget(spec, tr("the open workspace"));
        else if (!spec.path.isEmpty())
            m_transferWizard->suggestSource(spec.path, tr("the open workspace"));
    }
    m_transferWizard->show();
    m_transferWizard->raise();
    return m_transferWizard;
}

} // namespace strata
