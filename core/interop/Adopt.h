#pragma once
// Takes over a database another tool migrated: records the other tool's applied changes in
// strata_schema_history as baseline rows (with the original timestamps and installers where the
// tool kept them), in one transaction, leaving the other tool's tables untouched. Versions
// already recorded are skipped, so adopting again after the other tool ran more is safe.

#include "interop/AlembicProject.h"
#include "interop/HistoryReaders.h"
#include "migration/HistoryTable.h"

namespace strata {

struct AdoptOptions {
    HistoryReadOptions read;
    const AlembicProject *alembicProject = nullptr; // lets Alembic adopt every applied ancestor
    bool apply = true;                              // false: only say what would be written
};

struct AdoptResult {
    ForeignTool tool = ForeignTool::Flyway;
    QString source;                  // the other tool's table
    QList<AppliedMigration> written; // rows written (or, without apply, to be written)
    QStringList skipped;             // versions Strata's history already had
    QString current;
};

class Adopt {
public:
    static Result<AdoptResult> run(DatabaseSession &session, ForeignTool tool,
                                   const AdoptOptions &options = {});
};

} // namespace strata
