// The report's document: title facts, then one section per result kind, in Report::kinds()
// order. The migration sections (timeline, validation, dry run, run) are here; diff and
// transfer are in ReportLayoutData.cpp.

#include "report/ReportDocument.h"
#include "report/ReportText.h"

#include <algorithm>

namespace strata {

namespace reportblock {

ReportBlock heading(const QString &text)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Heading;
    b.title = text;
    return b;
}

ReportBlock facts(const QList<QPair<QString, QString>> &facts)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Facts;
    b.facts = facts;
    return b;
}

ReportBlock table(const QString &caption, const QStringList &columns)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Table;
    b.title = caption;
    b.columns = columns;
    return b;
}

ReportBlock sql(const QString &caption, const QString &sql)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Sql;
    b.title = caption;
    b.text = sql;
    return b;
}

ReportBlock list(const QString &caption, const QStringList &items)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::List;
    b.title = caption;
    b.items = items;
    return b;
}

ReportBlock note(ReportTone tone, const QString &text)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Note;
    b.tone = tone;
    b.text = text;
    return b;
}

} // namespace reportblock

using namespace reportblock;
using reporttext::count;
using reporttext::dateTime;

namespace {

ReportTone stateTone(MigrationState state)
{
    switch (state) {
    case MigrationState::Applied:
    case MigrationState::Baseline:
        return ReportTone::Good;
    case MigrationState::Pending:
        return ReportTone::Plain;
    case MigrationState::ChecksumMismatch:
    case MigrationState::MissingFile:
        return ReportTone::Warning;
    case MigrationState::Failed:
        return ReportTone::Danger;
    }
    return ReportTone::Plain;
}

QString directionText(Direction d)
{
    return d == Direction::Up ? QStringLiteral("up (apply)") : QStringLiteral("down (roll back)");
}

void addWarnings(ReportSection &section, const QStringList &warnings)
{
    if (!warnings.isEmpty())
        section.blocks << list(QStringLiteral("Warnings"), warnings);
}

} // namespace

ReportSection timelineSection(const StatusReport &status)
{
    ReportSection s{QStringLiteral("timeline"), QStringLiteral("Timeline"), {}};
    QList<QPair<QString, QString>> f;
    f << qMakePair(QStringLiteral("Current version"),
                   status.current ? status.current->toString() : QStringLiteral("none"));
    if (status.baseline)
        f << qMakePair(QStringLiteral("Baseline"), status.baseline->toString());
    for (MigrationState st : {MigrationState::Applied, MigrationState::Pending,
                              MigrationState::Failed, MigrationState::ChecksumMismatch,
                              MigrationState::MissingFile, MigrationState::Baseline}) {
        const auto n = status.withState(st).size();
        if (n > 0) {
            QString label = reporttext::stateLabel(st);
            label[0] = label[0].toUpper();
            f << qMakePair(label, QString::number(n));
        }
    }
    s.blocks << facts(f);
    ReportBlock t =
        table(QStringLiteral("Versions"),
              {QStringLiteral("Version"), QStringLiteral("Description"), QStringLiteral("Type"),
               QStringLiteral("State"), QStringLiteral("Installed on"), QStringLiteral("By"),
               QStringLiteral("Time")});
    for (const VersionState &e : status.entries) {
        const bool applied = e.applied.has_value();
        t.rows << QStringList{e.versionText.isEmpty() ? QStringLiteral("(repeatable)")
                                                      : e.versionText,
                              e.description,
                              e.type,
                              reporttext::stateLabel(e.state),
                              applied ? dateTime(e.applied->installedOn) : QString(),
                              applied ? e.applied->installedBy : QString(),
                              applied ? reporttext::ms(e.applied->executionMs) : QString()};
        t.rowTones << stateTone(e.state);
    }
    if (t.rows.isEmpty())
        s.blocks << note(ReportTone::Plain, QStringLiteral("The folder has no migrations."));
    else
        s.blocks << t;
    // The audit log, where it says more than the table above: rollbacks the history no longer
    // shows, failed and cancelled attempts, repairs, baselines, adoptions and moves. Successful
    // applies are the rows above (JSON carries every entry).
    QList<const AuditEntry *> audit;
    int applies = 0;
    for (const VersionState &e : status.entries) {
        for (const AuditEntry &a : e.audit) {
            if (a.action == QLatin1String("up") && a.ok())
                ++applies;
            else
                audit << &a;
        }
    }
    std::sort(audit.begin(), audit.end(),
              [](const AuditEntry *a, const AuditEntry *b) { return a->id < b->id; });
    if (!audit.isEmpty()) {
        ReportBlock log = table(QStringLiteral("Audit log (besides %1 successful applies)")
                                    .arg(applies),
                                {QStringLiteral("When"), QStringLiteral("Version"),
                                 QStringLiteral("Action"), QStringLiteral("Outcome"),
                                 QStringLiteral("By"), QStringLiteral("Time")});
        for (const AuditEntry *a : audit) {
            log.rows << QStringList{dateTime(a->at), a->version, a->action, a->outcome, a->actor,
                                    reporttext::ms(a->executionMs)};
            log.rowTones << (a->ok() ? ReportTone::Plain : ReportTone::Warning);
        }
        s.blocks << log;
    }
    return s;
}

