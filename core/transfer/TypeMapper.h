#pragma once
// Choosing a column's PostgreSQL type and value transform from its SQLite declared type and
// what its data holds (ColumnProfile), with a reason for people. The rules are listed in
// docs/TRANSFER.md, "Type decisions".

#include "transfer/TransferPlan.h"

namespace strata {

// SQLite's type affinity (https://sqlite.org/datatype3.html, 3.1).
enum class Affinity { Integer, Text, Blob, Real, Numeric };

struct DeclaredType {
    QString text;    // as declared
    QString base;    // upper case, single spaces, without the (...) part: "NVARCHAR"
    QList<int> args; // the numbers in (...): NUMERIC(10,2) -> {10, 2}
    Affinity affinity = Affinity::Blob;

    static DeclaredType parse(const QString &declared);
    bool isBoolean() const;  // BOOL, BOOLEAN
    bool isDate() const;     // DATE
    bool isDateTime() const; // DATETIME, TIMESTAMP, TIMESTAMPTZ, DATE
    bool isTime() const;     // TIME
    // NUMERIC(p,s) / DECIMAL(p,s) (s = 0 when omitted); false otherwise.
    bool precision(int *p, int *s) const;
    // The declared length of a character type (VARCHAR(n), NCHAR(n), ...); -1 when none.
    int length() const;
};

struct TypeChoice {
    QString type; // PostgreSQL spelling, as format_type() writes it
    ValueTransform transform = ValueTransform::None;
    QString reason;
    QString collation;    // for COLLATE NOCASE with options.nocase == "icu"
    QStringList warnings; // said once in TransferPlan::warnings
};

class TypeMapper {
public:
    // `identity`: the column is a rowid alias / AUTOINCREMENT key becoming an identity column.
    // `nocaseCollation`: the quoted, qualified ICU collation for options.nocase == "icu".
    static TypeChoice choose(const Column &column, const ColumnProfile &profile, bool identity,
                             const TransferOptions &options, const QString &nocaseCollation);
    // True for the types text values go to: text, character varying(n), character(n), citext.
    static bool isTextType(const QString &type);
    // A foreign key column without a collation of its own that references a COLLATE NOCASE key:
    // SQLite compares it with the parent's collation, so it is treated as NOCASE too (and
    // PostgreSQL gets matching key types). "parent.column", or empty.
    static QString inheritedNocase(const Schema &source, const Table &table, const Column &column);
};

} // namespace strata
