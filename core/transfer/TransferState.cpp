#include "transfer/TransferState.h"

#include <QCryptographicHash>

namespace strata::transfer {

TransferState::TransferState(const QString &schema)
    : m_schema(schema),
      m_name(PgConnection::quoteIdentifier(schema) + QStringLiteral(".strata_transfer_state"))
{
}

QString TransferState::createSql() const
{
    return QStringLiteral(
               "CREATE TABLE IF NOT EXISTS %1 (table_name text PRIMARY KEY, rows bigint NOT NULL, "
               "source_checksum text, target_checksum text, verified boolean NOT NULL, "
               "definition text NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now())")
        .arg(m_name);
}

QString TransferState::dropSql() const
{
    return QStringLiteral("DROP TABLE IF EXISTS %1").arg(m_name);
}

QString TransferState::recordSql(const QString &table, const StateRow &row) const
{
    auto lit = [](const QString &s) {
        return s.isNull() ? QStringLiteral("NULL") : PgConnection::quoteLiteral(s);
    };
    return QStringLiteral("DELETE FROM %1 WHERE table_name = %2; "
                          "INSERT INTO %1 (table_name, rows, source_checksum, target_checksum, "
                          "verified, definition) "
                          "VALUES (%2, %3, %4, %5, %6, %7)")
        .arg(m_name, lit(table))
        .arg(row.rows)
        .arg(lit(row.sourceChecksum), lit(row.targetChecksum),
             row.verified ? QStringLiteral("true") : QStringLiteral("false"), lit(row.definition));
}

Result<QHash<QString, StateRow>> TransferState::read(PgConnection &pg) const
{
    QHash<QString, StateRow> rows;
    auto exists = pg.query(QStringLiteral("SELECT to_regclass(%1) IS NOT NULL")
                               .arg(PgConnection::quoteLiteral(m_name)));
    if (!exists)
        return exists.error();
    if (exists->value(0).value(0) != QLatin1String("t"))
        return rows;
    auto r = pg.query(QStringLiteral("SELECT table_name, rows, source_checksum, target_checksum, "
                                     "verified, definition FROM %1")
                          .arg(m_name));
    if (!r)
        return r.error();
    for (const QStringList &row : *r) {
        StateRow s;
        s.rows = row.value(1).toLongLong();
        s.sourceChecksum = row.value(2);
        s.targetChecksum = row.value(3);
        s.verified = row.value(4) == QLatin1String("t");
        s.definition = row.value(5);
        rows.insert(row.value(0), s);
    }
    return rows;
}

QString TransferState::definition(const TableDecision &table, const QString &createSql)
{
    QCryptographicHash md5(QCryptographicHash::Md5);
    md5.addData(createSql.toUtf8());
    for (const ColumnDecision &c : table.columns) {
        md5.addData(
            QStringLiteral("\n%1 %2 %3 %4 %5")
                .arg(c.sourceName, c.targetName, c.targetType, valueTransformName(c.transform))
                .arg(c.generated)
                .toUtf8());
    }
    return QString::fromLatin1(md5.result().toHex());
}

} // namespace strata::transfer
