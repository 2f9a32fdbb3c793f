#include "WorkspaceWorker.h"

#include "interop/AlembicRunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QScopeGuard>

namespace strata {

// Forwards the core's progress as queued signals and answers its cancel polls from the flag.
// During a real run (liveStatus), a step reported done also sends the status again, so the
// timeline moves as versions are applied or undone; at most every 250 ms, a long run of quick
// steps does not read the history once per step.
class WorkspaceWorker::WorkerProgress final : public Progress {
public:
    explicit WorkerProgress(WorkspaceWorker &worker, bool liveStatus = false)
        : m_worker(worker), m_liveStatus(liveStatus)
    {
        m_sinceStatus.start();
    }
    void report(int done, int total, const QString &label) override
    {
        emit m_worker.progress(done, total, label);
        // Migrator::run reports step `done` before it starts it, outside any transaction: the
        // steps before it are committed.
        if (m_liveStatus && done > m_lastDone && done < total && m_sinceStatus.elapsed() >= 250) {
            m_lastDone = done;
            m_sinceStatus.restart();
            m_worker.emitStatus();
        }
    }
    void note(const QString &text) override { emit m_worker.noted(text); }
    bool cancelled() const override { return m_worker.m_cancel.load(); }

private:
    WorkspaceWorker &m_worker;
    bool m_liveStatus = false;
    int m_lastDone = 0;
    QElapsedTimer m_sinceStatus;
};

void registerUiMetatypes()
{
    qRegisterMetaType<WorkspaceConfig>();
    qRegisterMetaType<SessionInfo>();
    qRegisterMetaType<StatusReport>();
    qRegisterMetaType<TrialResult>();
    qRegisterMetaType<RunResult>();
    qRegisterMetaType<Error>();
    qRegisterMetaType<AlembicStatus>();
}

WorkspaceWorker::WorkspaceWorker(QObject *parent) : QObject(parent) {}

// Runs in the worker thread (deleteLater on QThread::finished), where the session was opened.
WorkspaceWorker::~WorkspaceWorker()
{
    m_migrator.reset();
    m_session.reset();
}

void WorkspaceWorker::open(const WorkspaceConfig &config)
{
    auto done = qScopeGuard([this] { emit requestDone(); });
    m_migrator.reset();
    m_session.reset();
    m_lastTrial.reset();
    m_config = config;
    auto session = DatabaseSession::open(config.spec);
    if (!session) {
        emit error(session.error());
        return;
    }
    m_session = std::move(session).value();
    if (!prepare())
        return;
    if (!config.seedTo.isEmpty()) {
        // The demo: a database without history gets its first versions applied.
        auto exists = m_migrator->history().exists();
        if (exists && !*exists) {
            bool ok = true;
            const auto target = parseTarget(config.seedTo, ok);
            WorkerProgress progress(*this);
            const RunResult seeded = m_migrator->up(target, &progress);
            if (seeded.error)
                emit error(*seeded.error);
        }
    }
    emitSessionInfo();
    emitStatus();
}

void WorkspaceWorker::refresh()
{
    auto done = qScopeGuard([this] { emit requestDone(); });
    if (!prepare())
        return;
    emitSessionInfo();
    emitStatus();
}

void WorkspaceWorker::dryRun(const QString &to, bool reuse)
{
    auto done = qScopeGuard([this] { emit requestDone(); });
    if (alembicUp(to, true))
        return;
    bool ok = true;
    const auto target = parseTarget(to, ok);
    if (!ok || !prepare())
        return;
    runTrial(m_migrator->planUp(target), reuse);
}

void WorkspaceWorker::dryRunRollback(const QString &to, bool reuse)
{
    auto done = qScopeGuard([this] { emit requestDone(); });
    bool ok = true;
    const auto target = parseTarget(to, ok);
    if (!ok || !prepare())
        return;
    DownTarget down;
    down.to = target;
    down.generateMissing = true;
    down.allowDataLoss = true; // the preview lists data loss instead of refusing it
    runTrial(m_migrator->planDown(down), reuse);
}

void WorkspaceWorker::runTrial(const Result<Plan> &plan, bool reuse)
{
    if (!plan) {
        emit error(plan.error());
        return;
    }
    auto key = DryRun::planKey(*m_migrator, *plan);
    if (reuse && key && m_lastTrial && m_lastTrial->key == *key) {
        TrialResult again = m_lastTrial->result;
        again.reused = true;
        emit trialReady(again);
        return;
    }
    WorkerProgress progress(*this);
    TrialResult trial = DryRun::trial(*m_migrator, *plan, &progress);
    // Only a complete trial stands for a later Migrate; a cancelled one is tried again.
    if (key && trial.rolledBack && !(trial.error && trial.error->kind == Error::Kind::Cancelled))
        m_lastTrial = LastTrial{*key, trial};
    else
        m_lastTrial.reset();
    emit trialReady(trial);
}

void WorkspaceWorker::apply(const QString &to)
{
    auto done = qScopeGuard([this] { emit requestDone(); });
    if (alembicUp(to, false))
        return;
    bool ok = true;
    const auto target = parseTarget(to, ok);
    if (!ok || !prepare())
        return;
    m_lastTrial.reset();
    WorkerProgress progress(*this, true);
    const RunResult result = m_migrator->up(target, &progress);
    emit runFinished(result);
    emitSessionInfo();
    emitStatus();
}

void WorkspaceWorker::rollback(const QString &to, bool allowDataLoss)
{
    auto done = qScopeGuard([this] { emit requestDone(); });
    bool ok = true;
    const auto target = parseTarget(to, ok);
    if (!ok || !prepare())
        return;
    DownTarget down;
    down.to = target;
    down.generateMissing = true;
    down.allowDataLoss = allowDataLoss;
    m_lastTrial.reset();
    WorkerProgress progress(*this, true);
    const RunResult result = m_migrator->down(down, &progress);
    emit runFinished(result);
    emitSessionInfo();
    emitStatus();
}

bool WorkspaceWorker::prepare()
{
    if (!m_session) {
        emit error(Error{Error::Kind::Connection, QStringLiteral("Not connected."), {}, {}, 0, {}});
        return false;
    }
    // The folder is read again on every request: files edited since the last one count. What
    // cannot be read is a problem in the status (a row in the timeline), never a dead workspace:
    // the database and the readable versions stay shown, and the core refuses to migrate.
    m_alembic.reset();
    if (AlembicProject::looksLikeProject(m_config.migrationsDir)) {
        auto project = AlembicProject::read(m_config.migrationsDir);
        if (project) {
            m_alembic = std::move(project).value();
            m_migrator = std::make_unique<Migrator>(*m_session, MigrationSet{});
            return true;
        }
        MigrationSet unreadable;
        unreadable.problems.append(
            {SourceProblemKind::Folder,
             project.error().file.isEmpty() ? m_config.migrationsDir : project.error().file,
             project.error().message});
        m_migrator = std::make_unique<Migrator>(*m_session, std::move(unreadable));
        return true;
    }
    m_migrator = std::make_unique<Migrator>(*m_session,
                                            MigrationSource::readOrProblem(m_config.migrationsDir));
    return true;
}

void WorkspaceWorker::emitStatus()
{
    auto read = m_migrator->status();
    if (!read) {
        emit error(read.error());
        return;
    }
    StatusReport status = std::move(read).value();
    // The audit log is shown per version; a log that cannot be read leaves the timeline as is.
    if (auto log = m_migrator->audit().read())
        attachAudit(status, *log, m_migrator->history().name());
    emit statusReady(status);
    if (m_alembic) {
        auto placed = AlembicPlacement::read(*m_session, *m_alembic);
        if (!placed) {
            emit error(placed.error());
            return;
        }
        emit alembicStatusReady(*placed, AlembicRunner::executable());
    }
}

bool WorkspaceWorker::alembicUp(const QString &to, bool trialOnly)
{
    if (!AlembicProject::looksLikeProject(m_config.migrationsDir))
        return false;
    if (!prepare())
        return true;
    auto placed = AlembicPlacement::read(*m_session, *m_alembic);
    if (!placed) {
        emit error(placed.error());
        return true;
    }
    auto plan = AlembicRunner(*m_alembic).plan(*m_session, *placed, {Direction::Up, to, 0});
    if (!plan) {
        emit error(plan.error());
        return true;
    }
    WorkerProgress progress(*this);
    if (trialOnly) {
        emit trialReady(AlembicRunner::trial(*m_session, *plan, &progress));
        return true;
    }
    emit runFinished(AlembicRunner::apply(*m_session, *plan, &progress));
    emitSessionInfo();
    emitStatus();
    return true;
}

void WorkspaceWorker::emitSessionInfo()
{
    SessionInfo info;
    info.displayUrl = m_session->spec().displayUrl();
    info.engine = m_session->spec().engine == Engine::Sqlite ? QStringLiteral("SQLite")
                                                             : QStringLiteral("PostgreSQL");
    info.serverVersion = m_session->serverVersion();
    info.migrationsDir = QDir::toNativeSeparators(m_config.migrationsDir);
    info.folderFormat =
        m_alembic ? QStringLiteral("Alembic") : folderFormatName(m_migrator->folder().format);
    info.lock = probeLock();
    emit sessionInfo(info);
}

// Whether another migrator holds the engine's migrator lock: a non-blocking try, released at
// once. The statements are the dialect's (core), not the UI's.
LockState WorkspaceWorker::probeLock()
{
    const Dialect &dialect = m_session->dialect();
    if (dialect.tryLockSql().isEmpty())
        return LockState::PerTransaction;
    auto got = m_session->scalar(dialect.tryLockSql());
    if (!got)
        return LockState::Unknown;
    if (!got->toBool())
        return LockState::HeldByOther;
    m_session->scalar(dialect.unlockSql());
    return LockState::Free;
}

std::optional<Version> WorkspaceWorker::parseTarget(const QString &to, bool &ok)
{
    ok = true;
    if (to.isEmpty())
        return std::nullopt;
    auto version = Version::parse(to);
    if (!version) {
        ok = false;
        emit error(Error::usage(QStringLiteral("`%1` is not a version.").arg(to)));
    }
    return version;
}

} // namespace strata
