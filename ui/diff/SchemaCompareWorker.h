#pragma once
// The diff view's worker: lives in its own QThread, opens its own sessions there (a live
// database, the workspace's database for recorded versions and drift) and runs the core calls
// (introspection, SchemaDiff, DiffObjects, DriftCheck, MigrationWriter). Results leave as
// queued signals; the GUI thread never waits on a database.

#include "connection/ConnectionSpec.h"
#include "diff/DiffObjects.h"
#include "migration/MigrationWriter.h"
#include "workspace/WorkspaceWorker.h" // Error's metatype

#include <QMetaType>
#include <QObject>

namespace strata {

// One side of a comparison.
struct SchemaOrigin {
    enum class Kind { Connection, SnapshotFile, WorkspaceVersion };
    Kind kind = Kind::Connection;
    ConnectionSpec spec; // Connection
    QString file;        // SnapshotFile
    QString version;     // WorkspaceVersion (of the workspace the view is given)
    QString displayName() const;
};

// What the view shows, and what a later "Export report…" reads (SchemaDiffView::result()).
struct SchemaComparison {
    QString nameA, nameB; // the two sides, for people
    Schema a, b;
    SchemaDiffResult diff; // turns a into b
    QList<DiffObject> objects;
    bool isDrift = false; // a = recorded for driftVersion, b = the live database
    QString driftVersion;
    QString driftOrigin; // "recorded after version 7 was applied"
    // The connections read (with their passwords): the report's database and secrets.
    QList<ConnectionSpec> specs;
};

class SchemaCompareWorker : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Requests: called in the worker's thread (QMetaObject::invokeMethod from the view).
    // `workspace` serves the WorkspaceVersion sides.
    void compare(const strata::SchemaOrigin &a, const strata::SchemaOrigin &b,
                 const strata::ConnectionSpec &workspace);
    void checkDrift(const strata::ConnectionSpec &workspace);
    void listVersions(const strata::ConnectionSpec &workspace);
    void save(const QString &migrationsDir, const strata::MigrationDraft &draft,
              strata::FolderFormat emptyFolderFormat);

signals:
    void compared(const strata::SchemaComparison &comparison);
    void versionsListed(const QStringList &versions);
    void saved(const strata::WrittenMigration &written);
    void failed(const strata::Error &error);
    void finished(); // every request ends with this

private:
    Result<Schema> load(const SchemaOrigin &origin, const ConnectionSpec &workspace, QString &name);
};

void registerSchemaCompareMetatypes();

} // namespace strata

Q_DECLARE_METATYPE(strata::SchemaComparison)
Q_DECLARE_METATYPE(strata::WrittenMigration)
