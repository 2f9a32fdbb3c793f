#pragma once
// PostgreSQL's binary COPY format, for the loader: the file header and trailer, big-endian
// integers, and the wire forms of numeric, timestamp and date. Binary input spares the server
// parsing numbers and timestamps from text, the largest part of its COPY work.

#include "transfer/ByteAppend.h"
#include "transfer/PgNumeric.h"
#include <QtEndian>

namespace strata::transfer {

// "PGCOPY\n\377\r\n\0", flags 0, no header extension.
void appendCopyBinaryHeader(QByteArray &out);
void appendCopyBinaryTrailer(QByteArray &out); // field count -1

inline void appendBigEndian16(QByteArray &out, qint16 v)
{
    qToBigEndian(v, appendSpace(out, 2));
}
inline void appendBigEndian32(QByteArray &out, qint32 v)
{
    qToBigEndian(v, appendSpace(out, 4));
}
inline void appendBigEndian64(QByteArray &out, qint64 v)
{
    qToBigEndian(v, appendSpace(out, 8));
}
inline void patchBigEndian32(QByteArray &out, qsizetype at, qint32 v)
{
    qToBigEndian(v, out.data() + at);
}

// Microseconds (days) since 1970-01-01 as PostgreSQL counts them, since 2000-01-01.
constexpr qint64 PgEpochDays = 10957;
constexpr qint64 PgEpochMicros = PgEpochDays * 86400LL * 1000000LL;

// A numeric literal as numeric_recv reads it, with the display scale numeric_in would give
// the same text ("1.50" keeps two decimals, "1e-5" five). Accepts what numeric_in accepts:
// sign, digits with an optional point, an exponent, NaN and (-)Infinity/inf in any case.
// False (nothing appended) when the text is not such a number (see parsePgNumeric).
bool appendBinaryNumeric(QByteArray &out, QByteArrayView text);
void appendBinaryNumeric(QByteArray &out, const PgNumeric &n);

} // namespace strata::transfer
