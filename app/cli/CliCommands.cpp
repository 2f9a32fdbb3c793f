#include "CliCommands.h"
#include "CliArgs.h"
#include "CliOutput.h"
#include "CliTerminal.h"
#include "ReportCommand.h"
#include "InteropCommands.h"
#include "SchemaCommands.h"
#include "TransferCommand.h"

#include "connection/DatabaseSession.h"
#include "interop/AlembicProject.h"
#include "migration/DryRun.h"
#include "migration/Migrator.h"
#include "migration/RecordedSchemas.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTextStream>
#include <atomic>
#include <csignal>
#include <cstdio>

namespace strata::cli {

namespace {

const char *usageText =
    "Usage: strata-cli [--db URL] [--migrations DIR] [--json] COMMAND [options]\n"
    "\n"
    "  URL: sqlite:relative/file.db | sqlite:///absolute/file.db |\n"
    "       postgresql://[user[:password]@][host][:port][/db][?sslmode=...&...]\n"
    "       (empty parts fall back to libpq's PG* variables and ~/.pgpass)\n"
    "  --db defaults to $STRATA_DB; --migrations defaults to ./migrations\n"
    "  --lock-timeout SECONDS: how long up/down/baseline/repair wait for another migrator's\n"
    "       lock before failing (default: PostgreSQL waits as long as it takes, SQLite 60 s)\n"
    "\n"
    "Commands:\n"
    "  status                      every version and its state\n"
    "  up [--to V]                 apply pending versions (all, or through V)\n"
    "  down (--to V | --steps N) [--generate-missing] [--allow-data-loss]\n"
    "                              undo applied versions newer than V (or the newest N);\n"
    "                              derive missing undo scripts from recorded snapshots\n"
    "  validate                    exit 3 and list every problem\n"
    "  baseline --version V [--description D]\n"
    "                              mark an existing database as being at V\n"
    "  repair [--yes]              remove failed entries, realign checksums\n"
    "  dry-run [--to V | --down (--to V | --steps N)] [--generate-missing]\n"
    "                              run the plan in a transaction, report, roll back\n"
    "  plan [--to V] [--down [--to V | --steps N] [--generate-missing]]\n"
    "                              the statements up/down would run; touches nothing\n"
    "  snapshot [URL] [-o FILE.json]\n"
    "                              the schema as a JSON snapshot (URL defaults to --db)\n"
    "  diff A B [--sql] [--reverse] [--exit-code]\n"
    "                              compare two schemas (URLs or snapshot files)\n"
    "  drift [--sql]               the live schema against the one recorded for the current\n"
    "                              version; exits 4 when they differ\n"
    "  transfer SQLITE_URL POSTGRES_URL [--jobs N] [--tables a,b] [--mapping FILE.json] [--plan]\n"
    "           [--resume] [--drop-existing] [--bad-text fail|replace|bytea]\n"
    "                              move an SQLite database into PostgreSQL, verified\n"
    "  report [--format html|md|json|pdf] -o FILE\n"
    "                              a report of the database's state: timeline and validation\n"
    "\n"
    "  --report FILE on dry-run, up, down, diff, transfer, validate and drift also writes a\n"
    "  report; the extension chooses the format: .html .md .json .pdf\n"
    "  detect [URL] [--sqitch-registry FILE]\n"
    "                              which other tools' histories the database holds\n"
    "  adopt --from flyway|liquibase|alembic|golang-migrate|dbmate|sqitch|atlas [--dry-run]\n"
    "                              record another tool's applied changes as baseline rows\n"
    "  (with --migrations pointing at an Alembic project, status/plan/dry-run/up/down\n"
    "   work on its revision graph; plan/dry-run/up/down need the alembic command)\n"
    "\n"
    "Exit codes: 0 success, 1 a migration or the database failed, 2 bad usage or folder,\n"
    "3 validate found problems, 4 diff --exit-code (or drift) found differences.\n";

std::atomic<bool> interrupted{false};

extern "C" void onInterrupt(int)
{
    interrupted = true;
    std::signal(SIGINT, SIG_DFL); // a second Ctrl-C stops at once
}

struct Options {
    QString db = qEnvironmentVariable("STRATA_DB");
    QString migrations = QStringLiteral("migrations");
    bool json = false;
    std::optional<int> lockTimeoutMs;
    QString command;
    QStringList args;
};

class CliProgress final : public Progress {
public:
    explicit CliProgress(Output &out) : m_out(out) {}
    void report(int done, int total, const QString &label) override
    {
        if (done < total)
            m_out.note(QStringLiteral("[%1/%2] %3 (%4 left)").arg(done + 1).arg(total).arg(label).arg(total - done - 1));
    }
    void note(const QString &text) override { m_out.note(text); }
    bool cancelled() const override { return interrupted.load(); }

private:
    Output &m_out;
};


bool takeFlag(QStringList &args, const QString &name)
{
    return args.removeAll(name) > 0;
}

struct Context {
    Options options;
    Output &out;
    std::unique_ptr<DatabaseSession> session;
    std::unique_ptr<Migrator> migrator;
    ReportOption report; // --report FILE
};

Result<std::optional<Version>> versionArg(QStringList &args, const QString &name)
{
    QString text;
    bool present = false;
    if (!takeValue(args, name, text, &present))
        return Error::usage(QStringLiteral("%1 needs a version").arg(name));
    if (!present)
        return std::optional<Version>();
    auto v = Version::parse(text);
    if (!v)
        return Error::usage(QStringLiteral("`%1` is not a version (digits separated by dots)").arg(text));
    return std::optional<Version>(*v);
}

Result<std::optional<int>> stepsArg(QStringList &args)
{
    QString text;
    bool present = false;
    if (!takeValue(args, QStringLiteral("--steps"), text, &present))
        return Error::usage(QStringLiteral("--steps needs a number"));
    if (!present)
        return std::optional<int>();
    bool ok = false;
    const int n = text.toInt(&ok);
    if (!ok || n < 1)
        return Error::usage(QStringLiteral("--steps needs a positive number, not `%1`").arg(text));
    return std::optional<int>(n);
}

Status noExtraArgs(const QStringList &args, const QString &command)
{
    if (!args.isEmpty())
        return Error::usage(QStringLiteral("`%1` does not take `%2` (see --help)").arg(command, args.first()));
    return {};
}

std::optional<Version> currentVersion(Migrator &migrator)
{
    auto st = migrator.status();
    return st ? st->current : std::nullopt;
}

int cmdStatus(Context &c)
{
    if (Status s = noExtraArgs(c.options.args, c.options.command); !s.ok())
        return c.out.fail(s.error());
    auto st = c.migrator->status();
    if (!st)
        return c.out.fail(st.error());
    QJsonObject source;
    StatusReport report = *st;
    preferForeignStatus(*c.session, c.migrator->folder(), report, c.out, &source);
    if (c.out.json()) {
        QJsonObject doc = statusJson(c.session->spec().displayUrl(), report);
        if (!source.isEmpty())
            doc.insert(QStringLiteral("history_source"), source.value(QStringLiteral("history_source")));
        c.out.document(doc);
    }
    c.out.text(QStringLiteral("Database: %1 (%2)\nMigrations: %3 (%4)\n")
                   .arg(c.session->spec().displayUrl(), c.session->serverVersion(), c.options.migrations,
                        folderFormatName(c.migrator->folder().format)));
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
                                *c.session, *c.migrator, c.options.migrations);
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
    auto to = versionArg(c.options.args, QStringLiteral("--to"));
    if (!to)
        return c.out.fail(to.error());
    if (Status s = noExtraArgs(c.options.args, c.options.command); !s.ok())
        return c.out.fail(s.error());
    CliProgress progress(c.out);
    const QDateTime started = QDateTime::currentDateTimeUtc();
    return finishRun(c, c.migrator->up(*to, &progress), started);
}

Result<DownTarget> downTarget(QStringList &args, bool required, bool preview)
{
    auto to = versionArg(args, QStringLiteral("--to"));
    if (!to)
        return to.error();
    auto steps = stepsArg(args);
    if (!steps)
        return steps.error();
    if (*to && *steps)
        return Error::usage(QStringLiteral("give --to or --steps, not both"));
    DownTarget target{*to, *steps};
    if (!*to && !*steps) {
        if (required)
            return Error::usage(QStringLiteral("down needs --to VERSION or --steps N"));
        target.steps = 1;
    }
    target.generateMissing = takeFlag(args, QStringLiteral("--generate-missing"));
    // A preview shows destructive generated undos (flagged) instead of refusing them.
    target.allowDataLoss = takeFlag(args, QStringLiteral("--allow-data-loss")) || preview;
    return target;
}

int cmdDown(Context &c)
{
    auto target = downTarget(c.options.args, true, false);
    if (!target)
        return c.out.fail(target.error());
    if (Status s = noExtraArgs(c.options.args, c.options.command); !s.ok())
        return c.out.fail(s.error());
    CliProgress progress(c.out);
    const QDateTime started = QDateTime::currentDateTimeUtc();
    return finishRun(c, c.migrator->down(*target, &progress), started);
}

// The plan that `plan` and `dry-run` show: up (to V) or, with --down, a rollback.
Result<Plan> previewPlan(Context &c)
{
    if (takeFlag(c.options.args, QStringLiteral("--down"))) {
        auto target = downTarget(c.options.args, false, true);
        if (!target)
            return target.error();
        if (Status s = noExtraArgs(c.options.args, c.options.command); !s.ok())
            return s.error();
        return c.migrator->planDown(*target);
    }
    auto to = versionArg(c.options.args, QStringLiteral("--to"));
    if (!to)
        return to.error();
    if (Status s = noExtraArgs(c.options.args, c.options.command); !s.ok())
        return s.error();
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
        report = databaseReport(QStringLiteral("Dry run"), *c.session, *c.migrator,
                                c.options.migrations);
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

int cmdValidate(Context &c)
{
    if (Status s = noExtraArgs(c.options.args, c.options.command); !s.ok())
        return c.out.fail(s.error());
    auto problems = c.migrator->validate();
    if (!problems)
        return c.out.fail(problems.error());
    const QList<SourceProblem> &folderProblems = c.migrator->folder().problems;
    if (c.out.json())
        c.out.document(validateJson(*problems, folderProblems));
    const int checked = int(c.migrator->folder().versioned.size() + c.migrator->folder().repeatable.size());
    c.out.text(validateText(*problems, folderProblems, checked));
    Report report;
    if (c.report) {
        report = databaseReport(QStringLiteral("Validation"), *c.session, *c.migrator,
                                c.options.migrations);
        report.validation = ReportValidation{*problems, checked};
    }
    return finishWithReport(c.report, report, c.out,
                            problems->isEmpty() && folderProblems.isEmpty() ? Ok : Invalid);
}

// The live schema against the one recorded for the current version (exit 4 when they differ).
int cmdDrift(Context &c)
{
    const bool sql = c.options.args.removeAll(QStringLiteral("--sql")) > 0;
    if (Status s = noExtraArgs(c.options.args, c.options.command); !s.ok())
        return c.out.fail(s.error());
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
                                c.options.migrations);
        report.drift = ReportDrift{drift->version, drift->recorded.origin, live, drift->diff};
    }
    return finishWithReport(c.report, report, c.out, drift->drifted() ? Differs : Ok);
}

