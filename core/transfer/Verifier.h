#pragma once
// Verification of a loaded table, computed the same way on both sides.
//
// Content checksum: each row is rendered as PostgreSQL's record text of the copied columns,
// ROW(c1, c2, ...)::text, with the session set to DateStyle ISO, TimeZone UTC, bytea_output hex
// and extra_float_digits 1. So every value appears as PostgreSQL prints what it stored:
//   text, varchar, citext         the text                bigint, integer   decimal digits
//   double precision              shortest round-trip digits ("0.1", "1e+308", "-0")
//   boolean                       t / f                   bytea             \x and hex digits
//   timestamp, timestamptz, date  ISO ("2024-01-02 10:00:00.5", "+00" with a time zone)
//   numeric                       trim_scale(value) ("0.00001", "1.5")
//   real                          float4send bytes in hex; character(n), other types: ::text
// and fields follow record_out's rules (NULL empty, quotes when needed). The loader renders the
// same text from the values it sends (after transforms and the bad-text policy), so the check
// covers COPY, type input and storage. Each row text is hashed with PostgreSQL's
// hashtextextended(text COLLATE "C", 0) (its hash_bytes_extended, reimplemented here) and the
// signed 64-bit hashes are summed exactly (PostgreSQL: sum(bigint) is numeric; client:
// 128-bit). The sum does not depend on row order: no key or sort is needed, WITHOUT ROWID and
// key-less tables compare the same way, duplicate rows count, and PostgreSQL can scan in
// parallel. When the server's hash differs from ours (a big-endian server), MD5 is used.

#include "transfer/PgConnection.h"
#include "transfer/ValueEncoder.h"
#include <QCryptographicHash>

namespace strata::transfer {

enum class RowHash { PgHash, Md5 };

// PostgreSQL's hash_bytes_extended (src/common/hashfn.c, little-endian byte order).
quint64 pgHashBytesExtended(QByteArrayView bytes, quint64 seed);
// PgHash when the server hashes as we do (probed with a few strings), else Md5.
Result<RowHash> chooseRowHash(PgConnection &pg);

class RowChecksum {
public:
    explicit RowChecksum(RowHash hash) : m_hash(hash), m_md5(QCryptographicHash::Md5) {}
    void addRow(QByteArrayView rowText);
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

// SELECT count(*)::text, sum ... : the same checksum computed by PostgreSQL.
QString checksumQuery(const QString &qualifiedTable, const QList<ChecksumColumn> &columns,
                      RowHash hash);

// Where an identity column's sequence continues: problems are described, none = fine.
// `expectedNext` is the plan's sequenceStart (greatest(max(id), sqlite_sequence.seq) + 1).
Result<QString> checkSequence(PgConnection &pg, const QString &qualifiedTable,
                              const QString &column, qint64 expectedNext);

} // namespace strata::transfer
