#include "transfer/TransferPlan.h"

namespace strata {

namespace {
const QList<QPair<ValueTransform, const char *>> transformNames = {
    {ValueTransform::None, "none"},           {ValueTransform::BoolFromInt, "bool_from_int"},
    {ValueTransform::EpochSeconds, "epoch_seconds"}, {ValueTransform::EpochMillis, "epoch_millis"},
    {ValueTransform::JulianDay, "julian_day"}, {ValueTransform::IsoText, "iso_text"},
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

QString TransferPlan::ddlScript() const
{
    QString out = QStringLiteral("-- 1. tables (loaded with COPY before any index or constraint)\n");
    for (const QString &s : createTables)
        out += s + QStringLiteral(";\n");
    out += QStringLiteral("\n-- 2. after the load: keys, indexes, foreign keys, sequences, views, triggers\n");
    for (const QString &s : afterLoad)
        out += s + QStringLiteral(";\n");
    return out;
}

} // namespace strata
