#pragma once
// Passwords typed during this run of the app, kept in memory only, so one server is not asked
// for again by every window (the workspace, both sides of a schema comparison, the transfer
// wizard). Keyed by the server (host, port), the user and the database as libpq resolves them
// (empty parts take the PG* variables and libpq's defaults), so "postgresql:///shop" and
// "postgresql://me@localhost:5432/shop" share a password when they are the same connection.
// Nothing here is ever written to disk, settings, logs or reports; it ends with the process.

#include "connection/ConnectionSpec.h"

#include <QHash>
#include <QMutex>
#include <optional>

namespace strata {

class SessionCredentials {
public:
    // The one store of the running app.
    static SessionCredentials &instance();

    // The password kept for `spec`'s server, user and database (a PostgreSQL spec only).
    std::optional<QString> password(const ConnectionSpec &spec) const;
    // Gives `spec` the kept password when it has none of its own; true if it did.
    bool fill(ConnectionSpec &spec) const;
    // Keeps `spec`'s password; call it after a connection with it succeeded. A spec without a
    // password (PGPASSWORD, ~/.pgpass, trust) changes nothing.
    void remember(const ConnectionSpec &spec);
    void forget(const ConnectionSpec &spec);
    // After a failed connection: when the server refused the password and it is the one kept
    // for `spec` (or `spec` had none and the kept one was used), the kept one goes, so the next
    // window asks instead of failing the same way again. Other failures keep it.
    void forgetRefused(const ConnectionSpec &spec, const QString &serverMessage);
    static bool isPasswordRefusal(const QString &serverMessage);
    void clear();
    int size() const;

    // "host:port user database" with libpq's defaults filled in; empty for SQLite.
    static QString keyFor(const ConnectionSpec &spec);
    // The spec's password: its own, or a `password` option from the URL's query string.
    static QString passwordOf(const ConnectionSpec &spec);
    // `spec` without any password (field or option): what a URL field may show.
    static ConnectionSpec withoutPassword(ConnectionSpec spec);

private:
    SessionCredentials() = default;
    mutable QMutex m_mutex; // workers may read while the GUI thread writes
    QHash<QString, QString> m_passwords;
};

} // namespace strata
