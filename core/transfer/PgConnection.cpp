#include "transfer/PgConnection.h"

#include <libpq-fe.h>
#include <poll.h>
#include <vector>

namespace strata::transfer {

namespace {

QString resultMessage(const PGresult *res)
{
    return QString::fromUtf8(PQresultErrorMessage(res)).trimmed();
}

// Waits until libpq has a whole result, cancelling on the server when asked to.
bool waitForResult(PGconn *conn, const std::atomic<bool> *cancel)
{
    bool cancelSent = false;
    while (PQisBusy(conn)) {
        pollfd pfd{PQsocket(conn), POLLIN, 0};
        if (pfd.fd < 0)
            return false;
        ::poll(&pfd, 1, 100);
        if (!PQconsumeInput(conn))
            return false;
        if (cancel && cancel->load() && !cancelSent) {
            if (PGcancel *c = PQgetCancel(conn)) {
                char buf[256];
                PQcancel(c, buf, sizeof buf);
                PQfreeCancel(c);
            }
            cancelSent = true;
        }
    }
    return true;
}

// Server notices ("already exists, skipping") are not for the user's terminal.
void ignoreNotice(void *, const char *) {}

} // namespace

Result<std::unique_ptr<PgConnection>> PgConnection::open(const ConnectionSpec &spec,
                                                         const QString &applicationName)
{
    // Empty values are left out: libpq then reads PG* variables and ~/.pgpass itself.
    QList<QPair<QByteArray, QByteArray>> params;
    auto add = [&](const char *key, const QString &value) {
        if (!value.isEmpty())
            params.append({QByteArray(key), value.toUtf8()});
    };
    add("host", spec.host);
    if (spec.port > 0)
        add("port", QString::number(spec.port));
    add("dbname", spec.database);
    add("user", spec.user);
    add("password", spec.password);
    bool haveTimeout = false;
    for (const auto &[key, value] : spec.options) {
        if (key == QLatin1String("application_name") || key == QLatin1String("client_encoding"))
            continue; // ours: the loader names its backends and speaks UTF-8
        haveTimeout |= key == QLatin1String("connect_timeout");
        params.append({key.toUtf8(), value.toUtf8()});
    }
    if (!haveTimeout)
        add("connect_timeout", QStringLiteral("10"));
    add("application_name", applicationName);
    add("client_encoding", QStringLiteral("UTF8"));

    std::vector<const char *> keys, values;
    for (const auto &[k, v] : params) {
        keys.push_back(k.constData());
        values.push_back(v.constData());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);

    std::unique_ptr<PgConnection> c(new PgConnection);
    c->m_conn = PQconnectdbParams(keys.data(), values.data(), 0);
    if (!c->m_conn || PQstatus(c->m_conn) != CONNECTION_OK) {
        const QString detail =
            c->m_conn ? QString::fromUtf8(PQerrorMessage(c->m_conn)).trimmed() : QString();
        return Error::database(QStringLiteral("cannot connect to %1").arg(spec.displayUrl()),
                               detail);
    }
    PQsetNoticeProcessor(c->m_conn, ignoreNotice, nullptr);
    if (Status s = c->applySessionSettings(); !s.ok())
        return s.error();
    return c;
}

Result<std::unique_ptr<PgConnection>> PgConnection::borrow(pg_conn *conn)
{
    if (!conn || PQstatus(conn) != CONNECTION_OK)
        return Error::database(QStringLiteral("the PostgreSQL session has no open connection"));
    std::unique_ptr<PgConnection> c(new PgConnection);
    c->m_conn = conn;
    c->m_owned = false;
    if (Status s = c->applySessionSettings(); !s.ok())
        return s.error();
    return c;
}

Status PgConnection::applySessionSettings()
{
    return exec(QStringLiteral("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; "
                               "SET standard_conforming_strings = on; "
                               "SET extra_float_digits = 1; SET bytea_output = 'hex'"));
}

PgConnection::~PgConnection()
{
    if (m_conn && m_owned)
        PQfinish(m_conn);
}

bool PgConnection::isBroken() const
{
    return !m_conn || PQstatus(m_conn) == CONNECTION_BAD;
}

Result<Rows> PgConnection::query(const QString &sql, const std::atomic<bool> *cancel,
                                 QString *sqlState)
{
    m_lastMessage.clear();
    if (!PQsendQuery(m_conn, sql.toUtf8().constData())) {
        m_lastMessage = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
        return error(QStringLiteral("the statement could not be sent"), sql);
    }
    Rows rows;
    bool failed = false;
    for (;;) {
        if (!waitForResult(m_conn, cancel)) {
            m_lastMessage = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
            failed = true;
            break;
        }
        PGresult *res = PQgetResult(m_conn);
        if (!res)
            break;
        const ExecStatusType st = PQresultStatus(res);
        if (st == PGRES_TUPLES_OK) {
            rows.clear();
            const int n = PQntuples(res), cols = PQnfields(res);
            rows.reserve(n);
            for (int r = 0; r < n; ++r) {
                QStringList row;
                for (int col = 0; col < cols; ++col)
                    row << (PQgetisnull(res, r, col) ? QString()
                                                     : QString::fromUtf8(PQgetvalue(res, r, col)));
                rows << row;
            }
        } else if (st != PGRES_COMMAND_OK && st != PGRES_EMPTY_QUERY && !failed) {
            failed = true;
            m_lastMessage = resultMessage(res);
            if (sqlState)
                *sqlState = QString::fromLatin1(PQresultErrorField(res, PG_DIAG_SQLSTATE));
        }
        PQclear(res);
    }
    if (failed) {
        if (cancel && cancel->load())
            return Error::cancelled();
        return error(QStringLiteral("the statement failed"), sql);
    }
    return rows;
}

Status PgConnection::exec(const QString &sql, const std::atomic<bool> *cancel, QString *sqlState)
{
    auto r = query(sql, cancel, sqlState);
    if (!r)
        return r.error();
    return {};
}

Status PgConnection::execTolerating(const QString &sql, const QStringList &toleratedStates,
                                    bool *tolerated)
{
    *tolerated = false;
    if (Status s = exec(QStringLiteral("SAVEPOINT strata_stmt")); !s.ok())
        return s;
    QString state;
    Status s = exec(sql, nullptr, &state);
    if (!s.ok()) {
        if (!toleratedStates.contains(state))
            return s;
        *tolerated = true;
        return exec(QStringLiteral("ROLLBACK TO SAVEPOINT strata_stmt"));
    }
    return exec(QStringLiteral("RELEASE SAVEPOINT strata_stmt"));
}

void PgConnection::rollback()
{
    if (isBroken())
        return;
    if (PQtransactionStatus(m_conn) == PQTRANS_ACTIVE) {
        // Still inside COPY or a statement: abandon it first.
        PQputCopyEnd(m_conn, "aborted");
        while (PGresult *res = PQgetResult(m_conn))
            PQclear(res);
    }
    if (PQtransactionStatus(m_conn) != PQTRANS_IDLE)
        exec(QStringLiteral("ROLLBACK"));
}

Error PgConnection::error(const QString &what, const QString &sql) const
{
    QString message = m_lastMessage;
    if (message.isEmpty())
        message = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
    Error e = Error::database(what, message);
    if (isBroken())
        e.message = QStringLiteral("the connection to PostgreSQL was lost (%1)").arg(what);
    else if (message.contains(QLatin1String("max_locks_per_transaction")))
        e.message =
            what +
            QStringLiteral(": the server ran out of lock slots; raise "
                           "max_locks_per_transaction or transfer fewer tables at once (--tables)");
    e.statement = sql.size() > 2000 ? sql.left(2000) + QStringLiteral(" …") : sql;
    return e;
}

QString PgConnection::quoteIdentifier(const QString &name)
{
    QString q = name;
    q.replace(u'"', QStringLiteral("\"\""));
    return u'"' + q + u'"';
}

QString PgConnection::quoteLiteral(const QString &text)
{
    QString q = text;
    q.replace(u'\'', QStringLiteral("''"));
    return u'\'' + q + u'\'';
}

} // namespace strata::transfer
