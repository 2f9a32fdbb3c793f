#pragma once
// `port`: writes an engine variant (V3__x.postgresql.sql) of each migration and undo of an
// SQLite-dialect folder that does not run on PostgreSQL as it is. The folder is replayed on a
// scratch in-memory SQLite; each run of schema statements becomes the diff between the
// PostgreSQL schemas the transfer would build before and after it (so a table rebuild becomes
// ALTER TABLE), and each data statement goes through the transfer's expression rules. What
// cannot be translated is written as a `-- STRATA MANUAL:` comment and listed in the report.

#include "migration/MigrationSource.h"
#include "port/PortReport.h"
#include "transfer/TransferPlan.h"
#include "util/Progress.h"

namespace strata {

struct PortOptions {
    Engine engine = Engine::Postgres;
    bool dryRun = false;      // say what would be written; write nothing
    bool force = false;       // replace variants that already exist
    TransferOptions transfer; // the type, name and NOCASE rules, as `transfer` takes them
};

class MigrationPorter {
public:
    // Reads `dir` (a folder with problems is refused), ports every versioned migration in
    // order and writes the variants beside their plain files. The plain files are never
    // written. Stops at a migration that does not run on SQLite itself (reported as failed).
    static Result<PortReport> port(const QString &dir, const PortOptions &options,
                                   Progress *progress = nullptr);
};

} // namespace strata
