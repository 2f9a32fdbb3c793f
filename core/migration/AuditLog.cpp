#include "migration/AuditLog.h"

#include <QSqlError>
#include <QSqlQuery>

namespace strata {

namespace {

QStringList createStatements(const Dialect &d, const QString &quoted)
{
    const QString name = QString::fromLatin1(AuditLog::tableName);
    if (d.engine() == Engine::Sqlite) {
        auto refuse = [&](const QString &kind, const QString &event) {
            return QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1 BEFORE %2 ON %3 BEGIN "
                                  "SELECT RAISE(ABORT, '%4 is append-only'); END")
                .arg(d.quoteIdentifier(name + QStringLiteral("_no_") + kind), event, quoted, name);
        };
        return {
            QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (\n"
                           "  id INTEGER PRIMARY KEY,\n"
                           "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),\n"
                           "  actor TEXT NOT NULL,\n"
                           "  action TEXT NOT NULL,\n"
                           "  version TEXT,\n"
                           "  description TEXT,\n"
                           "  script TEXT,\n"
                           "  outcome TEXT NOT NULL,\n"
                           "  detail TEXT,\n"
                           "  execution_ms INTEGER NOT NULL DEFAULT 0,\n"
                           "  history_table TEXT\n"
                           ")")
                .arg(quoted),
            refuse(QStringLiteral("update"), QStringLiteral("UPDATE")),
            refuse(QStringLiteral("delete"), QStringLiteral("DELETE"))};
    }
    const QString function = d.quoteIdentifier(name + QStringLiteral("_append_only"));
    return {QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (\n"
                           "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                           "  at timestamptz NOT NULL DEFAULT now(),\n"
                           "  actor text NOT NULL,\n"
                           "  action text NOT NULL,\n"
                           "  version text,\n"
                           "  description text,\n"
                           "  script text,\n"
                           "  outcome text NOT NULL,\n"
                           "  detail text,\n"
                           "  execution_ms bigint NOT NULL DEFAULT 0,\n"
                           "  history_table text\n"
                           ")")
                .arg(quoted),
            // Dollar quoting with a tag no message contains.
            QStringLiteral("CREATE OR REPLACE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS "
                           "$strata$BEGIN RAISE EXCEPTION '%2 is append-only'; END$strata$")
                .arg(function, name),
            QStringLiteral("CREATE TRIGGER %1 BEFORE UPDATE OR DELETE ON %2 FOR EACH ROW "
                           "EXECUTE FUNCTION %3()")
                .arg(d.quoteIdentifier(name + QStringLiteral("_no_change")), quoted, function),
            QStringLiteral("CREATE TRIGGER %1 BEFORE TRUNCATE ON %2 FOR EACH STATEMENT "
                           "EXECUTE FUNCTION %3()")
                .arg(d.quoteIdentifier(name + QStringLiteral("_no_truncate")), quoted, function)};
}

} // namespace

