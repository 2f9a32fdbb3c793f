#include "CliCommands.h"
#include "CheckCommand.h"
#include "CliArgs.h"
#include "CliDatabaseUrl.h"
#include "CliHelp.h"
#include "CliOutput.h"
#include "CliTerminal.h"
#include "InteropCommands.h"
#include "PortCommand.h"
#include "ReportCommand.h"
#include "SchemaCommands.h"
#include "TransferCommand.h"

#include "connection/DatabaseSession.h"
#include "interop/AlembicProject.h"
#include "migration/DryRun.h"
#include "migration/Migrator.h"
#include "migration/RecordedSchemas.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <atomic>
#include <csignal>
#include <cstdio>

namespace strata::cli {

namespace {

std::atomic<bool> interrupted{false};

extern "C" void onInterrupt(int)
{
    interrupted = true;
    std::signal(SIGINT, SIG_DFL); // a second Ctrl-C stops at once
}

class CliProgress final : public Progress {
public:
    explicit CliProgress(Output &out) : m_out(out) {}
    void report(int done, int total, const QString &label) override
    {
        if (done < total)
            m_out.note(QStringLiteral("[%1/%2] %3 (%4 left)")
                           .arg(done + 1)
                           .arg(total)
                           .arg(label)
                           .arg(total - done - 1));
    }
    void note(const QString &text) override { m_out.note(text); }
    bool cancelled() const override { return interrupted.load(); }

private:
    Output &m_out;
};

struct Context {
    const CommandLine &line;
    const CommandArgs &args;
    Output &out;
    std::unique_ptr<DatabaseSession> session;
    std::unique_ptr<Migrator> migrator;
    ReportOption report; // --report FILE
};

Result<std::optional<Version>> versionArg(const CommandArgs &args, const QString &name)
{
    if (!args.has(name))
        return std::optional<Version>();
    const QString text = args.value(name);
    auto v = Version::parse(text);
    if (!v)
        return Error::usage(
            QStringLiteral("`%1` is not a version (digits separated by dots)").arg(text));
    return std::optional<Version>(*v);
}

Result<std::optional<int>> stepsArg(const CommandArgs &args)
{
    if (!args.has(QStringLiteral("--steps")))
        return std::optional<int>();
    const QString text = args.value(QStringLiteral("--steps"));
    bool ok = false;
    const int n = text.toInt(&ok);
    if (!ok || n < 1)
        return Error::usage(QStringLiteral("--steps needs a positive number, not `%1`").arg(text));
    return std::optional<int>(n);
}

std::optional<Version> currentVersion(Migrator &migrator)
{
    auto st = migrator.status();
    return st ? st->current : std::nullopt;
}

int cmdStatus(Context &c)
{
    auto st = c.migrator->status();
    if (!st)
        return c.out.fail(st.error());
    QJsonObject source;
    StatusReport report = *st;
    preferForeignStatus(*c.session, c.migrator->folder(), report, c.out, &source);
    if (c.out.json()) {
        QJsonObject doc = statusJson(c.session->spec().displayUrl(), report);
        if (!source.isEmpty())
            doc.insert(QStringLiteral("history_source"),
                       source.value(QStringLiteral("history_source")));
        c.out.document(doc);
    }
    c.out.text(QStringLiteral("Database: %1 (%2)\nMigrations: %3 (%4)\n")
                   .arg(c.session->spec().displayUrl(), c.session->serverVersion(),
                        c.line.migrations, folderFormatName(c.migrator->folder().format)));
    c.out.text(statusText(report));
    // Files left out of the folder: listed above, and a failure for scripts, as a bad folder is
    // for every other command.
    return report.problems.isEmpty() ? Ok : Usage;
}

int finishRun(Context &c, const RunResult &run, const QDateTime &started)
{
    const int code = run.error ? exitCodeFor(*run.error) : Ok;
    Report report;
    if (c.report) {
        const bool up = run.direction == Direction::Up;
        report = databaseReport(up ? QStringLiteral("Apply") : QStringLiteral("Rollback"),
                                *c.session, *c.migrator, c.line.migrations);
        report.run = ReportRun{run, started, QDateTime::currentDateTimeUtc(), currentUserName()};
    }
    for (const QString &w : run.warnings)
        c.out.note(QStringLiteral("warning: ") + w);
    const auto current = currentVersion(*c.migrator);
    if (c.out.json())
        c.out.document(runJson(run, current));
    c.out.text(runText(run, current));
    if (run.error) {
        c.out.note(QStringLiteral("error: ") + run.error->toString());
    }
    return finishWithReport(c.report, report, c.out, code);
}

int cmdUp(Context &c)
{
    auto to = versionArg(c.args, QStringLiteral("--to"));
    if (!to)
        return c.out.fail(to.error());
    CliProgress progress(c.out);
    const QDateTime started = QDateTime::currentDateTimeUtc();
    return finishRun(c, c.migrator->up(*to, &progress), started);
}

Result<DownTarget> downTarget(const CommandArgs &args, bool required, bool preview)
{
    auto to = versionArg(args, QStringLiteral("--to"));
    if (!to)
        return to.error();
    auto steps = stepsArg(args);
    if (!steps)
        return steps.error();
    DownTarget target{*to, *steps};
    if (!*to && !*steps) {
        if (required)
            return Error::usage(QStringLiteral("down needs --to VERSION or --steps N"));
        target.steps = 1;
    }
    target.generateMissing = args.has(QStringLiteral("--generate-missing"));
    // A preview shows destructive generated undos (flagged) instead of refusing them.
    target.allowDataLoss = preview || args.has(QStringLiteral("--allow-data-loss"));
    return target;
}

int cmdDown(Context &c)
{
    auto target = downTarget(c.args, true, false);
    if (!target)
        return c.out.fail(target.error());
    CliProgress progress(c.out);
    const QDateTime started = QDateTime::currentDateTimeUtc();
    return finishRun(c, c.migrator->down(*target, &progress), started);
}

// The plan that `plan` and `dry-run` show: up (to V) or, with --down, a rollback.
Result<Plan> previewPlan(Context &c)
{
    if (c.args.has(QStringLiteral("--down"))) {
        auto target = downTarget(c.args, false, true);
        if (!target)
            return target.error();
        return c.migrator->planDown(*target);
    }
    auto to = versionArg(c.args, QStringLiteral("--to"));
    if (!to)
        return to.error();
    return c.migrator->planUp(*to);
}

int cmdPlan(Context &c)
{
    auto plan = previewPlan(c);
    if (!plan)
        return c.out.fail(plan.error());
    if (c.out.json())
        c.out.document(planJson(*plan));
    c.out.text(planText(*plan));
    return Ok;
}

int cmdDryRun(Context &c)
{
    auto plan = previewPlan(c);
    if (!plan)
        return c.out.fail(plan.error());
    CliProgress progress(c.out);
    const TrialResult trial = DryRun::trial(*c.migrator, *plan, &progress);
    if (c.out.json())
        c.out.document(trialJson(trial));
    c.out.text(trialText(trial));
    if (trial.error)
        c.out.note(QStringLiteral("error: ") + trial.error->toString());
    Report report;
    if (c.report) {
        report =
            databaseReport(QStringLiteral("Dry run"), *c.session, *c.migrator, c.line.migrations);
        report.dryRun = trial;
        const QString from = report.timeline && report.timeline->current
                                 ? report.timeline->current->toString()
                                 : QStringLiteral("none");
        report.dryRunTitle =
            plan->direction == Direction::Up
                ? QStringLiteral("migrate %1 → %2")
                      .arg(from, plan->steps.isEmpty() ? from
                                                       : plan->steps.last().migration.versionText())
                : QStringLiteral("roll back %1 (%2)")
                      .arg(from, QStringLiteral("%1 undone").arg(plan->steps.size()));
    }
    return finishWithReport(c.report, report, c.out, trial.error ? exitCodeFor(*trial.error) : Ok);
}

int cmdAudit(Context &c)
{
    auto log = c.migrator->audit().read();
    if (!log)
        return c.out.fail(log.error());
    const QString only = c.args.has(QStringLiteral("--version"))
                             ? c.args.value(QStringLiteral("--version"))
                             : QString();
    QJsonArray entries;
    QStringList lines;
    for (const AuditEntry &e : *log) {
        if (!only.isEmpty() && e.version != only)
            continue;
        entries.append(QJsonObject{{QStringLiteral("id"), e.id},
                                   {QStringLiteral("at"), e.at.toString(Qt::ISODateWithMs)},
                                   {QStringLiteral("actor"), e.actor},
                                   {QStringLiteral("action"), e.action},
                                   {QStringLiteral("version"), e.version},
                                   {QStringLiteral("description"), e.description},
                                   {QStringLiteral("script"), e.script},
                                   {QStringLiteral("outcome"), e.outcome},
                                   {QStringLiteral("detail"), e.detail},
                                   {QStringLiteral("execution_ms"), e.executionMs},
                                   {QStringLiteral("history_table"), e.historyTable}});
        lines << QStringLiteral("%1  %2  %3 %4  %5  %6 ms  %7%8")
                     .arg(e.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                          e.action.leftJustified(8), e.version.leftJustified(6),
                          e.outcome.leftJustified(9), e.actor)
                     .arg(e.executionMs)
                     .arg(e.description, e.detail.isEmpty() ? QString()
                                                            : QStringLiteral(" — ") +
                                                                  e.detail.section(u'\n', 0, 0));
    }
    if (c.out.json())
        c.out.document(QJsonObject{{QStringLiteral("entries"), entries}});
    c.out.text(
        lines.isEmpty()
            ? QStringLiteral("The audit log has no entries%1.\n")
                  .arg(only.isEmpty() ? QString() : QStringLiteral(" for version %1").arg(only))
            : lines.join(u'\n') + u'\n');
    return Ok;
}

int cmdValidate(Context &c)
{
    auto problems = c.migrator->validate();
    if (!problems)
        return c.out.fail(problems.error());
    const QList<SourceProblem> &folderProblems = c.migrator->folder().problems;
    if (c.out.json())
        c.out.document(validateJson(*problems, folderProblems));
    const int checked =
        int(c.migrator->folder().versioned.size() + c.migrator->folder().repeatable.size());
    c.out.text(validateText(*problems, folderProblems, checked));
    Report report;
    if (c.report) {
        report = databaseReport(QStringLiteral("Validation"), *c.session, *c.migrator,
                                c.line.migrations);
        report.validation = ReportValidation{*problems, checked};
    }
    return finishWithReport(c.report, report, c.out,
                            problems->isEmpty() && folderProblems.isEmpty() ? Ok : Invalid);
}

// The live schema against the one recorded for the current version (exit 4 when they differ).
int cmdDrift(Context &c)
{
    const bool sql = c.args.has(QStringLiteral("--sql"));
    auto drift = DriftCheck::run(*c.session, c.migrator->history());
    if (!drift)
        return c.out.fail(drift.error());
    const QString recorded =
        QStringLiteral("version %1 (%2)").arg(drift->version, drift->recorded.origin);
    const QString live = c.session->spec().displayUrl();
    if (c.out.json())
        c.out.document(diffJson(recorded, live, drift->diff));
    else if (sql)
        c.out.text(drift->diff.forwardSql());
    else if (!drift->drifted())
        c.out.text(QStringLiteral("No drift: the live schema matches %1.\n").arg(recorded));
    else
        c.out.text(diffText(recorded, live, drift->diff));
    Report report;
    if (c.report) {
        report = databaseReport(QStringLiteral("Drift check"), *c.session, *c.migrator,
                                c.line.migrations);
        report.drift = ReportDrift{drift->version, drift->recorded.origin, live, drift->diff};
    }
    return finishWithReport(c.report, report, c.out, drift->drifted() ? Differs : Ok);
}

int cmdBaseline(Context &c)
{
    auto version = versionArg(c.args, QStringLiteral("--version"));
    if (!version)
        return c.out.fail(version.error());
    if (!*version) // the parser refuses baseline without --version
        return c.out.fail(Error::usage(QStringLiteral("baseline needs --version V")));
    const QString description =
        c.args.value(QStringLiteral("--description"), QStringLiteral("Baseline"));
    if (Status done = c.migrator->baseline(**version, description); !done.ok())
        return c.out.fail(done.error());
    if (c.out.json())
        c.out.document({{QStringLiteral("baseline"), (*version)->toString()},
                        {QStringLiteral("description"), description}});
    c.out.text(
        QStringLiteral("Baselined at version %1 (%2).\n").arg((*version)->toString(), description));
    return Ok;
}

int cmdRepair(Context &c)
{
    const bool yes = c.args.has(QStringLiteral("--yes"));
    auto actions = c.migrator->repair(yes);
    if (!actions)
        return c.out.fail(actions.error());
    if (c.out.json())
        c.out.document(repairJson(*actions, yes));
    c.out.text(repairText(*actions, yes));
    return Ok;
}

int cmdReportHere(Context &c)
{
    return cmdReport(c.args, *c.session, *c.migrator, c.line.migrations, c.out);
}

} // namespace

int run(const QStringList &arguments)
{
    auto parsed = parseCommandLine(arguments);
    const bool json = parsed ? parsed->json : arguments.contains(QStringLiteral("--json"));
    Output out(json);
    if (!parsed)
        return out.fail(parsed.error());
    const CommandLine &line = *parsed;
    if (line.help) {
        const CommandSpec *topic = findCommand(line.helpTopic);
        QTextStream(stdout) << (topic ? commandHelp(*topic) : mainHelp());
        return Ok;
    }
    if (line.version) {
        QTextStream(stdout) << "strata-cli " << STRATA_VERSION << '\n';
        return Ok;
    }
    if (!line.command) {
        QTextStream(stderr) << mainHelp();
        return Usage;
    }
    const QString command = line.command->name;
    const CommandArgs &args = line.args;
    if (command == QLatin1String("port")) // its --report takes any name: see PortCommand.h
        return cmdPort(args, line.migrations, out);
    auto report = reportOption(args);
    if (!report)
        return out.fail(report.error());
    if (command == QLatin1String("snapshot"))
        return cmdSnapshot(args, line.db, out);
    if (command == QLatin1String("diff"))
        return cmdDiff(args, out, *report);
    if (command == QLatin1String("transfer"))
        return cmdTransfer(args, out, *report);
    if (command == QLatin1String("detect"))
        return cmdDetect(args, line.db, out);
    if (command == QLatin1String("adopt"))
        return cmdAdopt(args, line.db, line.migrations, out);
    if (command == QLatin1String("check"))
        return cmdCheck(args, line.migrations, out, *report);

    using Handler = int (*)(Context &);
    const QList<std::pair<QString, Handler>> handlers = {
        {QStringLiteral("status"), cmdStatus},     {QStringLiteral("up"), cmdUp},
        {QStringLiteral("down"), cmdDown},         {QStringLiteral("plan"), cmdPlan},
        {QStringLiteral("validate"), cmdValidate}, {QStringLiteral("baseline"), cmdBaseline},
        {QStringLiteral("audit"), cmdAudit},       {QStringLiteral("repair"), cmdRepair},
        {QStringLiteral("dry-run"), cmdDryRun},    {QStringLiteral("drift"), cmdDrift},
        {QStringLiteral("report"), cmdReportHere},
    };
    Handler handler = nullptr;
    for (const auto &[name, h] : handlers) {
        if (name == command)
            handler = h;
    }
    if (!handler) // a table entry with no handler: a programming error, said plainly
        return out.fail(Error::usage(QStringLiteral("`%1` is not implemented").arg(command)));

    if (command == QLatin1String("report")) { // a usage error, before the database
        if (auto format = reportCommandFormat(args); !format)
            return out.fail(format.error());
    }
    // The natural order: the database URL (missing or malformed) first, then the folder, which
    // is read and checked whole before anything connects (a bad folder applies nothing).
    auto spec = databaseUrl(line.db);
    if (!spec)
        return out.fail(spec.error());
    if (AlembicProject::looksLikeProject(line.migrations) &&
        QStringList{"status", "plan", "dry-run", "up", "down"}.contains(command))
        return cmdAlembic(command, args, *spec, line.migrations, out);
    auto folder = MigrationSource::read(line.migrations);
    if (!folder)
        return out.fail(folder.error());
    // status and validate list the files left out of the folder; every other command refuses an
    // incomplete folder, as a left-out file may be a version it would otherwise step over.
    const bool listsProblems = QStringList{"status", "validate"}.contains(command);
    if (!folder->problems.isEmpty() && !listsProblems)
        return out.fail(folder->problemsError());
    auto session = DatabaseSession::open(*spec);
    if (!session)
        return out.fail(session.error());

    std::signal(SIGINT, onInterrupt);
    Context context{line, args, out, std::move(session).value(), nullptr, *report};
    context.migrator = std::make_unique<Migrator>(*context.session, std::move(folder).value());
    context.migrator->setLockTimeout(line.lockTimeoutMs);
    if (QStringList{"up", "dry-run"}.contains(command)) {
        if (Status s = refuseUnadopted(*context.session, context.migrator->folder()); !s.ok())
            return out.fail(s.error());
    }
    return handler(context);
}

} // namespace strata::cli
