#include "transfer/PgNumeric.h"

#include <algorithm>

namespace strata::transfer {

namespace {

bool equalsIgnoringCase(const char *p, const char *end, const char *word)
{
    for (; p < end && *word; ++p, ++word) {
        const char c = *p >= 'A' && *p <= 'Z' ? char(*p - 'A' + 'a') : *p;
        if (c != *word)
            return false;
    }
    return p == end && !*word;
}

bool special(QByteArrayView text, PgNumeric &out)
{
    const char *p = text.data(), *end = p + text.size();
    const bool sign = p < end && (*p == '+' || *p == '-');
    const bool negative = sign && *p == '-';
    if (!sign && equalsIgnoringCase(p, end, "nan")) {
        out.sign = PgNumeric::NaN;
        return true;
    }
    p += sign;
    if (equalsIgnoringCase(p, end, "inf") || equalsIgnoringCase(p, end, "infinity")) {
        out.sign = negative ? PgNumeric::MinusInfinity : PgNumeric::PlusInfinity;
        return true;
    }
    return false;
}

} // namespace

bool parsePgNumeric(QByteArrayView text, PgNumeric &out)
{
    out.sign = PgNumeric::Positive;
    out.weight = 0;
    out.dscale = 0;
    out.digits.clear();
    const char *p = text.data(), *end = p + text.size();
    bool negative = false;
    if (p < end && (*p == '+' || *p == '-'))
        negative = *p++ == '-';
    // The decimal digits as written: the integer part, then the fraction.
    const char *intPart = p;
    for (; p < end && *p >= '0' && *p <= '9'; ++p) {
    }
    const qint64 intDigits = p - intPart;
    const char *fracPart = p;
    qint64 fracDigits = 0;
    if (p < end && *p == '.') {
        fracPart = ++p;
        for (; p < end && *p >= '0' && *p <= '9'; ++p) {
        }
        fracDigits = p - fracPart;
    }
    if (intDigits + fracDigits == 0)
        return special(text, out);
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
    out.dscale = quint16(dscale);

    const qint64 total = intDigits + fracDigits;
    auto digit = [&](qint64 i) { // the i-th written digit, 0..total-1
        return i < intDigits ? intPart[i] - '0' : fracPart[i - intDigits] - '0';
    };
    qint64 first = 0, last = total - 1; // the significant digits
    while (first < total && digit(first) == 0)
        ++first;
    if (first == total)
        return true; // zero, of any sign: positive, with its scale
    while (digit(last) == 0)
        --last;
    // Digits before the decimal point, counted from the first significant one; padded on the
    // left so that the point falls on a base-10000 group edge.
    qint64 point = intDigits + exponent - first;
    const qint64 pad = ((4 - point % 4) % 4 + 4) % 4;
    point += pad;
    const qint64 weight = point / 4 - 1;
    const qint64 groups = (pad + last - first + 1 + 3) / 4;
    if (weight > 0x7FFF || weight < -0x7FFF || groups > 0x7FFF)
        return false;
    out.sign = negative ? PgNumeric::Negative : PgNumeric::Positive;
    out.weight = qint16(weight);
    out.digits.resize(groups);
    qint64 at = first - pad; // written digit index of the current group's first digit
    for (qint64 g = 0; g < groups; ++g, at += 4) {
        int v = 0;
        for (qint64 i = at; i < at + 4; ++i)
            v = v * 10 + (i >= first && i <= last ? digit(i) : 0);
        out.digits[g] = qint16(v);
    }
    return true;
}

} // namespace strata::transfer
