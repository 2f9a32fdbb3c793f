#include "transfer/HistoryTables.h"

#include "migration/AuditLog.h"

#include "dialect/Dialect.h"
#include "migration/HistoryTable.h"
#include "schema/Introspector.h"
#include "transfer/PgConnection.h"
#include <QDir>
#include <QFileInfo>
#include <algorithm>

namespace strata {

namespace {

using transfer::PgConnection;

struct ToolColumn {
    const char *name;
    const char *type;       // PostgreSQL type as the tool declares it
    const char *constraint; // NOT NULL, DEFAULT ..., or empty
};

// How each tool creates its table on PostgreSQL. `after` statements take the quoted table as
// %1. Names are lower case: that is how PostgreSQL stores the unquoted names Liquibase uses.
struct ToolTable {
    const char *tool;
    const char *table;
    const char *schema;        // a schema of the tool's own, or "" for the target schema
    QStringList identifying;   // columns (lower case) the SQLite table must have
    QStringList absent;        // columns it must not have (dbmate vs golang-migrate)
    QList<ToolColumn> columns; // empty: Strata's own (HistoryTable's DDL)
    QStringList after;
};

const QList<ToolTable> &toolTables()
{
    static const QList<ToolTable> tables = {
        {"strata",
         HistoryTable::defaultName,
         "",
         {"rank", "version", "type", "script", "checksum", "success"},
         {},
         {{"rank", "integer", ""},
          {"version", "text", ""},
          {"description", "text", ""},
          {"type", "text", ""},
          {"script", "text", ""},
          {"checksum", "text", ""},
          {"installed_by", "text", ""},
          {"installed_on", "timestamptz", ""},
          {"execution_ms", "bigint", ""},
          {"success", "boolean", ""},
          {"snapshot", "text", ""}},
         {}},
        // Strata's audit log: its own DDL (AuditLog), append-only triggers included.
        {"strata-audit",
         AuditLog::tableName,
         "",
         {"id", "at", "actor", "action", "outcome"},
         {},
         {{"id", "bigint", ""},
          {"at", "timestamptz", ""},
          {"actor", "text", ""},
          {"action", "text", ""},
          {"version", "text", ""},
          {"description", "text", ""},
          {"script", "text", ""},
          {"outcome", "text", ""},
          {"detail", "text", ""},
          {"execution_ms", "bigint", ""},
          {"history_table", "text", ""}},
         {}},
        // Flyway's createMetaDataTable.sql for PostgreSQL.
        {"flyway",
         "flyway_schema_history",
         "",
         {"installed_rank", "version", "type", "script", "checksum", "success"},
         {},
         {{"installed_rank", "integer", "NOT NULL"},
          {"version", "character varying(50)", ""},
          {"description", "character varying(200)", "NOT NULL"},
          {"type", "character varying(20)", "NOT NULL"},
          {"script", "character varying(1000)", "NOT NULL"},
          {"checksum", "integer", ""},
          {"installed_by", "character varying(100)", "NOT NULL"},
          {"installed_on", "timestamp without time zone", "NOT NULL DEFAULT now()"},
          {"execution_time", "integer", "NOT NULL"},
          {"success", "boolean", "NOT NULL"}},
         {"ALTER TABLE %1 ADD CONSTRAINT \"flyway_schema_history_pk\" PRIMARY KEY "
          "(\"installed_rank\")",
          "CREATE INDEX \"flyway_schema_history_s_idx\" ON %1 (\"success\")"}},
        {"liquibase",
         "databasechangelog",
         "",
         {"id", "author", "filename", "dateexecuted", "orderexecuted", "exectype"},
         {},
         {{"id", "character varying(255)", "NOT NULL"},
          {"author", "character varying(255)", "NOT NULL"},
          {"filename", "character varying(255)", "NOT NULL"},
          {"dateexecuted", "timestamp without time zone", "NOT NULL"},
          {"orderexecuted", "integer", "NOT NULL"},
          {"exectype", "character varying(10)", "NOT NULL"},
          {"md5sum", "character varying(35)", ""},
          {"description", "character varying(255)", ""},
          {"comments", "character varying(255)", ""},
          {"tag", "character varying(255)", ""},
          {"liquibase", "character varying(20)", ""},
          {"contexts", "character varying(255)", ""},
          {"labels", "character varying(255)", ""},
          {"deployment_id", "character varying(10)", ""}},
         {}},
        {"liquibase",
         "databasechangeloglock",
         "",
         {"id", "locked"},
         {},
         {{"id", "integer", "NOT NULL"},
          {"locked", "boolean", "NOT NULL"},
          {"lockgranted", "timestamp without time zone", ""},
          {"lockedby", "character varying(255)", ""}},
         {"ALTER TABLE %1 ADD CONSTRAINT \"databasechangeloglock_pkey\" PRIMARY KEY (\"id\")"}},
        // Alembic's default version table.
        {"alembic",
         "alembic_version",
         "",
         {"version_num"},
         {},
         {{"version_num", "character varying(32)", "NOT NULL"}},
         {"ALTER TABLE %1 ADD CONSTRAINT \"alembic_version_pkc\" PRIMARY KEY (\"version_num\")"}},
        {"golang-migrate",
         "schema_migrations",
         "",
         {"version", "dirty"},
         {},
         {{"version", "bigint", "NOT NULL PRIMARY KEY"}, {"dirty", "boolean", "NOT NULL"}},
         {}},
        {"dbmate",
         "schema_migrations",
         "",
         {"version"},
         {"dirty"},
         {{"version", "character varying(128)", "NOT NULL PRIMARY KEY"}},
         {}},
        // Atlas keeps its revisions in a schema of the same name on PostgreSQL.
        {"atlas",
         "atlas_schema_revisions",
         "atlas_schema_revisions",
         {"version", "applied", "total"},
         {},
         {{"version", "character varying", "NOT NULL PRIMARY KEY"},
          {"description", "character varying", "NOT NULL"},
          {"type", "bigint", "NOT NULL DEFAULT 2"},
          {"applied", "bigint", "NOT NULL DEFAULT 0"},
          {"total", "bigint", "NOT NULL DEFAULT 0"},
          {"executed_at", "timestamp with time zone", "NOT NULL"},
          {"execution_time", "bigint", "NOT NULL"},
          {"error", "text", ""},
          {"error_stmt", "text", ""},
          {"hash", "character varying", "NOT NULL"},
          {"partial_hashes", "jsonb", ""},
          {"operator_version", "character varying", "NOT NULL"}},
         {}},
        // sqitch's registry (its Engine/pg.sql), in the schema `sqitch`; parents first.
        {"sqitch",
         "releases",
         "sqitch",
         {"version", "installed_at", "installer_name"},
         {},
         {{"version", "real", "PRIMARY KEY"},
          {"installed_at", "timestamp with time zone", "NOT NULL DEFAULT clock_timestamp()"},
          {"installer_name", "text", "NOT NULL"},
          {"installer_email", "text", "NOT NULL"}},
         {}},
        {"sqitch",
         "projects",
         "sqitch",
         {"project", "uri", "creator_name"},
         {},
         {{"project", "text", "PRIMARY KEY"},
          {"uri", "text", "NULL UNIQUE"},
          {"created_at", "timestamp with time zone", "NOT NULL DEFAULT clock_timestamp()"},
          {"creator_name", "text", "NOT NULL"},
          {"creator_email", "text", "NOT NULL"}},
         {}},
        {"sqitch",
         "changes",
         "sqitch",
         {"change_id", "change", "project"},
         {},
         {{"change_id", "text", "PRIMARY KEY"},
          {"script_hash", "text", "NULL"},
          {"change", "text", "NOT NULL"},
          {"project", "text",
           "NOT NULL REFERENCES \"sqitch\".\"projects\"(project) ON UPDATE CASCADE"},
          {"note", "text", "NOT NULL DEFAULT ''"},
          {"committed_at", "timestamp with time zone", "NOT NULL DEFAULT clock_timestamp()"},
          {"committer_name", "text", "NOT NULL"},
          {"committer_email", "text", "NOT NULL"},
          {"planned_at", "timestamp with time zone", "NOT NULL"},
          {"planner_name", "text", "NOT NULL"},
          {"planner_email", "text", "NOT NULL"}},
         {"ALTER TABLE %1 ADD UNIQUE (project, script_hash)"}},
        {"sqitch",
         "tags",
         "sqitch",
         {"tag_id", "tag", "change_id"},
         {},
         {{"tag_id", "text", "PRIMARY KEY"},
          {"tag", "text", "NOT NULL"},
          {"project", "text",
           "NOT NULL REFERENCES \"sqitch\".\"projects\"(project) ON UPDATE CASCADE"},
          {"change_id", "text",
           "NOT NULL REFERENCES \"sqitch\".\"changes\"(change_id) ON UPDATE CASCADE"},
          {"note", "text", "NOT NULL DEFAULT ''"},
          {"committed_at", "timestamp with time zone", "NOT NULL DEFAULT clock_timestamp()"},
          {"committer_name", "text", "NOT NULL"},
          {"committer_email", "text", "NOT NULL"},
          {"planned_at", "timestamp with time zone", "NOT NULL"},
          {"planner_name", "text", "NOT NULL"},
          {"planner_email", "text", "NOT NULL"}},
         {"ALTER TABLE %1 ADD UNIQUE (project, tag)"}},
        {"sqitch",
         "dependencies",
         "sqitch",
         {"change_id", "type", "dependency"},
         {},
         {{"change_id", "text",
           "NOT NULL REFERENCES \"sqitch\".\"changes\"(change_id) ON UPDATE CASCADE ON DELETE "
           "CASCADE"},
          {"type", "text", "NOT NULL"},
          {"dependency", "text", "NOT NULL"},
          {"dependency_id", "text",
           "NULL REFERENCES \"sqitch\".\"changes\"(change_id) ON UPDATE CASCADE"}},
         {"ALTER TABLE %1 ADD CONSTRAINT dependencies_check CHECK ((type = 'require' AND "
          "dependency_id IS NOT NULL) OR (type = 'conflict' AND dependency_id IS NULL))",
          "ALTER TABLE %1 ADD PRIMARY KEY (change_id, dependency)"}},
        {"sqitch",
         "events",
         "sqitch",
         {"event", "change_id", "change"},
         {},
         {{"event", "text",
           "NOT NULL CONSTRAINT events_event_check CHECK (event IN ('deploy', 'revert', 'fail', "
           "'merge'))"},
          {"change_id", "text", "NOT NULL"},
          {"change", "text", "NOT NULL"},
          {"project", "text",
           "NOT NULL REFERENCES \"sqitch\".\"projects\"(project) ON UPDATE CASCADE"},
          {"note", "text", "NOT NULL DEFAULT ''"},
          {"requires", "text[]", "NOT NULL DEFAULT '{}'"},
          {"conflicts", "text[]", "NOT NULL DEFAULT '{}'"},
          {"tags", "text[]", "NOT NULL DEFAULT '{}'"},
          {"committed_at", "timestamp with time zone", "NOT NULL DEFAULT clock_timestamp()"},
          {"committer_name", "text", "NOT NULL"},
          {"committer_email", "text", "NOT NULL"},
          {"planned_at", "timestamp with time zone", "NOT NULL"},
          {"planner_name", "text", "NOT NULL"},
          {"planner_email", "text", "NOT NULL"}},
         {"ALTER TABLE %1 ADD PRIMARY KEY (change_id, committed_at)"}},
    };
    return tables;
}

const Column *sourceColumn(const Table &t, const QString &lowerName)
{
    for (const Column &c : t.columns) {
        if (c.name.toLower() == lowerName)
            return &c;
    }
    return nullptr;
}

bool matches(const ToolTable &tool, const Table &t)
{
    if (t.name.toLower() != QLatin1String(tool.table))
        return false;
    for (const QString &c : tool.identifying) {
        if (!sourceColumn(t, c))
            return false;
    }
    for (const QString &c : tool.absent) {
        if (sourceColumn(t, c))
            return false;
    }
    return true;
}

HistoryCopy describe(const ToolTable &tool, const Table &t)
{
    HistoryCopy copy;
    copy.tool = QLatin1String(tool.tool);
    copy.sourceName = t.name;
    copy.targetSchema = QLatin1String(tool.schema);
    copy.targetName = QLatin1String(tool.table);
    const QString table = copy.targetSchema.isEmpty()
                              ? PgConnection::quoteIdentifier(copy.targetName)
                              : copy.qualifiedTarget({});
    QStringList definitions;
    for (const ToolColumn &c : tool.columns) {
        const Column *source = sourceColumn(t, QLatin1String(c.name));
        copy.columns << HistoryColumn{source ? source->name : QString(), QLatin1String(c.name),
                                      QLatin1String(c.type)};
        definitions << QStringLiteral("%1 %2 %3")
                           .arg(PgConnection::quoteIdentifier(QLatin1String(c.name)),
                                QLatin1String(c.type), QLatin1String(c.constraint))
                           .trimmed();
    }
    if (!copy.targetSchema.isEmpty())
        copy.createSql << QStringLiteral("CREATE SCHEMA IF NOT EXISTS %1")
                              .arg(PgConnection::quoteIdentifier(copy.targetSchema));
    if (copy.isStrata()) {
        copy.createSql << HistoryTable::createStatements(*Dialect::create(Engine::Postgres),
                                                         copy.targetName);
    } else if (copy.tool == QLatin1String("strata-audit")) {
        copy.createSql << AuditLog::createStatements(*Dialect::create(Engine::Postgres));
        // The copied ids keep their order; new entries continue after them.
        copy.afterRowsSql << QStringLiteral("SELECT setval(pg_get_serial_sequence(%1, 'id'), "
                                            "max(id)) FROM %2 HAVING max(id) IS NOT NULL")
                                 .arg(PgConnection::quoteLiteral(table), table);
    } else {
        copy.createSql << QStringLiteral("CREATE TABLE %1 (\n  %2\n)")
                              .arg(table, definitions.join(QStringLiteral(",\n  ")));
    }
    for (const QString &sql : tool.after)
        copy.createSql << QString(sql).arg(table);
    // Columns a newer tool version added, unknown here: kept as text rather than dropped.
    for (const Column &c : t.columns) {
        bool known = false;
        for (const HistoryColumn &h : std::as_const(copy.columns))
            known = known || h.source == c.name;
        if (known)
            continue;
        copy.columns << HistoryColumn{c.name, c.name.toLower(), QStringLiteral("text")};
        copy.createSql << QStringLiteral("ALTER TABLE %1 ADD COLUMN %2 text")
                              .arg(table, PgConnection::quoteIdentifier(c.name.toLower()));
    }
    return copy;
}

} // namespace

QString HistoryCopy::qualifiedTarget(const QString &transferSchema) const
{
    return PgConnection::quoteIdentifier(targetSchema.isEmpty() ? transferSchema : targetSchema) +
           u'.' + PgConnection::quoteIdentifier(targetName);
}

namespace {

bool isSqitch(const ToolTable &tool)
{
    return qstrcmp(tool.tool, "sqitch") == 0;
}

// Every row of the copies read from `session`.
Status countRows(DatabaseSession &session, QList<HistoryCopy> &copies)
{
    for (HistoryCopy &h : copies) {
        auto count = session.scalar(QStringLiteral("SELECT count(*) FROM main.%1")
                                        .arg(session.dialect().quoteIdentifier(h.sourceName)));
        if (!count)
            return count.error();
        h.rows = count->toLongLong();
    }
    return {};
}

// sqitch's registry for an SQLite target: sqitch.db beside the database file.
Result<QList<HistoryCopy>> sqitchRegistry(const QString &databasePath)
{
    QList<HistoryCopy> out;
    if (databasePath.isEmpty() || databasePath == QLatin1String(":memory:"))
        return out;
    const QString registry =
        QFileInfo(databasePath).absoluteDir().filePath(QStringLiteral("sqitch.db"));
    if (!QFileInfo(registry).isFile() ||
        QFileInfo(registry).canonicalFilePath() == QFileInfo(databasePath).canonicalFilePath())
        return out;
    ConnectionSpec spec;
    spec.engine = Engine::Sqlite;
    spec.path = registry;
    auto session = DatabaseSession::open(spec);
    if (!session)
        return session.error();
    auto schema = Introspector::read(**session);
    if (!schema)
        return schema.error();
    for (const ToolTable &tool : toolTables()) {
        if (!isSqitch(tool))
            continue;
        for (const Table &t : schema->tables) {
            if (matches(tool, t)) {
                out << describe(tool, t);
                out.last().sourceFile = registry;
            }
        }
    }
    // Without its changes table it is not a registry sqitch would read.
    const bool hasChanges = std::any_of(out.cbegin(), out.cend(), [](const HistoryCopy &h) {
        return h.targetName == QLatin1String("changes");
    });
    if (!hasChanges)
        return QList<HistoryCopy>();
    if (Status s = countRows(**session, out); !s)
        return s.error();
    return out;
}

} // namespace

Result<QList<HistoryCopy>> HistoryTables::recognise(DatabaseSession &sqlite, const Schema &source,
                                                    const QStringList &only)
{
    QList<HistoryCopy> out;
    for (const Table &t : source.tables) {
        if (!only.isEmpty() && !only.contains(t.name, Qt::CaseInsensitive))
            continue;
        for (const ToolTable &tool : toolTables()) {
            if (!isSqitch(tool) && matches(tool, t)) {
                out << describe(tool, t);
                break;
            }
        }
    }
    if (Status s = countRows(sqlite, out); !s)
        return s.error();
    if (only.isEmpty()) {
        auto registry = sqitchRegistry(sqlite.spec().path);
        if (!registry)
            return registry.error();
        out << *registry;
    }
    return out;
}

QStringList HistoryTables::planNotes(const QList<HistoryCopy> &copies)
{
    QStringList notes;
    for (const HistoryCopy &h : copies) {
        const QString tool = h.isStrata() ? QStringLiteral("Strata") : h.tool;
        const QString name = h.sourceFile.isEmpty()
                                 ? h.sourceName
                                 : QStringLiteral("%1 (in %2)")
                                       .arg(h.sourceName, QFileInfo(h.sourceFile).fileName());
        notes << QStringLiteral("%1 is %2's history: created as %2 creates it on PostgreSQL and "
                                "its %3 row(s) copied, not profiled")
                     .arg(name, tool)
                     .arg(h.rows);
    }
    return notes;
}

} // namespace strata
