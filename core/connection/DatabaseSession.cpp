#include "connection/DatabaseSession.h"

#include <QAtomicInt>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace strata {

namespace {

QString uniqueConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("strata-%1").arg(counter.fetchAndAddRelaxed(1));
}

QString driverText(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    return text;
}

} // namespace

Result<std::unique_ptr<DatabaseSession>> DatabaseSession::open(const ConnectionSpec &spec,
                                                               const OpenOptions &options)
{
    std::unique_ptr<DatabaseSession> session(new DatabaseSession);
    session->m_spec = spec;
    session->m_dialect = Dialect::create(spec.engine);
    session->m_connectionName = uniqueConnectionName();

    const QString driver = spec.engine == Engine::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    if (!QSqlDatabase::isDriverAvailable(driver))
        return Error::database(QStringLiteral("the Qt SQL driver %1 is not installed").arg(driver));
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, session->m_connectionName);
    session->m_db = db;

    if (spec.engine == Engine::Sqlite) {
        if (spec.path != QLatin1String(":memory:")) {
            const QFileInfo info(spec.path);
            if (!info.absoluteDir().exists())
                return Error::database(QStringLiteral("cannot open %1: the folder %2 does not exist")
                                           .arg(spec.displayUrl(), info.absolutePath()));
            if (info.exists() && !info.isFile())
                return Error::database(QStringLiteral("cannot open %1: not a file").arg(spec.displayUrl()));
        }
        db.setDatabaseName(spec.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs));
    } else {
        db.setHostName(spec.host);
        if (spec.port > 0)
            db.setPort(spec.port);
        db.setDatabaseName(spec.database);
        db.setUserName(spec.user);
        db.setPassword(spec.password);
        QStringList connectOptions;
        bool haveTimeout = false, haveAppName = false;
        for (const auto &[key, value] : spec.options) {
            haveTimeout |= key == QLatin1String("connect_timeout");
            haveAppName |= key == QLatin1String("application_name");
            // QPSQL joins options with ';' and hands them to libpq as key=value pairs.
            QString quoted = value;
            quoted.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
            connectOptions << QStringLiteral("%1='%2'").arg(key, quoted);
        }
        if (!haveTimeout)
            connectOptions << QStringLiteral("connect_timeout=%1").arg(options.connectTimeoutS);
        if (!haveAppName)
            connectOptions << QStringLiteral("application_name=strata");
        db.setConnectOptions(connectOptions.join(u';'));
    }

    if (!db.open()) {
        const QString detail = driverText(db.lastError());
        return Error::database(QStringLiteral("cannot connect to %1").arg(spec.displayUrl()), detail);
    }

    if (spec.engine == Engine::Sqlite) {
        // A file that is not a database only fails on first read; find out now.
        auto version = session->scalar(QStringLiteral("SELECT sqlite_version()"));
        if (!version)
            return version.error();
        auto probe = session->exec(QStringLiteral("SELECT count(*) FROM sqlite_master"));
        if (!probe)
            return Error::database(QStringLiteral("cannot open %1: not an SQLite database").arg(spec.displayUrl()),
                                   probe.error().driverMessage);
        session->m_serverVersion = QStringLiteral("SQLite ") + version->toString();
    } else {
        auto version = session->scalar(QStringLiteral("SHOW server_version"));
        if (!version)
            return version.error();
        session->m_serverVersion = QStringLiteral("PostgreSQL ") + version->toString();
    }
    return session;
}

DatabaseSession::~DatabaseSession()
{
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (!m_connectionName.isEmpty())
        QSqlDatabase::removeDatabase(m_connectionName);
}

Result<int> DatabaseSession::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(sql)) {
        Error error = Error::database(QStringLiteral("the statement failed"), driverText(query.lastError()));
        error.statement = sql;
        return error;
    }
    return query.isSelect() ? -1 : query.numRowsAffected();
}

Result<QVariant> DatabaseSession::scalar(const QString &sql)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(sql)) {
        Error error = Error::database(QStringLiteral("the query failed"), driverText(query.lastError()));
        error.statement = sql;
        return error;
    }
    return query.next() ? query.value(0) : QVariant();
}

} // namespace strata
