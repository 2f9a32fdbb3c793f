#pragma once
// strata_schema_history: one row per applied migration, baseline or repeatable run. Rows are
// written in the same transaction as the migration they record.

#include "connection/DatabaseSession.h"
#include "util/Result.h"
#include <QDateTime>
#include <QList>
#include <QString>

namespace strata {

struct AppliedMigration {
    int rank = 0;
    QString version; // empty for repeatable migrations
    QString description;
    QString type; // "versioned", "repeatable", "baseline" or "transfer" (see transferType)
    QString script;
    QString checksum;
    QString installedBy;
    QDateTime installedOn;
    qint64 executionMs = 0;
    bool success = true;
    QString snapshot; // written by insertSql; read() leaves it empty (see snapshotOf)
};

class HistoryTable {
public:
    static constexpr const char *defaultName = "strata_schema_history";
    // A row recording that the database was moved to another engine (transfer): its version is
    // the version the database was at, its snapshot the schema the move left. It is an event,
    // not a migration: never pending, never a checksum problem, not counted as applied.
    static constexpr const char *transferType = "transfer";
    static bool isTransfer(const AppliedMigration &row);
    // The statements creating the table and its index on `dialect` (for a transfer, which
    // writes the history on a connection of its own).
    static QStringList createStatements(const Dialect &dialect, const QString &name);

    explicit HistoryTable(DatabaseSession &session, const QString &name = QString::fromLatin1(defaultName));

    QString name() const { return m_name; }
    Result<bool> exists();
    // Creates the table and its index if missing, in a transaction of its own unless the caller
    // is already inside one (a trial).
    Status create(bool ownTransaction = true);
    // All rows by rank; an empty list when the table does not exist yet.
    Result<QList<AppliedMigration>> read();

    // Statements for use inside the caller's transaction. The rank is computed in the statement
    // so two writers serialised by the engine's lock never collide.
    QString insertSql(const AppliedMigration &row) const;
    QString deleteSql(int rank) const;
    QString setSnapshotSql(int rank, const QString &snapshot) const;
    // The encoded snapshot stored with a row (empty when none); see SnapshotStore.
    Result<QString> snapshotOf(int rank);
    QString updateChecksumSql(int rank, const QString &checksum) const;
    // SELECT returning a row when a successful entry for `version` exists.
    QString appliedProbeSql(const QString &version) const;
    QString rankProbeSql(int rank) const;

private:
    DatabaseSession &m_session;
    QString m_name;
    QString m_quoted;
};

} // namespace strata
