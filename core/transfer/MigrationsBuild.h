#pragma once
// The first half of a transfer into a schema built from migrations (MigrationsTransfer.h):
// which of the folder's migrations build the schema the SQLite database is at, read from its
// strata_schema_history, and running them on PostgreSQL inside the transfer's transaction.

#include "connection/DatabaseSession.h"
#include "migration/MigrationSource.h"
#include <functional>

namespace strata::transfer {

struct BuildSteps {
    QString version;             // the SQLite database's version (its highest applied)
    QList<Migration> migrations; // versioned up to it in order, then the repeatables it ran
};

// Every versioned migration of `folder` up to the version the SQLite database's history is
// at, each applied there with the checksum its file has now, then the repeatables that
// history ran. Refused with a sentence naming the version when the history and the folder
// disagree (a version applied there but missing here or changed since, one skipped there, a
// failed or baselined history), since the folder would then not build the schema the data
// was written in.
Result<BuildSteps> buildStepsFor(DatabaseSession &sqlite, const MigrationSet &folder);

// Runs the steps on `pg` statement by statement in its open transaction. A failure names the
// file, line and statement with PostgreSQL's message; `cancelled` is asked between statements.
std::optional<Error> runBuildSteps(DatabaseSession &pg, const BuildSteps &steps,
                                   const std::function<bool()> &cancelled,
                                   const std::function<void(int done, int total)> &report);

} // namespace strata::transfer
