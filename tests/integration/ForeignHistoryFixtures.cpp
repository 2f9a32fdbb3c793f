// Other tools' history tables, created with the DDL those tools use (Flyway's
// createMetaDataTable, Liquibase's DATABASECHANGELOG, golang-migrate's and dbmate's
// schema_migrations, Atlas's atlas_schema_revisions) and realistic rows, on SQLite and
// PostgreSQL. Shared by the tests that read them and the tests that transfer them.
#include "ForeignHistoryFixtures.h"

namespace strata::test {

namespace {
QStringList flywayDdl(Engine e)
{
    if (e == Engine::Postgres)
        return {"CREATE TABLE \"flyway_schema_history\" (\n \"installed_rank\" INT NOT NULL,\n "
                "\"version\" VARCHAR(50),\n"
                " \"description\" VARCHAR(200) NOT NULL,\n \"type\" VARCHAR(20) NOT NULL,\n "
                "\"script\" VARCHAR(1000) NOT NULL,\n"
                " \"checksum\" INTEGER,\n \"installed_by\" VARCHAR(100) NOT NULL,\n"
                " \"installed_on\" TIMESTAMP NOT NULL DEFAULT now(),\n \"execution_time\" INTEGER "
                "NOT NULL,\n"
                " \"success\" BOOLEAN NOT NULL\n)",
                "ALTER TABLE \"flyway_schema_history\" ADD CONSTRAINT \"flyway_schema_history_pk\" "
                "PRIMARY KEY (\"installed_rank\")",
                "CREATE INDEX \"flyway_schema_history_s_idx\" ON \"flyway_schema_history\" "
                "(\"success\")"};
    return {
        "CREATE TABLE \"flyway_schema_history\" (\n \"installed_rank\" INT NOT NULL PRIMARY KEY,\n "
        "\"version\" VARCHAR(50),\n"
        " \"description\" VARCHAR(200) NOT NULL,\n \"type\" VARCHAR(20) NOT NULL,\n \"script\" "
        "VARCHAR(1000) NOT NULL,\n"
        " \"checksum\" INT,\n \"installed_by\" VARCHAR(100) NOT NULL,\n"
        " \"installed_on\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),\n"
        " \"execution_time\" INT NOT NULL,\n \"success\" BOOLEAN NOT NULL\n)",
        "CREATE INDEX \"flyway_schema_history_s_idx\" ON \"flyway_schema_history\" (\"success\")"};
}

QString flywayRow(Engine e, int rank, const QString &version, const QString &description,
                  const QString &type, const QString &script, const QString &checksum,
                  const QString &on, int ms, bool success)
{
    const QString b = e == Engine::Postgres ? (success ? "true" : "false") : (success ? "1" : "0");
    return QStringLiteral("INSERT INTO flyway_schema_history VALUES (%1, %2, '%3', '%4', '%5', %6, "
                          "'deploy', '%7', %8, %9)")
        .arg(rank)
        .arg(version.isEmpty() ? "NULL" : "'" + version + "'", description, type, script, checksum,
             on)
        .arg(ms)
        .arg(b);
}

QStringList liquibaseDdl(Engine e)
{
    const QString ts = e == Engine::Postgres ? "TIMESTAMP WITHOUT TIME ZONE" : "TEXT";
    return {
        QStringLiteral(
            "CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT "
            "NULL, "
            "FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED %1 NOT NULL, ORDEREXECUTED INTEGER NOT "
            "NULL, "
            "EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255), COMMENTS "
            "VARCHAR(255), TAG VARCHAR(255), LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS "
            "VARCHAR(255), DEPLOYMENT_ID VARCHAR(10))")
            .arg(ts)};
}

QString liquibaseRow(const QString &id, const QString &author, const QString &on, int order,
                     const QString &exectype, const QString &description, const QString &tag)
{
    return QStringLiteral(
               "INSERT INTO DATABASECHANGELOG VALUES ('%1', '%2', "
               "'db/changelog/db.changelog-master.yaml', "
               "'%3', %4, '%5', '9:%6', '%7', '', %8, '4.23.2', NULL, NULL, '0412345678')")
        .arg(id, author, on)
        .arg(order)
        .arg(exectype, QString::number(qHash(id), 16).rightJustified(32, u'0'), description,
             tag.isEmpty() ? "NULL" : "'" + tag + "'");
}

QStringList golangMigrateDdl(Engine e)
{
    if (e == Engine::Postgres)
        return {"CREATE TABLE IF NOT EXISTS \"schema_migrations\" (version bigint not null primary "
                "key, dirty boolean not null)"};
    return {"CREATE TABLE IF NOT EXISTS schema_migrations (version uint64,dirty bool)",
            "CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version)"};
}

QStringList dbmateDdl(Engine e)
{
    if (e == Engine::Postgres)
        return {"CREATE TABLE IF NOT EXISTS public.schema_migrations (version character "
                "varying(128) NOT NULL PRIMARY KEY)"};
    return {"CREATE TABLE IF NOT EXISTS \"schema_migrations\" (version varchar(128) primary key)"};
}

QStringList atlasDdl(Engine e)
{
    if (e == Engine::Postgres)
        return {"CREATE SCHEMA \"atlas_schema_revisions\"",
                "CREATE TABLE \"atlas_schema_revisions\".\"atlas_schema_revisions\" (\"version\" "
                "character varying NOT NULL, "
                "\"description\" character varying NOT NULL, \"type\" bigint NOT NULL DEFAULT 2, "
                "\"applied\" bigint NOT NULL "
                "DEFAULT 0, \"total\" bigint NOT NULL DEFAULT 0, \"executed_at\" timestamptz NOT "
                "NULL, \"execution_time\" "
                "bigint NOT NULL, \"error\" text NULL, \"error_stmt\" text NULL, \"hash\" "
                "character varying NOT NULL, "
                "\"partial_hashes\" jsonb NULL, \"operator_version\" character varying NOT NULL, "
                "PRIMARY KEY (\"version\"))"};
    return {"CREATE TABLE `atlas_schema_revisions` (`version` text NOT NULL, `description` text "
            "NOT NULL, `type` integer "
            "NOT NULL DEFAULT 2, `applied` integer NOT NULL DEFAULT 0, `total` integer NOT NULL "
            "DEFAULT 0, `executed_at` "
            "datetime NOT NULL, `execution_time` integer NOT NULL, `error` text NULL, `error_stmt` "
            "text NULL, `hash` text "
            "NOT NULL, `partial_hashes` json NULL, `operator_version` text NOT NULL, PRIMARY KEY "
            "(`version`))"};
}

QString atlasTable(Engine e)
{
    return e == Engine::Postgres ? "atlas_schema_revisions.atlas_schema_revisions"
                                 : "atlas_schema_revisions";
}

QString atlasRow(Engine e, const QString &version, const QString &description, int type,
                 int applied, int total, const QString &on, const QString &error)
{
    return QStringLiteral("INSERT INTO %1 VALUES ('%2', '%3', %4, %5, %6, '%7', 12500000, %8, %9, "
                          "'h%2=', '[]', "
                          "'Atlas CLI v0.21.1')")
        .arg(atlasTable(e), version, description)
        .arg(type)
        .arg(applied)
        .arg(total)
        .arg(on, error.isEmpty() ? "NULL" : "'" + error + "'",
             error.isEmpty() ? "NULL" : "'ALTER TABLE orders ADD COLUMN total numeric'");
}

// Statements creating `tool`'s table and rows for `scenario` ("good" or "failed").
} // namespace

QStringList foreignHistorySetup(ForeignTool tool, Engine e, const QString &scenario)
{
    const bool failed = scenario == QLatin1String("failed");
    QStringList s;
    switch (tool) {
    case ForeignTool::Flyway:
        s = flywayDdl(e);
        s << flywayRow(e, 1, "1", "create customer", "SQL", "V1__create_customer.sql",
                       "-1734127761", "2025-03-01 10:00:00", 41, true)
          << flywayRow(e, 2, "2", "create orders", "SQL", "V2__create_orders.sql", "1123398474",
                       "2025-03-08 11:30:00", 18, true)
          << flywayRow(e, 3, "3", "add order index", "SQL", "V3__add_order_index.sql", "99887766",
                       "2025-03-09 09:00:00", 7, true)
          << flywayRow(e, 4, "3", "add order index", "UNDO_SQL", "U3__add_order_index.sql",
                       "55443322", "2025-03-09 09:05:00", 4, true)
          << flywayRow(e, 5, "", "order views", "SQL", "R__order_views.sql", "42",
                       "2025-03-09 09:06:00", 3, true);
        if (failed)
            s << flywayRow(e, 6, "4", "backfill totals", "SQL", "V4__backfill_totals.sql", "7",
                           "2025-03-10 08:00:00", 950, false);
        break;
    case ForeignTool::Liquibase:
        s = liquibaseDdl(e);
        s << liquibaseRow("1", "alice", "2025-01-10 09:00:00", 1, "EXECUTED",
                          "createTable tableName=customer", "")
          << liquibaseRow("2", "bob", "2025-01-10 09:00:01", 2, "EXECUTED",
                          "addColumn tableName=customer", "")
          << liquibaseRow("release-1.0", "alice", "2025-01-11 16:00:00", 3, "EXECUTED",
                          "tagDatabase", "1.0");
        if (failed)
            s << liquibaseRow("3", "carol", "2025-01-12 10:00:00", 4, "FAILED", "sql", "");
        break;
    case ForeignTool::GolangMigrate:
        s = golangMigrateDdl(e);
        s << (failed ? "INSERT INTO schema_migrations (version, dirty) VALUES (3, " +
                           QString(e == Engine::Postgres ? "true" : "1") + ")"
                     : "INSERT INTO schema_migrations (version, dirty) VALUES (3, " +
                           QString(e == Engine::Postgres ? "false" : "0") + ")");
        break;
    case ForeignTool::Dbmate:
        s = dbmateDdl(e);
        s << "INSERT INTO schema_migrations (version) VALUES ('20240101000000')"
          << "INSERT INTO schema_migrations (version) VALUES ('20240215093000')"
          << "INSERT INTO schema_migrations (version) VALUES ('20240110120000')";
        break;
    case ForeignTool::Atlas:
        s = atlasDdl(e);
        if (e == Engine::Sqlite)
            s[0].replace(u'`', u'"');
        s << atlasRow(e, "20240110120000", "init", 2, 3, 3, "2024-01-10 12:00:05+00:00", "")
          << atlasRow(e, "20240201090000", "add_orders", 2, 2, 2, "2024-02-01 09:00:02+00:00", "");
        if (failed)
            s << atlasRow(e, "20240305100000", "order_totals", 2, 1, 2, "2024-03-05 10:00:00+00:00",
                          "column \"total\" already exists");
        break;
    default:
        break;
    }
    return s;
}

} // namespace strata::test
