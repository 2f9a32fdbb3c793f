#include "transfer/TimeText.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

namespace strata::transfer {

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Howard Hinnant's days_from_civil / civil_from_days.
qint64 daysFromCivil(qint64 y, int m, int d)
{
    y -= m <= 2;
    const qint64 era = floorDiv(y, 400);
    const qint64 yoe = y - era * 400;
    const qint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const qint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(qint64 z, qint64 &year, int &month, int &day)
{
    z += 719468;
    const qint64 era = floorDiv(z, 146097);
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    day = int(doy - (153 * mp + 2) / 5 + 1);
    month = int(mp < 10 ? mp + 3 : mp - 9);
    year = yoe + era * 400 + (month <= 2);
}

namespace {

// Writes `v` (>= 0) with at least `width` digits at p; returns the end.
char *writePadded(char *p, qint64 v, int width)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = char('0' + v % 10);
        v /= 10;
    } while (v);
    for (int i = n; i < width; ++i)
        *p++ = '0';
    while (n)
        *p++ = buf[--n];
    return p;
}

// Writes the date part; `bc` tells whether the year is before 1 (PostgreSQL then ends the
// whole value with " BC").
char *writeDate(char *p, qint64 days, bool &bc)
{
    qint64 y;
    int m, d;
    civilFromDays(days, y, m, d);
    bc = y <= 0;
    p = writePadded(p, bc ? 1 - y : y, 4);
    *p++ = '-';
    p = writePadded(p, m, 2);
    *p++ = '-';
    return writePadded(p, d, 2);
}

} // namespace

void appendDate(QByteArray &out, qint64 days)
{
    char buf[48];
    bool bc;
    char *p = writeDate(buf, days, bc);
    if (bc)
        p = std::copy_n(" BC", 3, p);
    out.append(buf, p - buf);
}

void appendTimestamp(QByteArray &out, qint64 micros, bool utcOffset)
{
    const qint64 days = floorDiv(micros, MicrosPerDay);
    const qint64 rest = micros - days * MicrosPerDay;
    char buf[64];
    bool bc;
    char *p = writeDate(buf, days, bc);
    const qint64 secs = rest / MicrosPerSecond;
    qint64 frac = rest % MicrosPerSecond;
    *p++ = ' ';
    p = writePadded(p, secs / 3600, 2);
    *p++ = ':';
    p = writePadded(p, secs / 60 % 60, 2);
    *p++ = ':';
    p = writePadded(p, secs % 60, 2);
    if (frac) {
        int width = 6;
        while (frac % 10 == 0) {
            frac /= 10;
            --width;
        }
        *p++ = '.';
        p = writePadded(p, frac, width);
    }
    if (utcOffset)
        p = std::copy_n("+00", 3, p);
    if (bc)
        p = std::copy_n(" BC", 3, p);
    out.append(buf, p - buf);
}

QByteArray formatDate(qint64 days)
{
    QByteArray out;
    appendDate(out, days);
    return out;
}

QByteArray formatTimestamp(qint64 micros, bool utcOffset)
{
    QByteArray out;
    appendTimestamp(out, micros, utcOffset);
    return out;
}

namespace {

struct Scanner {
    QByteArrayView t;
    qsizetype i = 0;
    bool atEnd() const { return i >= t.size(); }
    char peek() const { return atEnd() ? '\0' : t[i]; }
    bool isDigit() const { return !atEnd() && t[i] >= '0' && t[i] <= '9'; }
    void skipSpaces()
    {
        while (!atEnd() && (t[i] == ' ' || t[i] == '\t'))
            ++i;
    }
    // Reads between min and max digits.
    bool number(int min, int max, qint64 &value)
    {
        value = 0;
        int n = 0;
        while (n < max && isDigit()) {
            value = value * 10 + (t[i++] - '0');
            ++n;
        }
        return n >= min;
    }
    bool accept(char c)
    {
        if (peek() != c)
            return false;
        ++i;
        return true;
    }
    bool acceptWord(const char *w)
    {
        qsizetype j = i;
        for (; *w; ++w, ++j) {
            if (j >= t.size() || std::tolower(static_cast<unsigned char>(t[j])) != *w)
                return false;
        }
        i = j;
        return true;
    }
};

int daysInMonth(qint64 y, int m)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dim[m - 1];
}

} // namespace

std::optional<ParsedTime> parseIsoTime(QByteArrayView text)
{
    Scanner s{text};
    s.skipSpaces();
    qint64 y, mo, d;
    if (!s.number(4, 6, y) || !s.accept('-') || !s.number(1, 2, mo) || !s.accept('-') ||
        !s.number(1, 2, d))
        return std::nullopt;
    if (y == 0) // there is no year 0 (PostgreSQL: out of range)
        return std::nullopt;
    ParsedTime p;
    qint64 h = 0, mi = 0, sec = 0, micros = 0;
    const qsizetype beforeTime = s.i;
    if (s.accept('T') || s.accept('t') || s.peek() == ' ') {
        s.skipSpaces();
        if (s.number(1, 2, h) && s.accept(':') && s.number(2, 2, mi)) {
            p.hasTime = true;
            if (s.accept(':')) {
                if (!s.number(2, 2, sec))
                    return std::nullopt;
                if (s.accept('.')) {
                    const qsizetype start = s.i;
                    while (s.isDigit())
                        ++s.i;
                    if (s.i == start)
                        return std::nullopt;
                    // As PostgreSQL does: the fraction as a double, rounded to microseconds.
                    const std::string frac =
                        "0." + std::string(text.data() + start, size_t(s.i - start));
                    micros = qint64(std::rint(std::strtod(frac.c_str(), nullptr) * 1e6));
                }
            }
        } else {
            s.i = beforeTime;
        }
    }
    s.skipSpaces();
    if (p.hasTime) {
        if (s.accept('Z') || s.accept('z') || s.acceptWord("utc") || s.acceptWord("gmt")) {
            p.hasOffset = true;
        } else if (s.peek() == '+' || s.peek() == '-') {
            const int sign = s.t[s.i++] == '-' ? -1 : 1;
            qint64 oh = 0, om = 0, os = 0;
            if (!s.number(1, 2, oh))
                return std::nullopt;
            if (s.accept(':') ? !s.number(2, 2, om) : (s.isDigit() && !s.number(2, 2, om)))
                return std::nullopt;
            if (s.accept(':') && !s.number(2, 2, os))
                return std::nullopt;
            if (oh > 15 || om > 59 || os > 59)
                return std::nullopt;
            p.hasOffset = true;
            p.offsetSeconds = sign * (oh * 3600 + om * 60 + os);
        }
        s.skipSpaces();
    }
    if (s.acceptWord("bc"))
        y = 1 - y;
    else
        s.acceptWord("ad");
    s.skipSpaces();
    if (!s.atEnd())
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, int(mo)) || y < -4712)
        return std::nullopt;
    if (h > 24 || mi > 59 || sec > 60 || (h == 24 && (mi || sec || micros)))
        return std::nullopt;
    p.days = daysFromCivil(y, int(mo), int(d));
    p.timeMicros = ((h * 60 + mi) * 60 + sec) * MicrosPerSecond + micros;
    return p;
}

} // namespace strata::transfer
