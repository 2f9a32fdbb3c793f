// MainWindow: what the actions do. Every database step is a request to the worker; its answer
// comes back in onTrial / onRunFinished / onError, which show it and ask before the next step.

#include "MainWindow.h"
#include "WorkspaceStatusBar.h"
#include "common/Banner.h"
#include "common/Format.h"
#include "common/SqlView.h"
#include "connection/ConnectionDialog.h"
#include "connection/PasswordStore.h"
#include "dryrun/DryRunPanel.h"
#include "timeline/RollbackDialog.h"
#include "timeline/TimelineModel.h"
#include "timeline/TimelinePane.h"

#include <QFileDialog>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>

namespace strata {

namespace {

QString stepList(const RunResult &run)
{
    QStringList versions;
    for (const StepResult &s : run.steps) {
        if (!s.skipped)
            versions << s.version;
    }
    return versions.join(QStringLiteral(", "));
}

} // namespace

void MainWindow::openWorkspace(const WorkspaceConfig &config)
{
    const int generation = ++m_openGeneration;
    if (config.spec.engine != Engine::Postgres || !config.spec.password.isEmpty() || !m_store) {
        startOpen(config);
        return;
    }
    m_status->setDisconnected(tr("Connecting to %1…").arg(config.displayUrl()));
    // The password goes only into the spec handed to the worker, never into the settings. No
    // entry, or no keychain: open without it, and libpq uses PGPASSWORD / ~/.pgpass.
    m_store->read(PasswordStore::keyFor(config.spec), this,
                  [this, config, generation](const PasswordResult &result) {
                      if (generation != m_openGeneration)
                          return;
                      WorkspaceConfig withPassword = config;
                      if (result.ok())
                          withPassword.spec.password = result.password;
                      startOpen(withPassword);
                  });
}

void MainWindow::setPasswordStore(PasswordStore *store)
{
    m_store = store;
}

void MainWindow::startOpen(const WorkspaceConfig &config)
{
    m_firstStatus = true;
    m_selectedVersion.clear();
    m_bannerBox->hide();
    m_model->clearReadiness(); // a check's verdicts belong to the folder it checked
    m_model->setStatus({});
    m_dryRun->clear();
    m_status->setDisconnected(tr("Connecting to %1…").arg(config.displayUrl()));
    m_rememberPending = m_remember;
    format::setDisplayRoot(config.migrationsDir);
    m_controller->open(config);
    updateTitle();
}

bool MainWindow::isMessageShown() const
{
    return !m_bannerBox->isHidden();
}

void MainWindow::showMessage(theme::Tone tone, const QString &title, const QString &bodyHtml)
{
    m_banner->setMessage(tone, title, bodyHtml);
    m_bannerBox->show();
    m_folderBannerShown = false; // showFolderProblems sets it again after its own message
}

void MainWindow::showError(const Error &error, const QString &title)
{
    m_banner->setError(error, title);
    m_bannerBox->show();
    m_folderBannerShown = false;
}

bool MainWindow::selectVersion(const QString &version)
{
    const int row = m_model->rowOfVersion(version);
    if (row < 0)
        return false;
    m_timeline->selectRow(row);
    return m_timeline->selectedRow() == row;
}

QString MainWindow::selectedVersion() const
{
    const VersionState *e = selectedEntry();
    return e ? e->versionText : QString();
}

const VersionState *MainWindow::selectedEntry() const
{
    return m_model->entry(m_timeline->selectedRow());
}

QString MainWindow::currentVersionText() const
{
    if (const QString heads = alembicHeadsText(); !heads.isEmpty())
        return heads;
    const auto current = m_model->status().current;
    return current ? current->toString() : tr("none");
}

void MainWindow::showSqlTab()
{
    m_tabs->setCurrentWidget(m_sqlView);
}

void MainWindow::showDryRunTab()
{
    m_tabs->setCurrentWidget(m_dryRun);
}

void MainWindow::dryRunHere()
{
    const VersionState *e = selectedEntry();
    const auto current = m_model->status().current;
    if (!e || m_controller->isBusy())
        return;
    m_bannerBox->hide();
    if (current && e->version < *current)
        m_controller->dryRunRollback(e->versionText);
    else
        m_controller->dryRun(e->versionText);
}

void MainWindow::migrateHere()
{
    const VersionState *e = selectedEntry();
    if (!e || m_controller->isBusy() || !m_migrate->isEnabled())
        return;
    m_bannerBox->hide();
    m_controller->previewMigrate(e->versionText);
}

void MainWindow::rollBackHere()
{
    const VersionState *e = selectedEntry();
    if (!e || m_controller->isBusy() || !m_rollback->isEnabled())
        return;
    m_bannerBox->hide();
    m_controller->previewRollback(e->versionText);
}

void MainWindow::refresh()
{
    if (m_controller->isBusy())
        return;
    if (m_controller->isOpen())
        m_controller->refresh(); // reads the folder and the history again
    else if (!m_controller->config().migrationsDir.isEmpty())
        openWorkspace(m_controller->config()); // it never opened: try the connection again
}

void MainWindow::onFolderChanged()
{
    if (!m_controller->isOpen())
        return; // the folder is read when the workspace opens
    if (m_controller->isBusy())
        m_refreshWhenIdle = true; // a migration may be running: read the folder after it
    else
        m_controller->refresh();
}

void MainWindow::showFolderProblems(const StatusReport &report)
{
    if (report.problems.isEmpty()) {
        if (m_folderBannerShown)
            m_bannerBox->hide();
        m_folderBannerShown = false;
        return;
    }
    if (isMessageShown() && !m_folderBannerShown)
        return; // an error or a result is shown: the timeline's problem rows still say it
    QString body;
    const qsizetype shown = qMin<qsizetype>(report.problems.size(), 3);
    for (qsizetype i = 0; i < shown; ++i) {
        const SourceProblem &p = report.problems[i];
        body += QStringLiteral("<b>%1</b>: %2<br>")
                    .arg(format::displayPath(p.path).toHtmlEscaped(), p.reason.toHtmlEscaped());
    }
    if (report.problems.size() > shown)
        body += tr("and %1 more, in the timeline.<br>").arg(report.problems.size() - shown);
    body += tr("The other versions are shown. Migrating waits until the folder is fixed; it is "
               "read again as soon as a file changes (or F5).");
    const bool wholeFolder = report.problems.first().kind == SourceProblemKind::Folder;
    showMessage(theme::Tone::Warning,
                wholeFolder
                    ? tr("The migrations folder cannot be read")
                    : tr("%1 of the migrations folder cannot be used")
                          .arg(format::count(report.problems.size(), tr("file"), tr("files"))),
                body);
    m_folderBannerShown = true;
}

void MainWindow::openConnection()
{
    askForWorkspace(m_controller->config().spec, m_controller->config().migrationsDir);
}

void MainWindow::askForWorkspace(const ConnectionSpec &spec, const QString &folder)
{
    // A workspace is a connection and a folder chosen together: the dialog asks for both.
    ConnectionDialog dialog(this);
    if (m_store)
        dialog.setPasswordStore(m_store);
    dialog.setWorkspace(spec, folder);
    if (dialog.exec() != QDialog::Accepted)
        return;
    WorkspaceConfig config;
    config.spec = dialog.spec();
    config.migrationsDir = dialog.migrationsFolder();
    openWorkspace(config);
}

void MainWindow::openMigrationsFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Migrations Folder"),
                                                          m_controller->config().migrationsDir);
    if (dir.isEmpty())
        return;
    WorkspaceConfig config = m_controller->config();
    config.migrationsDir = dir;
    config.seedTo.clear();
    config.isDemo = false;
    openWorkspace(config);
}

