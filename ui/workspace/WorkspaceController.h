#pragma once
// The GUI side of a workspace: owns the worker and its thread, queues requests to it, tracks
// what the outstanding request is for, and re-emits the worker's results in the GUI thread.

#include "FolderWatcher.h"
#include "WorkspaceWorker.h"

#include <QObject>
#include <QQueue>
#include <QThread>

namespace strata {

class WorkspaceController : public QObject {
    Q_OBJECT
public:
    // What a request is for; results carry it, so the window knows what to do next.
    enum class Intent {
        None,
        Open,
        Refresh,
        DryRun,
        DryRunRollback,
        Migrate,
        PreviewRollback,
        Apply,
        Rollback
    };
    Q_ENUM(Intent)

    explicit WorkspaceController(QObject *parent = nullptr);
    ~WorkspaceController() override;

    void open(const WorkspaceConfig &config);
    void refresh();
    void dryRun(const QString &to);          // preview only
    void dryRunRollback(const QString &to);  // preview of a rollback only
    void previewMigrate(const QString &to);  // preview, then the window may apply()
    void previewRollback(const QString &to); // preview, then the window may rollback()
    void apply(const QString &to);
    void rollback(const QString &to, bool allowDataLoss);
    void cancel();

    bool isBusy() const { return !m_queue.isEmpty(); }
    // The request that runs now (None when idle).
    Intent intent() const { return m_queue.isEmpty() ? Intent::None : m_queue.head().intent; }
    QString target() const { return m_queue.isEmpty() ? QString() : m_queue.head().target; }
    const WorkspaceConfig &config() const { return m_config; }
    bool isOpen() const { return m_opened; }
    // The open workspace's migrations folder, watched while it is open.
    FolderWatcher *folderWatcher() { return &m_watcher; }

signals:
    void busyChanged(bool busy);
    void sessionInfo(const strata::SessionInfo &info);
    void statusReady(const strata::StatusReport &report);
    void progress(int done, int total, const QString &label);
    void noted(const QString &text);
    void trialReady(const strata::TrialResult &trial, strata::WorkspaceController::Intent intent,
                    const QString &target);
    void runFinished(const strata::RunResult &result, strata::WorkspaceController::Intent intent,
                     const QString &target);
    void error(const strata::Error &error, strata::WorkspaceController::Intent intent);
    void alembicStatusReady(const strata::AlembicStatus &status, const QString &alembicCommand);
    // Files of the migrations folder were added, removed or edited (settled for ~300 ms).
    void folderChanged();

private:
    template <typename F> void request(Intent intent, const QString &target, F &&call);

    QThread m_thread;
    WorkspaceWorker *m_worker = nullptr; // lives in m_thread; deleted there when it finishes
    WorkspaceConfig m_config;
    struct Request {
        Intent intent;
        QString target;
    };
    QQueue<Request> m_queue; // requests sent and not yet done, oldest (running) first
    bool m_opened = false;
    FolderWatcher m_watcher;
};

} // namespace strata
