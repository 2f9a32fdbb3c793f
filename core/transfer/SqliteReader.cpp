#include "transfer/SqliteReader.h"

#include <sqlite3.h>

namespace strata::transfer {

SqliteCursor::~SqliteCursor()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

Result<bool> SqliteCursor::next()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return Error::database(QStringLiteral("reading the SQLite database failed"),
                           QString::fromUtf8(sqlite3_errmsg(m_db)));
}

SourceValue SqliteCursor::value(int column) const
{
    // One sqlite3_column_value, then the sqlite3_value_* readers: each sqlite3_column_* call
    // pays for its own error bookkeeping, a measurable share of the loader's time.
    sqlite3_value *cell = sqlite3_column_value(m_stmt, column);
    SourceValue v;
    v.type = SourceValue::Type(sqlite3_value_type(cell));
    switch (v.type) {
    case SourceValue::Integer:
        v.integer = sqlite3_value_int64(cell);
        break;
    case SourceValue::Real:
        v.real = sqlite3_value_double(cell);
        break;
    case SourceValue::Text: {
        const auto *p = reinterpret_cast<const char *>(sqlite3_value_text(cell));
        v.bytes = QByteArrayView(p, sqlite3_value_bytes(cell));
        break;
    }
    case SourceValue::Blob: {
        const auto *p = static_cast<const char *>(sqlite3_value_blob(cell));
        const int n = sqlite3_value_bytes(cell);
        v.bytes = n > 0 ? QByteArrayView(p, n) : QByteArrayView("", 0); // empty, not NULL
        break;
    }
    default:
        v.type = SourceValue::Null;
        break;
    }
    return v;
}

Result<std::unique_ptr<SqliteReader>> SqliteReader::open(const QString &path)
{
    if (path.isEmpty() || path == QLatin1String(":memory:"))
        return Error::usage(
            QStringLiteral("the source must be an SQLite file, not an in-memory database"));
    std::unique_ptr<SqliteReader> r(new SqliteReader);
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &r->m_db,
                                   SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const QString detail = r->m_db ? QString::fromUtf8(sqlite3_errmsg(r->m_db)) : QString();
        return Error::database(QStringLiteral("cannot open %1").arg(path), detail);
    }
    sqlite3_busy_timeout(r->m_db, 60000);
    return r;
}

SqliteReader::~SqliteReader()
{
    if (m_db)
        sqlite3_close_v2(m_db);
}

Result<std::unique_ptr<SqliteCursor>> SqliteReader::select(const QString &sql)
{
    std::unique_ptr<SqliteCursor> c(new SqliteCursor);
    c->m_db = m_db;
    const QByteArray text = sql.toUtf8();
    if (sqlite3_prepare_v2(m_db, text.constData(), int(text.size()), &c->m_stmt, nullptr) !=
        SQLITE_OK) {
        Error e = Error::database(QStringLiteral("the SQLite query failed"),
                                  QString::fromUtf8(sqlite3_errmsg(m_db)));
        e.statement = sql;
        return e;
    }
    c->m_columns = sqlite3_column_count(c->m_stmt);
    return c;
}

QString SqliteReader::quoteIdentifier(const QString &name)
{
    QString q = name;
    q.replace(u'"', QStringLiteral("\"\""));
    return u'"' + q + u'"';
}

} // namespace strata::transfer
