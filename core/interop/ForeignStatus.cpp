#include "interop/ForeignStatus.h"

namespace strata {

std::optional<ForeignTool> ForeignStatus::toolForFolder(FolderFormat format)
{
    switch (format) {
    case FolderFormat::Flyway:
        return ForeignTool::Flyway;
    case FolderFormat::GolangMigrate:
        return ForeignTool::GolangMigrate;
    case FolderFormat::Dbmate:
        return ForeignTool::Dbmate;
    case FolderFormat::Unknown:
        break;
    }
    return std::nullopt;
}

StatusReport ForeignStatus::merge(const MigrationSet &folder, const ForeignHistory &history)
{
    QList<AppliedMigration> rows;
    auto rowFor = [&](const ForeignEntry &e) {
        AppliedMigration row;
        row.rank = int(rows.size()) + 1;
        row.version = e.version;
        row.description = e.description;
        row.type = e.version.isEmpty() ? QStringLiteral("repeatable") : QStringLiteral("versioned");
        row.script = e.script;
        row.installedBy = e.installedBy;
        row.installedOn = e.installedOn;
        row.executionMs = std::max<qint64>(0, e.executionMs);
        row.success = e.state != MigrationState::Failed;
        const Migration *m = nullptr;
        if (const auto v = Version::parse(e.version))
            m = folder.find(*v);
        else if (e.version.isEmpty()) {
            for (const Migration &r : folder.repeatable) {
                if (r.description == e.description)
                    m = &r;
            }
        }
        if (m) {
            row.checksum = m->checksum;
            if (row.description.isEmpty())
                row.description = m->description;
        }
        if (e.state == MigrationState::Baseline) {
            row.type = QStringLiteral("baseline");
            row.script = QStringLiteral("<< baseline >>");
        }
        return row;
    };
    if (history.tool == ForeignTool::GolangMigrate && !history.entries.isEmpty()) {
        // golang-migrate keeps only the version it is at; every file up to it has run.
        const ForeignEntry &at = history.entries.first();
        const auto current = Version::parse(at.version);
        for (const Migration &m : folder.versioned) {
            if (current && m.version < *current) {
                ForeignEntry e;
                e.version = m.versionText();
                rows.append(rowFor(e));
            }
        }
        rows.append(rowFor(at));
    } else {
        for (const ForeignEntry &e : history.entries)
            rows.append(rowFor(e));
    }
    return mergeStatus(folder, rows);
}

Result<std::optional<ForeignStatus>> ForeignStatus::read(DatabaseSession &session,
                                                         const MigrationSet &folder)
{
    const auto tool = toolForFolder(folder.format);
    if (!tool)
        return std::optional<ForeignStatus>();
    HistoryTable own(session);
    auto rows = own.read();
    if (!rows)
        return rows.error();
    if (!rows->isEmpty())
        return std::optional<ForeignStatus>();
    auto history = HistoryReaders::read(*tool, session);
    if (!history)
        return history.error();
    if (!*history)
        return std::optional<ForeignStatus>();
    ForeignStatus out{**history, merge(folder, **history)};
    return std::optional<ForeignStatus>(out);
}

} // namespace strata
