// The report's diff, drift and transfer sections, and the shared wordings (ReportText.h).

#include "report/ReportDocument.h"
#include "report/ReportText.h"

#include <QMap>

namespace strata {

namespace reporttext {

QString count(qsizetype n, const QString &singular)
{
    return QStringLiteral("%1 %2%3").arg(n).arg(singular, n == 1 ? QString() : QStringLiteral("s"));
}

QString ms(qint64 ms)
{
    if (ms < 10000)
        return QStringLiteral("%1 ms").arg(ms);
    return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 2);
}

QString dateTime(const QDateTime &t)
{
    if (!t.isValid())
        return QString();
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC");
}

QString firstLine(const QString &sql, int max)
{
    const QString line = sql.trimmed().section(u'\n', 0, 0).simplified();
    const bool more = line.size() > max || sql.trimmed().contains(u'\n');
    return line.size() > max ? line.left(max - 1) + QChar(0x2026)
                             : line + (more ? QStringLiteral(" \u2026") : QString());
}

QString stateLabel(MigrationState state)
{
    switch (state) {
    case MigrationState::Applied:
        return QStringLiteral("applied");
    case MigrationState::Pending:
        return QStringLiteral("pending");
    case MigrationState::Failed:
        return QStringLiteral("failed");
    case MigrationState::ChecksumMismatch:
        return QStringLiteral("checksum changed");
    case MigrationState::MissingFile:
        return QStringLiteral("file missing");
    case MigrationState::Baseline:
        return QStringLiteral("baseline");
    }
    return {};
}

QString kindLabel(const QString &kind)
{
    static const QMap<QString, QString> labels{
        {QStringLiteral("timeline"), QStringLiteral("Timeline")},
        {QStringLiteral("validation"), QStringLiteral("Validation")},
        {QStringLiteral("drift"), QStringLiteral("Drift check")},
        {QStringLiteral("dry_run"), QStringLiteral("Dry run")},
        {QStringLiteral("run"), QStringLiteral("Apply or rollback")},
        {QStringLiteral("diff"), QStringLiteral("Schema diff")},
        {QStringLiteral("transfer"), QStringLiteral("Transfer")},
        {QStringLiteral("readiness"), QStringLiteral("PostgreSQL readiness")}};
    return labels.value(kind, kind);
}

ReportBlock changeTable(const SchemaDiffResult &diff)
{
    ReportBlock t = reportblock::table(QStringLiteral("Changes"),
                                       {QStringLiteral("#"), QStringLiteral("Action"),
                                        QStringLiteral("Object"), QStringLiteral("Change"),
                                        QStringLiteral("Risk"), QStringLiteral("Reversible")});
    int n = 0;
    for (const Change &c : diff.changes) {
        QString summary = c.summary;
        for (const QString &w : c.warnings)
            summary += QStringLiteral("\nwarning: ") + w;
        t.rows << QStringList{
            QString::number(++n),   changeActionName(c.action),
            objectKindName(c.kind), summary,
            riskName(c.risk),       c.hasInverse ? QStringLiteral("yes") : QStringLiteral("no")};
        t.rowTones << (c.risk == Risk::Destructive ? ReportTone::Danger
                       : c.risk == Risk::Blocking  ? ReportTone::Warning
                                                   : ReportTone::Plain);
    }
    return t;
}

} // namespace reporttext

using namespace reportblock;
using reporttext::count;

ReportSection diffSection(const ReportDiff &report)
{
    const SchemaDiffResult &diff = report.diff;
    ReportSection s{QStringLiteral("diff"), QStringLiteral("Schema diff"), {}};
    QMap<QString, int> byAction, byRisk;
    for (const Change &c : diff.changes) {
        ++byAction[changeActionName(c.action)];
        ++byRisk[riskName(c.risk)];
    }
    auto counts = [](const QMap<QString, int> &m) {
        QStringList parts;
        for (auto it = m.begin(); it != m.end(); ++it)
            parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
        return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "));
    };
    s.blocks << facts({{QStringLiteral("From"), report.from},
                       {QStringLiteral("To"), report.to},
                       {QStringLiteral("Changes"), QString::number(diff.changes.size())},
                       {QStringLiteral("By action"), counts(byAction)},
                       {QStringLiteral("By risk"), counts(byRisk)},
                       {QStringLiteral("Fully reversible"),
                        diff.fullyReversible() ? QStringLiteral("yes") : QStringLiteral("no")}});
    if (diff.isEmpty()) {
        s.blocks << note(ReportTone::Good, QStringLiteral("The schemas are the same."));
        return s;
    }
    if (byRisk.value(QStringLiteral("destructive")) > 0)
        s.blocks << note(
            ReportTone::Danger,
            QStringLiteral("%1 destroy data: the inverse recreates the objects "
                           "empty.")
                .arg(count(byRisk.value(QStringLiteral("destructive")), QStringLiteral("change"))));
    if (!diff.warnings.isEmpty())
        s.blocks << list(QStringLiteral("Warnings"), diff.warnings);
    s.blocks << reporttext::changeTable(diff);
    s.blocks << sql(QStringLiteral("Forward SQL"), diff.forwardSql());
    s.blocks << sql(QStringLiteral("Inverse SQL"), diff.inverseSql());
    return s;
}

