#include "transfer/ValueFit.h"

#include "transfer/ColumnProfiler.h"
#include "transfer/CopyText.h"
#include "transfer/ValueEncoder.h"
#include <QRegularExpression>
#include <cmath>

namespace strata::transfer {

namespace {

// Characters of UTF-8 text: bytes that do not continue a sequence.
qint64 characters(QByteArrayView b)
{
    qint64 n = 0;
    for (char c : b)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

qint64 digitsOf(qint64 v)
{
    qint64 chars = v < 0 ? 2 : 1;
    for (quint64 u = v < 0 ? 0 - quint64(v) : quint64(v); u >= 10; u /= 10)
        ++chars;
    return chars;
}

} // namespace

ValueFit::ValueFit(const QString &postgresType, bool notNull)
    : m_notNull(notNull), m_type(postgresType.trimmed().toLower())
{
    static const QRegularExpression sized(
        QStringLiteral("^(character varying|varchar|character|char|bpchar)\\s*\\((\\d+)\\)"));
    static const QRegularExpression numeric(
        QStringLiteral("^(numeric|decimal)\\s*\\((\\d+)(?:\\s*,\\s*(-?\\d+))?\\)"));
    if (const auto m = sized.match(m_type); m.hasMatch()) {
        m_maxChars = m.captured(2).toInt();
    } else if (const auto n = numeric.match(m_type); n.hasMatch()) {
        m_precision = n.captured(2).toInt();
        m_scale = n.captured(3).isEmpty() ? 0 : n.captured(3).toInt();
    } else if (m_type == QLatin1String("smallint") || m_type == QLatin1String("int2") ||
               m_type == QLatin1String("smallserial")) {
        m_integerRange = true;
        m_min = -32768, m_max = 32767;
    } else if (m_type == QLatin1String("integer") || m_type == QLatin1String("int") ||
               m_type == QLatin1String("int4") || m_type == QLatin1String("serial")) {
        m_integerRange = true;
        m_min = std::numeric_limits<qint32>::min(), m_max = std::numeric_limits<qint32>::max();
    }
}

QByteArray ValueFit::problem(const SourceValue &v) const
{
    if (v.type == SourceValue::Null)
        return m_notNull ? QByteArray("NULL in a NOT NULL column") : QByteArray();
    if (m_maxChars >= 0) {
        qint64 chars = 0;
        if (v.type == SourceValue::Integer)
            chars = digitsOf(v.integer);
        else if (v.type == SourceValue::Text)
            chars = v.bytes.size() <= m_maxChars ? 0 : characters(v.bytes);
        if (chars > m_maxChars)
            return describeValue(v) + " is " + QByteArray::number(chars) +
                   " characters, longer than " + m_type.toUtf8() + " allows";
        return {};
    }
    if (m_integerRange) {
        std::optional<qint64> value;
        if (v.type == SourceValue::Integer)
            value = v.integer;
        else if (v.type == SourceValue::Real && std::isfinite(v.real) &&
                 std::trunc(v.real) == v.real && std::fabs(v.real) < 9.2e18)
            value = qint64(v.real);
        else if (v.type == SourceValue::Text)
            value = parseInteger(v.bytes);
        if (value && (*value < m_min || *value > m_max))
            return describeValue(v) + " is out of range for " + m_type.toUtf8();
        return {};
    }
    if (m_precision > 0) {
        bool fits = true;
        if (v.type == SourceValue::Integer)
            fits = ColumnProfiler::fitsNumeric(v.integer, m_precision, m_scale);
        else if (v.type == SourceValue::Real)
            fits = ColumnProfiler::fitsNumeric(v.real, m_precision, m_scale);
        else if (v.type == SourceValue::Text) {
            if (auto i = parseInteger(v.bytes))
                fits = ColumnProfiler::fitsNumeric(*i, m_precision, m_scale);
            else if (auto d = parseDouble(v.bytes))
                fits = ColumnProfiler::fitsNumeric(*d, m_precision, m_scale);
        }
        if (!fits)
            return describeValue(v) + " does not fit " + m_type.toUtf8() +
                   " without being rounded or refused";
    }
    return {};
}

} // namespace strata::transfer