ReportSection validationSection(const ReportValidation &validation)
{
    ReportSection s{QStringLiteral("validation"), QStringLiteral("Validation"), {}};
    s.blocks << facts({{QStringLiteral("Migrations checked"), QString::number(validation.checked)},
                       {QStringLiteral("Problems"), QString::number(validation.problems.size())}});
    if (validation.problems.isEmpty()) {
        s.blocks << note(ReportTone::Good,
                         QStringLiteral("Valid: the database's history matches the folder."));
        return s;
    }
    s.blocks << note(ReportTone::Danger,
                     QStringLiteral("The history does not match the folder: %1.")
                         .arg(count(validation.problems.size(), QStringLiteral("problem"))));
    ReportBlock t =
        table(QStringLiteral("Problems"),
              {QStringLiteral("Version"), QStringLiteral("State"), QStringLiteral("Problem")});
    for (const ValidationProblem &p : validation.problems) {
        t.rows << QStringList{p.version, reporttext::stateLabel(p.state), p.message};
        t.rowTones << stateTone(p.state);
    }
    s.blocks << t;
    return s;
}

ReportSection dryRunSection(const TrialResult &trial, const QString &title)
{
    ReportSection s{QStringLiteral("dry_run"),
                    title.isEmpty() ? QStringLiteral("Dry run")
                                    : QStringLiteral("Dry run: %1").arg(title),
                    {}};
    qint64 total = 0;
    int statements = 0, executed = 0;
    for (const StepTrial &step : trial.steps) {
        for (const StatementTrial &st : step.statements) {
            ++statements;
            executed += st.executed ? 1 : 0;
            total += st.executed ? st.ms : 0;
        }
    }
    s.blocks << facts(
        {{QStringLiteral("Direction"), directionText(trial.direction)},
         {QStringLiteral("Migrations"), QString::number(trial.steps.size())},
         {QStringLiteral("Statements run"),
          QStringLiteral("%1 of %2").arg(executed).arg(statements)},
         {QStringLiteral("Time"), reporttext::ms(total)},
         {QStringLiteral("Result"), trial.verdict()},
         {QStringLiteral("Rolled back"),
          trial.rolledBack ? QStringLiteral("yes") : QStringLiteral("NO — check the database")}});
    if (trial.steps.isEmpty())
        s.blocks << note(ReportTone::Plain, QStringLiteral("Nothing to try: the plan is empty."));
    if (trial.error)
        s.blocks << note(ReportTone::Danger, trial.error->toString());
    else if (trial.untriedSteps() > 0)
        s.blocks << note(ReportTone::Warning,
                         QStringLiteral("Migrations marked no-transaction were not trialled: they "
                                        "run for real only, and cannot be rolled back if they fail."));
    else if (!trial.steps.isEmpty())
        s.blocks << note(ReportTone::Good,
                         QStringLiteral("Every statement ran inside one transaction, which was "
                                        "then rolled back: the database was not changed."));
    QStringList warnings = trial.warnings;
    for (const StepTrial &step : trial.steps) {
        for (const QString &w : step.warnings)
            warnings << QStringLiteral("%1: %2").arg(step.version, w);
    }
    addWarnings(s, warnings);

    if (!trial.steps.isEmpty()) {
        ReportBlock stmts = table(QStringLiteral("Statements"),
                                  {QStringLiteral("Version"), QStringLiteral("Location"),
                                   QStringLiteral("Statement"), QStringLiteral("Time"),
                                   QStringLiteral("Rows"), QStringLiteral("Result")});
        for (const StepTrial &step : trial.steps) {
            if (!step.executed) {
                stmts.rows << QStringList{step.version, step.script,
                                          QString(),    QString(),
                                          QString(),    QStringLiteral("not trialled: ") + step.note};
                stmts.rowTones << ReportTone::Warning;
            }
            for (const StatementTrial &st : step.statements) {
                if (!step.executed)
                    break;
                const QString result = !st.executed          ? QStringLiteral("not run")
                                       : !st.error.isEmpty() ? QStringLiteral("FAILED: ") + st.error
                                                             : QStringLiteral("ok");
                stmts.rows << QStringList{step.version,
                                          QStringLiteral("%1:%2").arg(st.file).arg(st.line),
                                          reporttext::firstLine(st.sql),
                                          st.executed ? reporttext::ms(st.ms) : QString(),
                                          st.rows >= 0 ? QString::number(st.rows) : QString(),
                                          result};
                stmts.rowTones << (!st.error.isEmpty() ? ReportTone::Danger
                                   : st.executed       ? ReportTone::Plain
                                                       : ReportTone::Warning);
            }
        }
        s.blocks << stmts;
    }
    if (!trial.schemaChanges.isEmpty()) {
        s.blocks << heading(QStringLiteral("Schema changes"));
        s.blocks << reporttext::changeTable(trial.schemaChanges);
    }
    for (const StepTrial &step : trial.steps) {
        QStringList sql;
        for (const StatementTrial &st : step.statements)
            sql << st.sql.trimmed() + u';';
        if (sql.isEmpty())
            continue;
        s.blocks << reportblock::sql(
            QStringLiteral("%1 — %2 (%3)%4")
                .arg(step.version, step.description, step.script,
                     step.generated ? QStringLiteral(", generated undo") : QString()),
            sql.join(QStringLiteral("\n\n")));
    }
    return s;
}

