// MainWindow: closing while the database is being changed.

#include "MainWindow.h"
#include "common/Banner.h"

#include <QCloseEvent>
#include <QMessageBox>
#include <QPushButton>

namespace strata {

void MainWindow::closeEvent(QCloseEvent *event)
{
    using Intent = WorkspaceController::Intent;
    if (!m_controller->isBusy()) {
        event->accept();
        return;
    }
    if (m_closeWhenIdle) { // already stopping: wait for the worker
        event->ignore();
        return;
    }
    const Intent intent = m_controller->intent();
    const bool changing = intent == Intent::Apply || intent == Intent::Rollback;
    if (!changing) {
        // A dry run or a status read changes nothing: stop it and close when it has stopped.
        m_closeWhenIdle = true;
        m_controller->cancel();
        event->ignore();
        return;
    }
    QMessageBox box(this);
    box.setIcon(QMessageBox::Warning);
    box.setWindowTitle(intent == Intent::Apply ? tr("A migration is running")
                                               : tr("A rollback is running"));
    box.setText(intent == Intent::Apply
                    ? tr("Strata is migrating %1 to version %2.")
                          .arg(m_controller->config().displayUrl(), m_controller->target())
                    : tr("Strata is rolling %1 back to version %2.")
                          .arg(m_controller->config().displayUrl(), m_controller->target()));
    box.setInformativeText(
        tr("Stop it and close? The run stops after the current statement: the migration that is "
           "running is rolled back, and the versions already done stay done. Or keep it running "
           "and close later."));
    QPushButton *stop = box.addButton(tr("Stop and Close"), QMessageBox::DestructiveRole);
    QPushButton *keep = box.addButton(tr("Keep Running"), QMessageBox::RejectRole);
    box.setDefaultButton(keep);
    box.setEscapeButton(keep);
    box.exec();
    event->ignore();
    if (box.clickedButton() != stop)
        return;
    if (!m_controller->isBusy()) { // it finished while the question was open
        QMetaObject::invokeMethod(this, &QWidget::close, Qt::QueuedConnection);
        return;
    }
    m_closeWhenIdle = true;
    m_controller->cancel();
    showMessage(theme::Tone::Warning, tr("Stopping…"),
                tr("The window closes as soon as the run has stopped."));
}

} // namespace strata
