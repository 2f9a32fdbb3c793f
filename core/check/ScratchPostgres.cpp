#include "check/ScratchPostgres.h"

#include <QCoreApplication>
#include <QRandomGenerator>

namespace strata {

QString scratchName()
{
    return QStringLiteral("strata_check_%1_%2")
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
}

namespace {

// What libpq says when the role lacks CREATEDB (SQLSTATE 42501); the driver gives us its text.
bool isPermissionDenied(const Error &error)
{
    return error.driverMessage.contains(QLatin1String("permission denied"), Qt::CaseInsensitive);
}

Error connectionError(const ConnectionSpec &server, const Error &cause)
{
    Error error = cause;
    error.kind = Error::Kind::Connection;
    error.message = QStringLiteral("cannot connect to the PostgreSQL server %1 to check on")
                        .arg(server.displayUrl());
    return error;
}

} // namespace

Result<std::unique_ptr<ScratchPostgres>> ScratchPostgres::create(const ConnectionSpec &server)
{
    if (server.engine != Engine::Postgres)
        return Error::usage(QStringLiteral("%1 is not a PostgreSQL server URL (postgresql://…)")
                                .arg(server.displayUrl()));
    auto admin = DatabaseSession::open(server);
    if (!admin)
        return connectionError(server, admin.error());
    std::unique_ptr<ScratchPostgres> scratch(new ScratchPostgres);
    scratch->m_admin = std::move(admin).value();
    scratch->m_name = scratchName();
    auto current = scratch->m_admin->scalar(QStringLiteral("SELECT current_database()"));
    scratch->m_adminDatabase = current ? current->toString() : server.database;
    const QString quoted = scratch->m_admin->dialect().quoteIdentifier(scratch->m_name);

    auto created = scratch->m_admin->exec(QStringLiteral("CREATE DATABASE %1").arg(quoted));
    if (created) {
        ConnectionSpec spec = server;
        spec.database = scratch->m_name;
        auto session = DatabaseSession::open(spec);
        if (!session) {
            Error error = session.error();
            error.message =
                QStringLiteral("created the scratch database %1 but cannot connect to it")
                    .arg(scratch->m_name);
            scratch->drop();
            return error;
        }
        scratch->m_scratch = std::move(session).value();
        return scratch;
    }
    if (!isPermissionDenied(created.error())) {
        Error error = created.error();
        error.message = QStringLiteral("cannot create the scratch database %1 on %2")
                            .arg(scratch->m_name, server.displayUrl());
        scratch->m_dropped = true; // nothing to drop
        return error;
    }
    // No CREATEDB: a schema in the URL's database, which this role must be allowed to create.
    scratch->m_inSchema = true;
    if (auto made = scratch->m_admin->exec(QStringLiteral("CREATE SCHEMA %1").arg(quoted)); !made) {
        Error error = made.error();
        error.message = QStringLiteral("%1 may neither create a database nor a schema in %2; the "
                                       "check needs one of the two (CREATEDB, or CREATE on the "
                                       "database)")
                            .arg(server.displayUrl(), scratch->m_adminDatabase);
        scratch->m_dropped = true;
        return error;
    }
    if (auto set = scratch->m_admin->exec(QStringLiteral("SET search_path TO %1").arg(quoted));
        !set) {
        scratch->drop();
        return set.error();
    }
    return scratch;
}

ScratchPostgres::~ScratchPostgres()
{
    drop();
}

QString ScratchPostgres::description() const
{
    return m_inSchema ? QStringLiteral("schema %1 in database %2").arg(m_name, m_adminDatabase)
                      : QStringLiteral("database %1").arg(m_name);
}

Status ScratchPostgres::drop()
{
    if (m_dropped || !m_admin)
        return {};
    m_dropped = true;
    const QString quoted = m_admin->dialect().quoteIdentifier(m_name);
    // An aborted transaction (a cancelled or failed step) would refuse the DROP.
    if (!m_admin->exec(QStringLiteral("SELECT 1")))
        m_admin->exec(QStringLiteral("ROLLBACK"));
    if (m_inSchema) {
        auto dropped =
            m_admin->exec(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(quoted));
        m_admin->exec(QStringLiteral("RESET search_path"));
        if (!dropped)
            return dropped.error();
        return {};
    }
    m_scratch.reset(); // our own connection would keep the database from being dropped
    auto version = m_admin->scalar(QStringLiteral("SHOW server_version_num"));
    const bool force = version && version->toInt() >= 130000;
    auto dropped =
        m_admin->exec(QStringLiteral("DROP DATABASE IF EXISTS %1%2")
                          .arg(quoted, force ? QStringLiteral(" WITH (FORCE)") : QString()));
    if (!dropped) {
        Error error = dropped.error();
        error.message =
            QStringLiteral("cannot drop the scratch database %1; drop it by hand").arg(m_name);
        return error;
    }
    return {};
}

} // namespace strata
