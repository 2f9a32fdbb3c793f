#include "transfer/Verifier.h"

namespace strata::transfer {

Result<RowHash> chooseRowHash(PgConnection &pg, QString *why)
{
    QStringList probes;
    QString text;
    for (int n = 0; n <= 40; ++n) {
        probes << text;
        text += QChar(n % 3 == 0 ? u'é' : QChar(u'a' + n % 26));
    }
    QStringList literals;
    for (const QString &p : probes)
        literals << PgConnection::quoteLiteral(p);
    auto rows = pg.query(
        QStringLiteral(
            "SELECT x, hashtextextended(x COLLATE \"C\", 0)::text FROM unnest(ARRAY[%1]::text[]) x")
            .arg(literals.join(u',')));
    if (!rows)
        return RowHash::Md5; // no hashtextextended (PostgreSQL < 11)
    for (const QStringList &r : *rows) {
        if (QString::number(qint64(pgHashBytesExtended(r.value(0).toUtf8(), 0))) != r.value(1)) {
            if (why)
                *why = QStringLiteral("the server's hashtextextended differs from Strata's: "
                                      "checksums use MD5 (slower)");
            return RowHash::Md5;
        }
    }
    auto version = pg.query(QStringLiteral("SELECT current_setting('server_version_num')::int"));
    if (!version)
        return version.error();
    if (version->value(0).value(0).toInt() < 140000)
        return RowHash::PgHash; // no hash_record_extended before PostgreSQL 14
    auto mismatches = recordHashMismatches(pg, rowHashProbes());
    if (!mismatches || !mismatches->isEmpty()) {
        if (why)
            *why = QStringLiteral("the server's hash_record_extended does not hash %1 as Strata "
                                  "does: checksums hash record text (slower)")
                       .arg(mismatches ? mismatches->first() : mismatches.error().toString());
        return RowHash::PgHash;
    }
    return RowHash::PgRecord;
}

void RowChecksum::addRow(const CanonRow &row)
{
    if (m_hash != RowHash::PgRecord) {
        addRow(row.text());
        return;
    }
    m_sum += qint64(row.hash());
    ++m_rows;
}

void RowChecksum::addRow(QByteArrayView rowText)
{
    qint64 h;
    if (m_hash == RowHash::PgHash) {
        h = qint64(pgHashBytesExtended(rowText, 0));
    } else {
        m_md5.reset();
        m_md5.addData(rowText);
        const QByteArrayView digest = m_md5.resultView();
        quint64 v = 0;
        for (int i = 0; i < 8; ++i)
            v = (v << 8) | static_cast<unsigned char>(digest[i]);
        h = qint64(v);
    }
    m_sum += h;
    ++m_rows;
}

QString RowChecksum::value() const
{
    __int128 v = m_sum;
    const bool negative = v < 0;
    unsigned __int128 u =
        negative ? static_cast<unsigned __int128>(-(v + 1)) + 1 : static_cast<unsigned __int128>(v);
    QString digits;
    do {
        digits.prepend(QChar(u'0' + int(u % 10)));
        u /= 10;
    } while (u);
    return negative ? u'-' + digits : digits;
}

namespace {

QString canonicalExpression(const QString &c, TargetKind kind)
{
    switch (kind) {
    case TargetKind::Float4:
        return QStringLiteral("encode(float4send(%1), 'hex')").arg(c);
    case TargetKind::Numeric:
        return QStringLiteral("trim_scale(%1)").arg(c);
    case TargetKind::PaddedText:
    case TargetKind::Other:
        return c + QStringLiteral("::text");
    default:
        return c; // printed by its own output function
    }
}

} // namespace

QStringList recordHashTerms(const QString &c, TargetKind kind)
{
    switch (kind) {
    case TargetKind::Integer:
    case TargetKind::Boolean:
    case TargetKind::Bytea:
    case TargetKind::Timestamp:
    case TargetKind::TimestampTz:
    case TargetKind::Date:
        return {c};
    case TargetKind::Float8:
        return {QStringLiteral("float8send(%1)").arg(c)};
    case TargetKind::Float4:
        return {QStringLiteral("float4send(%1)").arg(c)};
    case TargetKind::Numeric:
        return {c, QStringLiteral("%1 < 0").arg(c), QStringLiteral("%1 = 'NaN'").arg(c)};
    default:
        return {QStringLiteral("%1::text COLLATE \"C\"").arg(c)};
    }
}

RowHash rowHashFor(const QList<ChecksumColumn> &columns, RowHash hash)
{
    if (hash != RowHash::PgRecord)
        return hash;
    int terms = 0;
    for (const ChecksumColumn &c : columns)
        terms += recordHashTermCount(c.kind);
    return terms <= 1600 ? hash : RowHash::PgHash;
}

QString checksumQuery(const QString &qualifiedTable, const QList<ChecksumColumn> &columns,
                      RowHash hash)
{
    QStringList exprs;
    for (const ChecksumColumn &c : columns) {
        const QString column = PgConnection::quoteIdentifier(c.name);
        if (hash == RowHash::PgRecord)
            exprs << recordHashTerms(column, c.kind);
        else
            exprs << canonicalExpression(column, c.kind);
    }
    const QString row = QStringLiteral("ROW(%1)").arg(exprs.join(QStringLiteral(", ")));
    QString h;
    switch (hash) {
    case RowHash::PgRecord:
        h = QStringLiteral("hash_record_extended(%1, 0)").arg(row);
        break;
    case RowHash::PgHash:
        h = QStringLiteral("hashtextextended(%1::text COLLATE \"C\", 0)").arg(row);
        break;
    case RowHash::Md5:
        h = QStringLiteral("('x' || substr(md5(%1::text), 1, 16))::bit(64)::bigint").arg(row);
        break;
    }
    return QStringLiteral("SELECT count(*)::text, coalesce(sum(%1), 0)::text FROM %2")
        .arg(h, qualifiedTable);
}

Result<QString> checkSequence(PgConnection &pg, const QString &qualifiedTable,
                              const QString &column, qint64 expectedNext)
{
    const QString col = PgConnection::quoteIdentifier(column);
    auto found =
        pg.query(QStringLiteral(
                     "SELECT pg_get_serial_sequence(%1, %2), (SELECT coalesce(max(%3), 0) FROM %4)")
                     .arg(PgConnection::quoteLiteral(qualifiedTable),
                          PgConnection::quoteLiteral(column), col, qualifiedTable));
    if (!found)
        return found.error();
    if (found->isEmpty() || found->first().value(0).isNull())
        return QStringLiteral("%1 has no identity sequence").arg(column);
    const QString sequence = found->first().value(0);
    const qint64 maxId = found->first().value(1).toLongLong();
    auto pos = pg.query(
        QStringLiteral("SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM %1")
            .arg(sequence));
    if (!pos)
        return pos.error();
    const qint64 next = pos->value(0).value(0).toLongLong();
    if (next <= maxId)
        return QStringLiteral("the sequence of %1 continues at %2, but the table holds %3")
            .arg(column)
            .arg(next)
            .arg(maxId);
    if (next < expectedNext)
        return QStringLiteral("the sequence of %1 continues at %2, not at %3 (ids SQLite already "
                              "handed out would come back)")
            .arg(column)
            .arg(next)
            .arg(expectedNext);
    return QString();
}

} // namespace strata::transfer
