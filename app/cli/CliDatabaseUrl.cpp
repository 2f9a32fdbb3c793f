#include "CliDatabaseUrl.h"

#include "connection/DatabaseSession.h"

#include <QRegularExpression>

namespace strata::cli {

namespace {

const char *acceptedForms = "sqlite:FILE, sqlite:///ABSOLUTE/FILE, sqlite::memory: or "
                            "postgresql://[user[:password]@][host][:port][/db] (also postgres://)";

} // namespace

Result<ConnectionSpec> databaseUrl(const QString &url, const QString &what)
{
    const QString trimmed = url.trimmed();
    if (trimmed.isEmpty()) {
        if (what == QLatin1String("--db"))
            return Error::usage(QStringLiteral("no database given: pass --db URL or set STRATA_DB "
                                               "to %1")
                                    .arg(QLatin1String(acceptedForms)));
        return Error::usage(
            QStringLiteral("%1 is empty; give %2").arg(what, QLatin1String(acceptedForms)));
    }
    const bool known = trimmed.startsWith(QLatin1String("sqlite:")) ||
                       trimmed.startsWith(QLatin1String("postgresql://")) ||
                       trimmed.startsWith(QLatin1String("postgres://"));
    if (!known) {
        // Only the scheme is repeated: the rest of a URL may hold a password.
        static const QRegularExpression scheme(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*):"));
        const auto m = scheme.match(trimmed);
        const QString said = m.hasMatch() ? QStringLiteral("a %1: URL").arg(m.captured(1))
                                          : QStringLiteral("a URL without a scheme");
        return Error::usage(
            QStringLiteral("bad database URL (%1): Strata connects to SQLite and PostgreSQL, "
                           "given as %2; this is %3")
                .arg(what, QLatin1String(acceptedForms), said));
    }
    return ConnectionSpec::parse(url);
}

Result<std::unique_ptr<DatabaseSession>> openDatabase(const QString &url)
{
    auto spec = databaseUrl(url);
    if (!spec)
        return spec.error();
    return DatabaseSession::open(*spec);
}

} // namespace strata::cli
