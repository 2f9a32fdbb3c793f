// Text and JSON for strata-cli transfer: the plan (--plan) and the summary of a run.

#include "CliOutput.h"
#include "TransferCommand.h"

#include <QJsonArray>

namespace strata::cli {

namespace {

QString badTextName(BadTextPolicy p)
{
    switch (p) {
    case BadTextPolicy::Replace:
        return QStringLiteral("replace");
    case BadTextPolicy::Bytea:
        return QStringLiteral("bytea");
    default:
        return QStringLiteral("fail");
    }
}

QString status(const TableResult &t)
{
    if (t.skipped)
        return QStringLiteral("verified earlier (skipped)");
    if (!t.error.isEmpty())
        return t.verified ? t.error : QStringLiteral("FAILED: ") + t.error;
    return t.verified ? QStringLiteral("verified") : QStringLiteral("not verified");
}

QJsonArray misfitsJson(const QList<ValueMisfit> &misfits)
{
    QJsonArray out;
    for (const ValueMisfit &m : misfits)
        out.append(QJsonObject{{QStringLiteral("table"), m.table},
                               {QStringLiteral("column"), m.column},
                               {QStringLiteral("targetType"), m.targetType},
                               {QStringLiteral("values"), m.values},
                               {QStringLiteral("first"), m.first}});
    return out;
}

// A plan whose target the migrations build: what ran, what maps where, what would not fit.
QString builtPlanText(const TransferPlan &plan)
{
    QString out = QStringLiteral("-- Target built by the migrations, up to version %1 (the SQLite "
                                 "database's), in one transaction:\n")
                      .arg(plan.builtVersion);
    for (const QString &script : plan.builtScripts)
        out += QStringLiteral("--   %1\n").arg(script);
    out += QStringLiteral("\n-- Tables and columns, matched by name\n");
    for (const TableDecision &t : plan.tables) {
        out +=
            QStringLiteral("-- %1 -> %2 (%3 rows)\n").arg(t.sourceName, t.targetName).arg(t.rows);
        for (const ColumnDecision &c : t.columns)
            out += QStringLiteral("--   %1 %2 -> %3 %4%5\n")
                       .arg(c.sourceName,
                            c.declaredType.isEmpty() ? QStringLiteral("(no type)") : c.declaredType,
                            c.targetName, c.targetType,
                            c.generated ? QStringLiteral(" [generated, not copied]") : QString());
    }
    if (!plan.unmatched.isEmpty()) {
        out += QStringLiteral("\n-- SQLite data with no place in the migrations' schema\n");
        for (const QString &u : plan.unmatched)
            out += QStringLiteral("-- error: %1\n").arg(u);
    }
    out += QStringLiteral("\n-- Values checked against their declared types: ");
    if (plan.misfits.isEmpty()) {
        out += QStringLiteral("every value fits\n");
    } else {
        out +=
            QStringLiteral("%1 column(s) hold values that do not fit\n").arg(plan.misfits.size());
        for (const ValueMisfit &m : plan.misfits)
            out += QStringLiteral("-- misfit: %1\n").arg(m.describe());
    }
    for (const QString &w : plan.warnings)
        out += QStringLiteral("-- warning: %1\n").arg(w);
    return out;
}

} // namespace

QString transferPlanText(const TransferPlan &plan)
{
    if (!plan.builtVersion.isEmpty())
        return builtPlanText(plan);
    QString out = QStringLiteral("-- Target DDL\n") + plan.ddlScript();
    out += QStringLiteral("\n-- Type decisions (bad text: %1)\n").arg(badTextName(plan.badText));
    for (const TableDecision &t : plan.tables) {
        out += QStringLiteral("-- %1 -> %2 (%3 rows)%4\n")
                   .arg(t.sourceName, t.targetName)
                   .arg(t.rows)
                   .arg(t.identityColumn.isEmpty() ? QString()
                                                   : QStringLiteral(", identity %1 continues at %2")
                                                         .arg(t.identityColumn)
                                                         .arg(t.sequenceStart));
        for (const ColumnDecision &c : t.columns) {
            QString line =
                QStringLiteral("--   %1 %2 -> %3 %4")
                    .arg(c.sourceName,
                         c.declaredType.isEmpty() ? QStringLiteral("(no type)") : c.declaredType,
                         c.targetName, c.targetType);
            if (c.transform != ValueTransform::None)
                line += QStringLiteral(" [%1]").arg(valueTransformName(c.transform));
            if (c.generated)
                line += QStringLiteral(" [generated, not copied]");
            if (c.overridden)
                line += QStringLiteral(" [mapping file]");
            const QString profile = c.profile.describe();
            line += QStringLiteral(": %1%2").arg(
                c.reason,
                profile.isEmpty() ? QString() : QStringLiteral(" (data: %1)").arg(profile));
            out += line + u'\n';
        }
    }
    if (!plan.manualWork.isEmpty()) {
        out += QStringLiteral("\n-- Manual work (not created; original SQL kept)\n");
        for (const ManualWork &m : plan.manualWork)
            out +=
                QStringLiteral("-- %1 %2: %3\n%4\n").arg(m.kind, m.name, m.reason, m.originalSql);
    }
    for (const QString &w : plan.warnings)
        out += QStringLiteral("-- warning: %1\n").arg(w);
    return out;
}

QJsonObject transferPlanJson(const TransferPlan &plan)
{
    QJsonArray tables;
    for (const TableDecision &t : plan.tables) {
        QJsonArray columns;
        for (const ColumnDecision &c : t.columns) {
            columns.append(
                QJsonObject{{QStringLiteral("source"), c.sourceName},
                            {QStringLiteral("target"), c.targetName},
                            {QStringLiteral("declaredType"), c.declaredType},
                            {QStringLiteral("targetType"), c.targetType},
                            {QStringLiteral("transform"), valueTransformName(c.transform)},
                            {QStringLiteral("reason"), c.reason},
                            {QStringLiteral("data"), c.profile.describe()},
                            {QStringLiteral("generated"), c.generated},
                            {QStringLiteral("overridden"), c.overridden}});
        }
        QJsonObject o{{QStringLiteral("source"), t.sourceName},
                      {QStringLiteral("target"), t.targetName},
                      {QStringLiteral("rows"), t.rows},
                      {QStringLiteral("columns"), columns}};
        if (!t.identityColumn.isEmpty()) {
            o.insert(QStringLiteral("identityColumn"), t.identityColumn);
            o.insert(QStringLiteral("sequenceStart"), t.sequenceStart);
        }
        tables.append(o);
    }
    QJsonArray manual;
    for (const ManualWork &m : plan.manualWork)
        manual.append(QJsonObject{{QStringLiteral("kind"), m.kind},
                                  {QStringLiteral("name"), m.name},
                                  {QStringLiteral("reason"), m.reason},
                                  {QStringLiteral("originalSql"), m.originalSql}});
    QJsonObject o{{QStringLiteral("ddl"), plan.ddlScript()},
                  {QStringLiteral("createTables"), QJsonArray::fromStringList(plan.createTables)},
                  {QStringLiteral("afterLoad"), QJsonArray::fromStringList(plan.afterLoad)},
                  {QStringLiteral("tables"), tables},
                  {QStringLiteral("manualWork"), manual},
                  {QStringLiteral("badText"), badTextName(plan.badText)},
                  {QStringLiteral("warnings"), QJsonArray::fromStringList(plan.warnings)}};
    if (!plan.builtVersion.isEmpty()) {
        o.insert(QStringLiteral("builtVersion"), plan.builtVersion);
        o.insert(QStringLiteral("builtScripts"), QJsonArray::fromStringList(plan.builtScripts));
        o.insert(QStringLiteral("unmatched"), QJsonArray::fromStringList(plan.unmatched));
        o.insert(QStringLiteral("misfits"), misfitsJson(plan.misfits));
    }
    return o;
}

QString transferResultText(const TransferResult &result)
{
    int width = 5;
    for (const TableResult &t : result.tables)
        width = qMax(width, int(t.table.size()));
    QString out = QStringLiteral("%1  %2  %3  %4  %5\n")
                      .arg(QStringLiteral("table"), -width)
                      .arg(QStringLiteral("rows"), 12)
                      .arg(QStringLiteral("time"), 9)
                      .arg(QStringLiteral("MB"), 8)
                      .arg(QStringLiteral("status"));
    qint64 rows = 0, ms = 0, bytes = 0;
    int verified = 0;
    for (const TableResult &t : result.tables) {
        out += QStringLiteral("%1  %2  %3  %4  %5\n")
                   .arg(t.table, -width)
                   .arg(t.rows, 12)
                   .arg(QStringLiteral("%1 s").arg(t.ms / 1000.0, 0, 'f', 2), 9)
                   .arg(t.bytes / 1e6, 8, 'f', 1)
                   .arg(status(t));
        rows += t.rows;
        ms = qMax(ms, t.ms);
        bytes += t.bytes;
        verified += t.verified;
    }
    out += QStringLiteral("%1 tables, %2 rows, %3 MB: %4 verified%5\n")
               .arg(result.tables.size())
               .arg(rows)
               .arg(bytes / 1e6, 0, 'f', 1)
               .arg(verified)
               .arg(result.ok()
                        ? QStringLiteral(", keys, indexes, foreign keys and sequences in place")
                        : QStringLiteral(", FAILED"));
    // History tables moved as their tools create them, not as data (docs/TRANSFER.md).
    for (const TableResult &h : result.histories)
        out += QStringLiteral("history %1: %2 row%3, created as its tool does on PostgreSQL, "
                              "%4\n")
                   .arg(h.table)
                   .arg(h.rows)
                   .arg(h.rows == 1 ? "" : "s")
                   .arg(h.verified ? QStringLiteral("row count verified")
                                   : QStringLiteral("row count differs"));
    if (!result.misfits.isEmpty()) {
        out += QStringLiteral("Values that do not fit the types the migrations declare (nothing "
                              "was committed):\n");
        for (const ValueMisfit &m : result.misfits)
            out += QStringLiteral("  %1\n").arg(m.describe());
    }
    if (result.moveRecorded)
        out += QStringLiteral("The move is recorded in the history, with the PostgreSQL schema as "
                              "the current version's.\n");
    return out;
}

QJsonObject transferResultJson(const QString &source, const QString &target,
                               const TransferResult &result)
{
    QJsonArray tables;
    for (const TableResult &t : result.tables) {
        tables.append(QJsonObject{
            {QStringLiteral("table"), t.table},
            {QStringLiteral("rows"), t.rows},
            {QStringLiteral("bytes"), t.bytes},
            {QStringLiteral("ms"), t.ms},
            {QStringLiteral("verified"), t.verified},
            {QStringLiteral("skipped"), t.skipped},
            {QStringLiteral("sourceChecksum"), t.sourceChecksum},
            {QStringLiteral("targetChecksum"), t.targetChecksum},
            {QStringLiteral("error"), t.error.isEmpty() ? QJsonValue() : QJsonValue(t.error)}});
    }
    QJsonArray manual;
    for (const ManualWork &m : result.manualWork)
        manual.append(QJsonObject{{QStringLiteral("kind"), m.kind},
                                  {QStringLiteral("name"), m.name},
                                  {QStringLiteral("reason"), m.reason},
                                  {QStringLiteral("originalSql"), m.originalSql}});
    QJsonArray histories;
    for (const TableResult &h : result.histories)
        histories.append(QJsonObject{{QStringLiteral("table"), h.table},
                                     {QStringLiteral("rows"), h.rows},
                                     {QStringLiteral("verified"), h.verified}});
    QJsonObject o{{QStringLiteral("source"), source},
                  {QStringLiteral("target"), target},
                  {QStringLiteral("ok"), result.ok()},
                  {QStringLiteral("tables"), tables},
                  {QStringLiteral("manualWork"), manual},
                  {QStringLiteral("warnings"), QJsonArray::fromStringList(result.warnings)},
                  {QStringLiteral("histories"), histories},
                  {QStringLiteral("moveRecorded"), result.moveRecorded},
                  {QStringLiteral("misfits"), misfitsJson(result.misfits)}};
    if (result.error)
        o.insert(QStringLiteral("error"), errorJson(*result.error));
    return o;
}

} // namespace strata::cli
