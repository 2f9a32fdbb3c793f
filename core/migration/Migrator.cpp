#include "migration/Migrator.h"

#include "diff/SchemaDiff.h"
#include "migration/SnapshotStore.h"
#include "migration/StatementLint.h"
#include "schema/Introspector.h"

#include <QElapsedTimer>
#include <QThread>
#include <algorithm>

namespace strata {

namespace {

QString label(const Migration &m)
{
    return m.kind == MigrationKind::Repeatable ? m.description
                                               : QStringLiteral("%1 (%2)").arg(m.versionText(), m.description);
}

Error migrationError(const QString &message)
{
    return {Error::Kind::Migration, message, {}, {}, 0, {}};
}

QStringList lintStatements(const MigrationScript &script, const QList<SqlStatement> &statements, Engine engine)
{
    QStringList warnings;
    for (const SqlStatement &s : statements) {
        for (const QString &w : StatementLint::check(s.sql, engine))
            warnings << QStringLiteral("%1:%2: %3").arg(script.path).arg(s.line).arg(w);
    }
    return warnings;
}

} // namespace

Migrator::Migrator(DatabaseSession &session, MigrationSet folder)
    : m_session(session), m_folder(std::move(folder)), m_history(session), m_audit(session)
{
}

Result<StatusReport> Migrator::status()
{
    auto rows = m_history.read();
    if (!rows)
        return rows.error();
    return mergeStatus(m_folder, *rows, m_session.dialect().engine());
}

Result<Plan> Migrator::planUp(const std::optional<Version> &to)
{
    auto st = status();
    if (!st)
        return st.error();
    return planUpFrom(*st, to);
}

Result<Plan> Migrator::planDown(const DownTarget &target)
{
    auto st = status();
    if (!st)
        return st.error();
    return planDownFrom(*st, target);
}

Result<Plan> Migrator::planUpFrom(const StatusReport &status, const std::optional<Version> &to) const
{
    // A left-out file may be a version the user means to apply (V6_x.sql for 6): applying
    // around it would change the order of the schema's history. Rollbacks stay possible.
    if (!m_folder.problems.isEmpty())
        return m_folder.problemsError();
    if (to && !m_folder.find(*to) && !(status.baseline && *status.baseline == *to))
        return Error::usage(QStringLiteral("no migration has version %1").arg(to->toString()));
    Plan plan;
    plan.direction = Direction::Up;
    QStringList failed;
    for (const VersionState &e : status.entries) {
        if (e.state == MigrationState::Failed)
            failed << (e.versionText.isEmpty() ? e.description : e.versionText);
        if (e.state == MigrationState::ChecksumMismatch)
            plan.warnings << QStringLiteral("version %1 was changed after it was applied (%2)")
                                 .arg(e.versionText, e.checkedPath());
    }
    if (!failed.isEmpty())
        return migrationError(QStringLiteral("the history records a failed migration: %1. Fix the "
                                             "database by hand, then run `repair` to clear the entry")
                                  .arg(failed.join(QStringLiteral(", "))));
    bool allVersionedIncluded = true;
    for (const VersionState &e : status.entries) {
        if (e.state != MigrationState::Pending || !e.migration)
            continue;
        if (e.kind == MigrationKind::Versioned && to && e.version > *to) {
            allVersionedIncluded = false;
            continue;
        }
        if (e.kind == MigrationKind::Repeatable && !allVersionedIncluded)
            continue; // repeatables run after the whole versioned set
        if (e.kind == MigrationKind::Versioned && status.current && e.version < *status.current)
            plan.warnings << QStringLiteral("version %1 is older than the current version %2 and "
                                            "will be applied out of order")
                                 .arg(e.versionText, status.current->toString());
        PlanStep step;
        step.direction = Direction::Up;
        step.migration = *e.migration;
        step.script = e.migration->up;
        step.statements = SqlSplitter::split(step.script.sql, step.script.firstLine);
        step.warnings = lintStatements(step.script, step.statements, m_session.dialect().engine());
        plan.steps.append(step);
    }
    return plan;
}

Result<Plan> Migrator::planDownFrom(const StatusReport &status, const DownTarget &target)
{
    if (!target.to && !target.steps)
        return Error::usage(QStringLiteral("say how far to go back: --to VERSION or --steps N"));
    if (target.steps && *target.steps < 1)
        return Error::usage(QStringLiteral("--steps must be at least 1"));
    Plan plan;
    plan.direction = Direction::Down;
    QList<const VersionState *> applied;
    for (const VersionState &e : status.entries) {
        if (e.kind == MigrationKind::Versioned
            && (e.isApplied() || e.state == MigrationState::Failed))
            applied.prepend(&e); // newest first
    }
    QStringList noUndo;
    for (const VersionState *e : std::as_const(applied)) {
        if (target.to && e->version <= *target.to)
            break;
        if (target.steps && plan.steps.size() >= *target.steps)
            break;
        if (e->state == MigrationState::Baseline)
            return migrationError(QStringLiteral("cannot roll back past the baseline at version %1")
                                      .arg(e->versionText));
        if (e->state == MigrationState::Failed)
            return migrationError(QStringLiteral("version %1 is recorded as failed; fix the database "
                                                 "and run `repair` before rolling back")
                                      .arg(e->versionText));
        if (e->state == MigrationState::MissingFile)
            return migrationError(QStringLiteral("version %1 was applied but its file is missing from "
                                                 "the folder, so it cannot be undone")
                                      .arg(e->versionText));
        if (!e->migration->hasUndo()) {
            if (!target.generateMissing) {
                noUndo << e->versionText;
                continue;
            }
            auto generated = generatedUndo(*e, target);
            if (!generated)
                return generated.error();
            plan.steps.append(*generated);
            continue;
        }
        PlanStep step;
        step.direction = Direction::Down;
        step.migration = *e->migration;
        step.script = e->migration->down;
        step.statements = SqlSplitter::split(step.script.sql, step.script.firstLine);
        step.warnings = lintStatements(step.script, step.statements, m_session.dialect().engine());
        step.historyRank = e->applied->rank;
        plan.steps.append(step);
    }
    if (!noUndo.isEmpty())
        return migrationError(QStringLiteral("no undo script for version%1 %2 (add the undo script, or "
                                             "use --generate-missing to derive it from the recorded schema snapshots)")
                                  .arg(noUndo.size() > 1 ? "s" : "", noUndo.join(QStringLiteral(", "))));
    return plan;
}

Result<PlanStep> Migrator::generatedUndo(const VersionState &entry, const DownTarget &target)
{
    auto text = m_history.snapshotOf(entry.applied->rank);
    if (!text)
        return text.error();
    auto snapshots = text->isEmpty() ? Result<SchemaSnapshots>(SchemaSnapshots{}) : SnapshotStore::decode(*text);
    if (!snapshots)
        return snapshots.error();
    if (!snapshots->before || !snapshots->after)
        return migrationError(QStringLiteral("version %1 has no undo script and no schema snapshots were recorded "
                                             "when it was applied, so its undo cannot be generated")
                                  .arg(entry.versionText));
    for (const Schema *recorded : {&*snapshots->after, &*snapshots->before}) {
        if (Status same = SnapshotStore::requireEngine(
                *recorded, m_session.dialect().engine(),
                QStringLiteral("version %1").arg(entry.versionText),
                QStringLiteral("generate the undo of version %1").arg(entry.versionText));
            !same) {
            Error error = same.error();
            error.kind = Error::Kind::Migration;
            return error;
        }
    }
    // The undo turns the schema after the migration back into the schema before it.
    const SchemaDiffResult diff = SchemaDiff::compare(*snapshots->after, *snapshots->before);
    PlanStep step;
    step.direction = Direction::Down;
    step.migration = *entry.migration;
    step.generated = true;
    step.historyRank = entry.applied->rank;
    step.script.path = QStringLiteral("<undo of %1 generated from snapshots>").arg(entry.migration->scriptName());
    QStringList destructive;
    int line = 0;
    for (const Change &change : diff.changes) {
        for (const QString &sql : change.forward) {
            step.statements.append({sql, ++line});
            step.script.sql += sql + QStringLiteral(";\n");
        }
        if (change.risk == Risk::Destructive)
            destructive << change.summary;
        for (const QString &w : change.warnings)
            step.warnings << QStringLiteral("%1: %2").arg(change.summary, w);
    }
    step.warnings += diff.warnings;
    if (!destructive.isEmpty() && !target.allowDataLoss)
        return migrationError(QStringLiteral("the generated undo of version %1 would destroy data: %2. Review it with "
                                             "`plan --down --generate-missing` and pass --allow-data-loss to run it")
                                  .arg(entry.versionText, destructive.join(QStringLiteral("; "))));
    step.warnings.prepend(QStringLiteral("undo of %1 generated from the schema snapshots recorded when it was applied; "
                                         "data changes (inserts, updates) are not undone")
                              .arg(entry.versionText));
    return step;
}

Status Migrator::acquireLock(Progress *progress)
{
    const Dialect &d = m_session.dialect();
    if (m_locked)
        return {};
    if (d.tryLockSql().isEmpty()) {
        // SQLite locks per transaction (BEGIN IMMEDIATE); the busy timeout is how long it waits.
        if (m_lockTimeoutMs)
            m_session.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(std::max(0, *m_lockTimeoutMs)));
        return {};
    }
    auto got = m_session.scalar(d.tryLockSql());
    if (!got)
        return got.error();
    if (!got->toBool()) {
        if (progress)
            progress->note(QStringLiteral("waiting for another migrator (%1) to release the lock%2…")
                               .arg(lockHolder(), m_lockTimeoutMs
                                                      ? QStringLiteral(" (up to %1 s)").arg(*m_lockTimeoutMs / 1000.0)
                                                      : QString()));
        // Poll rather than block in pg_advisory_lock, so a timeout and Ctrl-C both stop the wait.
        QElapsedTimer waited;
        waited.start();
        for (int pause = 10;; pause = std::min(pause * 2, 200)) {
            if (progress && progress->cancelled())
                return Error::cancelled();
            if (m_lockTimeoutMs && waited.elapsed() >= *m_lockTimeoutMs)
                return lockTimeoutError();
            const qint64 left = m_lockTimeoutMs ? *m_lockTimeoutMs - waited.elapsed() : pause;
            QThread::msleep(ulong(std::clamp<qint64>(left, 1, pause)));
            got = m_session.scalar(d.tryLockSql());
            if (!got)
                return got.error();
            if (got->toBool())
                break;
        }
    }
    m_locked = true;
    return {};
}

