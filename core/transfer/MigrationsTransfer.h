#pragma once
// `transfer SQLITE PG --migrations DIR`: the target schema is what the folder's migrations
// build on PostgreSQL, not one derived from the SQLite file. In one transaction on the target:
// the migrations up to the SQLite database's version (MigrationsBuild.h), the name match
// (TargetMatch.h), the keys, indexes, foreign keys and triggers set aside (KeysAside.h), every
// table truncated (the migrations' seed rows are the SQLite data's to give) and loaded by COPY
// with every value checked against its declared column first (ValueFit.h), verified by counts
// and checksums, the keys put back, identity sequences moved past the data, the history tables
// written as their tools write them with the move recorded and the target's schema as the
// current version's snapshot, COMMIT. Anything wrong, a cancel included, rolls all of it back.

#include "transfer/Transfer.h"

namespace strata {

class MigrationsTransfer {
public:
    // What --plan shows: the migrations run on the target inside a transaction that is rolled
    // back, the name match, and every row of every table read to name the columns whose data
    // would not fit (TransferPlan::misfits). Touches nothing.
    static Result<TransferPlan> plan(DatabaseSession &sqlite, const ConnectionSpec &postgres,
                                     const TransferOptions &options, Progress *progress = nullptr);
    // Builds, loads, verifies and commits everything at once, or nothing. RunOptions::jobs and
    // resume do not apply (one transaction is one connection); dropExisting is refused.
    static Transfer::Planned run(DatabaseSession &sqlite, const ConnectionSpec &postgres,
                                 const TransferOptions &options, const RunOptions &run,
                                 Progress *progress = nullptr);
};

} // namespace strata
