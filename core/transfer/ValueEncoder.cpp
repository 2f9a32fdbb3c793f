#include "transfer/ValueEncoder.h"

#include "transfer/CopyBinary.h"
#include "transfer/CopyText.h"
#include "transfer/TimeText.h"
#include <charconv>
#include <cmath>
#include <cstring>

namespace strata::transfer {

namespace {

using Outcome = ValueEncoder::Outcome;

QByteArray shown(const SourceValue &v)
{
    QByteArray out;
    switch (v.type) {
    case SourceValue::Integer:
        appendInteger(out, v.integer);
        return "integer " + out;
    case SourceValue::Real:
        appendDouble(out, v.real);
        return "real " + out;
    case SourceValue::Text:
        out = v.bytes.first(qMin<qsizetype>(60, v.bytes.size())).toByteArray();
        return "text '" + (isCleanUtf8(out) ? out : repairUtf8(out)) +
               (v.bytes.size() > 60 ? "…'" : "'");
    case SourceValue::Blob:
        return "a blob of " + QByteArray::number(v.bytes.size()) + " bytes";
    default:
        return "NULL";
    }
}

// The text SQLite would give for a number cast to text or blob, in its exact form.
QByteArray numberText(const SourceValue &v)
{
    QByteArray out;
    if (v.type == SourceValue::Integer)
        appendInteger(out, v.integer);
    else
        appendDouble(out, v.real);
    return out;
}

} // namespace

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
    if (kind == TargetKind::Other)
        return false;
    if (kind != TargetKind::Integer)
        return true;
    const QString t = postgresType.trimmed().toLower();
    return t == QLatin1String("bigint") || t == QLatin1String("int8") ||
           t == QLatin1String("bigserial") || t == QLatin1String("serial8");
}

ValueEncoder::ValueEncoder(TargetKind kind, ValueTransform transform, BadTextPolicy badText,
                           bool binary)
    : m_kind(kind), m_transform(transform), m_badText(badText), m_binary(binary)
{
}

ValueEncoder::Outcome ValueEncoder::encode(const SourceValue &v, QByteArray &copy,
                                           QByteArray &canon, QByteArray &problem)
{
    if (v.type == SourceValue::Null) {
        if (m_binary)
            appendBigEndian32(copy, -1);
        else
            copy.append("\\N");
        return Outcome::Ok; // a NULL field is empty in record text
    }
    m_canon.truncate(0);
    const qsizetype copyStart = copy.size();
    if (m_binary)
        appendBigEndian32(copy, 0); // the field's length, written below
    Outcome o;
    switch (m_transform) {
    case ValueTransform::BoolFromInt:
        o = boolean(v, copy, problem);
        break;
    case ValueTransform::EpochSeconds:
    case ValueTransform::EpochMillis:
    case ValueTransform::JulianDay:
        o = epoch(v, copy, problem);
        break;
    case ValueTransform::TextToBytea:
        o = bytes(v, copy, problem);
        break;
    case ValueTransform::IsoText:
        o = m_kind == TargetKind::Timestamp || m_kind == TargetKind::TimestampTz ||
                    m_kind == TargetKind::Date
                ? isoText(v, copy, problem)
                : text(v, copy, problem);
        break;
    case ValueTransform::None:
    default:
        switch (m_kind) {
        case TargetKind::Integer:
            o = integer(v, copy, problem);
            break;
        case TargetKind::Float8:
        case TargetKind::Float4:
            o = floating(v, copy, problem);
            break;
        case TargetKind::Numeric:
            o = numeric(v, copy, problem);
            break;
        case TargetKind::Boolean:
            o = boolean(v, copy, problem);
            break;
        case TargetKind::Bytea:
            o = bytes(v, copy, problem);
            break;
        case TargetKind::Timestamp:
        case TargetKind::TimestampTz:
        case TargetKind::Date:
            o = isoText(v, copy, problem);
            break;
        default:
            o = text(v, copy, problem);
            break;
        }
    }
    if (o == Outcome::Failed) {
        copy.truncate(copyStart);
        return o;
    }
    if (m_binary)
        patchBigEndian32(copy, copyStart, qint32(copy.size() - copyStart - 4));
    appendRecordField(canon, m_canon);
    return o;
}