QString Migrator::lockHolder()
{
    // Named for the waiting user; any advisory lock in this database is almost surely ours.
    auto pid = m_session.scalar(QStringLiteral("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
                                               "AND database = (SELECT oid FROM pg_database WHERE datname = "
                                               "current_database()) AND pid <> pg_backend_pid() LIMIT 1"));
    return pid && pid->isValid() ? QStringLiteral("server process %1").arg(pid->toString())
                                 : QStringLiteral("another session");
}

Error Migrator::lockTimeoutError() const
{
    return {Error::Kind::Database,
            QStringLiteral("another migrator holds the lock on %1; gave up after waiting %2 s (--lock-timeout)")
                .arg(m_session.spec().displayUrl())
                .arg(*m_lockTimeoutMs / 1000.0),
            {},
            {},
            0,
            {}};
}

void Migrator::releaseLock()
{
    if (!m_locked)
        return;
    m_session.scalar(m_session.dialect().unlockSql());
    m_locked = false;
}

RunResult Migrator::up(const std::optional<Version> &to, Progress *progress)
{
    RunResult result;
    result.direction = Direction::Up;
    if (!m_folder.problems.isEmpty()) { // refused before anything is created or locked
        result.error = m_folder.problemsError();
        return result;
    }
    // Lock before creating the history table: two first runs would race on CREATE TABLE.
    if (Status locked = acquireLock(progress); !locked.ok()) {
        result.error = locked.error();
        return result;
    }
    if (Status created = m_history.create(); !created.ok()) {
        result.error = created.error();
        releaseLock();
        return result;
    }
    if (Status created = m_audit.create(); !created.ok()) {
        result.error = created.error();
        releaseLock();
        return result;
    }
    auto plan = planUp(to); // under the lock: another migrator may have moved the database on
    if (!plan) {
        result.error = plan.error();
    } else {
        result = run(*plan, progress);
    }
    releaseLock();
    return result;
}

