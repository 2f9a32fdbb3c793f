#include "WorkspaceController.h"

#include "connection/SessionCredentials.h"

namespace strata {

WorkspaceController::WorkspaceController(QObject *parent) : QObject(parent)
{
    registerUiMetatypes();
    m_thread.setObjectName(QStringLiteral("strata-workspace"));
    m_worker = new WorkspaceWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    // The worker lives in another thread: these connections are queued.
    connect(m_worker, &WorkspaceWorker::sessionInfo, this, [this](const SessionInfo &info) {
        // Connected: the other windows need not ask for this password again this session.
        SessionCredentials::instance().remember(m_config.spec);
        emit sessionInfo(info);
    });
    connect(m_worker, &WorkspaceWorker::statusReady, this, [this](const StatusReport &report) {
        m_opened = true;
        m_watcher.rearm(); // files and sub-folders added since the last read are watched too
        emit statusReady(report);
    });
    connect(&m_watcher, &FolderWatcher::changed, this, &WorkspaceController::folderChanged);
    connect(m_worker, &WorkspaceWorker::alembicStatusReady, this,
            &WorkspaceController::alembicStatusReady);
    connect(m_worker, &WorkspaceWorker::progress, this, &WorkspaceController::progress);
    connect(m_worker, &WorkspaceWorker::noted, this, &WorkspaceController::noted);
    connect(m_worker, &WorkspaceWorker::trialReady, this,
            [this](const TrialResult &trial) { emit trialReady(trial, intent(), target()); });
    connect(m_worker, &WorkspaceWorker::runFinished, this,
            [this](const RunResult &run) { emit runFinished(run, intent(), target()); });
    connect(m_worker, &WorkspaceWorker::error, this, [this](const Error &e) {
        // A kept password the server refuses goes (only a refusal: SessionCredentials).
        SessionCredentials::instance().forgetRefused(m_config.spec,
                                                     e.message + u' ' + e.driverMessage);
        emit error(e, intent());
    });
    connect(m_worker, &WorkspaceWorker::requestDone, this, [this] {
        if (!m_queue.isEmpty())
            m_queue.dequeue();
        if (m_queue.isEmpty())
            emit busyChanged(false);
    });
    m_thread.start();
}

WorkspaceController::~WorkspaceController()
{
    m_worker->cancel(); // a running call stops at its next check, leaving the database as it was
    m_thread.quit();
    m_thread.wait();
}

template <typename F>
void WorkspaceController::request(Intent intent, const QString &target, F &&call)
{
    if (m_queue.isEmpty())
        m_worker->resetCancel(); // a queued request must not undo a cancel of the running one
    m_queue.enqueue({intent, target});
    if (m_queue.size() == 1)
        emit busyChanged(true);
    QMetaObject::invokeMethod(m_worker, std::forward<F>(call), Qt::QueuedConnection);
}

void WorkspaceController::open(const WorkspaceConfig &incoming)
{
    WorkspaceConfig config = incoming;
    SessionCredentials::instance().fill(config.spec); // no password given: this session's
    m_config = config;
    m_opened = false;
    m_watcher.watch(config.migrationsDir);
    WorkspaceWorker *w = m_worker;
    request(Intent::Open, {}, [w, config] { w->open(config); });
    // Seeding happens once: a later reopen of the same workspace must not re-seed.
    m_config.seedTo.clear();
}

void WorkspaceController::refresh()
{
    WorkspaceWorker *w = m_worker;
    request(Intent::Refresh, {}, [w] { w->refresh(); });
}

void WorkspaceController::dryRun(const QString &to)
{
    WorkspaceWorker *w = m_worker;
    request(Intent::DryRun, to, [w, to] { w->dryRun(to); });
}

void WorkspaceController::dryRunRollback(const QString &to)
{
    WorkspaceWorker *w = m_worker;
    request(Intent::DryRunRollback, to, [w, to] { w->dryRunRollback(to); });
}

void WorkspaceController::previewMigrate(const QString &to)
{
    WorkspaceWorker *w = m_worker;
    request(Intent::Migrate, to, [w, to] { w->dryRun(to, true); });
}

void WorkspaceController::previewRollback(const QString &to)
{
    WorkspaceWorker *w = m_worker;
    request(Intent::PreviewRollback, to, [w, to] { w->dryRunRollback(to, true); });
}

void WorkspaceController::apply(const QString &to)
{
    WorkspaceWorker *w = m_worker;
    request(Intent::Apply, to, [w, to] { w->apply(to); });
}

void WorkspaceController::rollback(const QString &to, bool allowDataLoss)
{
    WorkspaceWorker *w = m_worker;
    request(Intent::Rollback, to, [w, to, allowDataLoss] { w->rollback(to, allowDataLoss); });
}

void WorkspaceController::cancel()
{
    m_worker->cancel(); // direct: the worker's thread is busy, and the flag is atomic
}

} // namespace strata
