#include "SessionCredentials.h"

#include <QMutexLocker>

namespace strata {

namespace {

QString envOr(const char *name, const QString &fallback)
{
    const QString value = qEnvironmentVariable(name);
    return value.isEmpty() ? fallback : value;
}

bool isPasswordOption(const QPair<QString, QString> &option)
{
    return option.first.compare(QLatin1String("password"), Qt::CaseInsensitive) == 0;
}

} // namespace

SessionCredentials &SessionCredentials::instance()
{
    static SessionCredentials store;
    return store;
}

QString SessionCredentials::keyFor(const ConnectionSpec &spec)
{
    if (spec.engine != Engine::Postgres)
        return {};
    // The same resolution libpq applies when it connects: the field, else the variable, else
    // the default. An empty host is the local socket, which is not the same server as TCP.
    const QString host = (spec.host.isEmpty() ? envOr("PGHOST", {}) : spec.host).toLower();
    int port = spec.port;
    if (port <= 0)
        port = envOr("PGPORT", QStringLiteral("5432")).toInt();
    const QString user = spec.user.isEmpty()
                             ? envOr("PGUSER", envOr("USER", qEnvironmentVariable("USERNAME")))
                             : spec.user;
    const QString database = spec.database.isEmpty() ? envOr("PGDATABASE", user) : spec.database;
    return QStringLiteral("%1:%2\t%3\t%4").arg(host).arg(port).arg(user, database);
}

QString SessionCredentials::passwordOf(const ConnectionSpec &spec)
{
    if (!spec.password.isEmpty())
        return spec.password;
    for (const auto &option : spec.options)
        if (isPasswordOption(option))
            return option.second;
    return {};
}

ConnectionSpec SessionCredentials::withoutPassword(ConnectionSpec spec)
{
    spec.password.clear();
    spec.options.removeIf(isPasswordOption);
    return spec;
}

std::optional<QString> SessionCredentials::password(const ConnectionSpec &spec) const
{
    const QString key = keyFor(spec);
    if (key.isEmpty())
        return std::nullopt;
    QMutexLocker lock(&m_mutex);
    const auto found = m_passwords.constFind(key);
    if (found == m_passwords.constEnd())
        return std::nullopt;
    return *found;
}

bool SessionCredentials::fill(ConnectionSpec &spec) const
{
    if (spec.engine != Engine::Postgres || !passwordOf(spec).isEmpty())
        return false;
    const auto kept = password(spec);
    if (!kept)
        return false;
    spec.password = *kept;
    return true;
}

void SessionCredentials::remember(const ConnectionSpec &spec)
{
    const QString key = keyFor(spec);
    const QString secret = passwordOf(spec);
    if (key.isEmpty() || secret.isEmpty())
        return;
    QMutexLocker lock(&m_mutex);
    m_passwords.insert(key, secret);
}

void SessionCredentials::forget(const ConnectionSpec &spec)
{
    const QString key = keyFor(spec);
    QMutexLocker lock(&m_mutex);
    m_passwords.remove(key);
}

bool SessionCredentials::isPasswordRefusal(const QString &serverMessage)
{
    // libpq's words for a refused or missing password (28P01 and the client-side checks); a
    // network error or a missing database leaves a right password where it is.
    static const char *const refusals[] = {"password authentication failed", "SCRAM authentication",
                                           "no password supplied", "password is required",
                                           "invalid password"};
    for (const char *r : refusals) {
        if (serverMessage.contains(QLatin1String(r), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

void SessionCredentials::forgetRefused(const ConnectionSpec &spec, const QString &serverMessage)
{
    if (spec.engine != Engine::Postgres || !isPasswordRefusal(serverMessage))
        return;
    const QString key = keyFor(spec);
    const QString own = passwordOf(spec);
    QMutexLocker lock(&m_mutex);
    const auto kept = m_passwords.constFind(key);
    if (kept != m_passwords.cend() && (own.isEmpty() || own == *kept))
        m_passwords.erase(kept);
}

void SessionCredentials::clear()
{
    QMutexLocker lock(&m_mutex);
    m_passwords.clear();
}

int SessionCredentials::size() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_passwords.size());
}

} // namespace strata
