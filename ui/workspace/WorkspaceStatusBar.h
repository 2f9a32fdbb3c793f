#pragma once
// The status bar: connection, server version, current schema version and migrator lock on the
// left; while work runs, a progress bar with a Cancel button on the right.

#include "WorkspaceWorker.h"

#include <QStatusBar>

class QLabel;
class QProgressBar;
class QTimer;
class QToolButton;

namespace strata {

class WorkspaceStatusBar : public QStatusBar {
    Q_OBJECT
public:
    explicit WorkspaceStatusBar(QWidget *parent = nullptr);

    void setSessionInfo(const SessionInfo &info);
    void setCurrentVersion(const QString &version, int pending);
    void setDisconnected(const QString &what);
    // Busy: shows the progress bar (indeterminate until the first report) and Cancel.
    void setBusy(bool busy, const QString &label = {});
    void setProgress(int done, int total, const QString &label);
    // A passing note ("Migrated to version 10.") in its own place at the right, for `ms`
    // milliseconds. QStatusBar::showMessage would be drawn where the connection label is.
    void showNote(const QString &text, int ms = 8000);
    QString noteText() const;
    QLabel *noteLabel() const { return m_note; }
    QLabel *connectionLabel() const { return m_connection; }

    QString connectionText() const;
    QString versionText() const;
    QString lockText() const;
    bool isBusy() const;

signals:
    void cancelRequested();

private:
    QLabel *m_connectionIcon = nullptr;
    QLabel *m_connection = nullptr;
    QLabel *m_server = nullptr;
    QLabel *m_version = nullptr;
    QLabel *m_lockIcon = nullptr;
    QLabel *m_lock = nullptr;
    QLabel *m_work = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancel = nullptr;
    QLabel *m_note = nullptr;
    QTimer *m_noteTimer = nullptr;
    QString m_connectionText; // unelided
};

} // namespace strata
