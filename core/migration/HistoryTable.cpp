#include "migration/HistoryTable.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTimeZone>

namespace strata {

HistoryTable::HistoryTable(DatabaseSession &session, const QString &name)
    : m_session(session), m_name(name), m_quoted(session.dialect().quoteIdentifier(name))
{
}

bool HistoryTable::isTransfer(const AppliedMigration &row)
{
    return row.type == QLatin1String(transferType);
}

QStringList HistoryTable::createStatements(const Dialect &dialect, const QString &name)
{
    // The per-migration "already applied?" probe looks rows up by version.
    return {dialect.historyTableDdl(name),
            QStringLiteral("CREATE INDEX IF NOT EXISTS %1 ON %2 (version)")
                .arg(dialect.quoteIdentifier(name + QStringLiteral("_version_idx")),
                     dialect.quoteIdentifier(name))};
}

Result<bool> HistoryTable::exists()
{
    const Dialect &d = m_session.dialect();
    const QString sql = d.engine() == Engine::Sqlite
        ? QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = %1")
              .arg(d.quoteLiteral(m_name))
        : QStringLiteral("SELECT count(*) FROM pg_catalog.pg_class c "
                         "WHERE c.relname = %1 AND c.relkind IN ('r', 'p') "
                         "AND c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace "
                         "WHERE nspname = current_schema())")
              .arg(d.quoteLiteral(m_name));
    auto count = m_session.scalar(sql);
    if (!count)
        return count.error();
    return count->toInt() > 0;
}

Status HistoryTable::create(bool ownTransaction)
{
    auto present = exists();
    if (!present)
        return present.error();
    if (*present)
        return {};
    // Table and index in one transaction: a run killed between them must not leave a table
    // that later runs take as complete.
    Result<int> done = ownTransaction ? m_session.exec(m_session.dialect().beginSql()) : Result<int>(0);
    for (const QString &sql : createStatements(m_session.dialect(), m_name)) {
        if (done)
            done = m_session.exec(sql);
    }
    if (done && ownTransaction)
        done = m_session.exec(QStringLiteral("COMMIT"));
    if (!done && ownTransaction)
        m_session.exec(QStringLiteral("ROLLBACK"));
    if (!done) {
        Error error = done.error();
        error.message = QStringLiteral("cannot create the history table %1").arg(m_name);
        return error;
    }
    return {};
}

Result<QList<AppliedMigration>> HistoryTable::read()
{
    auto present = exists();
    if (!present)
        return present.error();
    QList<AppliedMigration> rows;
    if (!*present)
        return rows;
    QSqlQuery query(m_session.database());
    query.setForwardOnly(true);
    const QString sql = QStringLiteral("SELECT \"rank\", version, description, type, script, checksum, "
                                       "installed_by, installed_on, execution_ms, success FROM %1 "
                                       "ORDER BY \"rank\"")
                            .arg(m_quoted);
    if (!query.exec(sql)) {
        Error error = Error::database(QStringLiteral("cannot read the history table %1").arg(m_name),
                                      query.lastError().databaseText());
        error.statement = sql;
        return error;
    }
    while (query.next()) {
        AppliedMigration row;
        row.rank = query.value(0).toInt();
        row.version = query.value(1).toString();
        row.description = query.value(2).toString();
        row.type = query.value(3).toString();
        row.script = query.value(4).toString();
        row.checksum = query.value(5).toString();
        row.installedBy = query.value(6).toString();
        const QVariant on = query.value(7);
        if (on.metaType().id() == QMetaType::QDateTime)
            row.installedOn = on.toDateTime().toUTC();
        else
            row.installedOn = QDateTime::fromString(on.toString(), Qt::ISODateWithMs).toUTC();
        row.executionMs = query.value(8).toLongLong();
        row.success = query.value(9).toBool();
        rows.append(row);
    }
    return rows;
}

QString HistoryTable::insertSql(const AppliedMigration &row) const
{
    const Dialect &d = m_session.dialect();
    const QString version = row.version.isEmpty() ? QStringLiteral("NULL") : d.quoteLiteral(row.version);
    const QString checksum = row.checksum.isEmpty() ? QStringLiteral("NULL") : d.quoteLiteral(row.checksum);
    const QString snapshot = row.snapshot.isEmpty() ? QStringLiteral("NULL") : d.quoteLiteral(row.snapshot);
    return QStringLiteral("INSERT INTO %1 (\"rank\", version, description, type, script, checksum, "
                          "installed_by, execution_ms, success, snapshot) "
                          "SELECT COALESCE(MAX(\"rank\"), 0) + 1, %2, %3, %4, %5, %6, %7, %8, %9, %10 FROM %1")
        .arg(m_quoted, version, d.quoteLiteral(row.description), d.quoteLiteral(row.type),
             d.quoteLiteral(row.script), checksum, d.installedByExpression(),
             QString::number(row.executionMs), d.booleanLiteral(row.success))
        .arg(snapshot);
}

QString HistoryTable::deleteSql(int rank) const
{
    return QStringLiteral("DELETE FROM %1 WHERE \"rank\" = %2").arg(m_quoted).arg(rank);
}

QString HistoryTable::setSnapshotSql(int rank, const QString &snapshot) const
{
    return QStringLiteral("UPDATE %1 SET snapshot = %2 WHERE \"rank\" = %3")
        .arg(m_quoted, m_session.dialect().quoteLiteral(snapshot))
        .arg(rank);
}

Result<QString> HistoryTable::snapshotOf(int rank)
{
    auto text = m_session.scalar(QStringLiteral("SELECT snapshot FROM %1 WHERE \"rank\" = %2").arg(m_quoted).arg(rank));
    if (!text)
        return text.error();
    return text->toString();
}

QString HistoryTable::updateChecksumSql(int rank, const QString &checksum) const
{
    return QStringLiteral("UPDATE %1 SET checksum = %2 WHERE \"rank\" = %3")
        .arg(m_quoted, m_session.dialect().quoteLiteral(checksum))
        .arg(rank);
}

QString HistoryTable::appliedProbeSql(const QString &version) const
{
    return QStringLiteral("SELECT 1 FROM %1 WHERE version = %2 AND success = %3 AND type <> %4")
        .arg(m_quoted, m_session.dialect().quoteLiteral(version),
             m_session.dialect().booleanLiteral(true),
             m_session.dialect().quoteLiteral(QLatin1String(transferType)));
}

QString HistoryTable::rankProbeSql(int rank) const
{
    return QStringLiteral("SELECT 1 FROM %1 WHERE \"rank\" = %2").arg(m_quoted).arg(rank);
}

} // namespace strata
