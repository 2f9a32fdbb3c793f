#pragma once
// The workspace's worker: lives in its own QThread, opens its own DatabaseSession there and runs
// every core call. Requests arrive as queued slot calls; results leave as queued signals, so the
// GUI thread never touches the database. cancel() is the one call made across threads: it only
// sets a flag that the running core call polls through Progress::cancelled().

#include "Workspace.h"
#include "interop/AlembicStatus.h"
#include "migration/DryRun.h"
#include "migration/Migrator.h"

#include <QObject>
#include <atomic>
#include <memory>

namespace strata {

enum class LockState { Unknown, Free, HeldByOther, PerTransaction };

// What the status bar shows about the connection.
struct SessionInfo {
    QString displayUrl; // never carries the password
    QString engine;     // "SQLite", "PostgreSQL"
    QString serverVersion;
    QString migrationsDir;
    QString folderFormat;
    LockState lock = LockState::Unknown;
};

class WorkspaceWorker : public QObject {
    Q_OBJECT
public:
    explicit WorkspaceWorker(QObject *parent = nullptr);
    ~WorkspaceWorker() override;

    // Thread-safe: called from the GUI thread while a request runs, or to re-arm before one.
    void resetCancel() { m_cancel.store(false); }
    bool isCancelRequested() const { return m_cancel.load(); }

public slots:
    void open(const strata::WorkspaceConfig &config);
    void refresh();
    // Trial of migrating up to `to` (empty: every pending version). Emits trialReady. With
    // `reuse`, the last trial is served again (marked reused) when its plan and the history it
    // started from are unchanged: a long backfill is not trialled twice before Migrate.
    void dryRun(const QString &to, bool reuse = false);
    // Trial of rolling back to `to`, generated undos included and data loss allowed, so the
    // preview shows everything the rollback would do. Emits trialReady.
    void dryRunRollback(const QString &to, bool reuse = false);
    void apply(const QString &to);
    void rollback(const QString &to, bool allowDataLoss);
    // Thread-safe (it only sets an atomic flag): the running call stops at its next check.
    void cancel() { m_cancel.store(true); }

signals:
    void sessionInfo(const strata::SessionInfo &info);
    void statusReady(const strata::StatusReport &report);
    void progress(int done, int total, const QString &label);
    void noted(const QString &text);
    void trialReady(const strata::TrialResult &trial);
    void runFinished(const strata::RunResult &result);
    void error(const strata::Error &error);
    // For an Alembic project folder, after statusReady: its revision graph placed on the
    // database, and the alembic command (empty when not installed).
    void alembicStatusReady(const strata::AlembicStatus &status, const QString &alembicCommand);
    // Every request ends with this, whatever happened.
    void requestDone();

private:
    class WorkerProgress;
    void runTrial(const Result<Plan> &plan, bool reuse); // the preview of a plan, or its error
    bool prepare(); // re-reads the folder; false (error emitted) when there is no workspace
    void emitStatus();
    void emitSessionInfo();
    LockState probeLock();
    std::optional<Version> parseTarget(const QString &to, bool &ok);
    // Alembic projects: plan Alembic's offline SQL up to `to` (a revision, empty for heads), then
    // trial it or apply it. Returns false when the workspace is not an Alembic project.
    bool alembicUp(const QString &to, bool trialOnly);

    WorkspaceConfig m_config;
    std::unique_ptr<DatabaseSession> m_session;
    std::unique_ptr<Migrator> m_migrator;
    std::optional<AlembicProject> m_alembic; // set by prepare() for an Alembic project folder
    std::atomic<bool> m_cancel{false};
    struct LastTrial {
        QByteArray key; // DryRun::planKey of the plan it tried
        TrialResult result;
    };
    std::optional<LastTrial> m_lastTrial;
};

void registerUiMetatypes();

} // namespace strata

Q_DECLARE_METATYPE(strata::SessionInfo)
Q_DECLARE_METATYPE(strata::StatusReport)
Q_DECLARE_METATYPE(strata::TrialResult)
Q_DECLARE_METATYPE(strata::RunResult)
Q_DECLARE_METATYPE(strata::Error)
