#pragma once
// The migration engine: status, plan, up, down, validate, baseline, repair over one connection.

#include "migration/AuditLog.h"
#include "migration/HistoryTable.h"
#include "migration/MigrationStatus.h"
#include "migration/SqlSplitter.h"
#include "schema/Schema.h"
#include "util/Progress.h"
#include <optional>

namespace strata {

enum class Direction { Up, Down };

struct PlanStep {
    Direction direction = Direction::Up;
    Migration migration;
    MigrationScript script; // up or undo, whichever runs
    QList<SqlStatement> statements;
    int historyRank = 0;    // the row a down step removes
    bool generated = false; // an undo derived from the recorded snapshots, not a script
    QStringList warnings;   // lint: what the statements destroy or lock
};

struct Plan {
    Direction direction = Direction::Up;
    QList<PlanStep> steps;
    QStringList warnings;
    bool recordHistory = true; // false for plans another tool records (Alembic's own SQL)
};

struct DownTarget {
    std::optional<Version> to; // undo versions newer than this
    std::optional<int> steps;  // or the newest N
    bool generateMissing = false; // derive missing undo scripts from recorded snapshots
    bool allowDataLoss = false;   // let generated undos run changes flagged destructive
};

struct StepResult {
    Direction direction = Direction::Up;
    QString version;
    QString description;
    QString script;
    qint64 executionMs = 0;
    bool skipped = false; // another migrator applied it first
};

struct RunResult {
    Direction direction = Direction::Up;
    QList<StepResult> steps;    // what ran, in order
    std::optional<Error> error; // why the run stopped early, if it did
    QStringList warnings;
    bool ok() const { return !error.has_value(); }
};

struct ValidationProblem {
    QString version; // or the description of a repeatable
    MigrationState state;
    QString message;
};

struct RepairAction {
    enum class Kind { RemoveFailed, RealignChecksum };
    Kind kind;
    int rank = 0;
    QString version;
    QString description;
    QString newChecksum;
    QString message;
};

class Migrator {
public:
    Migrator(DatabaseSession &session, MigrationSet folder);

    const MigrationSet &folder() const { return m_folder; }
    HistoryTable &history() { return m_history; }
    AuditLog &audit() { return m_audit; }
    DatabaseSession &session() { return m_session; }

    Result<StatusReport> status();
    Result<Plan> planUp(const std::optional<Version> &to = std::nullopt);
    Result<Plan> planDown(const DownTarget &target);
    RunResult up(const std::optional<Version> &to = std::nullopt, Progress *progress = nullptr);
    RunResult down(const DownTarget &target, Progress *progress = nullptr);
    Result<QList<ValidationProblem>> validate();
    // What validate() reports about a status already read (the desktop app's timeline).
    static QList<ValidationProblem> problemsIn(const StatusReport &status);
    Status baseline(const Version &version, const QString &description);
    // With apply=false only lists what would change.
    Result<QList<RepairAction>> repair(bool apply);

private:
    Result<Plan> planUpFrom(const StatusReport &status, const std::optional<Version> &to) const;
    Result<Plan> planDownFrom(const StatusReport &status, const DownTarget &target);
    Result<PlanStep> generatedUndo(const VersionState &entry, const DownTarget &target);
    RunResult run(const Plan &plan, Progress *progress);
    Status runStep(const PlanStep &step, bool lastStep, StepResult &result, QStringList &warnings,
                   Progress *progress);
    QString snapshotFor(const PlanStep &step, const std::optional<Schema> &before, QStringList &warnings);
    QString lockHolder();
    Error lockTimeoutError() const;
    Status inTransaction(const QStringList &statements, const QString &what);

    friend class DryRun;

public:
    // How long up/down/baseline/repair wait for another migrator's lock before giving up with
    // an error; std::nullopt waits as long as it takes (SQLite: the session's busy timeout).
    void setLockTimeout(std::optional<int> ms) { m_lockTimeoutMs = ms; }
    std::optional<int> lockTimeout() const { return m_lockTimeoutMs; }
    // The run-wide lock (PostgreSQL advisory lock); SQLite locks per transaction instead.
    Status acquireLock(Progress *progress = nullptr);
    void releaseLock();
    // The error a failing statement of `step` gives, located at file:line.
    static Error statementError(const PlanStep &step, const SqlStatement &statement, const Error &driverError);
    // The history write that records `step` (insert for up, delete for down).
    QString historyRecordSql(const PlanStep &step, qint64 executionMs, bool success,
                             const QString &snapshot = {}) const;
    // The audit log's entry for `step` (up or down) with its outcome.
    AuditEntry auditEntry(const PlanStep &step, const QString &outcome, qint64 executionMs,
                          const QString &detail = {}) const;

private:

    DatabaseSession &m_session;
    MigrationSet m_folder;
    HistoryTable m_history;
    AuditLog m_audit;
    bool m_locked = false;
    std::optional<int> m_lockTimeoutMs;
};

} // namespace strata
