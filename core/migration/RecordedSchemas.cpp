#include "migration/RecordedSchemas.h"

#include "migration/SnapshotStore.h"
#include "migration/Version.h"
#include "schema/Introspector.h"
#include <QMap>
#include <algorithm>

namespace strata {

namespace {

bool countsAsVersion(const AppliedMigration &row)
{
    return row.success && !row.version.isEmpty() && row.type != QLatin1String("repeatable") &&
           !HistoryTable::isTransfer(row);
}

struct Recorded {
    QList<RecordedSchema> schemas;        // ascending by version
    QString current;                      // the newest applied version
    std::optional<RecordedSchema> newest; // the snapshot after the newest history row, if any
};

Result<Recorded> collect(HistoryTable &history)
{
    Recorded out;
    auto exists = history.exists();
    if (!exists)
        return exists.error();
    if (!*exists)
        return out;
    auto rows = history.read();
    if (!rows)
        return rows.error();
    QMap<QString, RecordedSchema> byVersion; // keyed by version text
    QString previousVersion; // the version the database was at before the current row
    std::optional<Version> highest;
    int newestRank = 0;
    for (const AppliedMigration &row : std::as_const(*rows)) {
        if (!row.success)
            continue;
        newestRank = row.rank;
        out.newest.reset();
        const bool versioned = countsAsVersion(row);
        // A move to another engine names the version it happened at: its snapshot stays the
        // schema of that version even after later versions are undone below it.
        const bool moved = HistoryTable::isTransfer(row);
        const QString atVersion = versioned || moved ? row.version : previousVersion;
        auto text = history.snapshotOf(row.rank);
        if (!text)
            return text.error();
        if (!text->isEmpty()) {
            auto snapshots = SnapshotStore::decode(*text);
            if (!snapshots) {
                Error error = snapshots.error();
                error.message =
                    QStringLiteral(
                        "the schema snapshot recorded with version %1 cannot be read: %2")
                        .arg(row.version, error.message);
                return error;
            }
            if (snapshots->before && !previousVersion.isEmpty() &&
                !byVersion.contains(previousVersion))
                byVersion.insert(
                    previousVersion,
                    {previousVersion, *snapshots->before,
                     QStringLiteral("recorded before version %1 was applied").arg(row.version)});
            if (snapshots->after && !atVersion.isEmpty()) {
                RecordedSchema after{
                    atVersion, *snapshots->after,
                    versioned
                        ? QStringLiteral("recorded after version %1 was applied").arg(row.version)
                    : moved ? QStringLiteral("recorded when the database %1")
                                  .arg(row.description)
                            : QStringLiteral("recorded after %1 ran").arg(row.script)};
                byVersion.insert(atVersion, after);
                // A move recorded at a version that was undone since is not the newest schema.
                if (!moved || atVersion == previousVersion)
                    out.newest = after;
            }
        }
        if (versioned) {
            previousVersion = row.version;
            const auto v = Version::parse(row.version);
            if (v && (!highest || *v > *highest)) {
                highest = v;
                out.current = row.version;
            }
        }
    }
    Q_UNUSED(newestRank);
    out.schemas = byVersion.values();
    std::sort(out.schemas.begin(), out.schemas.end(),
              [](const RecordedSchema &a, const RecordedSchema &b) {
                  const auto va = Version::parse(a.version), vb = Version::parse(b.version);
                  return va && vb ? *va < *vb : a.version < b.version;
              });
    return out;
}

} // namespace

Result<QList<RecordedSchema>> RecordedSchemas::read(HistoryTable &history)
{
    auto recorded = collect(history);
    if (!recorded)
        return recorded.error();
    return recorded->schemas;
}

Result<RecordedSchema> RecordedSchemas::at(HistoryTable &history, const QString &version)
{
    auto recorded = collect(history);
    if (!recorded)
        return recorded.error();
    const auto wanted = Version::parse(version);
    QStringList known;
    for (const RecordedSchema &schema : std::as_const(recorded->schemas)) {
        const auto v = Version::parse(schema.version);
        if (wanted && v && *v == *wanted)
            return schema;
        known << schema.version;
    }
    return Error::usage(
        QStringLiteral("no schema snapshot is recorded for version %1 (recorded: %2)")
            .arg(version,
                 known.isEmpty() ? QStringLiteral("none") : known.join(QStringLiteral(", "))));
}

Result<DriftReport> DriftCheck::run(DatabaseSession &session, HistoryTable &history,
                                    Progress *progress)
{
    auto recorded = collect(history);
    if (!recorded)
        return recorded.error();
    if (recorded->current.isEmpty())
        return Error::usage(QStringLiteral(
            "no migration has been applied yet, so there is no recorded schema to check against"));
    DriftReport report;
    report.version = recorded->current;
    if (recorded->newest && recorded->newest->version == recorded->current) {
        report.recorded = *recorded->newest;
    } else {
        auto at = RecordedSchemas::at(history, recorded->current);
        if (!at) {
            Error error = at.error();
            error.message =
                QStringLiteral("cannot check drift: %1. Applying the next migration records one")
                    .arg(error.message);
            return error;
        }
        report.recorded = *at;
    }
    if (Status same = SnapshotStore::requireEngine(
            report.recorded.schema, session.dialect().engine(),
            QStringLiteral("version %1").arg(report.version), QStringLiteral("check drift"));
        !same)
        return same.error();
    IntrospectOptions options;
    options.excludeTables = {history.name(), QStringLiteral("strata_audit_log")};
    options.progress = progress;
    auto live = Introspector::read(session, options);
    if (!live)
        return live.error();
    report.live = *live;
    report.diff = SchemaDiff::compare(report.recorded.schema, report.live);
    return report;
}

} // namespace strata