RunResult Migrator::down(const DownTarget &target, Progress *progress)
{
    RunResult result;
    result.direction = Direction::Down;
    if (Status locked = acquireLock(progress); !locked.ok()) {
        result.error = locked.error();
        return result;
    }
    auto plan = planDown(target);
    if (!plan)
        result.error = plan.error();
    else if (Status created = plan->steps.isEmpty() ? Status() : m_audit.create(); !created.ok())
        result.error = created.error();
    else
        result = run(*plan, progress);
    releaseLock();
    return result;
}

RunResult Migrator::run(const Plan &plan, Progress *progress)
{
    RunResult result;
    result.direction = plan.direction;
    result.warnings = plan.warnings;
    const int total = int(plan.steps.size());
    for (int i = 0; i < total; ++i) {
        const PlanStep &step = plan.steps[i];
        if (progress) {
            if (progress->cancelled()) {
                result.error = Error::cancelled();
                break;
            }
            progress->report(i, total, QStringLiteral("%1 %2").arg(plan.direction == Direction::Up ? "applying" : "undoing",
                                                                   label(step.migration)));
        }
        if (step.generated)
            result.warnings += step.warnings; // say what a generated undo does not undo
        StepResult stepResult;
        stepResult.direction = step.direction;
        stepResult.version = step.migration.versionText();
        stepResult.description = step.migration.description;
        stepResult.script = step.script.path;
        if (Status done = runStep(step, i + 1 == total, stepResult, result.warnings, progress); !done.ok()) {
            result.error = done.error();
            // The step's own transaction was rolled back with its audit entry: the outcome is
            // appended on its own, so a failed or cancelled attempt stays on record.
            if (plan.recordHistory) {
                const bool cancelled = done.error().kind == Error::Kind::Cancelled;
                if (Status logged = m_audit.append(auditEntry(step, cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed"),
                                                              stepResult.executionMs, done.error().toString()));
                    !logged.ok())
                    result.warnings << QStringLiteral("the audit log could not record the failure: %1").arg(logged.error().toString());
            }
            break;
        }
        result.steps.append(stepResult);
    }
    if (progress && !result.error)
        progress->report(total, total, QStringLiteral("done"));
    return result;
}

