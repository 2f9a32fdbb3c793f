// The JSON report: a stable document for tools (docs/report.schema.json describes it). Every
// section key is always present; a section the report does not cover is null. Keys are
// snake_case; absent scalars are null, never missing.

#include "report/ReportJsonShapes.h"
#include "report/ReportWriters.h"

#include "check/ReadinessJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace strata {

namespace reportjson {

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

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
    for (const Change &c : changes) {
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
    }
    return out;
}

} // namespace reportjson

namespace {

using reportjson::errorJson;
using reportjson::orNull;

constexpr int formatVersion = 1;

QJsonValue time(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QString direction(Direction d)
{
    return d == Direction::Up ? QStringLiteral("up") : QStringLiteral("down");
}

QJsonArray changesJson(const SchemaDiffResult &diff)
{
    return reportjson::changesJson(diff.changes);
}

QJsonValue timelineJson(const std::optional<StatusReport> &status)
{
    if (!status)
        return QJsonValue();
    QJsonArray entries;
    for (const VersionState &e : status->entries) {
        const bool applied = e.applied.has_value();
        QJsonArray audit;
        for (const AuditEntry &a : e.audit)
            audit.append(QJsonObject{{QStringLiteral("at"), time(a.at)},
                                     {QStringLiteral("actor"), a.actor},
                                     {QStringLiteral("action"), a.action},
                                     {QStringLiteral("outcome"), a.outcome},
                                     {QStringLiteral("detail"), orNull(a.detail)},
                                     {QStringLiteral("execution_ms"), qint64(a.executionMs)}});
        QJsonObject entry{
            {QStringLiteral("version"), orNull(e.versionText)},
            {QStringLiteral("description"), e.description},
            {QStringLiteral("type"), e.type},
            {QStringLiteral("state"), migrationStateName(e.state)},
            {QStringLiteral("checksum"), orNull(e.checksum())},
            {QStringLiteral("script"), e.migration
                                           ? QJsonValue(e.migration->up.path)
                                           : (applied ? orNull(e.applied->script) : QJsonValue())},
            {QStringLiteral("installed_on"), applied ? time(e.applied->installedOn) : QJsonValue()},
            {QStringLiteral("installed_by"),
             applied ? orNull(e.applied->installedBy) : QJsonValue()},
            {QStringLiteral("execution_ms"),
             applied ? QJsonValue(qint64(e.applied->executionMs)) : QJsonValue()}};
        if (!audit.isEmpty())
            entry.insert(QStringLiteral("audit"), audit);
        entries.append(entry);
    }
    return QJsonObject{{QStringLiteral("current"),
                        status->current ? QJsonValue(status->current->toString()) : QJsonValue()},
                       {QStringLiteral("baseline"),
                        status->baseline ? QJsonValue(status->baseline->toString()) : QJsonValue()},
                       {QStringLiteral("entries"), entries}};
}

QJsonValue validationJson(const std::optional<ReportValidation> &v)
{
    if (!v)
        return QJsonValue();
    QJsonArray problems;
    for (const ValidationProblem &p : v->problems)
        problems.append(QJsonObject{{QStringLiteral("version"), p.version},
                                    {QStringLiteral("state"), migrationStateName(p.state)},
                                    {QStringLiteral("message"), p.message}});
    return QJsonObject{{QStringLiteral("checked"), v->checked},
                       {QStringLiteral("valid"), v->problems.isEmpty()},
                       {QStringLiteral("problems"), problems}};
}

QJsonValue dryRunJson(const std::optional<TrialResult> &trial, const QString &title)
{
    if (!trial)
        return QJsonValue();
    QJsonArray steps;
    for (const StepTrial &step : trial->steps) {
        QJsonArray statements;
        for (const StatementTrial &s : step.statements) {
            statements.append(QJsonObject{
                {QStringLiteral("file"), s.file},
                {QStringLiteral("line"), s.line},
                {QStringLiteral("sql"), s.sql},
                {QStringLiteral("executed"), s.executed},
                {QStringLiteral("ms"), s.executed ? QJsonValue(qint64(s.ms)) : QJsonValue()},
                {QStringLiteral("rows"), s.rows >= 0 ? QJsonValue(s.rows) : QJsonValue()},
                {QStringLiteral("error"), orNull(s.error)}});
        }
        steps.append(
            QJsonObject{{QStringLiteral("version"), orNull(step.version)},
                        {QStringLiteral("description"), step.description},
                        {QStringLiteral("script"), step.script},
                        {QStringLiteral("executed"), step.executed},
                        {QStringLiteral("generated"), step.generated},
                        {QStringLiteral("note"), orNull(step.note)},
                        {QStringLiteral("warnings"), QJsonArray::fromStringList(step.warnings)},
                        {QStringLiteral("statements"), statements}});
    }
    return QJsonObject{{QStringLiteral("title"), orNull(title)},
                       {QStringLiteral("direction"), direction(trial->direction)},
                       {QStringLiteral("ok"), trial->ok()},
                       {QStringLiteral("rolled_back"), trial->rolledBack},
                       {QStringLiteral("error"), errorJson(trial->error)},
                       {QStringLiteral("warnings"), QJsonArray::fromStringList(trial->warnings)},
                       {QStringLiteral("steps"), steps},
                       {QStringLiteral("schema_changes"), changesJson(trial->schemaChanges)}};
}

QJsonValue runJson(const std::optional<ReportRun> &run)
{
    if (!run)
        return QJsonValue();
    QJsonArray steps;
    for (const StepResult &s : run->run.steps)
        steps.append(QJsonObject{{QStringLiteral("version"), orNull(s.version)},
                                 {QStringLiteral("description"), s.description},
                                 {QStringLiteral("script"), s.script},
                                 {QStringLiteral("execution_ms"), qint64(s.executionMs)},
                                 {QStringLiteral("skipped"), s.skipped}});
    return QJsonObject{{QStringLiteral("direction"), direction(run->run.direction)},
                       {QStringLiteral("started_at"), time(run->startedAt)},
                       {QStringLiteral("finished_at"), time(run->finishedAt)},
                       {QStringLiteral("by"), orNull(run->by)},
                       {QStringLiteral("ok"), run->run.ok()},
                       {QStringLiteral("error"), errorJson(run->run.error)},
                       {QStringLiteral("warnings"), QJsonArray::fromStringList(run->run.warnings)},
                       {QStringLiteral("steps"), steps}};
}

QJsonValue diffJson(const std::optional<ReportDiff> &d)
{
    if (!d)
        return QJsonValue();
    return QJsonObject{{QStringLiteral("from"), d->from},
                       {QStringLiteral("to"), d->to},
                       {QStringLiteral("fully_reversible"), d->diff.fullyReversible()},
                       {QStringLiteral("warnings"), QJsonArray::fromStringList(d->diff.warnings)},
                       {QStringLiteral("changes"), changesJson(d->diff)},
                       {QStringLiteral("forward_sql"), d->diff.forwardSql()},
                       {QStringLiteral("inverse_sql"), d->diff.inverseSql()}};
}

QJsonValue driftJson(const std::optional<ReportDrift> &d)
{
    if (!d)
        return QJsonValue();
    return QJsonObject{{QStringLiteral("version"), d->version},
                       {QStringLiteral("recorded"), d->recordedOrigin},
                       {QStringLiteral("live"), d->live},
                       {QStringLiteral("drifted"), !d->diff.isEmpty()},
                       {QStringLiteral("warnings"), QJsonArray::fromStringList(d->diff.warnings)},
                       {QStringLiteral("changes"), changesJson(d->diff)},
                       {QStringLiteral("forward_sql"), d->diff.forwardSql()},
                       {QStringLiteral("inverse_sql"), d->diff.inverseSql()}};
}

QJsonValue planJson(const std::optional<TransferPlan> &plan)
{
    if (!plan)
        return QJsonValue();
    QJsonArray tables, manual;
    for (const TableDecision &t : plan->tables) {
        QJsonArray columns;
        for (const ColumnDecision &c : t.columns)
            columns.append(
                QJsonObject{{QStringLiteral("source"), c.sourceName},
                            {QStringLiteral("target"), c.targetName},
                            {QStringLiteral("declared_type"), c.declaredType},
                            {QStringLiteral("data"), c.profile.describe()},
                            {QStringLiteral("target_type"), c.targetType},
                            {QStringLiteral("transform"), valueTransformName(c.transform)},
                            {QStringLiteral("reason"), c.reason},
                            {QStringLiteral("generated"), c.generated},
                            {QStringLiteral("overridden"), c.overridden}});
        tables.append(QJsonObject{{QStringLiteral("source"), t.sourceName},
                                  {QStringLiteral("target"), t.targetName},
                                  {QStringLiteral("rows"), qint64(t.rows)},
                                  {QStringLiteral("identity_column"), orNull(t.identityColumn)},
                                  {QStringLiteral("columns"), columns}});
    }
    for (const ManualWork &m : plan->manualWork)
        manual.append(QJsonObject{{QStringLiteral("kind"), m.kind},
                                  {QStringLiteral("name"), m.name},
                                  {QStringLiteral("reason"), m.reason},
                                  {QStringLiteral("original_sql"), m.originalSql}});
    return QJsonObject{{QStringLiteral("tables"), tables},
                       {QStringLiteral("manual_work"), manual},
                       {QStringLiteral("warnings"), QJsonArray::fromStringList(plan->warnings)}};
}

QJsonValue transferResultJson(const std::optional<TransferResult> &result)
{
    if (!result)
        return QJsonValue();
    QJsonArray tables;
    for (const TableResult &t : result->tables)
        tables.append(QJsonObject{{QStringLiteral("table"), t.table},
                                  {QStringLiteral("rows"), qint64(t.rows)},
                                  {QStringLiteral("bytes"), qint64(t.bytes)},
                                  {QStringLiteral("ms"), qint64(t.ms)},
                                  {QStringLiteral("verified"), t.verified},
                                  {QStringLiteral("skipped"), t.skipped},
                                  {QStringLiteral("source_checksum"), orNull(t.sourceChecksum)},
                                  {QStringLiteral("target_checksum"), orNull(t.targetChecksum)},
                                  {QStringLiteral("error"), orNull(t.error)}});
    return QJsonObject{{QStringLiteral("ok"), result->ok()},
                       {QStringLiteral("error"), errorJson(result->error)},
                       {QStringLiteral("warnings"), QJsonArray::fromStringList(result->warnings)},
                       {QStringLiteral("tables"), tables}};
}

} // namespace

QByteArray reportJson(const Report &original)
{
    const Report r = original.redacted();
    QJsonValue database;
    if (r.database)
        database =
            QJsonObject{{QStringLiteral("url"), r.database->url},
                        {QStringLiteral("engine"), r.database->engine},
                        {QStringLiteral("server_version"), orNull(r.database->serverVersion)}};
    QJsonValue transfer;
    if (r.transfer)
        transfer = QJsonObject{{QStringLiteral("source"), r.transfer->source},
                               {QStringLiteral("target"), r.transfer->target},
                               {QStringLiteral("plan"), planJson(r.transfer->plan)},
                               {QStringLiteral("result"), transferResultJson(r.transfer->result)}};
    const QJsonObject doc{{QStringLiteral("format"), QStringLiteral("strata-report")},
                          {QStringLiteral("format_version"), formatVersion},
                          {QStringLiteral("title"), r.title},
                          {QStringLiteral("generated_at"), time(r.generatedAt)},
                          {QStringLiteral("generated_by"), r.generatedBy},
                          {QStringLiteral("strata_version"), r.toolVersion},
                          {QStringLiteral("kinds"), QJsonArray::fromStringList(r.kinds())},
                          {QStringLiteral("workspace"),
                           QJsonObject{{QStringLiteral("migrations"), orNull(r.migrationsDir)},
                                       {QStringLiteral("folder_format"), orNull(r.folderFormat)}}},
                          {QStringLiteral("database"), database},
                          {QStringLiteral("timeline"), timelineJson(r.timeline)},
                          {QStringLiteral("validation"), validationJson(r.validation)},
                          {QStringLiteral("drift"), driftJson(r.drift)},
                          {QStringLiteral("dry_run"), dryRunJson(r.dryRun, r.dryRunTitle)},
                          {QStringLiteral("run"), runJson(r.run)},
                          {QStringLiteral("diff"), diffJson(r.diff)},
                          {QStringLiteral("transfer"), transfer},
                          {QStringLiteral("readiness"),
                           r.readiness ? QJsonValue(readinessJson(*r.readiness)) : QJsonValue()}};
    return QJsonDocument(doc).toJson(QJsonDocument::Indented);
}

} // namespace strata
