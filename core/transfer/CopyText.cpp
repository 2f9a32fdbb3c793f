#include "transfer/CopyText.h"

#include "transfer/ByteAppend.h"
#include <QVarLengthArray>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace strata::transfer {

namespace {
const char hexDigits[] = "0123456789abcdef";

// Length of the valid UTF-8 sequence at p (1-4), or 0 when invalid (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF).
int utf8SequenceLength(const unsigned char *p, qsizetype left)
{
    const unsigned char c = p[0];
    if (c < 0x80)
        return c ? 1 : 0;
    int n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (left < n || p[1] < lo || p[1] > hi)
        return 0;
    for (int i = 2; i < n; ++i) {
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    }
    return n;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool equalsIgnoringCase(QByteArrayView a, const char *b)
{
    const size_t n = std::strlen(b);
    if (size_t(a.size()) != n)
        return false;
    for (size_t i = 0; i < n; ++i) {
        char c = a[qsizetype(i)];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != b[i])
            return false;
    }
    return true;
}

// "inf", "infinity", "nan" with an optional sign, as float8in/numeric_in accept them.
std::optional<double> specialDouble(QByteArrayView t)
{
    double sign = 1;
    QByteArrayView rest = t;
    if (!rest.isEmpty() && (rest[0] == '+' || rest[0] == '-')) {
        sign = rest[0] == '-' ? -1 : 1;
        rest = rest.sliced(1);
    }
    if (equalsIgnoringCase(rest, "inf") || equalsIgnoringCase(rest, "infinity"))
        return sign * std::numeric_limits<double>::infinity();
    if (rest.size() == t.size() && equalsIgnoringCase(rest, "nan"))
        return std::numeric_limits<double>::quiet_NaN();
    return std::nullopt;
}

} // namespace

void appendCopyEscaped(QByteArray &out, QByteArrayView bytes)
{
    const char *p = bytes.data();
    const char *end = p + bytes.size();
    const char *run = p;
    for (; p < end; ++p) {
        const char c = *p;
        if (c != '\\' && c != '\t' && c != '\n' && c != '\r')
            continue;
        char *d = appendSpace(out, p - run + 2);
        std::memcpy(d, run, size_t(p - run));
        d[p - run] = '\\';
        d[p - run + 1] = c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
        run = p + 1;
    }
    appendRaw(out, run, end - run);
}

void appendHex(QByteArray &out, QByteArrayView bytes)
{
    const qsizetype start = out.size();
    out.resize(start + 2 * bytes.size());
    char *d = out.data() + start;
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        *d++ = hexDigits[c >> 4];
        *d++ = hexDigits[c & 15];
    }
}

void appendInteger(QByteArray &out, qint64 v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    appendRaw(out, buf, r.ptr - buf);
}

void appendDouble(QByteArray &out, double v)
{
    if (std::isnan(v)) {
        out.append("NaN");
    } else if (std::isinf(v)) {
        out.append(v < 0 ? "-Infinity" : "Infinity");
    } else {
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, v); // shortest round-trip form
        appendRaw(out, buf, r.ptr - buf);
    }
}

void appendPgFloat8(QByteArray &out, double v)
{
    if (std::isnan(v) || std::isinf(v) || v == 0) {
        if (v == 0)
            out.append(std::signbit(v) ? "-0" : "0");
        else
            appendDouble(out, v);
        return;
    }
    char buf[40];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    const char *p = buf;
    if (*p == '-')
        out.append(*p++);
    char digits[24];
    int n = 0;
    for (; p < r.ptr && *p != 'e'; ++p) {
        if (*p != '.')
            digits[n++] = *p;
    }
    int exp = 0;
    std::from_chars(p + 1 + (p[1] == '+'), r.ptr, exp);
    const int point = exp + 1; // digits before the decimal point
    if (point > -4 && point <= 15) {
        if (point <= 0) {
            out.append("0.");
            out.append(-point, '0');
            out.append(digits, n);
        } else if (point >= n) {
            out.append(digits, n);
            out.append(point - n, '0');
        } else {
            out.append(digits, point);
            out.append('.');
            out.append(digits + point, n - point);
        }
        return;
    }
    out.append(digits[0]);
    if (n > 1) {
        out.append('.');
        out.append(digits + 1, n - 1);
    }
    out.append(exp < 0 ? "e-" : "e+");
    const int a = exp < 0 ? -exp : exp;
    if (a < 10)
        out.append('0');
    appendInteger(out, a);
}

