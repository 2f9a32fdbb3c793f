#pragma once
// Fresh, empty databases for tests: an SQLite file in a temporary folder, or a PostgreSQL
// database created on the server named by the PG* variables (pg_virtualenv sets them).

#include "connection/ConnectionSpec.h"
#include "connection/DatabaseSession.h"
#include "migration/Migrator.h"
#include <QTemporaryDir>
#include <optional>
#include <memory>

namespace strata::test {

// True when STRATA_REQUIRE_PG=1: a PostgreSQL test that cannot connect must fail, not skip.
bool postgresRequired();

class ScratchDatabase {
public:
    explicit ScratchDatabase(Engine engine);
    ~ScratchDatabase();

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString url() const { return m_url; }
    Engine engine() const { return m_engine; }
    QString name() const { return m_name; }
    ConnectionSpec spec() const { return *ConnectionSpec::parse(m_url); }

private:
    Engine m_engine;
    QString m_url;
    QString m_name;
    QString m_error;
    std::unique_ptr<QTemporaryDir> m_dir;
};

// User tables in the current schema (SQLite: main), sorted, without sqlite_* internals.
QStringList tableNames(DatabaseSession &session);
// Rows of a table (count(*)), -1 on error.
int rowCount(DatabaseSession &session, const QString &table);
// PostgreSQL: each column of `table` (regclass text, e.g. "sqitch.changes") as "name type [not
// null] [default ...]", then " | pk " and the primary key's columns, then every constraint's
// definition: what a tool's DDL decides.
QString pgTableShape(DatabaseSession &session, const QString &table);

Engine engineFromName(const QString &name); // "sqlite" or "postgresql"

// For QVERIFY2 messages, which are evaluated even when the check passes.
inline QString errorText(const std::optional<Error> &error)
{
    return error ? error->toString() : QString();
}

// The demo project's migrations folder (STRATA_SOURCE_DIR is set by CTest).
QString demoFolder();
// Opens a database for a test; a failure aborts the test binary with the reason.
std::unique_ptr<DatabaseSession> openSession(const QString &url);
MigrationSet readFolder(const QString &dir);
// The migrator's current version, or "none".
QString currentVersion(Migrator &migrator);

// Copies the files named `name -> content` into `dir`.
void writeFiles(const QString &dir, const QList<QPair<QString, QByteArray>> &files);

} // namespace strata::test

// Declares `var` as a fresh database of `engine`; skips (SQLite never) or fails per the rules.
#define STRATA_SCRATCH(var, engine)                                                            \
    strata::test::ScratchDatabase var(engine);                                                 \
    if (!var.ok()) {                                                                           \
        if (strata::test::postgresRequired())                                                  \
            QFAIL(qPrintable(var.error()));                                                    \
        QSKIP(qPrintable(var.error()));                                                        \
    }
