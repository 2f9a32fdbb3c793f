#include "connection/ConnectionSpec.h"

#include <QRegularExpression>
#include <QUrl>

namespace strata {

namespace {

// libpq connection keywords we pass through from the query string.
const QStringList &knownOptions()
{
    static const QStringList keys = {
        QStringLiteral("sslmode"),         QStringLiteral("sslrootcert"),
        QStringLiteral("sslcert"),         QStringLiteral("sslkey"),
        QStringLiteral("sslcrl"),          QStringLiteral("connect_timeout"),
        QStringLiteral("application_name"), QStringLiteral("options"),
        QStringLiteral("target_session_attrs"), QStringLiteral("keepalives"),
        QStringLiteral("keepalives_idle"), QStringLiteral("host"),
        QStringLiteral("hostaddr"),        QStringLiteral("port"),
        QStringLiteral("dbname"),          QStringLiteral("user"),
        QStringLiteral("password"),        QStringLiteral("passfile"),
        QStringLiteral("service"),         QStringLiteral("gssencmode"),
    };
    return keys;
}

Error badUrl(const QString &why)
{
    return Error::usage(QStringLiteral("bad database URL: %1").arg(why));
}

Result<QString> decodePart(const QString &part, const QString &what)
{
    // QUrl::fromPercentEncoding is lenient; reject broken escapes so typos surface. (Not
    // QString::toInt: it takes a sign or spaces, so "%+1" or "% 1" would pass.)
    auto isHex = [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
    };
    for (qsizetype i = 0; i < part.size(); ++i) {
        if (part[i] == u'%') {
            if (i + 2 >= part.size() || !isHex(part[i + 1]) || !isHex(part[i + 2]))
                return badUrl(QStringLiteral("broken %-escape in the %1").arg(what));
        }
    }
    return QUrl::fromPercentEncoding(part.toUtf8());
}

Result<ConnectionSpec> parsePostgres(const QString &rest)
{
    ConnectionSpec spec;
    spec.engine = Engine::Postgres;
    QString main = rest;
    QString query;
    if (const qsizetype q = main.indexOf(u'?'); q >= 0) {
        query = main.mid(q + 1);
        main = main.left(q);
    }
    QString authority = main;
    QString dbPart;
    if (const qsizetype slash = main.indexOf(u'/'); slash >= 0) {
        authority = main.left(slash);
        dbPart = main.mid(slash + 1);
    }
    if (const qsizetype at = authority.lastIndexOf(u'@'); at >= 0) {
        const QString userInfo = authority.left(at);
        authority = authority.mid(at + 1);
        const qsizetype colon = userInfo.indexOf(u':');
        auto user = decodePart(colon >= 0 ? userInfo.left(colon) : userInfo, QStringLiteral("user"));
        if (!user)
            return user.error();
        spec.user = *user;
        if (colon >= 0) {
            auto password = decodePart(userInfo.mid(colon + 1), QStringLiteral("password"));
            if (!password)
                return password.error();
            spec.password = *password;
        }
    }
    QString hostPart = authority;
    QString portPart;
    if (hostPart.startsWith(u'[')) { // [::1]:5432
        const qsizetype close = hostPart.indexOf(u']');
        if (close < 0)
            return badUrl(QStringLiteral("unclosed [ in the host"));
        portPart = hostPart.mid(close + 1);
        hostPart = hostPart.mid(1, close - 1);
        if (!portPart.isEmpty() && !portPart.startsWith(u':'))
            return badUrl(QStringLiteral("unexpected text after the IPv6 host"));
        portPart = portPart.mid(1);
    } else if (const qsizetype colon = hostPart.lastIndexOf(u':'); colon >= 0) {
        portPart = hostPart.mid(colon + 1);
        hostPart = hostPart.left(colon);
        if (hostPart.contains(u':'))
            return badUrl(QStringLiteral("an IPv6 host goes in brackets, e.g. postgresql://[::1]:5432/db"));
    }
    auto host = decodePart(hostPart, QStringLiteral("host"));
    if (!host)
        return host.error();
    spec.host = *host;
    if (!portPart.isEmpty()) {
        bool ok = false;
        const int port = portPart.toInt(&ok);
        if (!ok || port <= 0 || port > 65535)
            return badUrl(QStringLiteral("port `%1` is not a number from 1 to 65535").arg(portPart));
        spec.port = port;
    }
    auto db = decodePart(dbPart, QStringLiteral("database name"));
    if (!db)
        return db.error();
    spec.database = *db;

    if (!query.isEmpty()) {
        for (const QString &pair : query.split(u'&', Qt::SkipEmptyParts)) {
            const qsizetype eq = pair.indexOf(u'=');
            if (eq <= 0)
                return badUrl(QStringLiteral("parameter `%1` has no value").arg(pair));
            const QString key = pair.left(eq);
            auto value = decodePart(pair.mid(eq + 1), QStringLiteral("parameter %1").arg(key));
            if (!value)
                return value.error();
            if (!knownOptions().contains(key))
                return badUrl(QStringLiteral("unknown parameter `%1`").arg(key));
            if (key == QLatin1String("sslmode")) {
                static const QStringList modes = {"disable", "allow", "prefer", "require",
                                                  "verify-ca", "verify-full"};
                if (!modes.contains(*value))
                    return badUrl(QStringLiteral("sslmode must be one of %1").arg(modes.join(", ")));
            }
            // Keywords that have a URL part of their own fill that part.
            if (key == QLatin1String("host"))
                spec.host = *value;
            else if (key == QLatin1String("user"))
                spec.user = *value;
            else if (key == QLatin1String("password"))
                spec.password = *value;
            else if (key == QLatin1String("dbname"))
                spec.database = *value;
            else if (key == QLatin1String("port")) {
                bool ok = false;
                spec.port = value->toInt(&ok);
                if (!ok || spec.port <= 0 || spec.port > 65535)
                    return badUrl(QStringLiteral("port `%1` is not a number from 1 to 65535").arg(*value));
            } else
                spec.options.append({key, *value});
        }
    }
    return spec;
}

} // namespace

Result<ConnectionSpec> ConnectionSpec::parse(const QString &url)
{
    const QString trimmed = url.trimmed();
    if (trimmed.isEmpty())
        return badUrl(QStringLiteral("no URL given (use --db or STRATA_DB)"));
    if (trimmed.startsWith(QLatin1String("sqlite:"))) {
        QString rest = trimmed.mid(7);
        if (rest.startsWith(QLatin1String("//"))) {
            rest = rest.mid(2);
            if (!rest.startsWith(u'/'))
                return badUrl(QStringLiteral("sqlite:// must be followed by an absolute path "
                                             "(sqlite:///abs/file.db), or use sqlite:relative/file.db"));
        }
        auto path = decodePart(rest, QStringLiteral("path"));
        if (!path)
            return path.error();
        if (path->isEmpty())
            return badUrl(QStringLiteral("no SQLite file path after sqlite:"));
        ConnectionSpec spec;
        spec.engine = Engine::Sqlite;
        spec.path = *path;
        return spec;
    }
    for (const char *scheme : {"postgresql://", "postgres://"}) {
        if (trimmed.startsWith(QLatin1String(scheme)))
            return parsePostgres(trimmed.mid(qstrlen(scheme)));
    }
    return badUrl(QStringLiteral("`%1` is neither sqlite:FILE nor postgresql://…")
                      .arg(trimmed.section(u':', 0, 0)));
}

QString ConnectionSpec::option(const QString &key) const
{
    for (const auto &[k, v] : options) {
        if (k == key)
            return v;
    }
    return {};
}

QString ConnectionSpec::displayUrl() const
{
    auto enc = [](const QString &s) {
        return QString::fromUtf8(QUrl::toPercentEncoding(s, "-._~"));
    };
    // parse() decodes %-escapes everywhere, so a literal '%' must be written as %25.
    auto escapePercent = [](QString s) { return s.replace(u'%', QLatin1String("%25")); };
    // parse() trims the URL, so white space at either end of a path is written as %-escapes.
    auto escapeEnds = [](const QString &s) {
        qsizetype from = 0, to = s.size();
        while (from < to && s[from].isSpace())
            ++from;
        while (to > from && s[to - 1].isSpace())
            --to;
        auto esc = [](const QString &part) { return QString::fromUtf8(QUrl::toPercentEncoding(part)); };
        return esc(s.left(from)) + s.mid(from, to - from) + esc(s.mid(to));
    };
    if (engine == Engine::Sqlite)
        return (path.startsWith(u'/') ? QStringLiteral("sqlite://") : QStringLiteral("sqlite:"))
            + escapeEnds(escapePercent(path));
    QString out = QStringLiteral("postgresql://");
    if (!user.isEmpty())
        out += enc(user) + u'@';
    // Only an IPv6 address (with maybe a %zone) can go in brackets; a socket directory or any
    // other host with a ':' (from ?host=) goes in the query, where it reads back unchanged.
    static const QRegularExpression ipv6(QStringLiteral("^[0-9A-Fa-f:.]+(%[A-Za-z0-9_.~-]+)?$"));
    const bool hostInQuery = host.startsWith(u'/') || (host.contains(u':') && !ipv6.match(host).hasMatch());
    if (hostInQuery)
        ; // below
    else if (host.contains(u':'))
        out += u'[' + escapePercent(host) + u']'; // IPv6, maybe with a %zone
    else
        out += enc(host);
    if (port > 0)
        out += u':' + QString::number(port);
    if (!database.isEmpty())
        out += u'/' + enc(database);
    QStringList query;
    if (hostInQuery)
        query << QStringLiteral("host=") + enc(host);
    for (const auto &[k, v] : options)
        query << k + u'=' + enc(v);
    if (!query.isEmpty())
        out += u'?' + query.join(u'&');
    return out;
}

} // namespace strata
