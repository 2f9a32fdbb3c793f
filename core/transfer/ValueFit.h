#pragma once
// Whether an SQLite value fits a PostgreSQL column a migration declared, checked on the client
// before anything is sent: what the loader's encoder does not refuse by itself (a NULL in a NOT
// NULL column, text longer than varchar(n)/char(n), integers outside smallint/integer, numbers
// numeric(p,s) would round or refuse). The encoder refuses the rest (text in an integer column,
// a date that does not exist, a boolean other than 0/1/true/false); types Strata does not know
// (uuid, json, enums, domains, arrays ...) go to PostgreSQL as text and its input function decides.

#include "transfer/SqliteReader.h"
#include "transfer/TransferPlan.h"
#include <QByteArray>
#include <QString>
#include <limits>

namespace strata::transfer {

class ValueFit {
public:
    ValueFit() = default;
    // `postgresType` as format_type() prints it: "character varying(20)", "numeric(8,2)".
    ValueFit(const QString &postgresType, bool notNull);

    // Why `v` cannot be stored as it is; empty when it can (or when the encoder decides).
    QByteArray problem(const SourceValue &v) const;

    bool notNull() const { return m_notNull; }
    int maxChars() const { return m_maxChars; }

private:
    bool m_notNull = false;
    int m_maxChars = -1; // varchar(n), char(n)
    bool m_integerRange = false;
    qint64 m_min = std::numeric_limits<qint64>::min(), m_max = std::numeric_limits<qint64>::max();
    int m_precision = -1, m_scale = 0; // numeric(p,s)
    QString m_type;
};

} // namespace strata::transfer
