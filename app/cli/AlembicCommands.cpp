// strata-cli on an Alembic project folder: status as a revision graph, and plan, dry-run, up and
// down through Alembic's offline SQL (which needs the `alembic` command).
#include "CliOutput.h"
#include "InteropCommands.h"

#include "connection/DatabaseSession.h"
#include "interop/AlembicRunner.h"
#include <QJsonArray>

namespace strata::cli {

namespace {

// One line of the ASCII graph: `*` the revision's lane, `|` lanes passing by.
QString lanesText(const GraphRow &row, int lanes)
{
    QString s(lanes * 2, u' ');
    for (int l : row.throughLanes)
        s[l * 2] = u'|';
    if (row.lane >= 0 && row.lane < lanes)
        s[row.lane * 2] = u'*';
    return s;
}

QString statusTextOf(const AlembicStatus &st)
{
    const int lanes = std::max(1, st.laneCount);
    QString out;
    for (const AlembicEntry &e : st.entries) {
        QString notes;
        if (e.revision && e.revision->isMerge())
            notes += QStringLiteral(" (merge of %1)")
                         .arg(e.revision->downRevisions.join(QStringLiteral(", ")));
        if (e.revision && !e.revision->branchLabels.isEmpty())
            notes +=
                QStringLiteral(" [%1]").arg(e.revision->branchLabels.join(QStringLiteral(", ")));
        if (e.isDatabaseHead)
            notes += QStringLiteral("  <- database");
        out += QStringLiteral("%1 %2  %3  %4%5\n")
                   .arg(e.revision ? lanesText(e.row, lanes) : QString(lanes * 2, u' '),
                        e.id.leftJustified(14), migrationStateName(e.state).leftJustified(12),
                        e.revision ? e.revision->message : QStringLiteral("(no revision file)"),
                        notes);
    }
    return out;
}

QJsonObject statusJsonOf(const QString &database, const AlembicProject &project,
                         const AlembicStatus &st)
{
    QJsonArray revisions;
    for (const AlembicEntry &e : st.entries) {
        QJsonObject o{{"revision", e.id},
                      {"state", migrationStateName(e.state)},
                      {"database_head", e.isDatabaseHead},
                      {"lane", e.row.lane}};
        if (e.revision) {
            o.insert("down_revisions", QJsonArray::fromStringList(e.revision->downRevisions));
            o.insert("branch_labels", QJsonArray::fromStringList(e.revision->branchLabels));
            o.insert("depends_on", QJsonArray::fromStringList(e.revision->dependsOn));
            o.insert("message", e.revision->message);
            o.insert("create_date", e.revision->createDate);
            o.insert("file", e.revision->file);
        }
        revisions.append(o);
    }
    const QString alembic = AlembicRunner::executable();
    return {{"database", database},
            {"project", project.iniPath.isEmpty() ? project.scriptDir : project.iniPath},
            {"format", "alembic"},
            {"alembic", alembic.isEmpty() ? QJsonValue() : QJsonValue(alembic)},
            {"database_heads", QJsonArray::fromStringList(st.databaseHeads)},
            {"heads", QJsonArray::fromStringList(project.graph.heads())},
            {"revisions", revisions}};
}

Result<AlembicTarget> targetFrom(const QString &command, const CommandArgs &args)
{
    // Native-only options: undo generation and reports need Strata's own history.
    for (const char *native : {"--generate-missing", "--allow-data-loss", "--report"}) {
        const QString name = QLatin1String(native);
        if (args.declares(name) && args.has(name))
            return Error::usage(
                QStringLiteral("`%1` does not take `%2` on an Alembic project (see --help)")
                    .arg(command, name));
    }
    AlembicTarget t;
    const bool down =
        command == QLatin1String("down") ||
        (args.declares(QStringLiteral("--down")) && args.has(QStringLiteral("--down")));
    t.direction = down ? Direction::Down : Direction::Up;
    if (args.declares(QStringLiteral("--to")))
        t.revision = args.value(QStringLiteral("--to"));
    if (args.declares(QStringLiteral("--steps")) && args.has(QStringLiteral("--steps"))) {
        bool ok = false;
        t.steps = args.value(QStringLiteral("--steps")).toInt(&ok);
        if (!ok || t.steps < 1)
            return Error::usage(QStringLiteral("--steps needs a positive number"));
    }
    if (t.direction == Direction::Up && t.steps > 0)
        return Error::usage(QStringLiteral("--steps goes with down; upgrade with --to REVISION"));
    if (t.direction == Direction::Down && t.revision.isEmpty() && t.steps == 0) {
        if (command == QLatin1String("down"))
            return Error::usage(QStringLiteral("down needs --to REVISION (or base) or --steps N"));
        t.steps = 1;
    }
    return t;
}

} // namespace

int cmdAlembic(const QString &command, const CommandArgs &args, const ConnectionSpec &database,
               const QString &projectDir, Output &out)
{
    const ConnectionSpec *spec = &database;
    auto project = AlembicProject::read(projectDir);
    if (!project)
        return out.fail(project.error());
    auto session = DatabaseSession::open(*spec);
    if (!session)
        return out.fail(session.error());
    DatabaseSession &db = **session;
    auto status = AlembicPlacement::read(db, *project);
    if (!status)
        return out.fail(status.error());

    if (command == QLatin1String("status")) {
        out.document(statusJsonOf(spec->displayUrl(), *project, *status));
        const QString alembic = AlembicRunner::executable();
        out.text(
            QStringLiteral("Database: %1 (%2)\nMigrations: %3 (alembic, %4 revisions, heads: %5)\n"
                           "Database at: %6\nAlembic command: %7\n\n")
                .arg(spec->displayUrl(), db.serverVersion(), projectDir)
                .arg(project->graph.revisions().size())
                .arg(project->graph.heads().join(QStringLiteral(", ")),
                     status->databaseHeads.isEmpty()
                         ? QStringLiteral("base (no %1 rows)").arg(project->versionTable)
                         : status->databaseHeads.join(QStringLiteral(", ")),
                     alembic.isEmpty() ? AlembicRunner::missingText() : alembic));
        out.text(statusTextOf(*status));
        return Ok;
    }

    auto target = targetFrom(command, args);
    if (!target)
        return out.fail(target.error());
    AlembicRunner runner(*project);
    auto plan = runner.plan(db, *status, *target);
    if (!plan)
        return out.fail(plan.error());
    if (command == QLatin1String("plan")) {
        out.document(planJson(*plan));
        out.text(planText(*plan));
        return Ok;
    }
    if (command == QLatin1String("dry-run")) {
        const TrialResult trial = AlembicRunner::trial(db, *plan);
        out.document(trialJson(trial));
        out.text(trialText(trial));
        if (trial.error) {
            out.note(QStringLiteral("error: ") + trial.error->toString());
            return exitCodeFor(*trial.error);
        }
        return Ok;
    }
    const RunResult run = AlembicRunner::apply(db, *plan);
    auto after = AlembicPlacement::read(db, *project);
    const QStringList heads = after ? after->databaseHeads : QStringList();
    QJsonArray steps;
    QString text;
    for (const StepResult &s : run.steps) {
        steps.append(QJsonObject{
            {"description", s.description}, {"script", s.script}, {"ms", qint64(s.executionMs)}});
        text += QStringLiteral("  %1 %2 (%3 ms)\n")
                    .arg(run.direction == Direction::Up ? "applied" : "undone", s.description)
                    .arg(s.executionMs);
    }
    out.document({{"direction", run.direction == Direction::Up ? "up" : "down"},
                  {"steps", steps},
                  {"database_heads", QJsonArray::fromStringList(heads)},
                  {"error", run.error ? errorJson(*run.error) : QJsonValue()}});
    out.text(text +
             QStringLiteral("Database at: %1\n")
                 .arg(heads.isEmpty() ? QStringLiteral("base") : heads.join(QStringLiteral(", "))));
    if (run.error) {
        out.note(QStringLiteral("error: ") + run.error->toString());
        return exitCodeFor(*run.error);
    }
    return Ok;
}

} // namespace strata::cli
