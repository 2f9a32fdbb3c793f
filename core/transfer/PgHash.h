#pragma once
// PostgreSQL's extended (64-bit, seeded) hash functions, reimplemented for the content
// checksum (Verifier.h) so the loader hashes what it sends exactly as the server hashes what it
// stored. The byte hash reads 4-byte words little-endian, as a little-endian server does; the
// checksum's probe falls back when the server disagrees.

#include "transfer/PgNumeric.h"
#include <QByteArrayView>

namespace strata::transfer {

// hash_bytes_extended (src/common/hashfn.c): text (deterministic collation), bytea.
quint64 pgHashBytesExtended(QByteArrayView bytes, quint64 seed = 0);
// hash_bytes_uint32_extended: hashint4extended, hashcharextended (boolean), date.
quint64 pgHashUint32Extended(quint32 k, quint64 seed = 0);

// hashint8extended (also bigint, timestamp and timestamptz; int2 and int4 hash their values
// the same way).
inline quint64 pgHashInt8Extended(qint64 v, quint64 seed = 0)
{
    quint32 lo = quint32(v);
    const quint32 hi = quint32(quint64(v) >> 32);
    lo ^= v >= 0 ? hi : ~hi;
    return pgHashUint32Extended(lo, seed);
}

// hash_numeric_extended with seed 0: it ignores sign and display scale, and every special
// value (NaN, +-Infinity) hashes to 0.
quint64 pgHashNumericExtended(const PgNumeric &n);

} // namespace strata::transfer
