// MainWindow: reports. Every view that shows a result offers "Export Report…" through
// ReportExport; this file gives them the workspace around the result.

#include "MainWindow.h"
#include "common/Banner.h"
#include "dryrun/DryRunPanel.h"
#include "report/ReportExport.h"
#include "timeline/TimelineModel.h"

#include <QAction>

namespace strata {

void MainWindow::createReportActions()
{
    connect(m_controller, &WorkspaceController::sessionInfo, this,
            [this](const SessionInfo &info) { m_sessionInfo = info; });
    m_exportReport = ReportExport::action(
        this, this, [this] { return stateReport(); }, QStringLiteral("workspace"));
    m_exportReport->setStatusTip(
        tr("Save the timeline and its validation as an HTML, PDF, Markdown or JSON report"));
    m_exportReport->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportReport->setEnabled(false);
    m_dryRun->setReportBase([this] { return workspaceReport(QString()); });
    connect(m_banner, &Banner::linkActivated, this, [this](const QString &link) {
        if (link == QLatin1String("report:run"))
            exportLastRun();
    });
}

Report MainWindow::workspaceReport(const QString &title) const
{
    Report r = Report::begin(title);
    const WorkspaceConfig &config = m_controller->config();
    // The spec may carry the keychain's password: setDatabase keeps it out of every format.
    r.setDatabase(config.spec, m_sessionInfo.serverVersion);
    r.migrationsDir = config.migrationsDir;
    r.folderFormat = m_sessionInfo.folderFormat;
    r.timeline = m_model->status();
    return r;
}

Report MainWindow::stateReport() const
{
    Report r = workspaceReport(tr("State of %1").arg(m_controller->config().displayUrl()));
    int checked = 0;
    for (const VersionState &e : r.timeline->entries)
        checked += e.migration ? 1 : 0;
    r.validation = ReportValidation{Migrator::problemsIn(*r.timeline), checked};
    return r;
}

std::optional<Report> MainWindow::lastRunReport() const
{
    if (!m_lastRun)
        return std::nullopt;
    const bool up = m_lastRun->run.direction == Direction::Up;
    Report r = workspaceReport(up ? tr("Apply") : tr("Rollback"));
    r.run = m_lastRun;
    return r;
}

void MainWindow::exportLastRun()
{
    if (const auto report = lastRunReport())
        ReportExport::run(
            this, [report] { return *report; },
            m_lastRun->run.direction == Direction::Up ? QStringLiteral("apply")
                                                      : QStringLiteral("rollback"));
}

} // namespace strata
