#pragma once
// A plain libpq connection for the loader, one per thread: built from a ConnectionSpec (empty
// fields fall back to libpq's PG* variables and ~/.pgpass), session set to UTF-8, UTC, ISO
// dates, shortest float output and hex bytea (what the checksum's record text assumes). Statements
// run asynchronously so that a cancel request interrupts them (PQcancel).

#include "connection/ConnectionSpec.h"
#include "util/Result.h"
#include <QList>
#include <QStringList>
#include <atomic>
#include <memory>

struct pg_conn;

namespace strata::transfer {

using Rows = QList<QStringList>; // text values; a NULL is a null QString

class PgConnection {
public:
    static Result<std::unique_ptr<PgConnection>> open(const ConnectionSpec &spec,
                                                      const QString &applicationName);
    // The libpq connection of a session opened elsewhere (a QPSQL DatabaseSession's driver
    // handle), so COPY runs in that session's open transaction; never closed here. The session
    // settings open() makes are made on it too.
    static Result<std::unique_ptr<PgConnection>> borrow(pg_conn *conn);
    ~PgConnection();
    PgConnection(const PgConnection &) = delete;
    PgConnection &operator=(const PgConnection &) = delete;

    pg_conn *handle() const { return m_conn; }
    bool isBroken() const; // the server went away (terminated backend, network)

    // Runs one or more statements; returns the rows of the last result. A set `cancel` flag
    // interrupts the statement on the server. `sqlState` receives the SQLSTATE of a failure.
    Result<Rows> query(const QString &sql, const std::atomic<bool> *cancel = nullptr,
                       QString *sqlState = nullptr);
    Status exec(const QString &sql, const std::atomic<bool> *cancel = nullptr,
                QString *sqlState = nullptr);
    // Runs `sql` inside a savepoint; a failure whose SQLSTATE is in `tolerated` is rolled back
    // to the savepoint and reported through `tolerated` (true) instead of as an error.
    Status execTolerating(const QString &sql, const QStringList &toleratedStates, bool *tolerated);
    // Rolls back whatever transaction is open; harmless when none is or the link is gone.
    void rollback();

    // The error for a failed call, naming a lost connection as such.
    Error error(const QString &what, const QString &sql = {}) const;

    static QString quoteIdentifier(const QString &name);
    static QString quoteLiteral(const QString &text);

private:
    PgConnection() = default;
    Status applySessionSettings();
    pg_conn *m_conn = nullptr;
    bool m_owned = true;
    QString m_lastMessage;
};

} // namespace strata::transfer
