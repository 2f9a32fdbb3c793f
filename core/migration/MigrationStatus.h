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
    std::optional<Migration> migration;      // the folder's files as they run on the engine, if any
    std::optional<AppliedMigration> applied; // the history row, if there is one
    QList<AuditEntry> audit; // what was done to this version, oldest first (see attachAudit)

    QString checksum() const; // the file's, else the recorded one
    // The folder's up file the history row is checked against: the file the row's `script`
    // names (the file that ran: plain, or an engine variant) when the folder has it, else the
    // file that runs on this engine. Empty without a file.
    QString checkedPath() const;
    QString checkedChecksum() const;
    bool isApplied() const; // counts towards the current version
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

// `engine`: the database's; each migration is taken as it runs there (Migration::forEngine).
// Without one, the plain files count (a folder seen without a database).
StatusReport mergeStatus(const MigrationSet &folder, const QList<AppliedMigration> &history,
                         std::optional<Engine> engine = std::nullopt);
// Gives each version its entries from the audit log of `historyTable` (entries of versions no
// longer in the status are left out). The status itself does not read the log: plans need not.
void attachAudit(StatusReport &report, const QList<AuditEntry> &log, const QString &historyTable);

} // namespace strata