int cmdBaseline(Context &c)
{
    auto version = versionArg(c.options.args, QStringLiteral("--version"));
    if (!version)
        return c.out.fail(version.error());
    if (!*version)
        return c.out.fail(Error::usage(QStringLiteral("baseline needs --version V")));
    QString description = QStringLiteral("Baseline");
    bool present = false;
    if (!takeValue(c.options.args, QStringLiteral("--description"), description, &present))
        return c.out.fail(Error::usage(QStringLiteral("--description needs a text")));
    if (Status s = noExtraArgs(c.options.args, c.options.command); !s.ok())
        return c.out.fail(s.error());
    if (Status done = c.migrator->baseline(**version, description); !done.ok())
        return c.out.fail(done.error());
    if (c.out.json())
        c.out.document({{QStringLiteral("baseline"), (*version)->toString()}, {QStringLiteral("description"), description}});
    c.out.text(QStringLiteral("Baselined at version %1 (%2).\n").arg((*version)->toString(), description));
    return Ok;
}

int cmdRepair(Context &c)
{
    const bool yes = takeFlag(c.options.args, QStringLiteral("--yes"));
    if (Status s = noExtraArgs(c.options.args, c.options.command); !s.ok())
        return c.out.fail(s.error());
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
    return cmdReport(c.options.args, *c.session, *c.migrator, c.options.migrations, c.out);
}

