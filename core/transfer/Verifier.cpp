#include "transfer/Verifier.h"

namespace strata::transfer {

namespace {

inline quint32 rot(quint32 x, int k)
{
    return (x << k) | (x >> (32 - k));
}

inline void mix(quint32 &a, quint32 &b, quint32 &c)
{
    a -= c, a ^= rot(c, 4), c += b;
    b -= a, b ^= rot(a, 6), a += c;
    c -= b, c ^= rot(b, 8), b += a;
    a -= c, a ^= rot(c, 16), c += b;
    b -= a, b ^= rot(a, 19), a += c;
    c -= b, c ^= rot(b, 4), b += a;
}

inline void final(quint32 &a, quint32 &b, quint32 &c)
{
    c ^= b, c -= rot(b, 14);
    a ^= c, a -= rot(c, 11);
    b ^= a, b -= rot(a, 25);
    c ^= b, c -= rot(b, 16);
    a ^= c, a -= rot(c, 4);
    b ^= a, b -= rot(a, 14);
    c ^= b, c -= rot(b, 24);
}

inline quint32 word(const unsigned char *k)
{
    return k[0] + (quint32(k[1]) << 8) + (quint32(k[2]) << 16) + (quint32(k[3]) << 24);
}

} // namespace

quint64 pgHashBytesExtended(QByteArrayView bytes, quint64 seed)
{
    const auto *k = reinterpret_cast<const unsigned char *>(bytes.data());
    quint32 len = quint32(bytes.size());
    quint32 a, b, c;
    a = b = c = 0x9e3779b9 + len + 3923095;
    if (seed != 0) {
        a += quint32(seed >> 32);
        b += quint32(seed);
        mix(a, b, c);
    }
    while (len >= 12) {
        a += word(k);
        b += word(k + 4);
        c += word(k + 8);
        mix(a, b, c);
        k += 12;
        len -= 12;
    }
    switch (len) { // the lowest byte of c is reserved for the length
    case 11:
        c += quint32(k[10]) << 24;
        [[fallthrough]];
    case 10:
        c += quint32(k[9]) << 16;
        [[fallthrough]];
    case 9:
        c += quint32(k[8]) << 8;
        [[fallthrough]];
    case 8:
        b += quint32(k[7]) << 24;
        [[fallthrough]];
    case 7:
        b += quint32(k[6]) << 16;
        [[fallthrough]];
    case 6:
        b += quint32(k[5]) << 8;
        [[fallthrough]];
    case 5:
        b += k[4];
        [[fallthrough]];
    case 4:
        a += quint32(k[3]) << 24;
        [[fallthrough]];
    case 3:
        a += quint32(k[2]) << 16;
        [[fallthrough]];
    case 2:
        a += quint32(k[1]) << 8;
        [[fallthrough]];
    case 1:
        a += k[0];
        break;
    default:
        break;
    }
    final(a, b, c);
    return (quint64(b) << 32) | c;
}

Result<RowHash> chooseRowHash(PgConnection &pg)
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
        if (QString::number(qint64(pgHashBytesExtended(r.value(0).toUtf8(), 0))) != r.value(1))
            return RowHash::Md5;
    }
    return RowHash::PgHash;
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

QString checksumQuery(const QString &qualifiedTable, const QList<ChecksumColumn> &columns,
                      RowHash hash)
{
    QStringList exprs;
    for (const ChecksumColumn &c : columns)
        exprs << canonicalExpression(PgConnection::quoteIdentifier(c.name), c.kind);
    const QString row = QStringLiteral("ROW(%1)::text").arg(exprs.join(QStringLiteral(", ")));
    const QString h =
        hash == RowHash::PgHash
            ? QStringLiteral("hashtextextended(%1 COLLATE \"C\", 0)").arg(row)
            : QStringLiteral("('x' || substr(md5(%1), 1, 16))::bit(64)::bigint").arg(row);
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