void MainWindow::openDemo()
{
    auto demo = Workspace::demo();
    if (!demo) {
        showError(demo.error(), tr("The demo workspace cannot be opened"));
        return;
    }
    openWorkspace(*demo);
}

void MainWindow::onTrial(const TrialResult &trial, WorkspaceController::Intent intent,
                         const QString &target)
{
    using Intent = WorkspaceController::Intent;
    const QString from = currentVersionText();
    const bool down = trial.direction == Direction::Down;
    const QString title = down ? tr("Dry run: roll back %1 → %2").arg(from, target)
                               : tr("Dry run: migrate %1 → %2").arg(from, target);
    m_dryRun->setTrial(trial, title);
    showDryRunTab();

    if (trial.steps.isEmpty()) {
        showMessage(theme::Tone::Info, down ? tr("Nothing to roll back.") : tr("Nothing to apply."),
                    tr("The database is already at version %1.").arg(from.toHtmlEscaped()));
        return;
    }
    if (intent == Intent::Migrate) {
        if (!trial.ok()) {
            showMessage(theme::Tone::Danger, tr("Not applied: the dry run failed."),
                        tr("Fix the failing statement shown in the preview; the database was not "
                           "changed."));
            return;
        }
        if (m_confirmMigrate(trial, from, target)) {
            m_runStarted = QDateTime::currentDateTimeUtc();
            m_controller->apply(target);
        }
        return;
    }
    if (intent == Intent::PreviewRollback) {
        const RollbackDecision decision = m_confirmRollback(trial, from, target);
        if (decision.confirmed && trial.ok()) {
            m_runStarted = QDateTime::currentDateTimeUtc();
            m_controller->rollback(target, decision.allowDataLoss);
        }
    }
}

