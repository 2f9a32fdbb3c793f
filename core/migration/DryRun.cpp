#include "migration/DryRun.h"

#include "schema/Introspector.h"
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QRegularExpression>

namespace strata {

int TrialResult::untriedSteps() const
{
    int n = 0;
    for (const StepTrial &step : steps)
        n += step.executed ? 0 : 1;
    return n;
}

QString TrialResult::verdict() const
{
    if (error)
        return QStringLiteral("the plan would FAIL");
    const int untried = untriedSteps();
    if (untried == 0)
        return QStringLiteral("the plan would succeed");
    if (untried == int(steps.size()))
        return untried == 1
                   ? QStringLiteral(
                         "nothing was trialled: its migration runs outside a transaction")
                   : QStringLiteral(
                         "nothing was trialled: all %1 migrations run outside a transaction")
                         .arg(untried);
    return QStringLiteral("the trialled statements would succeed; %1 not trialled (no transaction)")
        .arg(untried == 1 ? QStringLiteral("1 migration")
                          : QStringLiteral("%1 migrations").arg(untried));
}

namespace {

StepTrial describeStep(const PlanStep &step)
{
    StepTrial t;
    t.direction = step.direction;
    t.version = step.migration.versionText();
    t.description = step.migration.description;
    t.script = step.script.path;
    t.generated = step.generated;
    t.warnings = step.warnings;
    for (const SqlStatement &s : step.statements)
        t.statements.append({step.script.path, s.line, s.sql, 0, -1, {}, false});
    return t;
}

// Rows affected mean something only for data statements; drivers report stale or zero counts
// for DDL (SQLite's counter keeps the last INSERT's value).
bool changesRows(const QString &sql)
{
    static const QStringList verbs = {"INSERT",  "UPDATE", "DELETE", "MERGE",
                                      "REPLACE", "WITH",   "COPY"};
    const QString verb =
        sql.section(QRegularExpression(QStringLiteral("\\s+")), 0, 0, QString::SectionSkipEmpty)
            .toUpper();
    return verbs.contains(verb);
}

} // namespace

Result<QByteArray> DryRun::planKey(Migrator &migrator, const Plan &plan)
{
    auto history = migrator.history().read();
    if (!history)
        return history.error();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    auto add = [&hash](const QString &text) {
        hash.addData(text.toUtf8());
        hash.addData(QByteArrayView("\x1f", 1)); // a separator no text part contains
    };
    add(plan.direction == Direction::Up ? QStringLiteral("up") : QStringLiteral("down"));
    for (const PlanStep &step : plan.steps) {
        add(step.migration.versionText());
        add(step.script.path);
        add(step.generated ? QStringLiteral("generated") : QStringLiteral("script"));
        for (const SqlStatement &s : step.statements)
            add(s.sql);
    }
    for (const AppliedMigration &row : *history) {
        add(QString::number(row.rank));
        add(row.version);
        add(row.checksum);
        add(row.type);
        add(row.success ? QStringLiteral("1") : QStringLiteral("0"));
    }
    return hash.result();
}

TrialResult DryRun::trial(Migrator &migrator, const Plan &plan, Progress *progress)
{
    TrialResult result;
    result.direction = plan.direction;
    result.warnings = plan.warnings;
    result.ranAt = QDateTime::currentDateTimeUtc();
    DatabaseSession &session = migrator.session();
    for (const PlanStep &step : plan.steps)
        result.steps.append(describeStep(step));
    if (plan.steps.isEmpty()) {
        result.rolledBack = true;
        return result;
    }

    // The same lock as a real run, so a trial never interleaves with one.
    if (Status locked = migrator.acquireLock(progress); !locked.ok()) {
        result.error = locked.error();
        return result;
    }
    auto finish = [&](TrialResult &r) -> TrialResult & {
        r.rolledBack = session.exec(QStringLiteral("ROLLBACK")).ok();
        migrator.releaseLock();
        return r;
    };
    if (auto begun = session.exec(session.dialect().beginSql()); !begun) {
        result.error = begun.error();
        migrator.releaseLock();
        return result;
    }
    auto before = Introspector::read(session);
    if (!before) {
        result.error = before.error();
        return finish(result);
    }
    // History rows are written as the real run writes them: the trial covers them too.
    // Inside the trial's transaction, so the trial rolls the table back too.
    if (Status created = plan.recordHistory ? migrator.history().create(false) : Status();
        !created.ok()) {
        result.error = created.error();
        return finish(result);
    }

    const int total = int(plan.steps.size());
    for (int i = 0; i < total && !result.error; ++i) {
        const PlanStep &step = plan.steps[i];
        StepTrial &trial = result.steps[i];
        if (progress) {
            if (progress->cancelled()) {
                result.error = Error::cancelled();
                break;
            }
            progress->report(i, total,
                             QStringLiteral("trying %1 %2")
                                 .arg(step.migration.versionText(), step.migration.description));
        }
        if (step.script.noTransaction) {
            trial.executed = false;
            trial.note = QStringLiteral("not executed: this migration runs outside a transaction "
                                        "(-- strata:no-transaction), so a trial could not undo it");
            result.warnings << QStringLiteral("%1: %2").arg(step.script.path, trial.note);
            continue;
        }
        QElapsedTimer stepTimer;
        stepTimer.start();
        for (int s = 0; s < step.statements.size(); ++s) {
            StatementTrial &st = trial.statements[s];
            QElapsedTimer timer;
            timer.start();
            auto ran = session.exec(step.statements[s].sql);
            st.ms = timer.elapsed();
            st.executed = true;
            if (!ran) {
                st.error = ran.error().driverMessage;
                result.error = Migrator::statementError(step, step.statements[s], ran.error());
                break;
            }
            st.rows = changesRows(st.sql) ? *ran : -1;
        }
        if (!result.error && plan.recordHistory) {
            if (auto recorded =
                    session.exec(migrator.historyRecordSql(step, stepTimer.elapsed(), true));
                !recorded)
                result.error = recorded.error();
        }
    }

    // After a failure PostgreSQL refuses further reads in the transaction; the diff is then
    // empty and the error says where the plan stopped.
    if (!result.error || session.dialect().engine() == Engine::Sqlite) {
        if (auto after = Introspector::read(session))
            result.schemaChanges = SchemaDiff::compare(*before, *after);
    }
    return finish(result);
}

} // namespace strata
