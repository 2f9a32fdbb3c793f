#include "migration/Version.h"

namespace strata {

namespace {

QStringView withoutLeadingZeros(QStringView part)
{
    qsizetype i = 0;
    while (i + 1 < part.size() && part[i] == u'0')
        ++i;
    return part.mid(i);
}

int compareParts(QStringView a, QStringView b)
{
    a = withoutLeadingZeros(a);
    b = withoutLeadingZeros(b);
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    return a.compare(b); // same length, all digits: lexical order is numeric order
}

bool isZero(QStringView part)
{
    return withoutLeadingZeros(part) == u"0";
}

} // namespace

std::optional<Version> Version::parse(const QString &text)
{
    QString normalised = text;
    normalised.replace(u'_', u'.');
    const QStringList parts = normalised.split(u'.');
    for (const QString &part : parts) {
        if (part.isEmpty())
            return std::nullopt;
        for (QChar c : part) {
            if (c < u'0' || c > u'9')
                return std::nullopt;
        }
    }
    Version v;
    v.m_parts = parts;
    return v;
}

QString Version::toString() const
{
    return m_parts.join(u'.');
}

int Version::compare(const Version &other) const
{
    // Missing trailing parts count as zero: 1.0 == 1.
    const qsizetype n = std::max(m_parts.size(), other.m_parts.size());
    for (qsizetype i = 0; i < n; ++i) {
        const bool haveA = i < m_parts.size();
        const bool haveB = i < other.m_parts.size();
        if (haveA && haveB) {
            if (int c = compareParts(m_parts[i], other.m_parts[i]); c != 0)
                return c < 0 ? -1 : 1;
        } else if (haveA) {
            if (!isZero(m_parts[i]))
                return 1;
        } else if (!isZero(other.m_parts[i])) {
            return -1;
        }
    }
    return 0;
}

} // namespace strata
