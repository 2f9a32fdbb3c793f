#pragma once
// Where a database is: parsed from and printed as a URL. The password never leaves this struct
// except towards the driver; displayUrl() is what logs, output and reports may show.

#include "util/Result.h"
#include <QList>
#include <QPair>
#include <QString>

namespace strata {

enum class Engine { Sqlite, Postgres };

struct ConnectionSpec {
    Engine engine = Engine::Sqlite;
    // SQLite: the file path (or ":memory:").
    QString path;
    // PostgreSQL: empty parts fall back to libpq's PG* variables and ~/.pgpass.
    QString host;
    int port = 0;
    QString database;
    QString user;
    QString password;
    QList<QPair<QString, QString>> options; // libpq keywords from the query string, in order

    // sqlite:relative/file.db | sqlite:///absolute/file.db | sqlite::memory: |
    // postgresql://[user[:password]@][host][:port][/db][?key=value&...] (postgres:// too).
    static Result<ConnectionSpec> parse(const QString &url);

    QString displayUrl() const; // the URL without the password
    QString option(const QString &key) const;
};

} // namespace strata