Error Migrator::statementError(const PlanStep &step, const SqlStatement &statement, const Error &driverError)
{
    const bool up = step.direction == Direction::Up;
    Error error = driverError;
    error.kind = Error::Kind::Migration;
    error.file = step.script.path;
    error.line = statement.line;
    error.statement = statement.sql;
    error.message = !step.script.noTransaction
        ? QStringLiteral("%1 %2 failed and was rolled back; the database is as it was before it")
              .arg(up ? "migration" : "undo of", label(step.migration))
        : QStringLiteral("%1 %2 failed outside a transaction: statements before this one stay applied")
              .arg(up ? "migration" : "undo of", label(step.migration));
    return error;
}

QString Migrator::historyRecordSql(const PlanStep &step, qint64 executionMs, bool success,
                                   const QString &snapshot) const
{
    if (step.direction == Direction::Down)
        return m_history.deleteSql(step.historyRank);
    const Migration &m = step.migration;
    AppliedMigration row{0, m.versionText(), m.description,
                         m.kind == MigrationKind::Repeatable ? QStringLiteral("repeatable") : QStringLiteral("versioned"),
                         m.scriptName(), m.checksum, {}, {}, executionMs, success, snapshot};
    return m_history.insertSql(row);
}

AuditEntry Migrator::auditEntry(const PlanStep &step, const QString &outcome, qint64 executionMs,
                               const QString &detail) const
{
    AuditEntry e;
    e.action = step.direction == Direction::Up ? QStringLiteral("up") : QStringLiteral("down");
    e.version = step.migration.versionText();
    e.description = step.migration.description;
    e.script = step.generated ? QStringLiteral("<< generated undo >>") : step.script.path.section(u'/', -1);
    e.outcome = outcome;
    e.detail = detail;
    e.executionMs = executionMs;
    e.historyTable = m_history.name();
    return e;
}

QString Migrator::snapshotFor(const PlanStep &step, const std::optional<Schema> &before, QStringList &warnings)
{
    auto after = Introspector::read(m_session);
    if (!after) {
        warnings << QStringLiteral("no schema snapshot recorded for %1: %2").arg(label(step.migration), after.error().toString());
        return {};
    }
    return SnapshotStore::encode({before, *after});
}

