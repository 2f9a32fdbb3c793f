#pragma once
// strata-cli's faces of core/interop: `detect` (which tools' histories a database holds),
// `adopt --from TOOL`, and status/plan/dry-run/up/down for an Alembic project folder.

#include "CliArgs.h"
#include "CliTerminal.h"
#include "connection/ConnectionSpec.h"
#include "migration/MigrationStatus.h"
#include <QStringList>

namespace strata {
class DatabaseSession;
struct MigrationSet;
} // namespace strata

namespace strata::cli {

int cmdDetect(const CommandArgs &args, const QString &defaultUrl, Output &out);
int cmdAdopt(const CommandArgs &args, const QString &url, const QString &migrations, Output &out);
// `command` is status, plan, dry-run, up or down; `project` the Alembic project folder.
int cmdAlembic(const QString &command, const CommandArgs &args, const ConnectionSpec &database,
               const QString &project, Output &out);
// For `status`: when Strata's history is empty and the folder is in Flyway/golang-migrate/dbmate
// format, that tool's history stands in. Replaces `status` and notes where it came from.
void preferForeignStatus(DatabaseSession &session, const MigrationSet &folder, StatusReport &status,
                         Output &out, QJsonObject *json);

// `up` on a database another tool migrated, before adopting, would run every version again:
// refuse, saying how to adopt. Passes when Strata has history or no tool's history matches.
Status refuseUnadopted(DatabaseSession &session, const MigrationSet &folder);

} // namespace strata::cli