ValueEncoder::Outcome ValueEncoder::text(const SourceValue &v, QByteArray &copy,
                                         QByteArray &problem)
{
    if (v.type == SourceValue::Integer || v.type == SourceValue::Real) {
        if (v.type == SourceValue::Integer)
            appendInteger(m_canon, v.integer);
        else
            appendDouble(m_canon, v.real);
        copy.append(m_canon);
        return Outcome::Ok;
    }
    Outcome outcome = Outcome::Ok;
    QByteArrayView b = v.bytes;
    if (!isCleanUtf8(b)) {
        if (m_badText != BadTextPolicy::Replace) {
            problem =
                describeBadText(b) +
                (m_badText == BadTextPolicy::Fail
                     ? QByteArray(" (policy: fail; choose replace or bytea to load it)")
                     : QByteArray(" (policy: bytea, but the plan gives this column a text type)"));
            return Outcome::Failed;
        }
        m_scratch = repairUtf8(b);
        b = m_scratch;
        outcome = Outcome::Replaced;
    }
    if (m_binary)
        copy.append(b);
    else
        appendCopyEscaped(copy, b);
    if (m_kind ==
        TargetKind::PaddedText) { // character(n) compares and prints without trailing blanks
        while (!b.isEmpty() && b.back() == ' ')
            b.chop(1);
    }
    m_canon.append(b);
    return outcome;
}

ValueEncoder::Outcome ValueEncoder::integer(const SourceValue &v, QByteArray &copy,
                                            QByteArray &problem)
{
    qint64 value = 0;
    if (v.type == SourceValue::Integer) {
        value = v.integer;
    } else if (v.type == SourceValue::Real && std::isfinite(v.real) &&
               std::trunc(v.real) == v.real && std::fabs(v.real) < 9.2e18) {
        value = qint64(v.real);
    } else if (auto parsed = v.type == SourceValue::Text ? parseInteger(v.bytes) : std::nullopt) {
        value = *parsed;
    } else {
        problem = shown(v) + " is not an integer";
        return Outcome::Failed;
    }
    appendInteger(m_canon, value);
    if (m_binary)
        appendBigEndian64(copy, value);
    else
        copy.append(m_canon);
    return Outcome::Ok;
}

ValueEncoder::Outcome ValueEncoder::floating(const SourceValue &v, QByteArray &copy,
                                             QByteArray &problem)
{
    double value = 0;
    if (v.type == SourceValue::Integer)
        value = double(v.integer);
    else if (v.type == SourceValue::Real)
        value = v.real;
    else if (auto parsed = v.type == SourceValue::Text ? parseDouble(v.bytes) : std::nullopt)
        value = *parsed;
    else {
        problem = shown(v) + " is not a number";
        return Outcome::Failed;
    }
    if (m_kind == TargetKind::Float4) {
        // Sent as the double's shortest text; PostgreSQL rounds that text to a float once.
        m_scratch.truncate(0);
        if (v.type == SourceValue::Integer)
            appendInteger(m_scratch, v.integer);
        else
            appendDouble(m_scratch, value);
        const auto f = parseFloat(m_scratch);
        if (!f || (std::isinf(*f) && !std::isinf(value))) {
            problem = shown(v) + " is out of range for real";
            return Outcome::Failed;
        }
        if (m_binary) {
            quint32 bits;
            std::memcpy(&bits, &*f, 4);
            appendBigEndian32(copy, qint32(bits));
        } else {
            copy.append(m_scratch);
        }
        appendFloat4Bits(m_canon, *f);
        return Outcome::Ok;
    }
    if (m_binary) {
        quint64 bits;
        std::memcpy(&bits, &value, 8); // double(integer) rounds as PostgreSQL's float8in
        appendBigEndian64(copy, qint64(bits));
    } else if (v.type == SourceValue::Integer) {
        appendInteger(copy, v.integer); // PostgreSQL rounds the exact text as double() does
    } else {
        appendDouble(copy, value);
    }
    appendPgFloat8(m_canon, value);
    return Outcome::Ok;
}

