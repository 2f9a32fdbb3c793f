#pragma once
// Merges the migrations folder with the history table into one state per version.

#include "migration/AuditLog.h"
#include "migration/HistoryTable.h"
#include "migration/MigrationSource.h"
#include <optional>

namespace strata {

enum class MigrationState { Applied, Pending, Failed, ChecksumMismatch, MissingFile, Baseline };

QString migrationStateName(MigrationState state); // "applied", "checksum_mismatch", ...

struct VersionState {
    MigrationKind kind = MigrationKind::Versioned;
    Version version;
    QString versionText;
    QString description;
    QString type; // "versioned", "repeatable", "baseline"
    MigrationState state = MigrationState::Pending;
    std::optional<Migration> migration;      // the folder's file, if there is one
    std::optional<AppliedMigration> applied; // the history row, if there is one
    QList<AuditEntry> audit; // what was done to this version, oldest first (see attachAudit)

    QString checksum() const; // the file's, else the recorded one
    bool isApplied() const;   // counts towards the current version
};

struct StatusReport {
    QList<VersionState> entries; // versioned ascending, then repeatable
    std::optional<Version> current;
    std::optional<Version> baseline;
    // Moves to another engine recorded in the history (transfer rows), by rank; not versions.
    QList<AppliedMigration> moves;
    // Files of the folder that could not be used (misnamed, duplicate, unreadable...); the
    // entries above are what the rest of the folder and the history say.
    QList<SourceProblem> problems;

    QList<const VersionState *> withState(MigrationState state) const;
};

StatusReport mergeStatus(const MigrationSet &folder, const QList<AppliedMigration> &history);
// Gives each version its entries from the audit log of `historyTable` (entries of versions no
// longer in the status are left out). The status itself does not read the log: plans need not.
void attachAudit(StatusReport &report, const QList<AuditEntry> &log, const QString &historyTable);

} // namespace strata
