// ValueEncoder's dates and times: epoch numbers and Julian days, ISO text.

#include "transfer/ValueEncoder.h"

#include "transfer/CopyBinary.h"
#include "transfer/CopyText.h"
#include "transfer/PgHash.h"
#include "transfer/TimeText.h"
#include <cmath>

namespace strata::transfer {

using Outcome = ValueEncoder::Outcome;

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
        problem =
            describeValue(v) + " is not a number of " + valueTransformName(m_transform).toUtf8();
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
        problem =
            describeValue(v) + " is out of range for " + valueTransformName(m_transform).toUtf8();
        return Outcome::Failed;
    }
    return timeValue(micros, copy, problem);
}

ValueEncoder::Outcome ValueEncoder::timeValue(qint64 micros, QByteArray &copy, QByteArray &problem)
{
    switch (m_kind) {
    case TargetKind::Timestamp:
    case TargetKind::TimestampTz:
        timestampTerm(micros);
        if (m_binary)
            appendBigEndian64(copy, micros - PgEpochMicros);
        else
            appendTimestamp(copy, micros, m_kind == TargetKind::TimestampTz);
        return Outcome::Ok;
    case TargetKind::Date:
        if (micros % MicrosPerDay != 0) {
            problem = "the time " + formatTimestamp(micros, false) +
                      " has a time of day that a date column would drop";
            return Outcome::Failed;
        }
        dateTerm(micros / MicrosPerDay);
        if (m_binary)
            appendBigEndian32(copy, qint32(micros / MicrosPerDay - PgEpochDays));
        else
            appendDate(copy, micros / MicrosPerDay);
        return Outcome::Ok;
    default: // stored as the text
        appendTimestamp(m_canon, micros, false);
        appendRaw(copy, m_canon);
        return Outcome::Ok;
    }
}

ValueEncoder::Outcome ValueEncoder::isoText(const SourceValue &v, QByteArray &copy,
                                            QByteArray &problem)
{
    const auto parsed = v.type == SourceValue::Text ? parseIsoTime(v.bytes) : std::nullopt;
    if (!parsed) {
        problem = describeValue(v) + " is not an ISO-8601 date or time";
        return Outcome::Failed;
    }
    // As PostgreSQL reads it: timestamp ignores a written offset, timestamptz applies it
    // (none = the session's UTC), date keeps the day.
    if (m_kind == TargetKind::Date) {
        if (parsed->timeMicros != 0) {
            problem = describeValue(v) + " has a time of day that a date column would drop";
            return Outcome::Failed;
        }
        if (m_binary)
            appendBigEndian32(copy, qint32(parsed->days - PgEpochDays));
        else
            appendCopyEscaped(copy, v.bytes);
        dateTerm(parsed->days);
        return Outcome::Ok;
    }
    qint64 micros = parsed->days * MicrosPerDay + parsed->timeMicros;
    if (m_kind == TargetKind::TimestampTz)
        micros -= parsed->offsetSeconds * MicrosPerSecond;
    if (m_binary)
        appendBigEndian64(copy, micros - PgEpochMicros);
    else
        appendCopyEscaped(copy, v.bytes);
    timestampTerm(micros);
    return Outcome::Ok;
}

// timestamp and timestamptz hash as their int8 microseconds since 2000; date as its int4
// days since 2000. The record text has PostgreSQL's ISO output.
void ValueEncoder::timestampTerm(qint64 micros)
{
    if (m_hashing)
        term(pgHashInt8Extended(micros - PgEpochMicros));
    else
        appendTimestamp(m_canon, micros, m_kind == TargetKind::TimestampTz);
}

void ValueEncoder::dateTerm(qint64 days)
{
    if (m_hashing)
        term(pgHashUint32Extended(quint32(qint32(days - PgEpochDays))));
    else
        appendDate(m_canon, days);
}

} // namespace strata::transfer