void appendRecordField(QByteArray &out, QByteArrayView value)
{
    bool quote = value.isEmpty(), doubled = false;
    for (const char c : value) {
        if (c == '"' || c == '\\') {
            quote = doubled = true;
            break;
        }
        quote |= c == '(' || c == ')' || c == ',' || isSpace(c);
    }
    if (!quote) {
        appendRaw(out, value);
        return;
    }
    appendRaw(out, '"');
    if (!doubled) {
        appendRaw(out, value);
    } else {
        for (const char c : value) {
            if (c == '"' || c == '\\')
                appendRaw(out, c);
            appendRaw(out, c);
        }
    }
    appendRaw(out, '"');
}

bool isCleanUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        if (p[i] >= 0x80 || p[i] == 0) {
            const int len = utf8SequenceLength(p + i, n - i);
            if (!len)
                return false;
            i += len;
        } else {
            ++i;
        }
    }
    return true;
}

QByteArray repairUtf8(QByteArrayView bytes)
{
    QByteArray out;
    out.reserve(bytes.size() + 8);
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        if (p[i] == 0) {
            ++i;
            continue;
        }
        const int len = utf8SequenceLength(p + i, n - i);
        if (len) {
            out.append(bytes.data() + i, len);
            i += len;
        } else {
            out.append("\xEF\xBF\xBD"); // U+FFFD
            ++i;
        }
    }
    return out;
}

QByteArray describeBadText(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    for (qsizetype i = 0; i < bytes.size();) {
        if (p[i] == 0)
            return "a NUL byte at offset " + QByteArray::number(i);
        const int len = utf8SequenceLength(p + i, bytes.size() - i);
        if (!len) {
            QByteArray hex;
            appendHex(hex, bytes.sliced(i, qMin<qsizetype>(4, bytes.size() - i)));
            return "invalid UTF-8 at offset " + QByteArray::number(i) + " (bytes " + hex + ")";
        }
        i += len;
    }
    return "clean text";
}

QByteArrayView trimmed(QByteArrayView t)
{
    qsizetype b = 0, e = t.size();
    while (b < e && isSpace(t[b]))
        ++b;
    while (e > b && isSpace(t[e - 1]))
        --e;
    return t.sliced(b, e - b);
}

std::optional<qint64> parseInteger(QByteArrayView text)
{
    QByteArrayView t = trimmed(text);
    if (!t.isEmpty() && t[0] == '+')
        t = t.sliced(1);
    qint64 v = 0;
    const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.isEmpty() || r.ec != std::errc() || r.ptr != t.data() + t.size())
        return std::nullopt;
    return v;
}

std::optional<double> parseDouble(QByteArrayView text)
{
    QByteArrayView t = trimmed(text);
    if (auto s = specialDouble(t))
        return s;
    if (!t.isEmpty() && t[0] == '+')
        t = t.sliced(1);
    double v = 0;
    const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.isEmpty() || r.ec != std::errc() || r.ptr != t.data() + t.size())
        return std::nullopt;
    return v;
}

std::optional<float> parseFloat(QByteArrayView text)
{
    QByteArrayView t = trimmed(text);
    if (auto s = specialDouble(t))
        return float(*s);
    if (!t.isEmpty() && t[0] == '+')
        t = t.sliced(1);
    float v = 0;
    const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.isEmpty() || r.ec != std::errc() || r.ptr != t.data() + t.size())
        return std::nullopt;
    return v;
}

