#pragma once
// Turns one SQLite value into (1) its field in PostgreSQL's COPY text or binary format, after the
// column's transform, and (2) its part of the row's canonical form for the content checksum
// (Verifier.h): the hash(es) PostgreSQL's hash_record_extended gives the value it stores, or
// the text it prints for that value as a field of a record.

#include "transfer/CanonRow.h"
#include "transfer/PgNumeric.h"
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
// Whether ValueEncoder can write this column in binary COPY format: every kind but Other.
bool binaryCopyFits(const QString &postgresType, TargetKind kind);
// The width of an integer column's values on the wire: 2 (smallint), 4 (integer) or 8.
int integerBytesOf(const QString &postgresType);
// How many elements a column of this kind adds to the checksum's record (RowHash::PgRecord):
// numeric adds its sign and NaN-ness (Verifier.h).
inline int recordHashTermCount(TargetKind kind)
{
    return kind == TargetKind::Numeric ? 3 : 1;
}
// A value as error messages show it: "integer 5", "text 'abc'", "a blob of 3 bytes".
QByteArray describeValue(const SourceValue &v);

class ValueEncoder {
public:
    // `binary`: fields in COPY's binary format (length and the type's wire form; see
    // binaryCopyFits) instead of its text format.
    ValueEncoder(TargetKind kind, ValueTransform transform, BadTextPolicy badText,
                 bool binary = false);

    // An integer column narrower than bigint (integerBytesOf): values outside its range are
    // refused, and binary fields have its width.
    void setIntegerBytes(int bytes) { m_integerBytes = bytes; }

    enum class Outcome { Ok, Replaced, Failed };
    // Appends the COPY field to `copy` and the value's element hash(es) or record field to
    // `canon`. Failed: `problem` says what is wrong with the value, nothing was appended.
    // Replaced: bad text was repaired (policy Replace); the caller reports it.
    Outcome encode(const SourceValue &v, QByteArray &copy, CanonRow &canon, QByteArray &problem);

private:
    Outcome text(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome integer(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome floating(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome numeric(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome numericText(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome boolean(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome bytes(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome epoch(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome isoText(const SourceValue &v, QByteArray &copy, QByteArray &problem);
    Outcome timeValue(qint64 micros, QByteArray &copy, QByteArray &problem);
    void timestampTerm(qint64 micros);
    void dateTerm(qint64 days);
    void term(quint64 hash) { m_terms[m_termCount++] = hash; }

    TargetKind m_kind;
    ValueTransform m_transform;
    BadTextPolicy m_badText;
    bool m_binary;
    int m_integerBytes = 8;
    bool m_hashing = false; // the row hashes elements (RowHash::PgRecord): no record text
    QByteArray m_canon;     // the record field of the value being encoded, or its stored text
    quint64 m_terms[3];     // the element hashes of the value being encoded
    int m_termCount = 0;
    PgNumeric m_numeric;
    QByteArray m_scratch; // reused buffer
};

} // namespace strata::transfer
