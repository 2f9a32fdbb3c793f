#pragma once
// strata_audit_log: every up, down, repair, baseline, adopt and transfer Strata performs, with who,
// when, what and the outcome. Append-only: the history table loses a row when a version is rolled
// back, the audit log keeps that the rollback happened. Triggers refuse UPDATE, DELETE (and, on
// PostgreSQL, TRUNCATE), so not even Strata rewrites it.

#include "connection/DatabaseSession.h"
#include "util/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace strata {

struct AuditEntry {
    qint64 id = 0;
    QDateTime at;    // UTC; set by the database when written
    QString actor;   // the database user (PostgreSQL) or the OS user (SQLite), as in the history
    QString action;  // "up", "down", "repair", "baseline", "adopt", "transfer"
    QString version; // the version acted on; empty for whole-database actions
    QString description;
    QString script;
    QString outcome; // "ok", "failed", "cancelled"
    QString detail;  // the error, or what the action did (e.g. a transfer's tables and rows)
    qint64 executionMs = 0;
    QString historyTable; // which history the action concerned (several projects may share a DB)

    bool ok() const { return outcome == QLatin1String("ok"); }
    // "rolled back on 2026-12-07 21:40 by alice" and the like, for the timeline and reports.
    QString sentence() const;
};

class AuditLog {
public:
    static constexpr const char *tableName = "strata_audit_log";

    explicit AuditLog(DatabaseSession &session);

    // The table and its append-only triggers, unqualified (a transfer writes them on the target).
    static QStringList createStatements(const Dialect &dialect);

    Result<bool> exists();
    // Creates the table and its append-only triggers if missing, in a transaction of its own
    // unless the caller is inside one.
    Status create(bool ownTransaction = true);
    // The statement that appends `entry` (for use inside the caller's transaction).
    QString insertSql(const AuditEntry &entry) const;
    // Creates the log if needed and appends `entry` in autocommit (outcomes of failed steps,
    // whose own transaction was rolled back).
    Status append(const AuditEntry &entry);
    // Every entry, oldest first; empty when the log does not exist yet.
    Result<QList<AuditEntry>> read();

private:
    DatabaseSession &m_session;
    QString m_quoted;
};

} // namespace strata
