#include "InteropCommands.h"
#include "CliArgs.h"
#include "CliDatabaseUrl.h"
#include "CliOutput.h"

#include "connection/DatabaseSession.h"
#include "interop/Adopt.h"
#include "interop/AlembicRunner.h"
#include "interop/ForeignStatus.h"
#include <QFileInfo>
#include <QJsonArray>

namespace strata::cli {

namespace {

QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

QJsonObject historyJson(const ForeignHistory &h)
{
    QJsonArray entries;
    for (const ForeignEntry &e : h.entries) {
        entries.append(QJsonObject{{"version", e.version},
                                   {"description", e.description},
                                   {"script", e.script},
                                   {"state", migrationStateName(e.state)},
                                   {"installed_on", timeText(e.installedOn)},
                                   {"installed_by", e.installedBy},
                                   {"note", e.note}});
    }
    return {{"tool", foreignToolName(h.tool)},
            {"table", h.table},
            {"current", h.current},
            {"entries", entries},
            {"problems", QJsonArray::fromStringList(h.problems)}};
}

QString column(const QString &s, int width)
{
    return s.leftJustified(width, u' ');
}

} // namespace

int cmdDetect(const CommandArgs &args, const QString &defaultUrl, Output &out)
{
    const QString registry = args.value(QStringLiteral("--sqitch-registry"));
    auto session = openDatabase(args.positionals().value(0, defaultUrl));
    if (!session)
        return out.fail(session.error());
    HistoryReadOptions options;
    options.sqitchRegistry = registry;
    auto found = HistoryReaders::detect(**session, options);
    if (!found)
        return out.fail(found.error());
    QJsonArray list;
    QString text = QStringLiteral("Database: %1\n").arg((*session)->spec().displayUrl());
    if (found->isEmpty())
        text += QStringLiteral("No other tool's migration history found.\n");
    else
        text += QStringLiteral("\n%1%2%3%4\n")
                    .arg(column("TOOL", 16), column("TABLE", 28), column("CURRENT", 20),
                         "APPLIED / FAILED");
    for (const ForeignHistory &h : *found) {
        list.append(historyJson(h));
        int failed = 0;
        for (const ForeignEntry &e : h.entries)
            failed += e.state == MigrationState::Failed ? 1 : 0;
        text += QStringLiteral("%1%2%3%4 / %5\n")
                    .arg(column(foreignToolName(h.tool), 16), column(h.table, 28),
                         column(h.current.isEmpty() ? QStringLiteral("none") : h.current, 20))
                    .arg(h.entries.size() - failed)
                    .arg(failed);
    }
    for (const ForeignHistory &h : *found) {
        for (const QString &p : h.problems)
            text += QStringLiteral("\n%1: %2\n").arg(foreignToolName(h.tool), p);
    }
    out.document({{"database", (*session)->spec().displayUrl()}, {"histories", list}});
    out.text(text);
    return Ok;
}

int cmdAdopt(const CommandArgs &args, const QString &url, const QString &migrations, Output &out)
{
    const QString from = args.value(QStringLiteral("--from"));
    const QString registry = args.value(QStringLiteral("--sqitch-registry"));
    const bool dryRun = args.has(QStringLiteral("--dry-run"));
    const auto tool = foreignToolFromName(from);
    if (!tool)
        return out.fail(Error::usage(QStringLiteral(
            "adopt needs --from flyway|liquibase|alembic|golang-migrate|dbmate|sqitch|atlas")));
    if (args.has(QStringLiteral("--sqitch-registry")) && *tool != ForeignTool::Sqitch)
        return out.fail(Error::usage(
            QStringLiteral("--sqitch-registry and --from %1 cannot be used together: the "
                           "registry is Sqitch's")
                .arg(from)));
    auto session = openDatabase(url);
    if (!session)
        return out.fail(session.error());
    AdoptOptions options;
    options.read.sqitchRegistry = registry;
    options.apply = !dryRun;
    std::optional<AlembicProject> project;
    if (*tool == ForeignTool::Alembic && AlembicProject::looksLikeProject(migrations)) {
        auto read = AlembicProject::read(migrations);
        if (!read)
            return out.fail(read.error());
        project = std::move(read).value();
        options.alembicProject = &*project;
        options.read.alembicVersionTable = project->versionTable;
    }
    auto adopted = Adopt::run(**session, *tool, options);
    if (!adopted)
        return out.fail(adopted.error());
    QJsonArray rows;
    QString text;
    for (const AppliedMigration &r : adopted->written) {
        rows.append(QJsonObject{{"version", r.version},
                                {"description", r.description},
                                {"type", r.type},
                                {"script", r.script},
                                {"installed_on", timeText(r.installedOn)}});
        text += QStringLiteral("  %1  %2  %3\n")
                    .arg(column(r.version.isEmpty() ? QStringLiteral("R") : r.version, 16),
                         column(r.description, 36), timeText(r.installedOn));
    }
    out.document({{"tool", foreignToolName(*tool)},
                  {"source", adopted->source},
                  {"applied", !dryRun},
                  {"current", adopted->current},
                  {"written", rows},
                  {"skipped", QJsonArray::fromStringList(adopted->skipped)}});
    const QString verb = dryRun ? QStringLiteral("Would record") : QStringLiteral("Recorded");
    out.text(QStringLiteral(
                 "%1 %2 %3 change(s) from %4 in strata_schema_history as baseline rows%5.\n%6")
                 .arg(verb)
                 .arg(adopted->written.size())
                 .arg(foreignToolName(*tool), adopted->source,
                      adopted->skipped.isEmpty()
                          ? QString()
                          : QStringLiteral(" (%1 already recorded)").arg(adopted->skipped.size()),
                      text));
    out.text(QStringLiteral("%1 current version: %2. Its table was left as it was.\n")
                 .arg(foreignToolName(*tool),
                      adopted->current.isEmpty() ? QStringLiteral("none") : adopted->current));
    return Ok;
}

void preferForeignStatus(DatabaseSession &session, const MigrationSet &folder, StatusReport &status,
                         Output &out, QJsonObject *json)
{
    auto foreign = ForeignStatus::read(session, folder);
    if (!foreign || !*foreign)
        return;
    const ForeignHistory &h = (*foreign)->history;
    status = (*foreign)->report;
    out.note(QStringLiteral("Strata has no history here yet; showing %1's (%2). Take it over with "
                            "`strata-cli adopt --from %1`.")
                 .arg(foreignToolName(h.tool), h.table));
    for (const QString &p : h.problems)
        out.note(QStringLiteral("%1: %2").arg(foreignToolName(h.tool), p));
    if (json)
        json->insert(QStringLiteral("history_source"), historyJson(h));
}

Status refuseUnadopted(DatabaseSession &session, const MigrationSet &folder)
{
    auto foreign = ForeignStatus::read(session, folder);
    if (!foreign)
        return foreign.error();
    if (!*foreign || (*foreign)->history.entries.isEmpty())
        return {};
    const ForeignHistory &h = (*foreign)->history;
    return Error{
        Error::Kind::Migration,
        QStringLiteral(
            "this database was migrated by %1 (%2, at %3) and Strata has no history here yet: "
            "running it would apply those versions again. Take it over first with "
            "`strata-cli adopt --from %1`.")
            .arg(foreignToolName(h.tool), h.table,
                 h.current.isEmpty() ? QStringLiteral("no version") : h.current),
        {},
        {},
        0,
        {}};
}

} // namespace strata::cli
