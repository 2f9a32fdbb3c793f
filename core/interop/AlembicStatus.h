#pragma once
// Places a database on an Alembic project's revision graph: alembic_version holds one row per
// head the database is at; those heads and everything they build on are applied, the rest is
// pending. A recorded head no file defines is shown as missing_file.

#include "interop/AlembicProject.h"
#include "interop/HistoryReaders.h"
#include "migration/MigrationStatus.h"
#include <QMetaType>
#include <optional>

namespace strata {

struct AlembicEntry {
    QString id;
    std::optional<AlembicRevision>
        revision; // a copy (the status outlives the graph); none for a head with no file
    MigrationState state = MigrationState::Pending;
    bool isDatabaseHead = false; // one of alembic_version's rows
    GraphRow row;                // lanes for drawing; row.revision is -1 without a file
};

struct AlembicStatus {
    QStringList databaseHeads; // alembic_version's rows; empty for a database Alembic never touched
    bool hasVersionTable = false;
    QList<AlembicEntry> entries; // newest first (heads on top), graph layout order
    int laneCount = 0;

    int count(MigrationState state) const;
    QStringList pendingIds() const; // oldest first
};

class AlembicPlacement {
public:
    static AlembicStatus place(const RevisionGraph &graph, const QStringList &databaseHeads,
                               bool hasVersionTable = true);
    // Reads the project's version table from the database and places it.
    static Result<AlembicStatus> read(DatabaseSession &session, const AlembicProject &project);
};

} // namespace strata

Q_DECLARE_METATYPE(strata::AlembicStatus)
