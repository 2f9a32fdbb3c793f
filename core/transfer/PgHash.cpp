#include "transfer/PgHash.h"

#include <QtEndian>

namespace strata::transfer {

namespace {

inline quint32 rot(quint32 x, int k)
{
    return (x << k) | (x >> (32 - k));
}

inline void mix(quint32 &a, quint32 &b, quint32 &c)
{
    a -= c, a ^= rot(c, 4), c += b;
    b -= a, b ^= rot(a, 6), a += c;
    c -= b, c ^= rot(b, 8), b += a;
    a -= c, a ^= rot(c, 16), c += b;
    b -= a, b ^= rot(a, 19), a += c;
    c -= b, c ^= rot(b, 4), b += a;
}

inline void final(quint32 &a, quint32 &b, quint32 &c)
{
    c ^= b, c -= rot(b, 14);
    a ^= c, a -= rot(c, 11);
    b ^= a, b -= rot(a, 25);
    c ^= b, c -= rot(b, 16);
    a ^= c, a -= rot(c, 4);
    b ^= a, b -= rot(a, 14);
    c ^= b, c -= rot(b, 24);
}

inline quint32 word(const unsigned char *k)
{
    return k[0] + (quint32(k[1]) << 8) + (quint32(k[2]) << 16) + (quint32(k[3]) << 24);
}

} // namespace

quint64 pgHashBytesExtended(QByteArrayView bytes, quint64 seed)
{
    const auto *k = reinterpret_cast<const unsigned char *>(bytes.data());
    quint32 len = quint32(bytes.size());
    quint32 a, b, c;
    a = b = c = 0x9e3779b9 + len + 3923095;
    if (seed != 0) {
        a += quint32(seed >> 32);
        b += quint32(seed);
        mix(a, b, c);
    }
    while (len >= 12) {
        a += word(k);
        b += word(k + 4);
        c += word(k + 8);
        mix(a, b, c);
        k += 12;
        len -= 12;
    }
    switch (len) { // the lowest byte of c is reserved for the length
    case 11:
        c += quint32(k[10]) << 24;
        [[fallthrough]];
    case 10:
        c += quint32(k[9]) << 16;
        [[fallthrough]];
    case 9:
        c += quint32(k[8]) << 8;
        [[fallthrough]];
    case 8:
        b += quint32(k[7]) << 24;
        [[fallthrough]];
    case 7:
        b += quint32(k[6]) << 16;
        [[fallthrough]];
    case 6:
        b += quint32(k[5]) << 8;
        [[fallthrough]];
    case 5:
        b += k[4];
        [[fallthrough]];
    case 4:
        a += quint32(k[3]) << 24;
        [[fallthrough]];
    case 3:
        a += quint32(k[2]) << 16;
        [[fallthrough]];
    case 2:
        a += quint32(k[1]) << 8;
        [[fallthrough]];
    case 1:
        a += k[0];
        break;
    default:
        break;
    }
    final(a, b, c);
    return (quint64(b) << 32) | c;
}

quint64 pgHashUint32Extended(quint32 k, quint64 seed)
{
    quint32 a, b, c;
    a = b = c = 0x9e3779b9 + quint32(sizeof(quint32)) + 3923095;
    if (seed != 0) {
        a += quint32(seed >> 32);
        b += quint32(seed);
        mix(a, b, c);
    }
    a += k;
    final(a, b, c);
    return (quint64(b) << 32) | c;
}

quint64 pgHashNumericExtended(const PgNumeric &n)
{
    if (n.isSpecial())
        return 0;
    if (n.digits.isEmpty()) // zero: PostgreSQL returns seed - 1
        return ~quint64(0);
    // The digits are hashed as the server holds them in memory: int16, little-endian here.
    unsigned char buf[64];
    QVarLengthArray<unsigned char, 1> longer;
    unsigned char *bytes = buf;
    if (n.digits.size() * 2 > qsizetype(sizeof buf)) {
        longer.resize(n.digits.size() * 2);
        bytes = longer.data();
    }
    for (qsizetype i = 0; i < n.digits.size(); ++i)
        qToLittleEndian(n.digits[i], bytes + 2 * i);
    const quint64 h = pgHashBytesExtended(
        QByteArrayView(reinterpret_cast<const char *>(bytes), n.digits.size() * 2), 0);
    return h ^ quint64(qint64(n.weight));
}

} // namespace strata::transfer
