#include "TransferCommand.h"
#include "CliArgs.h"
#include "CliDatabaseUrl.h"
#include "CliOutput.h"

#include "connection/DatabaseSession.h"
#include "transfer/MigrationsTransfer.h"
#include "transfer/TransferPlanner.h"
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace strata::cli {

namespace {

std::atomic<bool> interrupted{false};

extern "C" void onTransferInterrupt(int)
{
    interrupted = true;
    std::signal(SIGINT, SIG_DFL); // a second Ctrl-C stops at once
}

QString rate(qint64 bytes, qint64 ms)
{
    return QStringLiteral("%1 MB/s").arg(ms > 0 ? bytes / 1e3 / ms : 0.0, 0, 'f', 1);
}

QString eta(qint64 done, qint64 total, qint64 ms)
{
    if (done <= 0 || total <= done)
        return QString();
    return QStringLiteral("ETA %1 s").arg(qint64(double(total - done) * ms / done / 1000.0 + 0.5));
}

QString bar(qint64 done, qint64 total, int width = 20)
{
    const int filled = total > 0 ? int(qBound<qint64>(0, done * width / total, qint64(width))) : 0;
    return u'[' + QString(filled, u'#') + QString(width - filled, u'-') + u']';
}

// Progress bars on stderr: one per table being loaded and one overall, redrawn in place on a
// terminal; elsewhere (logs, CI) one line per finished table.
class TransferBars final : public TransferProgress {
public:
    TransferBars() : m_err(stderr), m_tty(isatty(fileno(stderr))) {}
    ~TransferBars() override { clear(); }

    void tables(const QList<TableProgress> &tables, qint64 elapsedMs) override
    {
        QStringList lines;
        qint64 rows = 0, total = 0, bytes = 0;
        int done = 0;
        for (const TableProgress &t : tables) {
            rows += t.rows;
            total += qMax(t.totalRows, t.rows);
            bytes += t.bytes;
            const bool finished = t.phase == TableProgress::Done ||
                                  t.phase == TableProgress::Failed ||
                                  t.phase == TableProgress::Skipped;
            done += finished;
            if (finished && !m_reported.contains(t.table) && t.phase != TableProgress::Skipped) {
                m_reported.insert(t.table);
                if (!m_tty)
                    m_err << QStringLiteral("%1 %2: %3 rows in %4 s\n")
                                 .arg(t.phase == TableProgress::Done ? QStringLiteral("loaded")
                                                                     : QStringLiteral("failed"),
                                      t.table)
                                 .arg(t.rows)
                                 .arg(t.ms / 1000.0, 0, 'f', 1);
            }
            if (t.phase == TableProgress::Loading || t.phase == TableProgress::Verifying)
                lines << QStringLiteral("  %1 %2 %3/%4 rows  %5  %6")
                             .arg(t.table.left(24), -24)
                             .arg(bar(t.rows, t.totalRows))
                             .arg(t.rows)
                             .arg(t.totalRows)
                             .arg(t.phase == TableProgress::Verifying ? QStringLiteral("verifying")
                                                                      : rate(t.bytes, t.ms),
                                  eta(t.rows, t.totalRows, t.ms));
        }
        lines << QStringLiteral("  %1 %2 %3/%4 tables, %5/%6 rows  %7  %8")
                     .arg(QStringLiteral("overall"), -24)
                     .arg(bar(rows, total))
                     .arg(done)
                     .arg(tables.size())
                     .arg(rows)
                     .arg(total)
                     .arg(rate(bytes, elapsedMs), eta(rows, total, elapsedMs));
        draw(lines);
    }

    void report(int done, int total, const QString &label) override
    {
        if (label.startsWith(QLatin1String("loading")))
            return; // the bars say it
        if (m_tty)
            draw({QStringLiteral("  %1 %2").arg(bar(done, total), label)});
        else if (label != m_lastLabel && done == 0)
            m_err << label << '\n' << Qt::flush;
        m_lastLabel = label;
    }

    void note(const QString &text) override
    {
        clear();
        m_err << text << '\n' << Qt::flush;
    }

    bool cancelled() const override { return interrupted.load(); }

    void clear() { draw({}); }

private:
    void draw(const QStringList &lines)
    {
        if (!m_tty)
            return;
        QString s;
        if (m_drawn > 0)
            s += QStringLiteral("\x1b[%1A").arg(m_drawn);
        for (const QString &l : lines)
            s += QStringLiteral("\x1b[2K") + l + u'\n';
        for (int i = int(lines.size()); i < m_drawn; ++i)
            s += QStringLiteral("\x1b[2K\n");
        if (m_drawn > lines.size())
            s += QStringLiteral("\x1b[%1A").arg(m_drawn - lines.size());
        m_drawn = int(lines.size());
        m_err << s << Qt::flush;
    }

    QTextStream m_err;
    bool m_tty;
    int m_drawn = 0;
    QSet<QString> m_reported;
    QString m_lastLabel;
};

struct Parsed {
    ConnectionSpec sqlite, postgres;
    TransferOptions options;
    RunOptions run;
    bool planOnly = false;
};

Result<Parsed> parse(const CommandArgs &args)
{
    Parsed p;
    const QString jobs = args.value(QStringLiteral("--jobs"));
    const QString tables = args.value(QStringLiteral("--tables"));
    const QString badText = args.value(QStringLiteral("--bad-text"));
    const QString nocase = args.value(QStringLiteral("--nocase"));
    const QString schema = args.value(QStringLiteral("--schema"));
    p.options.mappingFile = args.value(QStringLiteral("--mapping"));
    p.options.migrations = args.value(QStringLiteral("--migrations"));
    if (args.has(QStringLiteral("--migrations")) && p.options.migrations.isEmpty())
        return Error::usage(QStringLiteral("--migrations needs a folder"));
    // Checked here, not in the command table: the table's conflicts also see a global
    // --migrations given before the command, which does not switch this mode on.
    if (!p.options.migrations.isEmpty()) {
        const std::pair<const char *, const char *> refused[] = {
            {"--resume", "--migrations commits everything at once: there is nothing to resume"},
            {"--drop-existing", "--migrations builds into an empty schema"},
            {"--mapping", "--migrations takes every type from the migrations"}};
        for (const auto &[option, why] : refused) {
            if (args.has(QLatin1String(option)))
                return Error::usage(
                    QStringLiteral("--migrations and %1 cannot be used together: %2")
                        .arg(QLatin1String(option), QLatin1String(why)));
        }
    }
    if (!p.options.migrations.isEmpty() && !QFileInfo(p.options.migrations).isDir())
        return Error::usage(
            QStringLiteral("there is no migrations folder at %1").arg(p.options.migrations));
    p.planOnly = args.has(QStringLiteral("--plan"));
    p.run.resume = args.has(QStringLiteral("--resume"));
    p.run.dropExisting = args.has(QStringLiteral("--drop-existing"));
    p.options.foldLowerCase = !args.has(QStringLiteral("--keep-case"));
    if (!jobs.isEmpty()) {
        bool ok = false;
        p.run.jobs = jobs.toInt(&ok);
        if (!ok || p.run.jobs < 1)
            return Error::usage(
                QStringLiteral("--jobs needs a positive number, not `%1`").arg(jobs));
    }
    if (!tables.isEmpty())
        p.options.tables = tables.split(u',', Qt::SkipEmptyParts);
    if (!badText.isEmpty()) {
        const QStringList names{QStringLiteral("fail"), QStringLiteral("replace"),
                                QStringLiteral("bytea")};
        if (!names.contains(badText))
            return Error::usage(
                QStringLiteral("--bad-text is fail, replace or bytea, not `%1`").arg(badText));
        p.options.badText = BadTextPolicy(names.indexOf(badText));
    }
    if (!nocase.isEmpty()) {
        if (nocase != QLatin1String("citext") && nocase != QLatin1String("icu"))
            return Error::usage(QStringLiteral("--nocase is citext or icu, not `%1`").arg(nocase));
        p.options.nocase = nocase;
    }
    if (!schema.isEmpty())
        p.options.targetSchema = schema;
    auto sqlite = databaseUrl(args.positionals().at(0), QStringLiteral("SQLITE_URL"));
    if (!sqlite)
        return sqlite.error();
    auto postgres = databaseUrl(args.positionals().at(1), QStringLiteral("POSTGRES_URL"));
    if (!postgres)
        return postgres.error();
    if (sqlite->engine != Engine::Sqlite || postgres->engine != Engine::Postgres)
        return Error::usage(QStringLiteral("transfer goes from an SQLite URL to a PostgreSQL URL "
                                           "(see strata-cli transfer --help)"));
    if (!QFileInfo(sqlite->path).isFile())
        return Error::usage(QStringLiteral("there is no SQLite file at %1").arg(sqlite->path));
    if (!p.options.mappingFile.isEmpty() && !QFileInfo(p.options.mappingFile).isFile())
        return Error::usage(
            QStringLiteral("there is no mapping file at %1").arg(p.options.mappingFile));
    p.sqlite = *sqlite;
    p.postgres = *postgres;
    return p;
}

} // namespace

int cmdTransfer(const CommandArgs &args, Output &out, const ReportOption &reportRequest)
{
    auto parsed = parse(args);
    if (!parsed)
        return out.fail(parsed.error());
    auto session = DatabaseSession::open(parsed->sqlite);
    if (!session)
        return out.fail(session.error());

    std::signal(SIGINT, onTransferInterrupt);
    TransferBars bars;
    QElapsedTimer clock;
    clock.start();
    Report report = Report::begin(QStringLiteral("Transfer"));
    report.setDatabase(parsed->postgres);
    report.addSecretsOf(parsed->sqlite);
    std::optional<TransferPlan> plan;
    TransferResult result;
    qint64 planMs = 0;
    if (parsed->planOnly && !parsed->options.migrations.isEmpty()) {
        // The migrations run on the target in a transaction rolled back; every value checked.
        auto built = MigrationsTransfer::plan(**session, parsed->postgres, parsed->options, &bars);
        bars.clear();
        if (!built)
            return out.fail(built.error());
        report.transfer = ReportTransfer{parsed->sqlite.displayUrl(), parsed->postgres.displayUrl(),
                                         *built, std::nullopt};
        out.document(transferPlanJson(*built));
        out.text(transferPlanText(*built));
        const bool fits = built->misfits.isEmpty() && built->unmatched.isEmpty();
        return finishWithReport(reportRequest, report, out, fits ? Ok : Invalid);
    }
    if (parsed->planOnly || parsed->run.resume) {
        // --plan shows, and --resume compares against, decisions from every row.
        auto full = TransferPlanner::plan(**session, parsed->options, &bars);
        bars.clear();
        if (!full)
            return out.fail(full.error());
        planMs = clock.elapsed();
        plan = std::move(full).value();
        report.transfer = ReportTransfer{parsed->sqlite.displayUrl(), parsed->postgres.displayUrl(),
                                         *plan, std::nullopt};
        if (parsed->planOnly) {
            out.document(transferPlanJson(*plan));
            out.text(transferPlanText(*plan));
            return finishWithReport(reportRequest, report, out, Ok);
        }
        result = Transfer::run(parsed->sqlite, parsed->postgres, *plan, parsed->run, &bars);
    } else {
        // Planned from a sample; every table is confirmed against all its rows as it loads.
        Transfer::Planned planned =
            Transfer::planAndRun(**session, parsed->postgres, parsed->options, parsed->run, &bars);
        if (!planned.plan) {
            bars.clear();
            return out.fail(*planned.result.error);
        }
        planMs = planned.planMs;
        plan = std::move(planned.plan);
        result = std::move(planned.result);
        report.transfer = ReportTransfer{parsed->sqlite.displayUrl(), parsed->postgres.displayUrl(),
                                         *plan, std::nullopt};
    }
    bars.clear();
    const qint64 loadMs = clock.elapsed() - planMs;
    for (const QString &w : plan->warnings + result.warnings)
        out.note(QStringLiteral("warning: ") + w);
    // What the target lacks: not translated (plan) or refused by PostgreSQL (result).
    for (const ManualWork &m : plan->manualWork + result.manualWork)
        out.note(QStringLiteral("manual work: %1 %2: %3\n%4")
                     .arg(m.kind, m.name, m.reason, m.originalSql));
    QJsonObject doc =
        transferResultJson(parsed->sqlite.displayUrl(), parsed->postgres.displayUrl(), result);
    doc.insert(QStringLiteral("planMs"), planMs);
    doc.insert(QStringLiteral("loadMs"), loadMs);
    out.document(doc);
    out.text(transferResultText(result));
    out.note(QStringLiteral("planned in %1 s, loaded and verified in %2 s")
                 .arg(planMs / 1000.0, 0, 'f', 2)
                 .arg(loadMs / 1000.0, 0, 'f', 2));
    if (result.error)
        out.note(QStringLiteral("error: ") + result.error->toString());
    report.transfer->result = result;
    return finishWithReport(reportRequest, report, out,
                            result.error ? exitCodeFor(*result.error) : Ok);
}

} // namespace strata::cli
