#pragma once
// `status` for a database another tool migrated, before it is adopted: when Strata's own history
// is empty and the migrations folder is in a tool's format (Flyway, golang-migrate, dbmate),
// that tool's history stands in for it, merged with the folder like Strata's own rows.

#include "interop/HistoryReaders.h"
#include "migration/MigrationSource.h"

namespace strata {

struct ForeignStatus {
    ForeignHistory history;
    StatusReport report;

    // The tool whose folder format `format` is, if any.
    static std::optional<ForeignTool> toolForFolder(FolderFormat format);
    // nullopt when Strata's history has rows, the folder has no tool format, or the tool left no
    // history.
    static Result<std::optional<ForeignStatus>> read(DatabaseSession &session,
                                                     const MigrationSet &folder);
    // The merge itself (exposed for tests). The other tool's checksums are not comparable with
    // Strata's, so applied files count as unchanged.
    static StatusReport merge(const MigrationSet &folder, const ForeignHistory &history);
};

} // namespace strata
