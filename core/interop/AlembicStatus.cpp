#include "interop/AlembicStatus.h"

namespace strata {

int AlembicStatus::count(MigrationState state) const
{
    return int(std::count_if(entries.begin(), entries.end(),
                             [&](const AlembicEntry &e) { return e.state == state; }));
}

QStringList AlembicStatus::pendingIds() const
{
    QStringList out;
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (it->state == MigrationState::Pending)
            out << it->id;
    }
    return out;
}

AlembicStatus AlembicPlacement::place(const RevisionGraph &graph, const QStringList &databaseHeads,
                                      bool hasVersionTable)
{
    AlembicStatus status;
    status.databaseHeads = databaseHeads;
    status.hasVersionTable = hasVersionTable;
    const QSet<int> applied = graph.ancestorsOf(databaseHeads);
    for (const QString &head : databaseHeads) {
        if (graph.indexOf(head) < 0) {
            AlembicEntry e;
            e.id = head;
            e.state = MigrationState::MissingFile;
            e.isDatabaseHead = true;
            e.row.revision = -1;
            status.entries.append(e);
        }
    }
    for (const GraphRow &row : graph.layout()) {
        AlembicEntry e;
        e.revision = graph.revisions()[row.revision];
        e.id = e.revision->id;
        e.state =
            applied.contains(row.revision) ? MigrationState::Applied : MigrationState::Pending;
        e.isDatabaseHead = databaseHeads.contains(e.id);
        e.row = row;
        status.entries.append(e);
    }
    status.laneCount = graph.laneCount();
    return status;
}

Result<AlembicStatus> AlembicPlacement::read(DatabaseSession &session,
                                             const AlembicProject &project)
{
    HistoryReadOptions options;
    options.alembicVersionTable = project.versionTable;
    auto history = HistoryReaders::alembic(session, options);
    if (!history)
        return history.error();
    QStringList heads;
    if (*history) {
        for (const ForeignEntry &e : (*history)->entries)
            heads << e.version;
    }
    return place(project.graph, heads, history->has_value());
}

} // namespace strata
