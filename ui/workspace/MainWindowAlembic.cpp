// The main window's Alembic face: an Alembic project folder shows its revision graph in the
// timeline's place; its Dry run / Migrate buttons go through the usual preview and confirm flow.
#include "MainWindow.h"
#include "WorkspaceController.h"
#include "alembic/AlembicGraphModel.h"
#include "alembic/AlembicGraphPane.h"
#include "timeline/TimelinePane.h"

#include <QSplitter>

namespace strata {

void MainWindow::showAlembicGraph(const AlembicStatus &status, const QString &alembicCommand)
{
    if (!m_alembicPane) {
        auto *split = qobject_cast<QSplitter *>(m_timeline->parentWidget());
        m_alembicPane = new AlembicGraphPane(split);
        m_alembicPane->setMinimumWidth(300);
        if (split)
            split->insertWidget(0, m_alembicPane);
        connect(m_alembicPane, &AlembicGraphPane::dryRunRequested, m_controller,
                &WorkspaceController::dryRun);
        connect(m_alembicPane, &AlembicGraphPane::migrateRequested, m_controller,
                &WorkspaceController::previewMigrate);
        // Back to the version timeline when a workspace of another format opens.
        connect(m_controller, &WorkspaceController::sessionInfo, this,
                [this](const SessionInfo &info) {
                    const bool alembic = info.folderFormat == QLatin1String("Alembic");
                    m_alembicPane->setVisible(alembic);
                    m_timeline->setVisible(!alembic);
                });
    }
    m_alembicPane->setStatus(status, alembicCommand);
    m_timeline->hide();
    m_alembicPane->show();
}

QString MainWindow::alembicHeadsText() const
{
    if (!m_alembicPane || m_alembicPane->isHidden())
        return {};
    const QStringList heads = m_alembicPane->model()->status().databaseHeads;
    return heads.isEmpty() ? tr("base") : heads.join(QStringLiteral(", "));
}

} // namespace strata
