#pragma once
// The schemas a workspace recorded while migrating (SnapshotStore, in the history table): "the
// schema at version V" for the diff view, and the drift check — the live schema against the
// schema recorded for the current version.

#include "diff/SchemaDiff.h"
#include "migration/HistoryTable.h"
#include "util/Progress.h"

namespace strata {

struct RecordedSchema {
    QString version;
    Schema schema;
    QString origin; // for people: "recorded after version 7 was applied"
};

class RecordedSchemas {
public:
    // One entry per version whose schema is known, ascending: the snapshot taken after it was
    // applied (or after a repeatable run following it), else the snapshot taken before the
    // next version. Empty when the history table does not exist or holds no snapshots.
    static Result<QList<RecordedSchema>> read(HistoryTable &history);
    // The schema at `version`; an error naming the versions that do have one otherwise.
    static Result<RecordedSchema> at(HistoryTable &history, const QString &version);
};

struct DriftReport {
    QString version;         // the current version
    RecordedSchema recorded; // what the history says the schema should be
    Schema live;             // what the database holds now
    SchemaDiffResult diff;   // turns the recorded schema into the live one
    bool drifted() const { return !diff.isEmpty(); }
};

class DriftCheck {
public:
    // Compares the live schema (history table excluded) with the newest recorded snapshot of the
    // current version. Errors: nothing applied, no snapshot recorded, the database.
    static Result<DriftReport> run(DatabaseSession &session, HistoryTable &history,
                                   Progress *progress = nullptr);
};

} // namespace strata