QString AuditEntry::sentence() const
{
    static const QHash<QString, QString> verbs = {
        {QStringLiteral("up"), QStringLiteral("applied")},
        {QStringLiteral("down"), QStringLiteral("rolled back")},
        {QStringLiteral("repair"), QStringLiteral("repaired")},
        {QStringLiteral("baseline"), QStringLiteral("baselined")},
        {QStringLiteral("adopt"), QStringLiteral("adopted")},
        {QStringLiteral("transfer"), QStringLiteral("moved")},
    };
    QString verb = verbs.value(action, action);
    if (outcome == QLatin1String("failed"))
        verb = QStringLiteral("%1 failed")
                   .arg(action == QLatin1String("down") ? QStringLiteral("rollback") : action);
    else if (outcome == QLatin1String("cancelled"))
        verb = QStringLiteral("%1 cancelled")
                   .arg(action == QLatin1String("down") ? QStringLiteral("rollback") : action);
    return QStringLiteral("%1 on %2 by %3")
        .arg(verb, at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")), actor);
}

AuditLog::AuditLog(DatabaseSession &session)
    : m_session(session),
      m_quoted(session.dialect().quoteIdentifier(QString::fromLatin1(tableName)))
{
}

Result<bool> AuditLog::exists()
{
    const Dialect &d = m_session.dialect();
    const QString name = d.quoteLiteral(QString::fromLatin1(tableName));
    const QString sql =
        d.engine() == Engine::Sqlite
            ? QStringLiteral(
                  "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = %1")
                  .arg(name)
            : QStringLiteral("SELECT count(*) FROM pg_catalog.pg_class c WHERE c.relname = %1 "
                             "AND c.relkind = 'r' AND c.relnamespace = (SELECT oid FROM "
                             "pg_catalog.pg_namespace WHERE nspname = current_schema())")
                  .arg(name);
    auto count = m_session.scalar(sql);
    if (!count)
        return count.error();
    return count->toInt() > 0;
}

Status AuditLog::create(bool ownTransaction)
{
    auto present = exists();
    if (!present)
        return present.error();
    if (*present)
        return {};
    Result<int> done =
        ownTransaction ? m_session.exec(m_session.dialect().beginSql()) : Result<int>(0);
    for (const QString &sql : createStatements(m_session.dialect(), m_quoted)) {
        if (!done)
            break;
        done = m_session.exec(sql);
    }
    if (done && ownTransaction)
        done = m_session.exec(QStringLiteral("COMMIT"));
    if (!done && ownTransaction)
        m_session.exec(QStringLiteral("ROLLBACK"));
    if (!done) {
        Error error = done.error();
        error.message =
            QStringLiteral("cannot create the audit log %1").arg(QString::fromLatin1(tableName));
        return error;
    }
    return {};
}

QString AuditLog::insertSql(const AuditEntry &e) const
{
    const Dialect &d = m_session.dialect();
    auto text = [&d](const QString &s) {
        return s.isEmpty() ? QStringLiteral("NULL") : d.quoteLiteral(s);
    };
    return QStringLiteral(
               "INSERT INTO %1 (actor, action, version, description, script, outcome, "
               "detail, execution_ms, history_table) VALUES (%2, %3, %4, %5, %6, %7, %8, %9, %10)")
        .arg(m_quoted, e.actor.isEmpty() ? d.installedByExpression() : d.quoteLiteral(e.actor),
             d.quoteLiteral(e.action), text(e.version), text(e.description), text(e.script),
             d.quoteLiteral(e.outcome.isEmpty() ? QStringLiteral("ok") : e.outcome), text(e.detail))
        .arg(e.executionMs)
        .arg(text(e.historyTable));
}

Status AuditLog::append(const AuditEntry &entry)
{
    if (Status created = create(); !created.ok())
        return created;
    auto done = m_session.exec(insertSql(entry));
    if (!done)
        return done.error();
    return {};
}

Result<QList<AuditEntry>> AuditLog::read()
{
    auto present = exists();
    if (!present)
        return present.error();
    QList<AuditEntry> rows;
    if (!*present)
        return rows;
    QSqlQuery query(m_session.database());
    query.setForwardOnly(true);
    const QString sql =
        QStringLiteral("SELECT id, at, actor, action, version, description, script, "
                       "outcome, detail, execution_ms, history_table FROM %1 ORDER BY id")
            .arg(m_quoted);
    if (!query.exec(sql)) {
        Error error = Error::database(
            QStringLiteral("cannot read the audit log %1").arg(QString::fromLatin1(tableName)),
            query.lastError().databaseText());
        error.statement = sql;
        return error;
    }
    while (query.next()) {
        AuditEntry e;
        e.id = query.value(0).toLongLong();
        const QVariant at = query.value(1);
        e.at = at.metaType().id() == QMetaType::QDateTime
                   ? at.toDateTime().toUTC()
                   : QDateTime::fromString(at.toString(), Qt::ISODateWithMs).toUTC();
        e.actor = query.value(2).toString();
        e.action = query.value(3).toString();
        e.version = query.value(4).toString();
        e.description = query.value(5).toString();
        e.script = query.value(6).toString();
        e.outcome = query.value(7).toString();
        e.detail = query.value(8).toString();
        e.executionMs = query.value(9).toLongLong();
        e.historyTable = query.value(10).toString();
        rows.append(e);
    }
    return rows;
}

} // namespace strata
