#include "transfer/ValueEncoder.h"

#include "transfer/CopyBinary.h"
#include "transfer/CopyText.h"
#include "transfer/PgHash.h"
#include "transfer/TimeText.h"
#include <QtEndian>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace strata::transfer {

using Outcome = ValueEncoder::Outcome;

QByteArray describeValue(const SourceValue &v)
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

namespace {

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

ValueEncoder::ValueEncoder(TargetKind kind, ValueTransform transform, BadTextPolicy badText,
                           bool binary)
    : m_kind(kind), m_transform(transform), m_badText(badText), m_binary(binary)
{
}

ValueEncoder::Outcome ValueEncoder::encode(const SourceValue &v, QByteArray &copy, CanonRow &canon,
                                           QByteArray &problem)
{
    m_hashing = canon.hashesElements();
    if (v.type == SourceValue::Null) {
        if (m_binary)
            appendBigEndian32(copy, -1);
        else
            appendRaw(copy, "\\N", 2);
        if (!m_hashing)
            canon.nullField(); // a NULL field is empty in record text
        for (int i = m_hashing ? recordHashTermCount(m_kind) : 0; i > 0; --i)
            canon.element(0); // and hashes to 0 in a record
        return Outcome::Ok;
    }
    m_canon.truncate(0);
    m_termCount = 0;
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
    if (!m_hashing) {
        canon.field(m_canon);
        return o;
    }
    // A value that reached its column as text (a transform into a text column, say) is
    // hashed as that text: the server hashes such columns as ::text.
    if (m_termCount == 0)
        term(pgHashBytesExtended(m_canon));
    for (int i = 0; i < recordHashTermCount(m_kind); ++i)
        canon.element(i < m_termCount ? m_terms[i] : 0);
    return o;
}

ValueEncoder::Outcome ValueEncoder::text(const SourceValue &v, QByteArray &copy,
                                         QByteArray &problem)
{
    if (v.type == SourceValue::Integer || v.type == SourceValue::Real) {
        const qsizetype at = copy.size(); // digits need no escaping
        if (v.type == SourceValue::Integer)
            appendInteger(copy, v.integer);
        else
            appendDouble(copy, v.real);
        const QByteArrayView digits(copy.constData() + at, copy.size() - at);
        if (m_hashing)
            term(pgHashBytesExtended(digits));
        else
            m_canon.append(digits);
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
        appendRaw(copy, b);
    else
        appendCopyEscaped(copy, b);
    if (m_kind ==
        TargetKind::PaddedText) { // character(n) compares and prints without trailing blanks
        while (!b.isEmpty() && b.back() == ' ')
            b.chop(1);
    }
    if (m_hashing)
        term(pgHashBytesExtended(b));
    else
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
        problem = describeValue(v) + " is not an integer";
        return Outcome::Failed;
    }
    if (m_integerBytes < 8) {
        const qint64 limit = m_integerBytes == 2 ? 32767 : 2147483647;
        if (value > limit || value < -limit - 1) {
            problem = describeValue(v) + (m_integerBytes == 2 ? " is out of range for smallint"
                                                              : " is out of range for integer");
            return Outcome::Failed;
        }
    }
    // A narrower integer hashes as bigint does for the values it holds (hashint4extended ==
    // hashint8extended in range), so the checksum does not depend on the width.
    if (m_hashing)
        term(pgHashInt8Extended(value));
    else
        appendInteger(m_canon, value);
    if (!m_binary)
        appendInteger(copy, value);
    else if (m_integerBytes == 8)
        appendBigEndian64(copy, value);
    else if (m_integerBytes == 4)
        appendBigEndian32(copy, qint32(value));
    else
        appendBigEndian16(copy, qint16(value));
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
        problem = describeValue(v) + " is not a number";
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
            problem = describeValue(v) + " is out of range for real";
            return Outcome::Failed;
        }
        quint32 bits; // what the server stores either way (float4in reads the text as we did)
        std::memcpy(&bits, &*f, 4);
        if (m_binary)
            appendBigEndian32(copy, qint32(bits));
        else
            appendRaw(copy, m_scratch);
        if (m_hashing) { // float4send(c): the 4 bytes, big-endian
            const quint32 be = qToBigEndian(bits);
            term(pgHashBytesExtended(QByteArrayView(reinterpret_cast<const char *>(&be), 4)));
        } else {
            appendFloat4Bits(m_canon, *f);
        }
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
    if (m_hashing) {
        // float8send(c): the stored bits, big-endian. As text every NaN reads back as
        // PostgreSQL's one NaN; in binary form the bits arrive as they are.
        const double stored =
            !m_binary && std::isnan(value) ? std::numeric_limits<double>::quiet_NaN() : value;
        quint64 bits;
        std::memcpy(&bits, &stored, 8);
        const quint64 be = qToBigEndian(bits);
        term(pgHashBytesExtended(QByteArrayView(reinterpret_cast<const char *>(&be), 8)));
    } else {
        appendPgFloat8(m_canon, value);
    }
    return Outcome::Ok;
}