Status Migrator::runStep(const PlanStep &step, bool lastStep, StepResult &result, QStringList &warnings,
                         Progress *progress)
{
    const Dialect &d = m_session.dialect();
    const Migration &m = step.migration;
    const bool up = step.direction == Direction::Up;
    const bool transactional = !step.script.noTransaction;
    const bool sqlite = d.engine() == Engine::Sqlite;
    auto rollback = [&] { m_session.exec(QStringLiteral("ROLLBACK")); };

    if (transactional) {
        if (auto begun = m_session.exec(d.beginSql()); !begun) {
            Error error = begun.error();
            error.message = QStringLiteral("cannot start the transaction for %1").arg(label(m));
            if (sqlite && error.driverMessage.contains(QLatin1String("locked")))
                error.message = QStringLiteral("another migrator is writing to %1; gave up on %2 after waiting "
                                               "%3 s (--lock-timeout)")
                                    .arg(m_session.spec().displayUrl(), label(m))
                                    .arg(m_lockTimeoutMs ? *m_lockTimeoutMs / 1000.0 : 60.0);
            return error;
        }
        // SQLite has no session lock: under BEGIN IMMEDIATE, see whether another migrator
        // already did this step.
        if (sqlite && m.kind == MigrationKind::Versioned) {
            auto done = m_session.scalar(up ? m_history.appliedProbeSql(m.versionText())
                                            : m_history.rankProbeSql(step.historyRank));
            if (!done) {
                rollback();
                return done.error();
            }
            if (done->isValid() == up) {
                m_session.exec(QStringLiteral("COMMIT"));
                result.skipped = true;
                return {};
            }
        }
    }

    // Snapshots where they pay: before and after a migration without an undo script (its undo
    // may have to be generated), and after the last migration of a run (for drift checks).
    const bool needsUndoSnapshots = up && m.kind == MigrationKind::Versioned && !m.hasUndo();
    std::optional<Schema> before;
    if (needsUndoSnapshots) {
        auto schema = Introspector::read(m_session);
        if (schema)
            before = *schema;
        else
            warnings << QStringLiteral("no schema snapshot recorded before %1: %2").arg(label(m), schema.error().toString());
    }

    QElapsedTimer timer;
    timer.start();
    for (const SqlStatement &statement : step.statements) {
        if (transactional && progress && progress->cancelled()) {
            rollback();
            return Error::cancelled();
        }
        auto ran = m_session.exec(statement.sql);
        if (!ran) {
            const Error error = statementError(step, statement, ran.error());
            if (transactional)
                rollback();
            else if (up && m.kind == MigrationKind::Versioned)
                m_session.exec(historyRecordSql(step, timer.elapsed(), false));
            return error;
        }
    }
    result.executionMs = timer.elapsed();

    QString snapshot;
    if (up && (needsUndoSnapshots || lastStep))
        snapshot = snapshotFor(step, before, warnings);
    auto recorded = m_session.exec(historyRecordSql(step, result.executionMs, true, snapshot));
    if (recorded) // the audit entry commits with the step and its history row, or not at all
        recorded = m_session.exec(m_audit.insertSql(auditEntry(step, QStringLiteral("ok"), result.executionMs)));
    if (!recorded) {
        if (transactional)
            rollback();
        Error error = recorded.error();
        error.message = QStringLiteral("cannot record %1 in the history table").arg(label(m));
        return error;
    }
    if (transactional) {
        if (auto committed = m_session.exec(QStringLiteral("COMMIT")); !committed) {
            rollback();
            Error error = committed.error();
            error.kind = Error::Kind::Migration;
            error.message = QStringLiteral("cannot commit %1; it was rolled back").arg(label(m));
            return error;
        }
    }
    return {};
}

Status Migrator::inTransaction(const QStringList &statements, const QString &what)
{
    if (auto begun = m_session.exec(m_session.dialect().beginSql()); !begun)
        return begun.error();
    for (const QString &sql : statements) {
        if (auto ran = m_session.exec(sql); !ran) {
            m_session.exec(QStringLiteral("ROLLBACK"));
            Error error = ran.error();
            error.message = QStringLiteral("%1 failed; nothing was changed").arg(what);
            return error;
        }
    }
    if (auto committed = m_session.exec(QStringLiteral("COMMIT")); !committed) {
        m_session.exec(QStringLiteral("ROLLBACK"));
        return committed.error();
    }
    return {};
}

