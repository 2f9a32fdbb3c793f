#include "CliOutput.h"

#include <QJsonArray>

namespace strata::cli {

namespace {

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QString directionName(Direction d)
{
    return d == Direction::Up ? QStringLiteral("up") : QStringLiteral("down");
}

QString table(const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.append(0);
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    QString out;
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        out += line.trimmed() + u'\n';
    }
    return out;
}

} // namespace

QJsonObject errorJson(const Error &error)
{
    QJsonObject o;
    o.insert(QStringLiteral("message"), error.message);
    o.insert(QStringLiteral("file"), orNull(error.file));
    o.insert(QStringLiteral("line"), error.line > 0 ? QJsonValue(error.line) : QJsonValue());
    o.insert(QStringLiteral("statement"), orNull(error.statement));
    o.insert(QStringLiteral("driver_message"), orNull(error.driverMessage));
    return o;
}

QJsonArray folderProblemsJson(const QList<SourceProblem> &problems)
{
    QJsonArray list;
    for (const SourceProblem &p : problems) {
        list.append(QJsonObject{{QStringLiteral("file"), p.path},
                                {QStringLiteral("kind"), sourceProblemKindName(p.kind)},
                                {QStringLiteral("reason"), p.reason}});
    }
    return list;
}

QString folderProblemsText(const QList<SourceProblem> &problems)
{
    if (problems.isEmpty())
        return {};
    QString out = QStringLiteral("\n%1 file%2 of the folder left out:\n")
                      .arg(problems.size())
                      .arg(problems.size() == 1 ? "" : "s");
    for (const SourceProblem &p : problems)
        out += QStringLiteral("  %1  %2: %3\n").arg(sourceProblemKindName(p.kind), p.path, p.reason);
    return out;
}

QJsonObject statusJson(const QString &database, const StatusReport &status)
{
    QJsonArray migrations;
    for (const VersionState &e : status.entries) {
        QJsonObject m;
        m.insert(QStringLiteral("version"), orNull(e.versionText));
        m.insert(QStringLiteral("description"), e.description);
        m.insert(QStringLiteral("type"), e.type);
        m.insert(QStringLiteral("state"), migrationStateName(e.state));
        m.insert(QStringLiteral("checksum"), orNull(e.checksum()));
        m.insert(QStringLiteral("installed_on"),
                 e.applied ? QJsonValue(e.applied->installedOn.toString(Qt::ISODateWithMs)) : QJsonValue());
        m.insert(QStringLiteral("execution_ms"),
                 e.applied ? QJsonValue(qint64(e.applied->executionMs)) : QJsonValue());
        migrations.append(m);
    }
    QJsonObject o;
    o.insert(QStringLiteral("database"), database);
    o.insert(QStringLiteral("current"), status.current ? QJsonValue(status.current->toString()) : QJsonValue());
    o.insert(QStringLiteral("migrations"), migrations);
    QJsonArray moves; // transfers to another engine, recorded in the history
    for (const AppliedMigration &m : status.moves) {
        moves.append(QJsonObject{
            {QStringLiteral("at_version"), orNull(m.version)},
            {QStringLiteral("description"), m.description},
            {QStringLiteral("source"), m.script},
            {QStringLiteral("installed_on"), m.installedOn.toString(Qt::ISODateWithMs)}});
    }
    if (!moves.isEmpty()) // only on a moved database: the document others parse stays as it was
        o.insert(QStringLiteral("moves"), moves);
    o.insert(QStringLiteral("folder_problems"), folderProblemsJson(status.problems));
    return o;
}

