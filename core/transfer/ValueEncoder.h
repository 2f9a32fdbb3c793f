#pragma once
// Turns one SQLite value into (1) its field in PostgreSQL's COPY text or binary format, after the
// column's transform, and (2) the text PostgreSQL will print for the value it stores, as a
// field of a record (see Verifier.h: the checksum hashes that record text on both sides).

#include "transfer/SqliteReader.h"
#include "transfer/TransferPlan.h"
#include <QByteArray>

namespace strata::transfer {

// What kind of PostgreSQL type a column has, as far as encoding and checking go.
enum class TargetKind {
    Text,
    PaddedText,
    Integer,
    Float8,
    Float4,
    Numeric,
    Boolean,
    Bytea,
    Timestamp,
    TimestampTz,
    Date,
    Other
};
TargetKind targetKindOf(const QString &postgresType);
// Whether ValueEncoder can write this column in binary COPY format: every kind but Other, and
// of the integer types only bigint (the encoder writes 8 bytes).
bool binaryCopyFits(const QString &postgresType, TargetKind kind);

class ValueEncoder {
public:
    // `binary`: fields in COPY's binary format (length and the type's wire form; see
    // binaryCopyFits) instead of its text format.
    ValueEncoder(TargetKind kind, ValueTransform transform, BadTextPolicy badText,
                 bool binary = false);

    enum class Outcome { Ok, Replaced, Failed };
    // Appends the COPY field to `copy` and the value's record field to `canon`.
    // Failed: `problem` says what is wrong with the value, nothing was appended.
    // Replaced: bad text was repaired (policy Replace); the caller reports it.
    Outcome encode(const SourceValue &v, QByteArray &copy, QByteArray &canon, QByteArray &problem);

private:
    Outcome text(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome integer(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome floating(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome numeric(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome boolean(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome bytes(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome epoch(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome isoText(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome timeValue(qint64 micros, QByteArray &copy, QByteArray &problem);

    TargetKind m_kind;
    ValueTransform m_transform;
    BadTextPolicy m_badText;
    bool m_binary;
    QByteArray m_canon;   // the canonical value of the field being encoded
    QByteArray m_scratch; // reused buffer
};

} // namespace strata::transfer
