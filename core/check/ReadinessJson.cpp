#include "check/ReadinessJson.h"

#include <QJsonArray>

namespace strata {

namespace {

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

// The shapes of the report's $defs/error and $defs/change.
QJsonValue errorJson(const std::optional<Error> &e)
{
    if (!e)
        return QJsonValue();
    return QJsonObject{{QStringLiteral("message"), e->message},
                       {QStringLiteral("location"), orNull(e->location())},
                       {QStringLiteral("statement"), orNull(e->statement)},
                       {QStringLiteral("driver_message"), orNull(e->driverMessage)}};
}

QJsonArray changesJson(const QList<Change> &changes)
{
    QJsonArray out;
    for (const Change &c : changes)
        out.append(QJsonObject{{QStringLiteral("action"), changeActionName(c.action)},
                               {QStringLiteral("kind"), objectKindName(c.kind)},
                               {QStringLiteral("schema"), c.schema},
                               {QStringLiteral("table"), orNull(c.table)},
                               {QStringLiteral("name"), c.name},
                               {QStringLiteral("summary"), c.summary},
                               {QStringLiteral("risk"), riskName(c.risk)},
                               {QStringLiteral("reversible"), c.hasInverse},
                               {QStringLiteral("warnings"), QJsonArray::fromStringList(c.warnings)},
                               {QStringLiteral("forward"), QJsonArray::fromStringList(c.forward)},
                               {QStringLiteral("inverse"), QJsonArray::fromStringList(c.inverse)}});
    return out;
}

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