Result<Options> parseOptions(const QStringList &arguments)
{
    Options o;
    QStringList rest = arguments;
    while (!rest.isEmpty()) {
        const QString arg = rest.takeFirst();
        auto value = [&](const QString &name) -> Result<QString> {
            if (arg.startsWith(name + u'='))
                return arg.mid(name.size() + 1);
            if (rest.isEmpty())
                return Error::usage(QStringLiteral("%1 needs a value").arg(name));
            return rest.takeFirst();
        };
        // Global options may come before or after the command.
        auto isOption = [&](const char *name) {
            return arg == QLatin1String(name) || arg.startsWith(QLatin1String(name) + u'=');
        };
        if (arg == QLatin1String("--json")) {
            o.json = true;
        } else if (isOption("--db") || isOption("--migrations")) {
            const bool db = isOption("--db");
            auto v = value(db ? QStringLiteral("--db") : QStringLiteral("--migrations"));
            if (!v)
                return v.error();
            (db ? o.db : o.migrations) = *v;
        } else if (isOption("--lock-timeout")) {
            auto v = value(QStringLiteral("--lock-timeout"));
            if (!v)
                return v.error();
            bool ok = false;
            const double seconds = v->toDouble(&ok);
            if (!ok || seconds < 0 || seconds > 24 * 3600)
                return Error::usage(QStringLiteral("--lock-timeout needs seconds (0 to 86400), not `%1`").arg(*v));
            o.lockTimeoutMs = int(seconds * 1000);
        } else if (!o.command.isEmpty()) {
            o.args << arg;
        } else if (arg.startsWith(QLatin1String("-")) && arg != QLatin1String("--help") && arg != QLatin1String("-h")
                   && arg != QLatin1String("--version")) {
            return Error::usage(QStringLiteral("unknown option `%1` (see --help)").arg(arg));
        } else {
            o.command = arg;
        }
    }
    return o;
}

} // namespace