QJsonObject planJson(const Plan &plan)
{
    QJsonArray steps;
    for (const PlanStep &step : plan.steps) {
        QJsonArray statements;
        for (const SqlStatement &s : step.statements) {
            statements.append(QJsonObject{{QStringLiteral("file"), step.script.path},
                                          {QStringLiteral("line"), s.line},
                                          {QStringLiteral("sql"), s.sql}});
        }
        QJsonObject o;
        o.insert(QStringLiteral("version"), orNull(step.migration.versionText()));
        o.insert(QStringLiteral("description"), step.migration.description);
        o.insert(QStringLiteral("script"), step.script.path);
        o.insert(QStringLiteral("transaction"), !step.script.noTransaction);
        o.insert(QStringLiteral("generated"), step.generated);
        o.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(step.warnings));
        o.insert(QStringLiteral("statements"), statements);
        steps.append(o);
    }
    return {{QStringLiteral("direction"), directionName(plan.direction)},
            {QStringLiteral("steps"), steps},
            {QStringLiteral("warnings"), QJsonArray::fromStringList(plan.warnings)}};
}

QJsonObject runJson(const RunResult &run, const std::optional<Version> &current)
{
    QJsonArray steps;
    for (const StepResult &s : run.steps) {
        steps.append(QJsonObject{{QStringLiteral("version"), orNull(s.version)},
                                 {QStringLiteral("description"), s.description},
                                 {QStringLiteral("script"), s.script},
                                 {QStringLiteral("execution_ms"), qint64(s.executionMs)},
                                 {QStringLiteral("skipped"), s.skipped}});
    }
    return {{QStringLiteral("direction"), directionName(run.direction)},
            {QStringLiteral("steps"), steps},
            {QStringLiteral("current"), current ? QJsonValue(current->toString()) : QJsonValue()},
            {QStringLiteral("warnings"), QJsonArray::fromStringList(run.warnings)},
            {QStringLiteral("error"), run.error ? QJsonValue(errorJson(*run.error)) : QJsonValue()}};
}

QJsonObject validateJson(const QList<ValidationProblem> &problems,
                         const QList<SourceProblem> &folderProblems)
{
    QJsonArray list;
    for (const ValidationProblem &p : problems) {
        list.append(QJsonObject{{QStringLiteral("version"), p.version},
                                {QStringLiteral("state"), migrationStateName(p.state)},
                                {QStringLiteral("message"), p.message}});
    }
    return {{QStringLiteral("valid"), problems.isEmpty() && folderProblems.isEmpty()},
            {QStringLiteral("problems"), list},
            {QStringLiteral("folder_problems"), folderProblemsJson(folderProblems)}};
}

QJsonObject repairJson(const QList<RepairAction> &actions, bool applied)
{
    QJsonArray list;
    for (const RepairAction &a : actions) {
        list.append(QJsonObject{
            {QStringLiteral("action"), a.kind == RepairAction::Kind::RemoveFailed ? "remove_failed" : "realign_checksum"},
            {QStringLiteral("version"), a.version},
            {QStringLiteral("description"), a.description},
            {QStringLiteral("message"), a.message}});
    }
    return {{QStringLiteral("applied"), applied}, {QStringLiteral("actions"), list}};
}