Result<QList<ValidationProblem>> Migrator::validate()
{
    auto st = status();
    if (!st)
        return st.error();
    return problemsIn(*st);
}

QList<ValidationProblem> Migrator::problemsIn(const StatusReport &status)
{
    QList<ValidationProblem> problems;
    for (const VersionState &e : status.entries) {
        const QString name = e.versionText.isEmpty() ? e.description : e.versionText;
        switch (e.state) {
        case MigrationState::ChecksumMismatch:
            problems.append({name, e.state, QStringLiteral("%1 changed after it was applied (applied checksum %2, file %3)")
                                                .arg(e.checkedPath(), e.applied->checksum.left(12),
                                                     e.checkedChecksum().left(12))});
            break;
        case MigrationState::MissingFile:
            problems.append({name, e.state, QStringLiteral("version %1 (%2) was applied but its file is not in the folder")
                                                .arg(name, e.description)});
            break;
        case MigrationState::Failed:
            problems.append({name, e.state, QStringLiteral("%1 (%2) is recorded as failed on %3")
                                                .arg(name, e.description,
                                                     e.applied->installedOn.toString(Qt::ISODate))});
            break;
        default:
            break;
        }
    }
    return problems;
}

Status Migrator::baseline(const Version &version, const QString &description)
{
    if (Status locked = acquireLock(); !locked.ok())
        return locked;
    Status result;
    Status created = m_history.create();
    if (created.ok())
        created = m_audit.create();
    auto rows = m_history.read();
    if (!created.ok()) {
        result = created;
    } else if (!rows) {
        result = rows.error();
    } else if (std::any_of(rows->begin(), rows->end(), [](const AppliedMigration &r) { return r.success; })) {
        result = migrationError(QStringLiteral("the database already has a migration history; a baseline "
                                               "marks a database that has none"));
    } else {
        AppliedMigration row{0, version.toString(), description, QStringLiteral("baseline"),
                             QStringLiteral("<< baseline >>"), {}, {}, {}, 0, true, {}};
        AuditEntry entry;
        entry.action = QStringLiteral("baseline");
        entry.version = version.toString();
        entry.description = description;
        entry.outcome = QStringLiteral("ok");
        entry.historyTable = m_history.name();
        result = inTransaction({m_history.insertSql(row), m_audit.insertSql(entry)},
                               QStringLiteral("baseline"));
    }
    releaseLock();
    return result;
}

Result<QList<RepairAction>> Migrator::repair(bool apply)
{
    if (apply) {
        if (Status locked = acquireLock(); !locked.ok())
            return locked.error();
    }
    auto st = status();
    if (!st) {
        releaseLock();
        return st.error();
    }
    QList<RepairAction> actions;
    QStringList statements;
    for (const VersionState &e : st->entries) {
        if (!e.applied)
            continue;
        const QString name = e.versionText.isEmpty() ? e.description : e.versionText;
        if (e.state == MigrationState::Failed) {
            actions.append({RepairAction::Kind::RemoveFailed, e.applied->rank, name, e.description, {},
                            QStringLiteral("remove the failed entry for %1 (%2)").arg(name, e.description)});
            statements << m_history.deleteSql(e.applied->rank);
        } else if (e.state == MigrationState::ChecksumMismatch) {
            actions.append({RepairAction::Kind::RealignChecksum, e.applied->rank, name, e.description,
                            e.checkedChecksum(),
                            QStringLiteral("record the current checksum of %1").arg(e.checkedPath())});
            statements << m_history.updateChecksumSql(e.applied->rank, e.checkedChecksum());
        }
    }
    if (apply && !statements.isEmpty()) {
        if (Status created = m_audit.create(); !created.ok()) {
            releaseLock();
            return created.error();
        }
        for (const RepairAction &a : actions) {
            AuditEntry entry;
            entry.action = QStringLiteral("repair");
            entry.version = a.version;
            entry.description = a.description;
            entry.outcome = QStringLiteral("ok");
            entry.detail = a.message;
            entry.historyTable = m_history.name();
            statements << m_audit.insertSql(entry);
        }
        if (Status done = inTransaction(statements, QStringLiteral("repair")); !done.ok()) {
            releaseLock();
            return done.error();
        }
    }
    releaseLock();
    return actions;
}

} // namespace strata
