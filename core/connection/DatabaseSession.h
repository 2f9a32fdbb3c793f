#pragma once
// One open connection, owned by the thread that opened it (QSqlDatabase cannot change threads).

#include "connection/ConnectionSpec.h"
#include "dialect/Dialect.h"
#include "util/Result.h"
#include <QSqlDatabase>
#include <QVariant>
#include <memory>

namespace strata {

struct OpenOptions {
    int busyTimeoutMs = 60000; // SQLite: how long to wait for another writer
    int connectTimeoutS = 10;  // PostgreSQL
};

class DatabaseSession {
public:
    static Result<std::unique_ptr<DatabaseSession>> open(const ConnectionSpec &spec,
                                                         const OpenOptions &options = {});
    ~DatabaseSession();
    DatabaseSession(const DatabaseSession &) = delete;
    DatabaseSession &operator=(const DatabaseSession &) = delete;

    const ConnectionSpec &spec() const { return m_spec; }
    const Dialect &dialect() const { return *m_dialect; }
    QSqlDatabase database() const { return m_db; }
    QString serverVersion() const { return m_serverVersion; }

    // Runs one statement (never prepared: Qt's placeholder scan would misread `:=` and `?`).
    // Returns rows affected (-1 when the driver does not know).
    Result<int> exec(const QString &sql);
    // Runs a query and returns the first column of the first row (invalid when no row).
    Result<QVariant> scalar(const QString &sql);

private:
    DatabaseSession() = default;
    ConnectionSpec m_spec;
    std::unique_ptr<Dialect> m_dialect;
    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_serverVersion;
};

} // namespace strata
