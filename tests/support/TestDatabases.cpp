#include "TestDatabases.h"

#include "connection/DatabaseSession.h"
#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>

namespace strata::test {

bool postgresRequired()
{
    return qEnvironmentVariable("STRATA_REQUIRE_PG") == QLatin1String("1");
}

Engine engineFromName(const QString &name)
{
    return name == QLatin1String("postgresql") ? Engine::Postgres : Engine::Sqlite;
}

namespace {

std::unique_ptr<DatabaseSession> adminSession(QString &error)
{
    // Everything from the PG* variables, as libpq would.
    auto spec = ConnectionSpec::parse(QStringLiteral("postgresql://"));
    auto session = DatabaseSession::open(*spec);
    if (!session) {
        error = QStringLiteral("PostgreSQL is not reachable (PGHOST=%1 PGPORT=%2): %3")
                    .arg(qEnvironmentVariable("PGHOST"), qEnvironmentVariable("PGPORT"),
                         session.error().toString());
        return nullptr;
    }
    return std::move(session).value();
}

} // namespace

ScratchDatabase::ScratchDatabase(Engine engine) : m_engine(engine)
{
    static QAtomicInt counter;
    const int n = counter.fetchAndAddRelaxed(1);
    if (engine == Engine::Sqlite) {
        m_dir = std::make_unique<QTemporaryDir>();
        m_name = QStringLiteral("scratch%1.db").arg(n);
        m_url = QStringLiteral("sqlite://") + m_dir->filePath(m_name);
        return;
    }
    auto admin = adminSession(m_error);
    if (!admin)
        return;
    m_name = QStringLiteral("strata_test_%1_%2").arg(QCoreApplication::applicationPid()).arg(n);
    auto created = admin->exec(QStringLiteral("CREATE DATABASE %1").arg(admin->dialect().quoteIdentifier(m_name)));
    if (!created) {
        m_error = created.error().toString();
        return;
    }
    m_url = QStringLiteral("postgresql:///") + m_name;
}

ScratchDatabase::~ScratchDatabase()
{
    if (m_engine != Engine::Postgres || !ok())
        return;
    QString error;
    if (auto admin = adminSession(error))
        admin->exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(admin->dialect().quoteIdentifier(m_name)));
}

QStringList tableNames(DatabaseSession &session)
{
    const QString sql = session.dialect().engine() == Engine::Sqlite
        ? QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        : QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                         "AND table_type = 'BASE TABLE' ORDER BY table_name");
    QSqlQuery query(session.database());
    QStringList names;
    if (query.exec(sql)) {
        while (query.next())
            names << query.value(0).toString();
    }
    return names;
}

QString pgTableShape(DatabaseSession &db, const QString &table)
{
    const QString sql =
        QStringLiteral(
            "SELECT (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || "
            "CASE WHEN a.attnotnull THEN ' not null' ELSE '' END || "
            "COALESCE(' default ' || pg_get_expr(d.adbin, d.adrelid), ''), ', ' ORDER BY "
            "a.attnum) || ' | pk ' || COALESCE((SELECT string_agg(k.attname, ',') FROM "
            "pg_constraint c JOIN pg_attribute k ON k.attrelid = c.conrelid AND k.attnum = "
            "ANY(c.conkey) WHERE c.conrelid = %1::regclass AND c.contype = 'p'), '-') "
            "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = "
            "a.attnum WHERE a.attrelid = %1::regclass AND a.attnum > 0 AND NOT a.attisdropped) "
            "|| ' | ' || COALESCE((SELECT string_agg(pg_get_constraintdef(oid), '; ' ORDER BY "
            "pg_get_constraintdef(oid)) FROM pg_constraint WHERE conrelid = %1::regclass), '-')")
            .arg(db.dialect().quoteLiteral(table));
    auto shape = db.scalar(sql);
    return shape ? shape->toString() : QStringLiteral("error: ") + shape.error().toString();
}

int rowCount(DatabaseSession &session, const QString &table)
{
    auto n = session.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(session.dialect().quoteIdentifier(table)));
    return n ? n->toInt() : -1;
}

QString demoFolder()
{
    return qEnvironmentVariable("STRATA_SOURCE_DIR") + QStringLiteral("/migrations");
}

std::unique_ptr<DatabaseSession> openSession(const QString &url)
{
    auto session = DatabaseSession::open(*ConnectionSpec::parse(url));
    if (!session)
        qFatal("cannot open %s: %s", qPrintable(url), qPrintable(session.error().toString()));
    return std::move(session).value();
}

MigrationSet readFolder(const QString &dir)
{
    auto set = MigrationSource::readComplete(dir);
    if (!set)
        qFatal("cannot read %s: %s", qPrintable(dir), qPrintable(set.error().toString()));
    return std::move(set).value();
}

QString currentVersion(Migrator &migrator)
{
    auto st = migrator.status();
    return st && st->current ? st->current->toString() : QStringLiteral("none");
}

void writeFiles(const QString &dir, const QList<QPair<QString, QByteArray>> &files)
{
    for (const auto &[name, content] : files) {
        const QString path = QDir(dir).filePath(name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(content);
    }
}

} // namespace strata::test
