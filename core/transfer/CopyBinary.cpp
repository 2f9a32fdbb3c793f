#include "transfer/CopyBinary.h"

#include <QtEndian>
#include <string>

namespace strata::transfer {

void appendCopyBinaryHeader(QByteArray &out)
{
    static const char signature[] = "PGCOPY\n\377\r\n";
    out.append(signature, 11); // with its terminating NUL
    appendBigEndian32(out, 0);
    appendBigEndian32(out, 0);
}

void appendCopyBinaryTrailer(QByteArray &out)
{
    appendBigEndian16(out, -1);
}

void appendBigEndian16(QByteArray &out, qint16 v)
{
    const qint16 be = qToBigEndian(v);
    out.append(reinterpret_cast<const char *>(&be), 2);
}

void appendBigEndian32(QByteArray &out, qint32 v)
{
    const qint32 be = qToBigEndian(v);
    out.append(reinterpret_cast<const char *>(&be), 4);
}

void appendBigEndian64(QByteArray &out, qint64 v)
{
    const qint64 be = qToBigEndian(v);
    out.append(reinterpret_cast<const char *>(&be), 8);
}

void patchBigEndian32(QByteArray &out, qsizetype at, qint32 v)
{
    qToBigEndian(v, out.data() + at);
}

namespace {

constexpr quint16 NumericPositive = 0x0000, NumericNegative = 0x4000, NumericNaN = 0xC000,
                  NumericPlusInfinity = 0xD000, NumericMinusInfinity = 0xF000;

void appendSpecial(QByteArray &out, quint16 sign)
{
    appendBigEndian16(out, 0); // ndigits
    appendBigEndian16(out, 0); // weight
    appendBigEndian16(out, qint16(sign));
    appendBigEndian16(out, 0); // dscale
}

bool special(QByteArray &out, QByteArrayView text)
{
    QByteArray t = text.toByteArray().toLower();
    bool negative = false;
    if (t.startsWith('+') || t.startsWith('-')) {
        negative = t.startsWith('-');
        t.remove(0, 1);
    }
    if (t == "nan" && text.front() != '+' && text.front() != '-') {
        appendSpecial(out, NumericNaN);
        return true;
    }
    if (t == "inf" || t == "infinity") {
        appendSpecial(out, negative ? NumericMinusInfinity : NumericPlusInfinity);
        return true;
    }
    return false;
}

} // namespace

bool appendBinaryNumeric(QByteArray &out, QByteArrayView text)
{
    const char *p = text.data(), *end = p + text.size();
    bool negative = false;
    if (p < end && (*p == '+' || *p == '-'))
        negative = *p++ == '-';
    std::string digits; // every digit written, integer part then fraction
    qint64 intDigits = 0, fracDigits = 0;
    for (; p < end && *p >= '0' && *p <= '9'; ++p, ++intDigits)
        digits.push_back(*p);
    if (p < end && *p == '.') {
        for (++p; p < end && *p >= '0' && *p <= '9'; ++p, ++fracDigits)
            digits.push_back(*p);
    }
    if (digits.empty())
        return special(out, text);
    qint64 exponent = 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        ++p;
        bool expNegative = false;
        if (p < end && (*p == '+' || *p == '-'))
            expNegative = *p++ == '-';
        if (p == end || *p < '0' || *p > '9')
            return false;
        for (; p < end && *p >= '0' && *p <= '9'; ++p) {
            exponent = exponent * 10 + (*p - '0');
            if (exponent > 1000)
                return false; // numeric_in refuses exponents beyond 1000 too
        }
        if (expNegative)
            exponent = -exponent;
    }
    if (p != end)
        return false;
    const qint64 dscale = std::max<qint64>(0, fracDigits - exponent);
    if (dscale > 0x3FFF)
        return false;

    // Position of the decimal point within `digits`, then without leading zeros.
    qint64 point = intDigits + exponent;
    std::size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) { // zero, of any sign: positive, with its scale
        appendBigEndian16(out, 0);
        appendBigEndian16(out, 0);
        appendBigEndian16(out, NumericPositive);
        appendBigEndian16(out, qint16(dscale));
        return true;
    }
    digits.erase(0, first);
    point -= qint64(first);
    digits.erase(digits.find_last_not_of('0') + 1);
    // Align the point to base-10000 groups: pad on the left until it falls on a group edge.
    const qint64 pad = ((4 - point % 4) % 4 + 4) % 4;
    digits.insert(0, std::size_t(pad), '0');
    point += pad;
    while (digits.size() % 4)
        digits.push_back('0');
    const qint64 weight = point / 4 - 1;
    const qint64 groups = qint64(digits.size() / 4);
    if (weight > 0x7FFF || weight < -0x7FFF || groups > 0x7FFF)
        return false;
    appendBigEndian16(out, qint16(groups));
    appendBigEndian16(out, qint16(weight));
    appendBigEndian16(out, qint16(negative ? NumericNegative : NumericPositive));
    appendBigEndian16(out, qint16(dscale));
    for (qint64 g = 0; g < groups; ++g) {
        const char *d = digits.data() + g * 4;
        appendBigEndian16(out, qint16((d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 +
                                      (d[3] - '0')));
    }
    return true;
}

} // namespace strata::transfer
