#pragma once
// Verification of a loaded table, computed the same way on both sides: the row count and a
// content checksum, the exact sum of one signed 64-bit hash per row (PostgreSQL: sum(bigint),
// a numeric; client: 128-bit). The sum does not depend on row order: no key or sort is needed,
// WITHOUT ROWID and key-less tables compare the same way, duplicate rows count, and PostgreSQL
// can scan in parallel. The loader hashes the values it sends (after transforms and the
// bad-text policy), the server the values it stored, so the check covers COPY, type input and
// storage. Three ways to hash a row, the first one the server supports (chooseRowHash):
//
// RowHash::PgRecord (PostgreSQL 14 and later): hash_record_extended(ROW(terms), 0), which
// combines its elements' extended hashes as h = h * 31 + element (NULL: 0). Terms per column:
//   bigint, integer, smallint     c                  hashint8extended of the value
//   timestamp, timestamptz        c                  hashint8extended of microseconds since 2000
//   date                          c                  hashint4extended of days since 2000
//   boolean                       c                  hashcharextended of 0 / 1
//   double precision, real        float8send(c), float4send(c): the exact bits, so -0 is not 0
//   numeric                       c, c < 0, c = 'NaN': hash_numeric_extended ignores the sign
//                                 and display scale and merges NaN with +-Infinity
//   bytea                         c                  the bytes
//   text types, character(n),     c::text COLLATE "C": the stored bytes (character(n) without
//   every other type                trailing blanks); "C" so that citext and case-insensitive
//                                   ICU collations do not hash case-insensitively
// The client computes the same element hashes from the binary values (PgHash.h); no value is
// rendered as text on either side. A probe of typed values of every kind (RowHashProbe.cpp)
// must give exactly the client's hashes, or the next method is used.
//
// RowHash::PgHash: each row rendered as PostgreSQL's record text of the copied columns,
// ROW(c1, c2, ...)::text, with the session set to DateStyle ISO, TimeZone UTC, bytea_output
// hex and extra_float_digits 1, so every value appears as PostgreSQL prints what it stored:
//   text, varchar, citext         the text                bigint, integer   decimal digits
//   double precision              shortest round-trip digits ("0.1", "1e+308", "-0")
//   boolean                       t / f                   bytea             \x and hex digits
//   timestamp, timestamptz, date  ISO ("2024-01-02 10:00:00.5", "+00" with a time zone)
//   numeric                       trim_scale(value) ("0.00001", "1.5")
//   real                          float4send bytes in hex; character(n), other types: ::text
// and fields follow record_out's rules (NULL empty, quotes when needed). The loader renders the
// same text; each row text is hashed with hashtextextended(text COLLATE "C", 0) (its
// hash_bytes_extended, reimplemented here). RowHash::Md5 hashes the same text with md5, for a
// server whose hashtextextended differs from ours (a big-endian one).

#include "transfer/CanonRow.h"
#include "transfer/PgConnection.h"
#include "transfer/PgHash.h"
#include "transfer/ValueEncoder.h"
#include <QCryptographicHash>

namespace strata::transfer {

// PgRecord when the server has hash_record_extended and hashes every probe value as we do,
// else PgHash when its hashtextextended agrees with ours, else Md5. `why` (when given)
// receives the reason a better method was not used, when that deserves a warning.
Result<RowHash> chooseRowHash(PgConnection &pg, QString *why = nullptr);

class RowChecksum {
public:
    explicit RowChecksum(RowHash hash) : m_hash(hash), m_md5(QCryptographicHash::Md5) {}
    void addRow(const CanonRow &row);
    void addRow(QByteArrayView rowText); // PgHash and Md5
    qint64 rows() const { return m_rows; }
    QString value() const; // the exact sum in decimal

private:
    RowHash m_hash;
    QCryptographicHash m_md5;
    __int128 m_sum = 0;
    qint64 m_rows = 0;
};

struct ChecksumColumn {
    QString name; // target column name
    TargetKind kind;
};

// The terms a column adds to PgRecord's ROW(...), in SQL over `quotedColumn`.
QStringList recordHashTerms(const QString &quotedColumn, TargetKind kind);
// The method for a table: `hash`, unless PgRecord's record would exceed the 1664 fields a
// PostgreSQL row can hold (numeric columns count three): then PgHash.
RowHash rowHashFor(const QList<ChecksumColumn> &columns, RowHash hash);

// SELECT count(*)::text, sum ... : the same checksum computed by PostgreSQL.
QString checksumQuery(const QString &qualifiedTable, const QList<ChecksumColumn> &columns,
                      RowHash hash);

// A typed value for PgRecord's probe: how SQLite holds it, and the same value as PostgreSQL
// gets it (a literal cast to `pgType`).
struct HashProbe {
    QString pgType; // "numeric", "character(5)", ...
    SourceValue::Type type = SourceValue::Null;
    qint64 integer = 0;
    double real = 0;
    QByteArray bytes;
    ValueTransform transform = ValueTransform::None;
    QString literal; // SQL text; NULL for a NULL
    TargetKind kind() const { return targetKindOf(pgType); }
    SourceValue value() const { return {type, integer, real, bytes}; }
    QString label() const { return pgType + u' ' + literal; }
};
// Extremes and special cases of every kind the loader hashes: negative and extreme integers,
// -0, NaN and infinities, numeric signs and scales, long numbers, dates around 2000 and far
// away, empty and binary bytea, unicode text, character(n) with trailing blanks.
QList<HashProbe> rowHashProbes();
// The client's hash_record_extended of ROW(terms of one column holding `probe`), through the
// loader's encoder in COPY's binary (when the type allows it) or text form; nullopt when the
// encoder refuses the value.
std::optional<quint64> clientRecordHash(const HashProbe &probe, bool binary);
// Labels of the probes (and of the row holding all of them and NULLs of every kind) whose
// server hash differs from the client's in either COPY form; empty: PgRecord can be used.
Result<QStringList> recordHashMismatches(PgConnection &pg, const QList<HashProbe> &probes);

// Where an identity column's sequence continues: problems are described, none = fine.
// `expectedNext` is the plan's sequenceStart (greatest(max(id), sqlite_sequence.seq) + 1).
Result<QString> checkSequence(PgConnection &pg, const QString &qualifiedTable,
                              const QString &column, qint64 expectedNext);

} // namespace strata::transfer
