#include "schema/SchemaSource.h"

#include "schema/SchemaJson.h"
#include <QFile>
#include <QSqlQuery>

namespace strata {

bool SchemaSource::isDatabaseUrl(const QString &text)
{
    return text.startsWith(QLatin1String("sqlite:")) || text.startsWith(QLatin1String("postgresql://"))
        || text.startsWith(QLatin1String("postgres://"));
}

Result<Schema> SchemaSource::load(const QString &urlOrFile, const IntrospectOptions &options)
{
    if (isDatabaseUrl(urlOrFile)) {
        auto spec = ConnectionSpec::parse(urlOrFile);
        if (!spec)
            return spec.error();
        if (spec->engine == Engine::Sqlite && !QFile::exists(spec->path))
            return Error::usage(QStringLiteral("no SQLite database at %1").arg(spec->path));
        auto session = DatabaseSession::open(*spec);
        if (!session)
            return session.error();
        return Introspector::read(**session, options);
    }
    QFile file(urlOrFile);
    if (!file.exists())
        return Error::usage(QStringLiteral("`%1` is neither a database URL nor an existing snapshot file")
                                .arg(urlOrFile));
    if (!file.open(QIODevice::ReadOnly))
        return Error::source(urlOrFile, QStringLiteral("cannot read the snapshot: %1").arg(file.errorString()));
    return SchemaJson::read(file.readAll(), urlOrFile);
}

QList<QPair<QString, qint64>> SchemaSource::rowEstimates(const QString &urlOrFile)
{
    QList<QPair<QString, qint64>> rows;
    if (!isDatabaseUrl(urlOrFile))
        return rows;
    auto spec = ConnectionSpec::parse(urlOrFile);
    if (!spec || spec->engine != Engine::Postgres)
        return rows;
    auto session = DatabaseSession::open(*spec);
    if (!session)
        return rows;
    QSqlQuery query((*session)->database());
    query.setForwardOnly(true);
    query.exec(QStringLiteral("SELECT n.nspname, c.relname, c.reltuples::bigint FROM pg_catalog.pg_class c "
                              "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                              "WHERE c.relkind IN ('r', 'p') AND c.reltuples > 0"));
    while (query.next())
        rows.append({query.value(0).toString() + u'.' + query.value(1).toString(), query.value(2).toLongLong()});
    return rows;
}

QString SchemaSource::displayName(const QString &urlOrFile)
{
    if (isDatabaseUrl(urlOrFile)) {
        if (auto spec = ConnectionSpec::parse(urlOrFile))
            return spec->displayUrl();
    }
    return urlOrFile;
}

} // namespace strata