ReportSection driftSection(const ReportDrift &drift)
{
    ReportSection s{QStringLiteral("drift"), QStringLiteral("Drift check"), {}};
    const bool drifted = !drift.diff.isEmpty();
    s.blocks << facts({{QStringLiteral("Current version"), drift.version},
                       {QStringLiteral("Recorded schema"), drift.recordedOrigin},
                       {QStringLiteral("Live database"), drift.live},
                       {QStringLiteral("Changes"), QString::number(drift.diff.changes.size())},
                       {QStringLiteral("Result"),
                        drifted ? QStringLiteral("DRIFTED") : QStringLiteral("no drift")}});
    if (!drifted) {
        s.blocks << note(ReportTone::Good,
                         QStringLiteral("No drift: the live schema matches the schema recorded "
                                        "for version %1.")
                             .arg(drift.version));
        return s;
    }
    s.blocks << note(
        ReportTone::Warning,
        QStringLiteral("Drift: %1 since version %2 was recorded. Someone changed "
                       "the database outside the migrations.")
            .arg(count(drift.diff.changes.size(), QStringLiteral("change")), drift.version));
    if (!drift.diff.warnings.isEmpty())
        s.blocks << list(QStringLiteral("Warnings"), drift.diff.warnings);
    s.blocks << reporttext::changeTable(drift.diff);
    s.blocks << sql(QStringLiteral("SQL that turns the recorded schema into the live one"),
                    drift.diff.forwardSql());
    s.blocks << sql(QStringLiteral("SQL that undoes the drift"), drift.diff.inverseSql());
    return s;
}

ReportSection transferSection(const ReportTransfer &transfer)
{
    ReportSection s{QStringLiteral("transfer"), QStringLiteral("Transfer"), {}};
    QList<QPair<QString, QString>> f{{QStringLiteral("Source"), transfer.source},
                                     {QStringLiteral("Target"), transfer.target}};
    if (transfer.plan) {
        qint64 rows = 0;
        for (const TableDecision &t : transfer.plan->tables)
            rows += t.rows;
        f << qMakePair(QStringLiteral("Tables planned"),
                       QString::number(transfer.plan->tables.size()))
          << qMakePair(QStringLiteral("Rows in the source"), QString::number(rows))
          << qMakePair(QStringLiteral("Manual work"),
                       QString::number(transfer.plan->manualWork.size()));
    }
    if (transfer.result) {
        qint64 rows = 0;
        int verified = 0;
        for (const TableResult &t : transfer.result->tables) {
            rows += t.rows;
            verified += t.verified ? 1 : 0;
        }
        f << qMakePair(QStringLiteral("Rows loaded"), QString::number(rows))
          << qMakePair(QStringLiteral("Tables verified"),
                       QStringLiteral("%1 of %2").arg(verified).arg(transfer.result->tables.size()))
          << qMakePair(QStringLiteral("Result"), transfer.result->error
                                                     ? QStringLiteral("FAILED")
                                                     : QStringLiteral("succeeded"));
    } else {
        f << qMakePair(QStringLiteral("Result"), QStringLiteral("plan only: nothing was loaded"));
    }
    s.blocks << facts(f);
    if (transfer.result && transfer.result->error)
        s.blocks << note(ReportTone::Danger, transfer.result->error->toString());
    QStringList warnings;
    if (transfer.plan)
        warnings << transfer.plan->warnings;
    if (transfer.result)
        warnings << transfer.result->warnings;
    if (!warnings.isEmpty())
        s.blocks << list(QStringLiteral("Warnings"), warnings);

    if (transfer.result && !transfer.result->tables.isEmpty()) {
        ReportBlock t =
            table(QStringLiteral("Tables loaded"),
                  {QStringLiteral("Table"), QStringLiteral("Rows"), QStringLiteral("Bytes"),
                   QStringLiteral("Time"), QStringLiteral("Verified"), QStringLiteral("Checksum"),
                   QStringLiteral("Error")});
        for (const TableResult &r : transfer.result->tables) {
            const QString verified = r.skipped    ? QStringLiteral("yes (earlier run)")
                                     : r.verified ? QStringLiteral("yes")
                                                  : QStringLiteral("NO");
            t.rows << QStringList{r.table,
                                  QString::number(r.rows),
                                  QString::number(r.bytes),
                                  reporttext::ms(r.ms),
                                  verified,
                                  r.targetChecksum.left(16),
                                  r.error};
            t.rowTones << (!r.error.isEmpty()          ? ReportTone::Danger
                           : (r.verified || r.skipped) ? ReportTone::Good
                                                       : ReportTone::Warning);
        }
        s.blocks << t;
    }
    if (transfer.plan) {
        ReportBlock t = table(QStringLiteral("Type decisions"),
                              {QStringLiteral("Table"), QStringLiteral("Column"),
                               QStringLiteral("SQLite type"), QStringLiteral("Data"),
                               QStringLiteral("PostgreSQL type"), QStringLiteral("Why")});
        for (const TableDecision &table : transfer.plan->tables) {
            for (const ColumnDecision &c : table.columns) {
                QString why = c.reason;
                if (c.transform != ValueTransform::None)
                    why += QStringLiteral(" (values: %1)").arg(valueTransformName(c.transform));
                if (c.overridden)
                    why += QStringLiteral(" [mapping file]");
                t.rows << QStringList{table.targetName,     c.targetName, c.declaredType,
                                      c.profile.describe(), c.targetType, why};
                t.rowTones << (c.overridden ? ReportTone::Warning : ReportTone::Plain);
            }
        }
        s.blocks << t;
        if (!transfer.plan->manualWork.isEmpty()) {
            s.blocks << heading(QStringLiteral("Manual work"));
            s.blocks << note(
                ReportTone::Warning,
                QStringLiteral("%1 not carried over: redo by hand.")
                    .arg(count(transfer.plan->manualWork.size(), QStringLiteral("object"))));
            for (const ManualWork &m : transfer.plan->manualWork)
                s.blocks << sql(QStringLiteral("%1 %2: %3").arg(m.kind, m.name, m.reason),
                                m.originalSql);
        }
    }
    return s;
}

} // namespace strata
