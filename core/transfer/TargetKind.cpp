#include "transfer/ValueEncoder.h"

namespace strata::transfer {

TargetKind targetKindOf(const QString &postgresType)
{
    const QString t = postgresType.trimmed().toLower();
    auto is = [&](const char *name) {
        return t == QLatin1String(name) || t.startsWith(QLatin1String(name) + u'(') ||
               t.startsWith(QLatin1String(name) + u' ');
    };
    if (is("bigint") || is("integer") || is("smallint") || is("int") || is("int2") || is("int4") ||
        is("int8") || is("bigserial") || is("serial"))
        return TargetKind::Integer;
    if (is("double precision") || is("float8") || t == QLatin1String("float"))
        return TargetKind::Float8;
    if (is("real") || is("float4"))
        return TargetKind::Float4;
    if (is("numeric") || is("decimal"))
        return TargetKind::Numeric;
    if (is("boolean") || is("bool"))
        return TargetKind::Boolean;
    if (is("bytea"))
        return TargetKind::Bytea;
    if (t.startsWith(QLatin1String("timestamp"))) {
        const bool tz = t.contains(QLatin1String("with time zone")) ||
                        t.startsWith(QLatin1String("timestamptz"));
        return tz ? TargetKind::TimestampTz : TargetKind::Timestamp;
    }
    if (is("date"))
        return TargetKind::Date;
    if (is("character") && !t.startsWith(QLatin1String("character varying")))
        return TargetKind::PaddedText;
    if (is("char") || is("bpchar"))
        return TargetKind::PaddedText;
    if (is("text") || is("character varying") || is("varchar") || is("citext") || is("name"))
        return TargetKind::Text;
    return TargetKind::Other;
}

bool binaryCopyFits(const QString &postgresType, TargetKind kind)
{
    Q_UNUSED(postgresType);
    return kind != TargetKind::Other;
}

int integerBytesOf(const QString &postgresType)
{
    const QString t = postgresType.trimmed().toLower();
    if (t == QLatin1String("smallint") || t == QLatin1String("int2") ||
        t == QLatin1String("smallserial") || t == QLatin1String("serial2"))
        return 2;
    if (t == QLatin1String("integer") || t == QLatin1String("int") || t == QLatin1String("int4") ||
        t == QLatin1String("serial") || t == QLatin1String("serial4"))
        return 4;
    return 8;
}

} // namespace strata::transfer
