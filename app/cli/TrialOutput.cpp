// strata-cli dry-run: what the trial ran, how long each statement took, what it changed.

#include "CliOutput.h"

namespace strata::cli {

namespace {

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QString firstLine(const QString &sql)
{
    const QString line = sql.section(u'\n', 0, 0).simplified();
    return line.size() > 70 ? line.left(67) + QStringLiteral("...") : line;
}

} // namespace

QJsonObject trialJson(const TrialResult &trial)
{
    QJsonArray steps;
    for (const StepTrial &step : trial.steps) {
        QJsonArray statements;
        for (const StatementTrial &s : step.statements) {
            statements.append(QJsonObject{{QStringLiteral("file"), s.file},
                                          {QStringLiteral("line"), s.line},
                                          {QStringLiteral("sql"), s.sql},
                                          {QStringLiteral("executed"), s.executed},
                                          {QStringLiteral("ms"), s.executed ? QJsonValue(qint64(s.ms)) : QJsonValue()},
                                          {QStringLiteral("rows"), s.rows >= 0 ? QJsonValue(s.rows) : QJsonValue()},
                                          {QStringLiteral("error"), orNull(s.error)}});
        }
        steps.append(QJsonObject{{QStringLiteral("version"), orNull(step.version)},
                                 {QStringLiteral("description"), step.description},
                                 {QStringLiteral("script"), step.script},
                                 {QStringLiteral("executed"), step.executed},
                                 {QStringLiteral("generated"), step.generated},
                                 {QStringLiteral("note"), orNull(step.note)},
                                 {QStringLiteral("warnings"), QJsonArray::fromStringList(step.warnings)},
                                 {QStringLiteral("statements"), statements}});
    }
    return {{QStringLiteral("direction"), trial.direction == Direction::Up ? "up" : "down"},
            {QStringLiteral("steps"), steps},
            {QStringLiteral("schema_changes"), changesJson(trial.schemaChanges)},
            {QStringLiteral("warnings"), QJsonArray::fromStringList(trial.warnings)},
            {QStringLiteral("rolled_back"), trial.rolledBack},
            {QStringLiteral("error"), trial.error ? QJsonValue(errorJson(*trial.error)) : QJsonValue()}};
}

QString trialText(const TrialResult &trial)
{
    if (trial.steps.isEmpty())
        return QStringLiteral("Nothing to try: the plan is empty.\n");
    QString out = QStringLiteral("Dry run: %1 %2 migration%3 in one transaction, then rolled back.\n")
                      .arg(trial.direction == Direction::Up ? "applying" : "undoing")
                      .arg(trial.steps.size())
                      .arg(trial.steps.size() == 1 ? "" : "s");
    for (const StepTrial &step : trial.steps) {
        out += QStringLiteral("\n-- %1 %2 (%3)%4\n")
                   .arg(step.version, step.description, step.script,
                        step.generated ? QStringLiteral(" [generated undo]") : QString());
        if (!step.executed) {
            out += QStringLiteral("   not trialled: %1\n").arg(step.note);
            continue;
        }
        for (const StatementTrial &s : step.statements) {
            const QString status = !s.executed ? QStringLiteral("not run")
                : !s.error.isEmpty()           ? QStringLiteral("FAILED")
                                               : QStringLiteral("ok");
            const QString rows = s.rows >= 0 ? QStringLiteral("%1 rows").arg(s.rows) : QString();
            out += QStringLiteral("   %1 %2 %3 %4:%5  %6\n")
                       .arg(status.leftJustified(7))
                       .arg(s.executed ? QStringLiteral("%1 ms").arg(s.ms).rightJustified(7) : QString(7, u' '))
                       .arg(rows.leftJustified(10))
                       .arg(s.file)
                       .arg(s.line)
                       .arg(firstLine(s.sql));
            if (!s.error.isEmpty())
                out += QStringLiteral("           %1\n").arg(s.error);
        }
        for (const QString &w : step.warnings)
            out += QStringLiteral("   warning: %1\n").arg(w);
    }
    if (!trial.schemaChanges.isEmpty()) {
        out += QStringLiteral("\nSchema changes:\n");
        for (const Change &c : trial.schemaChanges.changes)
            out += QStringLiteral("  %1%2\n").arg(c.summary, c.risk == Risk::Safe ? QString() : QStringLiteral("  [%1]").arg(riskName(c.risk)));
    }
    for (const QString &w : trial.warnings)
        out += QStringLiteral("warning: %1\n").arg(w);
    out += QStringLiteral("\nResult: %1%2; ")
               .arg(trial.verdict(), trial.error ? QStringLiteral(" (see the error)") : QString());
    out += trial.rolledBack ? QStringLiteral("everything was rolled back.\n")
                            : QStringLiteral("the rollback FAILED — check the database.\n");
    return out;
}

} // namespace strata::cli