ValueEncoder::Outcome ValueEncoder::numeric(const SourceValue &v, QByteArray &copy,
                                            QByteArray &problem)
{
    if (!m_hashing)
        return numericText(v, copy, problem);
    char digits[24];
    QByteArrayView text;
    if (v.type == SourceValue::Integer) {
        text = QByteArrayView(digits, std::to_chars(digits, digits + sizeof digits, v.integer).ptr -
                                          digits);
    } else if (v.type == SourceValue::Real) {
        m_scratch.truncate(0);
        appendDouble(m_scratch, v.real);
        text = m_scratch;
    } else if (v.type == SourceValue::Text) {
        text = trimmed(v.bytes);
    } else {
        problem = describeValue(v) + " is not a number";
        return Outcome::Failed;
    }
    if (!parsePgNumeric(text, m_numeric)) {
        problem = describeValue(v) +
                  (plainDecimal(text) ? " is not a number PostgreSQL reads" : " is not a number");
        return Outcome::Failed;
    }
    if (m_binary)
        appendBinaryNumeric(copy, m_numeric);
    else
        appendRaw(copy, text); // a number that parsed holds nothing COPY would escape
    // c, c < 0, c = 'NaN': hash_numeric_extended ignores the sign and merges NaN and infinity.
    term(pgHashNumericExtended(m_numeric));
    term(pgHashUint32Extended(m_numeric.isNegative()));
    term(pgHashUint32Extended(m_numeric.sign == PgNumeric::NaN));
    return Outcome::Ok;
}

// The record-text checksums' path: the value's plain decimal text for the canon.
ValueEncoder::Outcome ValueEncoder::numericText(const SourceValue &v, QByteArray &copy,
                                                QByteArray &problem)
{
    if (v.type == SourceValue::Integer) {
        appendInteger(m_canon, v.integer);
        if (m_binary)
            appendBinaryNumeric(copy, m_canon);
        else
            appendRaw(copy, m_canon);
        return Outcome::Ok;
    }
    m_scratch.truncate(0);
    if (v.type == SourceValue::Real)
        appendDouble(m_scratch, v.real);
    else if (v.type == SourceValue::Text)
        m_scratch.append(trimmed(v.bytes));
    if (v.type == SourceValue::Blob || !appendPlainDecimal(m_canon, m_scratch)) {
        problem = describeValue(v) + " is not a number";
        return Outcome::Failed;
    }
    if (!m_binary)
        appendRaw(copy, m_scratch);
    else if (!appendBinaryNumeric(copy, m_scratch)) {
        problem = describeValue(v) + " is not a number PostgreSQL reads";
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
        problem = describeValue(v) + " is not a boolean (0 or 1, true or false)";
        return Outcome::Failed;
    }
    if (m_kind == TargetKind::Integer) {
        if (m_hashing)
            term(pgHashInt8Extended(*b));
        else
            appendRaw(m_canon, *b ? '1' : '0');
        if (!m_binary)
            appendRaw(copy, *b ? '1' : '0');
        else if (m_integerBytes == 8)
            appendBigEndian64(copy, *b ? 1 : 0);
        else if (m_integerBytes == 4)
            appendBigEndian32(copy, *b ? 1 : 0);
        else
            appendBigEndian16(copy, *b ? 1 : 0);
    } else if (m_kind == TargetKind::Boolean) {
        if (m_hashing)
            term(pgHashUint32Extended(*b)); // hashcharextended of 0 or 1
        else
            appendRaw(m_canon, *b ? 't' : 'f');
        appendRaw(copy, m_binary ? char(*b ? 1 : 0) : *b ? 't' : 'f');
    } else {
        appendRaw(m_canon, *b ? 't' : 'f'); // stored as that text
        appendRaw(copy, m_canon);
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
    if (m_kind == TargetKind::Bytea) {
        if (m_hashing) {
            term(pgHashBytesExtended(b));
        } else { // bytea prints as \x<hex>
            appendRaw(m_canon, "\\x", 2);
            appendHex(m_canon, b);
        }
        if (m_binary) {
            appendRaw(copy, b);
        } else {
            appendRaw(copy, "\\\\x", 3);
            appendHex(copy, b);
        }
        return Outcome::Ok;
    }
    // In a text column the characters of bytea's output are stored.
    appendRaw(m_canon, "\\x", 2);
    appendHex(m_canon, b);
    if (!m_binary)
        appendRaw(copy, '\\');
    appendRaw(copy, m_canon);
    return Outcome::Ok;
}
} // namespace strata::transfer