void MainWindow::onRunFinished(const RunResult &run, WorkspaceController::Intent,
                               const QString &target)
{
    const bool up = run.direction == Direction::Up;
    const QString done = stepList(run);
    m_lastRun =
        ReportRun{run, m_runStarted.isValid() ? m_runStarted : QDateTime::currentDateTimeUtc(),
                  QDateTime::currentDateTimeUtc(), currentUserName()};
    m_runStarted = {};
    if (!done.isEmpty()) {
        const QString when =
            QLocale().toString(QDateTime::currentDateTime().time(), QLocale::ShortFormat);
        m_dryRun->markOutdated(up ? tr("At %1, %2 applied: %3.")
                                        .arg(when,
                                             run.steps.size() == 1 ? tr("this version was")
                                                                   : tr("these versions were"),
                                             done)
                                  : tr("At %1, %2 rolled back: %3.")
                                        .arg(when,
                                             run.steps.size() == 1 ? tr("this version was")
                                                                   : tr("these versions were"),
                                             done));
    }
    // Every outcome offers its record: applied, stopped or cancelled.
    const QString exportLink =
        QStringLiteral("<br><a href=\"report:run\">%1</a>").arg(tr("Export report…"));
    if (run.error) {
        if (run.error->kind == Error::Kind::Cancelled) {
            showMessage(theme::Tone::Warning, tr("Cancelled."),
                        done.isEmpty()
                            ? tr("Nothing was changed.")
                            : tr("Completed before the cancel: %1. The migration that was "
                                 "running was rolled back.")
                                      .arg(done.toHtmlEscaped()) +
                                  exportLink);
            return;
        }
        const QString title = up ? tr("Migration stopped: %1").arg(run.error->message)
                                 : tr("Rollback stopped: %1").arg(run.error->message);
        showError(*run.error, title);
        QString body = m_banner->body();
        body += tr("<br>%1 The failed step was rolled back; the database is consistent.")
                    .arg(done.isEmpty() ? tr("No step completed.")
                                        : (up ? tr("Applied before the failure: %1.")
                                              : tr("Undone before the failure: %1."))
                                              .arg(done.toHtmlEscaped()));
        m_banner->setMessage(theme::Tone::Danger, title, body + exportLink);
        return;
    }
    qint64 ms = 0;
    for (const StepResult &s : run.steps)
        ms += s.executionMs;
    const QString title = up ? tr("Migrated to version %1.").arg(target)
                             : tr("Rolled back to version %1.").arg(target);
    const QString body = up ? tr("Applied %1 in %2 ms.").arg(done.toHtmlEscaped()).arg(ms)
                            : tr("Undid %1 in %2 ms.").arg(done.toHtmlEscaped()).arg(ms);
    showMessage(theme::Tone::Success, title,
                (run.steps.isEmpty() ? tr("Nothing needed to run.") : body) + exportLink);
    m_status->showNote(title, 8000);
}

