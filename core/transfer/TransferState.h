#pragma once
// The loader's bookkeeping in the target: table strata_transfer_state (in the target schema)
// holds one row per table that a transfer committed, written in the same transaction as the
// table's CREATE and COPY, so a row exists exactly when the table's data does:
//   table_name, rows, source_checksum, target_checksum, verified, definition (an MD5 of the
//   table's CREATE statement and column transforms), loaded_at.
// --resume skips a table whose row says verified with the same definition and whose table is
// there. The table is dropped in the transaction that finishes the transfer (keys, indexes,
// views ...), so a completed target holds nothing of Strata's.

#include "transfer/PgConnection.h"
#include "transfer/TransferPlan.h"
#include <QHash>

namespace strata::transfer {

struct StateRow {
    qint64 rows = 0;
    QString sourceChecksum, targetChecksum;
    bool verified = false;
    QString definition;
};

class TransferState {
public:
    explicit TransferState(const QString &schema);
    QString qualifiedName() const { return m_name; }
    QString createSql() const;
    QString dropSql() const;
    QString recordSql(const QString &table, const StateRow &row) const;
    // Rows by table name; empty when the table does not exist.
    Result<QHash<QString, StateRow>> read(PgConnection &pg) const;

    static QString definition(const TableDecision &table, const QString &createSql);

private:
    QString m_schema, m_name;
};

} // namespace strata::transfer
