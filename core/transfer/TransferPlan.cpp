#include "transfer/TransferPlan.h"

namespace strata {

namespace {
const QList<QPair<ValueTransform, const char *>> transformNames = {
    {ValueTransform::None, "none"},
    {ValueTransform::BoolFromInt, "bool_from_int"},
    {ValueTransform::EpochSeconds, "epoch_seconds"},
    {ValueTransform::EpochMillis, "epoch_millis"},
    {ValueTransform::JulianDay, "julian_day"},
    {ValueTransform::IsoText, "iso_text"},
    {ValueTransform::TextToBytea, "text_to_bytea"},
};
} // namespace

QString valueTransformName(ValueTransform t)
{
    for (const auto &[value, name] : transformNames) {
        if (value == t)
            return QLatin1String(name);
    }
    return {};
}

std::optional<ValueTransform> valueTransformFromName(const QString &name)
{
    for (const auto &[value, n] : transformNames) {
        if (name == QLatin1String(n))
            return value;
    }
    return std::nullopt;
}

QString ColumnProfile::describe() const
{
    QStringList parts;
    const auto add = [&](qint64 n, const char *what) {
        if (n > 0)
            parts << QStringLiteral("%1 %2").arg(QLatin1String(what)).arg(n);
    };
    add(integers, "integer");
    add(reals, "real");
    add(texts, "text");
    add(blobs, "blob");
    add(nulls, "null");
    return parts.isEmpty() ? QStringLiteral("no rows") : parts.join(QStringLiteral(", "));
}

const ColumnDecision *TableDecision::column(const QString &sourceName) const
{
    for (const ColumnDecision &c : columns) {
        if (c.sourceName.compare(sourceName, Qt::CaseInsensitive) == 0)
            return &c;
    }
    return nullptr;
}

const TableDecision *TransferPlan::table(const QString &sourceName) const
{
    for (const TableDecision &t : tables) {
        if (t.sourceName.compare(sourceName, Qt::CaseInsensitive) == 0)
            return &t;
    }
    return nullptr;
}

QString TransferPlan::decisionsText() const
{
    QString out;
    for (const TableDecision &t : tables) {
        out += QStringLiteral("%1 -> %2 (%3 rows)").arg(t.sourceName, t.targetName).arg(t.rows);
        if (!t.identityColumn.isEmpty())
            out += QStringLiteral(", identity %1 restarts at %2")
                       .arg(t.identityColumn)
                       .arg(t.sequenceStart);
        out += u'\n';
        for (const ColumnDecision &c : t.columns) {
            out += QStringLiteral("  %1 %2 -> %3 %4")
                       .arg(c.sourceName, c.declaredType, c.targetName, c.targetType);
            if (c.transform != ValueTransform::None)
                out += QStringLiteral(" [%1]").arg(valueTransformName(c.transform));
            if (c.generated)
                out += QStringLiteral(" [generated]");
            if (c.overridden)
                out += QStringLiteral(" [mapping file]");
            out += QStringLiteral(": ") + c.reason + u'\n';
        }
    }
    for (const ManualWork &m : manualWork)
        out += QStringLiteral("manual work: %1 %2: %3\n").arg(m.kind, m.name, m.reason);
    for (const QString &w : warnings)
        out += QStringLiteral("warning: ") + w + u'\n';
    return out;
}

QString TransferPlan::ddlScript() const
{
    QString out =
        QStringLiteral("-- 1. tables (loaded with COPY before any index or constraint)\n");
    for (const QString &s : createTables)
        out += s + QStringLiteral(";\n");
    out += QStringLiteral(
        "\n-- 2. after the load: keys, indexes, foreign keys, sequences, views, triggers\n");
    for (const QString &s : afterLoad)
        out += s + QStringLiteral(";\n");
    return out;
}

QString ValueMisfit::describe() const
{
    return QStringLiteral("%1.%2 -> %3: %4 value%5 would not fit; first: %6")
        .arg(table, column, targetType)
        .arg(values)
        .arg(values == 1 ? "" : "s")
        .arg(first);
}

} // namespace strata