ValueEncoder::Outcome ValueEncoder::numeric(const SourceValue &v, QByteArray &copy,
                                            QByteArray &problem)
{
    if (v.type == SourceValue::Integer) {
        appendInteger(m_canon, v.integer);
        if (m_binary)
            appendBinaryNumeric(copy, m_canon);
        else
            copy.append(m_canon);
        return Outcome::Ok;
    }
    m_scratch.truncate(0);
    if (v.type == SourceValue::Real)
        appendDouble(m_scratch, v.real);
    else if (v.type == SourceValue::Text)
        m_scratch.append(trimmed(v.bytes));
    if (v.type == SourceValue::Blob || !appendPlainDecimal(m_canon, m_scratch)) {
        problem = shown(v) + " is not a number";
        return Outcome::Failed;
    }
    if (!m_binary)
        copy.append(m_scratch);
    else if (!appendBinaryNumeric(copy, m_scratch)) {
        problem = shown(v) + " is not a number PostgreSQL reads";
        return Outcome::Failed;
    }
    return Outcome::Ok;
}

ValueEncoder::Outcome ValueEncoder::boolean(const SourceValue &v, QByteArray &copy,
                                            QByteArray &problem)
{
    std::optional<bool> b;
    if (v.type == SourceValue::Integer && (v.integer == 0 || v.integer == 1))
        b = v.integer == 1;
    else if (v.type == SourceValue::Real && (v.real == 0.0 || v.real == 1.0))
        b = v.real == 1.0;
    else if (v.type == SourceValue::Text)
        b = parseBoolean(v.bytes);
    if (!b) {
        problem = shown(v) + " is not a boolean (0 or 1, true or false)";
        return Outcome::Failed;
    }
    if (m_kind == TargetKind::Integer) {
        m_canon = *b ? "1" : "0";
        if (m_binary)
            appendBigEndian64(copy, *b ? 1 : 0);
        else
            copy.append(m_canon);
    } else if (m_kind == TargetKind::Boolean) {
        m_canon = *b ? "t" : "f";
        if (m_binary)
            copy.append(char(*b ? 1 : 0));
        else
            copy.append(m_canon);
    } else {
        m_canon = *b ? "t" : "f";
        copy.append(m_canon);
    }
    return Outcome::Ok;
}

ValueEncoder::Outcome ValueEncoder::bytes(const SourceValue &v, QByteArray &copy, QByteArray &)
{
    QByteArrayView b = v.bytes;
    if (v.type == SourceValue::Integer || v.type == SourceValue::Real) {
        m_scratch = numberText(v); // as SQLite's CAST(x AS BLOB)
        b = m_scratch;
    }
    // bytea prints as \x<hex>; in a text column the same characters are stored.
    m_canon.append("\\x");
    appendHex(m_canon, b);
    if (m_binary && m_kind == TargetKind::Bytea) {
        copy.append(b);
    } else {
        if (!m_binary)
            copy.append('\\');
        copy.append(m_canon);
    }
    return Outcome::Ok;
}

