#pragma once
// Streams COPY ... FROM STDIN (text or binary format) through libpq: rows are appended to a buffer
// that goes out with PQputCopyData whenever it fills; end() finishes with PQputCopyEnd and reads
// the server's verdict, abort() makes the server reject the whole COPY.

#include "transfer/PgConnection.h"
#include <QByteArray>

namespace strata::transfer {

class CopyWriter {
public:
    explicit CopyWriter(PgConnection &pg) : m_pg(pg) {}
    Status begin(const QString &copySql);
    QByteArray &buffer() { return m_buffer; } // append whole rows, each ending in '\n'
    // Sends the buffer once it holds at least `threshold` bytes; `sent` grows by what went.
    Status flushIfFull(qint64 &sent, qsizetype threshold = 256 * 1024);
    Status end(qint64 &sent);
    void abort(const char *reason);

private:
    Status failure(const QString &what);
    PgConnection &m_pg;
    QString m_sql;
    QByteArray m_buffer;
    bool m_active = false;
};

} // namespace strata::transfer
