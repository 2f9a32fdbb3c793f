#include "check/ReadinessJson.h"
#include "report/ReportJsonShapes.h"

#include <QJsonArray>

namespace strata {

namespace {

using reportjson::changesJson;
using reportjson::errorJson;
using reportjson::orNull;

QJsonObject scriptJson(const ScriptCheck &s)
{
    return QJsonObject{{QStringLiteral("status"), readinessName(s.status)},
                       {QStringLiteral("script"), orNull(s.script)},
                       {QStringLiteral("error"), errorJson(s.error)},
                       {QStringLiteral("differences"), changesJson(s.differences)},
                       {QStringLiteral("note"), orNull(s.note)},
                       {QStringLiteral("sqlite_error"), errorJson(s.sqliteError)}};
}

} // namespace

QJsonObject readinessJson(const ReadinessResult &r)
{
    QJsonArray versions;
    for (const VersionCheck &v : r.versions)
        versions.append(QJsonObject{{QStringLiteral("version"), v.version},
                                    {QStringLiteral("description"), v.description},
                                    {QStringLiteral("ready"), v.ready()},
                                    {QStringLiteral("up"), scriptJson(v.up)},
                                    {QStringLiteral("undo"), scriptJson(v.undo)}});
    QJsonObject summary;
    for (Readiness s : {Readiness::Ready, Readiness::Variant, Readiness::Differs, Readiness::Fails,
                        Readiness::NotChecked}) {
        summary.insert(readinessName(s), r.count(s));
    }
    QJsonObject undoSummary;
    for (Readiness s : {Readiness::Ready, Readiness::Variant, Readiness::Differs, Readiness::Fails,
                        Readiness::NotChecked, Readiness::NoUndo}) {
        undoSummary.insert(readinessName(s), r.count(s, true));
    }
    return QJsonObject{{QStringLiteral("engine"), QStringLiteral("postgresql")},
                       {QStringLiteral("server"), r.server},
                       {QStringLiteral("server_version"), orNull(r.serverVersion)},
                       {QStringLiteral("scratch"), r.scratch},
                       {QStringLiteral("scratch_dropped"), r.scratchDropped},
                       {QStringLiteral("ready"), r.ready()},
                       {QStringLiteral("up"), summary},
                       {QStringLiteral("undo"), undoSummary},
                       {QStringLiteral("versions"), versions},
                       {QStringLiteral("notes"), QJsonArray::fromStringList(r.notes)},
                       {QStringLiteral("error"), errorJson(r.error)}};
}

} // namespace strata
