#include "transfer/CopyWriter.h"

#include <libpq-fe.h>

namespace strata::transfer {

Status CopyWriter::begin(const QString &copySql)
{
    m_sql = copySql;
    PGresult *res = PQexec(m_pg.handle(), copySql.toUtf8().constData());
    const bool ok = res && PQresultStatus(res) == PGRES_COPY_IN;
    QString message = res ? QString::fromUtf8(PQresultErrorMessage(res)).trimmed() : QString();
    PQclear(res);
    if (!ok) {
        Error e = m_pg.error(QStringLiteral("COPY could not start"), copySql);
        if (!message.isEmpty())
            e.driverMessage = message;
        return e;
    }
    m_active = true;
    m_buffer.reserve(512 * 1024);
    return {};
}

Status CopyWriter::flushIfFull(qint64 &sent, qsizetype threshold)
{
    if (m_buffer.size() < threshold)
        return {};
    if (PQputCopyData(m_pg.handle(), m_buffer.constData(), int(m_buffer.size())) != 1)
        return failure(QStringLiteral("sending COPY data failed"));
    sent += m_buffer.size();
    m_buffer.truncate(0); // keeps the allocation (clear() would free it)
    return {};
}

Status CopyWriter::end(qint64 &sent)
{
    if (Status s = flushIfFull(sent, 1); !s.ok())
        return s;
    if (PQputCopyEnd(m_pg.handle(), nullptr) != 1)
        return failure(QStringLiteral("ending COPY failed"));
    return failure(QString());
}

void CopyWriter::abort(const char *reason)
{
    if (!m_active || m_pg.isBroken())
        return;
    PQputCopyEnd(m_pg.handle(), reason);
    while (PGresult *res = PQgetResult(m_pg.handle()))
        PQclear(res);
    m_active = false;
}

// Reads the results that follow the end (or a failure) of COPY; an empty `what` means the
// end was sent and success is possible.
Status CopyWriter::failure(const QString &what)
{
    QString message;
    bool failed = !what.isEmpty();
    while (PGresult *res = PQgetResult(m_pg.handle())) {
        const ExecStatusType st = PQresultStatus(res);
        if (st == PGRES_COPY_IN) { // the server has not seen an error: give up the COPY
            PQclear(res);
            PQputCopyEnd(m_pg.handle(), "client error");
            continue;
        }
        if (st != PGRES_COMMAND_OK && message.isEmpty()) {
            message = QString::fromUtf8(PQresultErrorMessage(res)).trimmed();
            failed = true;
        }
        PQclear(res);
        if (m_pg.isBroken())
            break;
    }
    m_active = false;
    if (!failed)
        return {};
    Error e = m_pg.error(what.isEmpty() ? QStringLiteral("COPY failed") : what, m_sql);
    if (!message.isEmpty())
        e.driverMessage = message;
    return e;
}

} // namespace strata::transfer
