#include "migration/MigrationStatus.h"

#include <QMap>
#include <algorithm>

namespace strata {

QString migrationStateName(MigrationState state)
{
    switch (state) {
    case MigrationState::Applied:
        return QStringLiteral("applied");
    case MigrationState::Pending:
        return QStringLiteral("pending");
    case MigrationState::Failed:
        return QStringLiteral("failed");
    case MigrationState::ChecksumMismatch:
        return QStringLiteral("checksum_mismatch");
    case MigrationState::MissingFile:
        return QStringLiteral("missing_file");
    case MigrationState::Baseline:
        return QStringLiteral("baseline");
    }
    return {};
}

QString VersionState::checksum() const
{
    if (migration)
        return migration->checksum;
    return applied ? applied->checksum : QString();
}

QString VersionState::checkedPath() const
{
    if (!migration)
        return {};
    const QString ran = applied ? migration->pathOfScript(applied->script) : QString();
    return ran.isEmpty() ? migration->up.path : ran;
}

QString VersionState::checkedChecksum() const
{
    if (!migration)
        return {};
    const QString ran = applied ? migration->checksumOfScript(applied->script) : QString();
    return ran.isEmpty() ? migration->checksum : ran;
}

bool VersionState::isApplied() const
{
    return kind == MigrationKind::Versioned &&
           (state == MigrationState::Applied || state == MigrationState::ChecksumMismatch ||
            state == MigrationState::MissingFile || state == MigrationState::Baseline);
}

QList<const VersionState *> StatusReport::withState(MigrationState state) const
{
    QList<const VersionState *> out;
    for (const VersionState &e : entries) {
        if (e.state == state)
            out.append(&e);
    }
    return out;
}

namespace {

struct VersionKey {
    Version v;
    bool operator<(const VersionKey &o) const { return v < o.v; }
};

} // namespace

StatusReport mergeStatus(const MigrationSet &folder, const QList<AppliedMigration> &history,
                         std::optional<Engine> engine)
{
    auto onEngine = [&engine](const Migration &m) { return engine ? m.forEngine(*engine) : m; };
    StatusReport report;
    report.problems = folder.problems;
    // Latest row per version (history is ordered by rank), split by kind.
    QMap<VersionKey, AppliedMigration> versionRows;
    QMap<QString, AppliedMigration> repeatableRows;
    std::optional<AppliedMigration> baselineRow;
    QMap<VersionKey, AppliedMigration> baselineRows; // adopt writes one per version it took over
    for (const AppliedMigration &row : history) {
        if (HistoryTable::isTransfer(row)) {
            report.moves.append(row);
            continue;
        }
        if (row.type == QLatin1String("baseline")) {
            if (row.success) {
                baselineRow = row;
                if (const auto v = Version::parse(row.version))
                    baselineRows.insert({*v}, row);
            }
            continue;
        }
        if (row.version.isEmpty()) {
            // A repeatable's successful run supersedes older ones; a failed one is kept only
            // when nothing succeeded since.
            if (row.success || !repeatableRows.contains(row.description) ||
                !repeatableRows[row.description].success)
                repeatableRows.insert(row.description, row);
            continue;
        }
        const std::optional<Version> v = Version::parse(row.version);
        if (!v)
            continue; // not ours to judge; shown by other tools' readers
        auto existing = versionRows.find({*v});
        if (existing == versionRows.end() || row.success || !existing->success)
            versionRows.insert({*v}, row);
    }
    if (baselineRow)
        report.baseline = Version::parse(baselineRow->version);

    for (const Migration &m : folder.versioned) {
        VersionState e;
        e.version = m.version;
        e.versionText = m.versionText();
        e.description = m.description;
        e.type = QStringLiteral("versioned");
        e.migration = onEngine(m);
        auto row = versionRows.find({m.version});
        if (row != versionRows.end()) {
            e.applied = *row;
            if (!row->success)
                e.state = MigrationState::Failed;
            else
                e.state = row->checksum == e.checkedChecksum() ? MigrationState::Applied
                                                               : MigrationState::ChecksumMismatch;
            versionRows.erase(row);
        } else if (report.baseline && m.version <= *report.baseline) {
            e.state = MigrationState::Baseline;
            if (m.version == *report.baseline) {
                e.applied = baselineRow;
                e.type = QStringLiteral("baseline");
                baselineRow.reset();
            } else if (auto b = baselineRows.constFind({m.version}); b != baselineRows.constEnd()) {
                e.applied = *b;
                e.type = QStringLiteral("baseline");
            }
        } else {
            e.state = MigrationState::Pending;
        }
        report.entries.append(e);
    }
    for (auto it = versionRows.cbegin(); it != versionRows.cend(); ++it) {
        VersionState e;
        e.version = it.key().v;
        e.versionText = it->version;
        e.description = it->description;
        e.type = it->type;
        e.state = it->success ? MigrationState::MissingFile : MigrationState::Failed;
        e.applied = *it;
        report.entries.append(e);
    }
    if (baselineRow && report.baseline) {
        VersionState e;
        e.version = *report.baseline;
        e.versionText = baselineRow->version;
        e.description = baselineRow->description;
        e.type = QStringLiteral("baseline");
        e.state = MigrationState::Baseline;
        e.applied = baselineRow;
        report.entries.append(e);
    }
    std::stable_sort(
        report.entries.begin(), report.entries.end(),
        [](const VersionState &a, const VersionState &b) { return a.version < b.version; });

    for (const Migration &m : folder.repeatable) {
        VersionState e;
        e.kind = MigrationKind::Repeatable;
        e.description = m.description;
        e.type = QStringLiteral("repeatable");
        e.migration = onEngine(m);
        auto row = repeatableRows.find(m.description);
        if (row != repeatableRows.end()) {
            e.applied = *row;
            // A repeatable runs again when the file for this engine changed, or when another
            // file (the plain one on SQLite, before a variant was added) ran last.
            e.state = !row->success ? MigrationState::Failed
                      : row->checksum == e.migration->checksum
                          ? MigrationState::Applied
                          : MigrationState::Pending; // changed: runs again
            repeatableRows.erase(row);
        }
        report.entries.append(e);
    }
    for (const AppliedMigration &row : std::as_const(repeatableRows)) {
        VersionState e;
        e.kind = MigrationKind::Repeatable;
        e.description = row.description;
        e.type = QStringLiteral("repeatable");
        e.state = row.success ? MigrationState::MissingFile : MigrationState::Failed;
        e.applied = row;
        report.entries.append(e);
    }

    for (const VersionState &e : std::as_const(report.entries)) {
        if (e.isApplied() && (!report.current || e.version > *report.current))
            report.current = e.version;
    }
    return report;
}

void attachAudit(StatusReport &report, const QList<AuditEntry> &log, const QString &historyTable)
{
    QHash<QString, int> rowOf;
    for (int i = 0; i < report.entries.size(); ++i) {
        report.entries[i].audit.clear();
        if (!report.entries[i].versionText.isEmpty())
            rowOf.insert(report.entries[i].versionText, i);
    }
    for (const AuditEntry &e : log) {
        if (!e.historyTable.isEmpty() && e.historyTable != historyTable)
            continue;
        if (const auto it = rowOf.constFind(e.version); it != rowOf.constEnd())
            report.entries[*it].audit.append(e);
    }
}

} // namespace strata
