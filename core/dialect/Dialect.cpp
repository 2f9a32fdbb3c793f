#include "dialect/Dialect.h"

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace strata {

QString Dialect::quoteIdentifier(const QString &name) const
{
    QString quoted = name;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

QString Dialect::quoteLiteral(const QString &text) const
{
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("''"));
    return u'\'' + quoted + u'\'';
}

namespace {

// SQLite has no users: the history records the operating-system account that ran the migration.
QString osUserName()
{
    for (const char *var : {"USER", "LOGNAME", "USERNAME"}) {
        if (const QString user = qEnvironmentVariable(var); !user.isEmpty())
            return user;
    }
#ifdef Q_OS_UNIX
    if (const passwd *pw = getpwuid(geteuid()))
        return QString::fromLocal8Bit(pw->pw_name);
#endif
    return QStringLiteral("unknown");
}

class SqliteDialect final : public Dialect {
public:
    Engine engine() const override { return Engine::Sqlite; }
    QString name() const override { return QStringLiteral("SQLite"); }
    QString beginSql() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    QString historyTableDdl(const QString &table) const override
    {
        return QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (\n"
                              "  \"rank\" INTEGER PRIMARY KEY,\n"
                              "  version TEXT,\n"
                              "  description TEXT NOT NULL,\n"
                              "  type TEXT NOT NULL,\n"
                              "  script TEXT NOT NULL,\n"
                              "  checksum TEXT,\n"
                              "  installed_by TEXT NOT NULL,\n"
                              "  installed_on TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),\n"
                              "  execution_ms INTEGER NOT NULL,\n"
                              "  success INTEGER NOT NULL,\n"
                              "  snapshot TEXT\n"
                              ")")
            .arg(quoteIdentifier(table));
    }
    QString installedByExpression() const override
    {
        return quoteLiteral(osUserName());
    }
    QString booleanLiteral(bool value) const override { return value ? "1" : "0"; }
};

class PostgresDialect final : public Dialect {
public:
    Engine engine() const override { return Engine::Postgres; }
    QString name() const override { return QStringLiteral("PostgreSQL"); }
    QString beginSql() const override { return QStringLiteral("BEGIN"); }
    // One key for every Strata migrator; advisory locks are per database already.
    QString tryLockSql() const override { return QStringLiteral("SELECT pg_try_advisory_lock(%1)").arg(lockKey); }
    QString lockSql() const override { return QStringLiteral("SELECT pg_advisory_lock(%1)").arg(lockKey); }
    QString unlockSql() const override { return QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(lockKey); }
    QString historyTableDdl(const QString &table) const override
    {
        return QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (\n"
                              "  \"rank\" integer PRIMARY KEY,\n"
                              "  version text,\n"
                              "  description text NOT NULL,\n"
                              "  type text NOT NULL,\n"
                              "  script text NOT NULL,\n"
                              "  checksum text,\n"
                              "  installed_by text NOT NULL,\n"
                              "  installed_on timestamptz NOT NULL DEFAULT now(),\n"
                              "  execution_ms bigint NOT NULL,\n"
                              "  success boolean NOT NULL,\n"
                              "  snapshot text\n"
                              ")")
            .arg(quoteIdentifier(table));
    }
    QString installedByExpression() const override { return QStringLiteral("current_user"); }
    QString booleanLiteral(bool value) const override { return value ? "true" : "false"; }

private:
    static constexpr qint64 lockKey = 0x5374726174614d67; // "StrataMg"
};

} // namespace

std::unique_ptr<Dialect> Dialect::create(Engine engine)
{
    if (engine == Engine::Postgres)
        return std::make_unique<PostgresDialect>();
    return std::make_unique<SqliteDialect>();
}

} // namespace strata
