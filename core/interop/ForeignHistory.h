#pragma once
// Other migration tools' histories as one shape: which tool, where its table lives, one entry
// per applied (or failed) change in the order it ran, the current version, and what to do
// about problems (a dirty golang-migrate version, a failed Flyway row).

#include "connection/DatabaseSession.h"
#include "migration/MigrationStatus.h"
#include <QDateTime>
#include <optional>

namespace strata {

enum class ForeignTool { Flyway, Liquibase, GolangMigrate, Dbmate, Sqitch, Atlas, Alembic };

QString foreignToolName(ForeignTool tool); // "flyway", "golang-migrate", ...
std::optional<ForeignTool> foreignToolFromName(const QString &name);
QList<ForeignTool> allForeignTools();

struct ForeignEntry {
    QString version; // the tool's version or id (Liquibase: orderexecuted; sqitch: change name)
    QString description;
    QString script;   // file or change name as the tool records it
    QString checksum; // the tool's own checksum, as text (never comparable with Strata's)
    QString installedBy;
    QDateTime installedOn; // UTC; invalid when the tool does not record it
    qint64 executionMs = -1;
    MigrationState state = MigrationState::Applied; // Applied, Failed or Baseline
    QString note;                                   // e.g. "undone by U3" or the tool's error text
};

struct ForeignHistory {
    ForeignTool tool = ForeignTool::Flyway;
    QString table;               // qualified as the tool keeps it, e.g. "sqitch.changes"
    QList<ForeignEntry> entries; // applied and failed changes, in the order they ran
    QString current;             // the tool's current version ("" when nothing is applied)
    QStringList problems;        // what is wrong and what to do, one sentence each

    bool hasFailures() const;
};

// Column names (lower case) of `schema.table`, empty when the table does not exist. `schema`
// empty means the connection's current schema (SQLite: main).
Result<QStringList> tableColumns(DatabaseSession &session, const QString &schema,
                                 const QString &table);

} // namespace strata