void MainWindow::onError(const Error &error, WorkspaceController::Intent intent)
{
    using Intent = WorkspaceController::Intent;
    QString title;
    switch (intent) {
    case Intent::Open:
        title = tr("Could not open the workspace: %1").arg(error.message);
        break;
    case Intent::Refresh:
        title = tr("Could not read the status: %1").arg(error.message);
        break;
    default:
        title = error.message;
        break;
    }
    showError(error, title);
    if (intent == Intent::Open && !m_controller->isOpen())
        m_status->setDisconnected(tr("Not connected"));
}

void MainWindow::goToLocation(const QString &file, int line)
{
    const int row = m_model->rowOfScript(file);
    if (row < 0)
        return;
    m_timeline->selectRow(row);
    showSqlTab();
    m_sqlView->showLocation(file, line);
}

MainWindow::RollbackDecision
MainWindow::defaultRollbackConfirm(const TrialResult &trial, const QString &from, const QString &to)
{
    RollbackDialog dialog(trial, from, to, m_controller->config().displayUrl(), this);
    dialog.setReportBase([this] { return workspaceReport(QString()); });
    RollbackDecision decision;
    decision.confirmed = dialog.exec() == QDialog::Accepted;
    decision.allowDataLoss = dialog.allowDataLoss();
    return decision;
}

bool MainWindow::defaultMigrateConfirm(const TrialResult &trial, const QString &from,
                                       const QString &to)
{
    QMessageBox box(this);
    box.setIcon(QMessageBox::Question);
    box.setWindowTitle(tr("Migrate to version %1").arg(to));
    box.setText(tr("Apply %1 (%2 → %3) to %4?")
                    .arg(format::count(trial.steps.size(), tr("migration"), tr("migrations")), from,
                         to, m_controller->config().displayUrl()));
    const QString when =
        trial.ranAt.isValid()
            ? QLocale().toString(trial.ranAt.toLocalTime().time(), QLocale::ShortFormat)
            : QString();
    QString info = trial.reused ? tr("Dry run at %1 (reused: nothing changed since): %2; it was "
                                     "rolled back. Its report is in the Dry run tab.")
                                      .arg(when, trial.verdict())
                                : tr("Dry run: %1; it was rolled back. Its report is in the Dry "
                                     "run tab.")
                                      .arg(trial.verdict());
    int warnings = int(trial.warnings.size());
    for (const StepTrial &s : trial.steps)
        warnings += int(s.warnings.size());
    if (warnings)
        info += tr("\n\nRead the %1 first.")
                    .arg(format::count(warnings, tr("warning"), tr("warnings")));
    int outside = 0;
    for (const StepTrial &s : trial.steps)
        outside += s.executed ? 0 : 1;
    if (outside)
        info +=
            tr("\n\n%1 outside a transaction (-- strata:no-transaction): the dry run could not "
               "try it, and if it fails it cannot be rolled back.")
                .arg(outside == 1 ? tr("1 migration runs") : tr("%1 migrations run").arg(outside));
    box.setInformativeText(info);
    QPushButton *apply = box.addButton(tr("Apply"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == apply;
}

} // namespace strata
