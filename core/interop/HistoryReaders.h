#pragma once
// Readers for the history tables other tools keep. Each returns nullopt when the database has no
// such table (or its columns say it belongs to another tool) and an error only when reading fails.

#include "interop/ForeignHistory.h"

namespace strata {

struct HistoryReadOptions {
    QString sqitchRegistry; // SQLite: the sqitch registry file; default <database folder>/sqitch.db
    QString alembicVersionTable = QStringLiteral("alembic_version");
};

class HistoryReaders {
public:
    using Found = Result<std::optional<ForeignHistory>>;
    static Found flyway(DatabaseSession &session);
    static Found liquibase(DatabaseSession &session);
    // golang-migrate and dbmate both use schema_migrations; golang-migrate's has a `dirty` column.
    static Found golangMigrate(DatabaseSession &session);
    static Found dbmate(DatabaseSession &session);
    static Found sqitch(DatabaseSession &session, const HistoryReadOptions &options = {});
    static Found atlas(DatabaseSession &session);
    // alembic_version's rows (one per head) as entries; placing them needs the project's graph.
    static Found alembic(DatabaseSession &session, const HistoryReadOptions &options = {});

    static Found read(ForeignTool tool, DatabaseSession &session,
                      const HistoryReadOptions &options = {});
    // Every tool's history the database holds, in allForeignTools() order.
    static Result<QList<ForeignHistory>> detect(DatabaseSession &session,
                                                const HistoryReadOptions &options = {});
};

} // namespace strata