int run(const QStringList &arguments)
{
    auto parsed = parseOptions(arguments);
    const bool json = parsed ? parsed->json : arguments.contains(QStringLiteral("--json"));
    Output out(json);
    if (!parsed)
        return out.fail(parsed.error());
    Options options = *parsed;
    if (options.command == QLatin1String("--help") || options.command == QLatin1String("-h")
        || options.command == QLatin1String("help")) {
        QTextStream(stdout) << usageText;
        return Ok;
    }
    if (options.command == QLatin1String("--version")) {
        QTextStream(stdout) << "strata-cli " << STRATA_VERSION << '\n';
        return Ok;
    }
    using Handler = int (*)(Context &);
    const QList<std::pair<QString, Handler>> commands = {
        {QStringLiteral("status"), cmdStatus},     {QStringLiteral("up"), cmdUp},
        {QStringLiteral("down"), cmdDown},         {QStringLiteral("plan"), cmdPlan},
        {QStringLiteral("validate"), cmdValidate}, {QStringLiteral("baseline"), cmdBaseline},
        {QStringLiteral("repair"), cmdRepair},     {QStringLiteral("dry-run"), cmdDryRun},
        {QStringLiteral("drift"), cmdDrift},
        {QStringLiteral("report"), cmdReportHere},
    };
    Handler handler = nullptr;
    for (const auto &[name, h] : commands) {
        if (name == options.command)
            handler = h;
    }
    if (options.command.isEmpty()) {
        QTextStream(stderr) << usageText;
        return Usage;
    }
    auto report = takeReportOption(options.args);
    if (!report)
        return out.fail(report.error());
    const QStringList reporting{QStringLiteral("dry-run"),  QStringLiteral("up"),
                                QStringLiteral("down"),     QStringLiteral("diff"),
                                QStringLiteral("transfer"), QStringLiteral("validate"),
                                QStringLiteral("drift")};
    if (*report && !reporting.contains(options.command))
        return out.fail(Error::usage(QStringLiteral(
            "--report works with dry-run, up, down, diff, transfer, validate and drift (see --help)")));
    if (options.command == QLatin1String("snapshot"))
        return cmdSnapshot(options.args, options.db, out);
    if (options.command == QLatin1String("diff"))
        return cmdDiff(options.args, out, *report);
    if (options.command == QLatin1String("transfer"))
        return cmdTransfer(options.args, out, *report);
    if (options.command == QLatin1String("detect"))
        return cmdDetect(options.args, options.db, out);
    if (options.command == QLatin1String("adopt"))
        return cmdAdopt(options.args, options.db, options.migrations, out);
    if (AlembicProject::looksLikeProject(options.migrations)
        && QStringList{"status", "plan", "dry-run", "up", "down"}.contains(options.command))
        return cmdAlembic(options.command, options.args, options.db, options.migrations, out);
    if (!handler)
        return out.fail(Error::usage(QStringLiteral("unknown command `%1` (see --help)").arg(options.command)));

    // Read and check the folder before touching the database: a bad folder applies nothing.
    auto folder = MigrationSource::read(options.migrations);
    if (!folder)
        return out.fail(folder.error());
    // status and validate list the files left out of the folder; every other command refuses an
    // incomplete folder, as a left-out file may be a version it would otherwise step over.
    const bool listsProblems = QStringList{"status", "validate"}.contains(options.command);
    if (!folder->problems.isEmpty() && !listsProblems)
        return out.fail(folder->problemsError());
    auto spec = ConnectionSpec::parse(options.db);
    if (!spec)
        return out.fail(spec.error());
    auto session = DatabaseSession::open(*spec);
    if (!session)
        return out.fail(session.error());

    std::signal(SIGINT, onInterrupt);
    Context context{options, out, std::move(session).value(), nullptr, *report};
    context.migrator = std::make_unique<Migrator>(*context.session, std::move(folder).value());
    context.migrator->setLockTimeout(options.lockTimeoutMs);
    if (QStringList{"up", "dry-run"}.contains(options.command)) {
        if (Status s = refuseUnadopted(*context.session, context.migrator->folder()); !s.ok())
            return out.fail(s.error());
    }
    return handler(context);
}

} // namespace strata::cli