QString statusText(const StatusReport &status)
{
    QList<QStringList> rows{{"VERSION", "DESCRIPTION", "TYPE", "STATE", "INSTALLED ON", "TIME"}};
    for (const VersionState &e : status.entries) {
        rows.append({e.versionText.isEmpty() ? QStringLiteral("R") : e.versionText, e.description, e.type,
                     migrationStateName(e.state),
                     e.applied ? e.applied->installedOn.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString(),
                     e.applied && e.applied->type != QLatin1String("baseline")
                         ? QStringLiteral("%1 ms").arg(e.applied->executionMs) : QString()});
    }
    QString out = QStringLiteral("Current version: %1\n\n")
                      .arg(status.current ? status.current->toString() : QStringLiteral("none"));
    if (status.entries.isEmpty())
        return out + QStringLiteral("No migrations in the folder or the history.\n") +
               folderProblemsText(status.problems);
    out += table(rows);
    for (const AppliedMigration &m : status.moves)
        out +=
            QStringLiteral("\nAt version %1 the database %2 (%3).")
                .arg(m.version.isEmpty() ? QStringLiteral("none") : m.version, m.description,
                     m.installedOn.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    if (!status.moves.isEmpty())
        out += u'\n';
    return out + folderProblemsText(status.problems);
}

QString planText(const Plan &plan)
{
    QString out;
    for (const QString &w : plan.warnings)
        out += QStringLiteral("warning: %1\n").arg(w);
    if (plan.steps.isEmpty())
        return out + QStringLiteral("Nothing to do: the database is up to date.\n");
    out += QStringLiteral("Plan: %1 %2 migration%3\n")
               .arg(plan.direction == Direction::Up ? "apply" : "undo")
               .arg(plan.steps.size())
               .arg(plan.steps.size() == 1 ? "" : "s");
    for (const PlanStep &step : plan.steps) {
        out += QStringLiteral("\n-- %1 %2 (%3)%4\n")
                   .arg(step.migration.versionText(), step.migration.description, step.script.path,
                        step.script.noTransaction ? QStringLiteral(" [no transaction]")
                        : step.generated          ? QStringLiteral(" [generated undo]")
                                                  : QString());
        for (const SqlStatement &s : step.statements)
            out += QStringLiteral("%1:%2: %3;\n").arg(step.script.path).arg(s.line).arg(s.sql);
        for (const QString &w : step.warnings)
            out += QStringLiteral("warning: %1\n").arg(w);
    }
    return out;
}

QString runText(const RunResult &run, const std::optional<Version> &current)
{
    QString out;
    qint64 ms = 0;
    int done = 0;
    for (const StepResult &s : run.steps) {
        ms += s.executionMs;
        if (!s.skipped)
            ++done;
    }
    const char *verb = run.direction == Direction::Up ? "Applied" : "Undid";
    if (!run.ok())
        out += done == 0 ? QStringLiteral("Stopped before any migration ran.\n")
                         : QStringLiteral("Stopped after %1 %2 migration%3 in %4 ms.\n")
                               .arg(run.direction == Direction::Up ? "applying" : "undoing")
                               .arg(done)
                               .arg(done == 1 ? "" : "s")
                               .arg(ms);
    else if (run.steps.isEmpty())
        out += run.direction == Direction::Up ? QStringLiteral("Nothing to apply: the database is up to date.\n")
                                              : QStringLiteral("Nothing to undo.\n");
    else
        out += QStringLiteral("%1 %2 migration%3 in %4 ms.\n").arg(verb).arg(done).arg(done == 1 ? "" : "s").arg(ms);
    out += QStringLiteral("Current version: %1\n").arg(current ? current->toString() : QStringLiteral("none"));
    return out;
}

QString validateText(const QList<ValidationProblem> &problems,
                     const QList<SourceProblem> &folderProblems, int checked)
{
    if (problems.isEmpty() && folderProblems.isEmpty())
        return QStringLiteral("Valid: %1 migration%2 checked, no problems.\n").arg(checked).arg(checked == 1 ? "" : "s");
    const qsizetype count = problems.size() + folderProblems.size();
    QString out = QStringLiteral("%1 problem%2:\n").arg(count).arg(count == 1 ? "" : "s");
    for (const ValidationProblem &p : problems)
        out += QStringLiteral("  %1  %2: %3\n").arg(migrationStateName(p.state), p.version, p.message);
    for (const SourceProblem &p : folderProblems)
        out += QStringLiteral("  %1  %2: %3\n").arg(sourceProblemKindName(p.kind), p.path, p.reason);
    return out;
}

QString repairText(const QList<RepairAction> &actions, bool applied)
{
    if (actions.isEmpty())
        return QStringLiteral("Nothing to repair.\n");
    QString out = applied ? QStringLiteral("Repaired:\n") : QStringLiteral("Repair would:\n");
    for (const RepairAction &a : actions)
        out += QStringLiteral("  - %1\n").arg(a.message);
    if (!applied)
        out += QStringLiteral("Run `repair --yes` to do it.\n");
    return out;
}

} // namespace strata::cli