ReportSection runSection(const ReportRun &report)
{
    const RunResult &run = report.run;
    const bool up = run.direction == Direction::Up;
    ReportSection s{
        QStringLiteral("run"), up ? QStringLiteral("Apply") : QStringLiteral("Rollback"), {}};
    qint64 total = 0;
    int ran = 0;
    for (const StepResult &step : run.steps) {
        total += step.executionMs;
        ran += step.skipped ? 0 : 1;
    }
    s.blocks << facts({{QStringLiteral("Direction"), directionText(run.direction)},
                       {QStringLiteral("Started"), dateTime(report.startedAt)},
                       {QStringLiteral("Finished"), dateTime(report.finishedAt)},
                       {QStringLiteral("By"), report.by},
                       {QStringLiteral("Migrations"), QString::number(ran)},
                       {QStringLiteral("Time in migrations"), reporttext::ms(total)},
                       {QStringLiteral("Result"),
                        run.error ? QStringLiteral("FAILED") : QStringLiteral("succeeded")}});
    if (run.error)
        s.blocks << note(ReportTone::Danger,
                         run.error->toString() +
                             QStringLiteral("\nThe failed migration was rolled back; the steps "
                                            "listed before it completed."));
    else
        s.blocks << note(ReportTone::Good,
                         run.steps.isEmpty()
                             ? QStringLiteral("Nothing needed to run.")
                             : QStringLiteral("%1 %2.").arg(count(ran, QStringLiteral("migration")),
                                                            up ? QStringLiteral("applied")
                                                               : QStringLiteral("undone")));
    addWarnings(s, run.warnings);
    if (!run.steps.isEmpty()) {
        ReportBlock t =
            table(QStringLiteral("What ran"),
                  {QStringLiteral("Version"), QStringLiteral("Description"),
                   QStringLiteral("Script"), QStringLiteral("Time"), QStringLiteral("Result")});
        for (const StepResult &step : run.steps) {
            t.rows << QStringList{
                step.version, step.description, step.script, reporttext::ms(step.executionMs),
                step.skipped ? QStringLiteral("skipped (already applied)") : QStringLiteral("ok")};
            t.rowTones << (step.skipped ? ReportTone::Warning : ReportTone::Good);
        }
        s.blocks << t;
    }
    return s;
}

ReportDocument layoutReport(const Report &original)
{
    const Report r = original.redacted();
    ReportDocument doc;
    doc.title = r.title;
    QStringList covers;
    for (const QString &kind : r.kinds())
        covers << reporttext::kindLabel(kind);
    doc.subtitle = covers.join(QStringLiteral(", "));
    if (r.database) {
        doc.facts << qMakePair(QStringLiteral("Database"), r.database->url);
        // SQLite's version text already names the engine ("SQLite 3.40.1").
        const QString &version = r.database->serverVersion;
        doc.facts << qMakePair(QStringLiteral("Engine"), version.isEmpty() ? r.database->engine
                                                         : version.startsWith(r.database->engine)
                                                             ? version
                                                             : r.database->engine + u' ' + version);
    }
    if (!r.migrationsDir.isEmpty())
        doc.facts << qMakePair(QStringLiteral("Migrations"),
                               r.folderFormat.isEmpty() ? r.migrationsDir
                                                        : QStringLiteral("%1 (%2)").arg(
                                                              r.migrationsDir, r.folderFormat));
    doc.facts << qMakePair(QStringLiteral("Generated"), dateTime(r.generatedAt));
    doc.facts << qMakePair(QStringLiteral("By"), r.generatedBy);
    doc.facts << qMakePair(QStringLiteral("Strata"), r.toolVersion);

    if (r.timeline)
        doc.sections << timelineSection(*r.timeline);
    if (r.validation)
        doc.sections << validationSection(*r.validation);
    if (r.drift)
        doc.sections << driftSection(*r.drift);
    if (r.dryRun)
        doc.sections << dryRunSection(*r.dryRun, r.dryRunTitle);
    if (r.run)
        doc.sections << runSection(*r.run);
    if (r.diff)
        doc.sections << diffSection(*r.diff);
    if (r.transfer)
        doc.sections << transferSection(*r.transfer);
    if (r.readiness)
        doc.sections << readinessSection(*r.readiness);
    return doc;
}

} // namespace strata