ValueEncoder::Outcome ValueEncoder::epoch(const SourceValue &v, QByteArray &copy,
                                          QByteArray &problem)
{
    std::optional<qint64> whole;
    std::optional<double> real;
    if (v.type == SourceValue::Integer)
        whole = v.integer;
    else if (v.type == SourceValue::Real)
        real = v.real;
    else if (v.type == SourceValue::Text) {
        whole = parseInteger(v.bytes);
        if (!whole)
            real = parseDouble(v.bytes);
    }
    if (!whole && (!real || !std::isfinite(*real))) {
        problem = shown(v) + " is not a number of " + valueTransformName(m_transform).toUtf8();
        return Outcome::Failed;
    }
    const double x = whole ? double(*whole) : *real;
    qint64 micros = 0;
    bool inRange = true;
    switch (m_transform) {
    case ValueTransform::EpochSeconds:
        inRange = std::fabs(x) < 9.0e12;
        micros = !inRange ? 0 : whole ? *whole * MicrosPerSecond : std::llround(x * 1e6);
        break;
    case ValueTransform::EpochMillis:
        inRange = std::fabs(x) < 9.0e15;
        micros = !inRange ? 0 : whole ? *whole * 1000 : std::llround(x * 1e3);
        break;
    default: { // Julian day, to the millisecond as SQLite's own date functions read it
        inRange = x >= 0 && x < 5373484.5;
        const qint64 ms = inRange ? qint64(x * 86400000.0 + 0.5) : 0;
        micros = (ms - 210866760000000LL) * 1000;
        break;
    }
    }
    if (!inRange) {
        problem = shown(v) + " is out of range for " + valueTransformName(m_transform).toUtf8();
        return Outcome::Failed;
    }
    return timeValue(micros, copy, problem);
}

ValueEncoder::Outcome ValueEncoder::timeValue(qint64 micros, QByteArray &copy, QByteArray &problem)
{
    switch (m_kind) {
    case TargetKind::Timestamp:
    case TargetKind::TimestampTz:
        appendTimestamp(m_canon, micros, m_kind == TargetKind::TimestampTz);
        if (m_binary)
            appendBigEndian64(copy, micros - PgEpochMicros);
        else
            copy.append(m_canon);
        return Outcome::Ok;
    case TargetKind::Date:
        if (micros % MicrosPerDay != 0) {
            problem = "the time " + formatTimestamp(micros, false) +
                      " has a time of day that a date column would drop";
            return Outcome::Failed;
        }
        appendDate(m_canon, micros / MicrosPerDay);
        if (m_binary)
            appendBigEndian32(copy, qint32(micros / MicrosPerDay - PgEpochDays));
        else
            copy.append(m_canon);
        return Outcome::Ok;
    default:
        appendTimestamp(m_canon, micros, false);
        copy.append(m_canon);
        return Outcome::Ok;
    }
}

ValueEncoder::Outcome ValueEncoder::isoText(const SourceValue &v, QByteArray &copy,
                                            QByteArray &problem)
{
    const auto parsed = v.type == SourceValue::Text ? parseIsoTime(v.bytes) : std::nullopt;
    if (!parsed) {
        problem = shown(v) + " is not an ISO-8601 date or time";
        return Outcome::Failed;
    }
    // As PostgreSQL reads it: timestamp ignores a written offset, timestamptz applies it
    // (none = the session's UTC), date keeps the day.
    if (m_kind == TargetKind::Date) {
        if (parsed->timeMicros != 0) {
            problem = shown(v) + " has a time of day that a date column would drop";
            return Outcome::Failed;
        }
        if (m_binary)
            appendBigEndian32(copy, qint32(parsed->days - PgEpochDays));
        else
            appendCopyEscaped(copy, v.bytes);
        appendDate(m_canon, parsed->days);
        return Outcome::Ok;
    }
    qint64 micros = parsed->days * MicrosPerDay + parsed->timeMicros;
    if (m_kind == TargetKind::TimestampTz)
        micros -= parsed->offsetSeconds * MicrosPerSecond;
    if (m_binary)
        appendBigEndian64(copy, micros - PgEpochMicros);
    else
        appendCopyEscaped(copy, v.bytes);
    appendTimestamp(m_canon, micros, m_kind == TargetKind::TimestampTz);
    return Outcome::Ok;
}

} // namespace strata::transfer