std::optional<bool> parseBoolean(QByteArrayView text)
{
    const QByteArrayView t = trimmed(text);
    if (t.isEmpty())
        return std::nullopt;
    QByteArray lower = t.toByteArray().toLower();
    auto prefixOf = [&](const char *word, qsizetype min) {
        return lower.size() >= min && QByteArrayView(word).startsWith(lower);
    };
    if (prefixOf("true", 1) || prefixOf("yes", 1) || lower == "on" || lower == "1")
        return true;
    if (prefixOf("false", 1) || prefixOf("no", 1) || prefixOf("off", 2) || lower == "0")
        return false;
    return std::nullopt;
}

bool appendPlainDecimal(QByteArray &out, QByteArrayView text)
{
    const QByteArrayView t = trimmed(text);
    if (auto s = specialDouble(t)) {
        out.append(std::isnan(*s) ? "NaN" : *s < 0 ? "-Infinity" : "Infinity");
        return true;
    }
    qsizetype i = 0;
    bool negative = false;
    if (i < t.size() && (t[i] == '+' || t[i] == '-'))
        negative = t[i++] == '-';
    QVarLengthArray<char, 64> digits; // significant digits, no leading zeros
    qint64 point = 0; // digits before the decimal point, relative to the first significant one
    bool havePoint = false;
    qint64 seen = 0; // digits read, leading zeros included
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (c >= '0' && c <= '9') {
            if (c != '0' || !digits.isEmpty())
                digits.append(c);
            else if (havePoint)
                --point; // a leading zero after the point moves it left
            ++seen;
        } else if (c == '.' && !havePoint) {
            havePoint = true;
            point = digits.size();
        } else {
            break;
        }
    }
    if (seen == 0)
        return false;
    if (!havePoint)
        point = digits.size();
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        qint64 exp = 0;
        const char *from = t.data() + i + 1 + (t.size() > i + 1 && t[i + 1] == '+');
        const auto r = std::from_chars(from, t.data() + t.size(), exp);
        if (r.ec != std::errc() || r.ptr != t.data() + t.size() || exp > 200000 || exp < -200000)
            return false;
        point += exp;
        i = t.size();
    }
    if (i != t.size())
        return false;
    while (!digits.isEmpty() && digits.back() == '0')
        digits.removeLast();
    const qint64 n = digits.size();
    if (n == 0) {
        out.append('0');
        return true;
    }
    if (negative)
        out.append('-');
    if (point <= 0) {
        out.append('0');
    } else {
        out.append(digits.data(), qMin(point, n));
        if (point > n)
            out.append(point - n, '0');
    }
    if (n > point) {
        out.append('.');
        if (point < 0)
            out.append(-point, '0');
        out.append(digits.data() + qMax<qint64>(point, 0), n - qMax<qint64>(point, 0));
    }
    return true;
}

std::optional<QByteArray> plainDecimal(QByteArrayView text)
{
    QByteArray out;
    if (!appendPlainDecimal(out, text))
        return std::nullopt;
    return out;
}

void appendFloat8Bits(QByteArray &out, double v)
{
    quint64 bits;
    std::memcpy(&bits, &v, sizeof bits);
    unsigned char be[8];
    for (int i = 7; i >= 0; --i, bits >>= 8)
        be[i] = static_cast<unsigned char>(bits & 0xff);
    appendHex(out, QByteArrayView(reinterpret_cast<const char *>(be), 8));
}

void appendFloat4Bits(QByteArray &out, float v)
{
    quint32 bits;
    std::memcpy(&bits, &v, sizeof bits);
    unsigned char be[4];
    for (int i = 3; i >= 0; --i, bits >>= 8)
        be[i] = static_cast<unsigned char>(bits & 0xff);
    appendHex(out, QByteArrayView(reinterpret_cast<const char *>(be), 4));
}

} // namespace strata::transfer
