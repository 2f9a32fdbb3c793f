#include "CheckCommand.h"
#include "CliDatabaseUrl.h"

#include "check/ReadinessJson.h"
#include "check/ReadinessText.h"
#include "migration/MigrationSource.h"

#include <atomic>
#include <csignal>

namespace strata::cli {

namespace {

std::atomic<bool> interrupted{false};

extern "C" void onCheckInterrupt(int)
{
    interrupted = true;
    std::signal(SIGINT, SIG_DFL); // a second Ctrl-C stops at once (and leaves the scratch)
}

class CheckProgress final : public Progress {
public:
    explicit CheckProgress(Output &out) : m_out(out) {}
    void report(int done, int total, const QString &label) override
    {
        if (done < total)
            m_out.note(QStringLiteral("[%1/%2] %3").arg(done + 1).arg(total).arg(label));
    }
    void note(const QString &text) override { m_out.note(text); }
    bool cancelled() const override { return interrupted.load(); }

private:
    Output &m_out;
};

QString checkText(const ReadinessResult &r, const QString &migrationsDir, const QString &format)
{
    QString text = QStringLiteral("Checked %1 (%2) on %3 (%4)\nin a scratch %5, %6.\n\n")
                       .arg(migrationsDir, format, r.server, r.serverVersion, r.scratch,
                            r.scratchDropped ? QStringLiteral("dropped afterwards")
                                             : QStringLiteral("which could NOT be dropped"));
    int width = 7;
    for (const VersionCheck &v : r.versions)
        width = std::max(width, int(v.version.size()) + 2);
    text += QStringLiteral("%1%2%3%4\n")
                .arg(QStringLiteral("Version").leftJustified(width + 1),
                     QStringLiteral("Up").leftJustified(36),
                     QStringLiteral("Undo").leftJustified(36), QStringLiteral("Description"));
    for (const VersionCheck &v : r.versions) {
        text += QStringLiteral("%1%2%3%4\n")
                    .arg(v.version.leftJustified(width + 1),
                         readinessLabel(v.up.status).leftJustified(36),
                         readinessLabel(v.undo.status).leftJustified(36), v.description);
        for (const auto &[what, check] :
             {std::pair<QString, const ScriptCheck *>{QStringLiteral("up  "), &v.up},
              std::pair<QString, const ScriptCheck *>{QStringLiteral("undo"), &v.undo}}) {
            if (check->status == Readiness::NoUndo)
                continue;
            for (const QString &line : readinessDetails(*check))
                text += QStringLiteral("%1%2  %3\n").arg(QString(width + 1, u' '), what, line);
        }
    }
    text += u'\n' + readinessSummary(r) + u'\n';
    for (const QString &n : r.notes)
        text += QStringLiteral("note: ") + n + u'\n';
    if (!r.error)
        text += r.ready() ? QStringLiteral("Ready for PostgreSQL.\n")
                          : QStringLiteral("Not ready for PostgreSQL.\n");
    return text;
}

} // namespace

int cmdCheck(const CommandArgs &args, const QString &migrationsDir, Output &out,
             const ReportOption &reportOption)
{
    const QString engine = args.value(QStringLiteral("--engine"), QStringLiteral("postgresql"));
    if (engine != QLatin1String("postgresql") && engine != QLatin1String("postgres"))
        return out.fail(Error::usage(
            QStringLiteral("--engine %1: the check replays the folder on PostgreSQL only "
                           "(--engine postgresql)")
                .arg(engine)));
    auto server = databaseUrl(args.value(QStringLiteral("--against")), QStringLiteral("--against"));
    if (!server)
        return out.fail(server.error());
    if (server->engine != Engine::Postgres)
        return out.fail(Error::usage(
            QStringLiteral("--against needs a PostgreSQL server URL (postgresql://…), not %1")
                .arg(server->displayUrl())));
    auto folder = MigrationSource::read(migrationsDir);
    if (!folder)
        return out.fail(folder.error());
    if (!folder->problems.isEmpty())
        return out.fail(folder->problemsError());
    if (folder->versioned.isEmpty())
        return out.fail(Error::source(
            migrationsDir,
            QStringLiteral("%1 holds no versioned migrations to check").arg(migrationsDir)));

    interrupted = false;
    std::signal(SIGINT, onCheckInterrupt);
    CheckProgress progress(out);
    auto result = ReadinessCheck::run(*folder, *server, &progress);
    if (!result)
        return out.fail(result.error());

    const QString format = folderFormatName(folder->format);
    if (out.json())
        out.document(readinessJson(*result));
    out.text(checkText(*result, migrationsDir, format));
    if (result->error)
        out.note(QStringLiteral("error: the check stopped early: ") + result->error->toString());

    int code = result->error ? exitCodeFor(*result->error) : result->ready() ? Ok : Invalid;
    Report report;
    if (reportOption) {
        report = Report::begin(QStringLiteral("PostgreSQL readiness"));
        report.migrationsDir = migrationsDir;
        report.folderFormat = format;
        report.setDatabase(*server, result->serverVersion);
        report.readiness = *result;
    }
    return finishWithReport(reportOption, report, out, code);
}

} // namespace strata::cli
