#include "SchemaCompareWorker.h"

#include "migration/RecordedSchemas.h"
#include "schema/Introspector.h"
#include "schema/SchemaSource.h"

#include <QFileInfo>
#include <QScopeGuard>

namespace strata {

QString SchemaOrigin::displayName() const
{
    switch (kind) {
    case Kind::Connection:
        return spec.displayUrl();
    case Kind::SnapshotFile:
        return QFileInfo(file).fileName();
    case Kind::WorkspaceVersion:
        return QObject::tr("version %1").arg(version);
    }
    return {};
}

void registerSchemaCompareMetatypes()
{
    registerUiMetatypes();
    qRegisterMetaType<SchemaComparison>();
    qRegisterMetaType<WrittenMigration>();
}

namespace {

Result<std::unique_ptr<DatabaseSession>> openWorkspace(const ConnectionSpec &workspace)
{
    if (workspace.engine == Engine::Sqlite && workspace.path.isEmpty())
        return Error::usage(QObject::tr("No workspace is open."));
    return DatabaseSession::open(workspace);
}

} // namespace

Result<Schema> SchemaCompareWorker::load(const SchemaOrigin &origin,
                                         const ConnectionSpec &workspace, QString &name)
{
    name = origin.displayName();
    switch (origin.kind) {
    case SchemaOrigin::Kind::Connection: {
        if (origin.spec.engine == Engine::Sqlite && !QFileInfo::exists(origin.spec.path))
            return Error::usage(tr("There is no SQLite database at %1.").arg(origin.spec.path));
        auto session = DatabaseSession::open(origin.spec);
        if (!session)
            return session.error();
        return Introspector::read(**session);
    }
    case SchemaOrigin::Kind::SnapshotFile:
        return SchemaSource::load(origin.file);
    case SchemaOrigin::Kind::WorkspaceVersion: {
        auto session = openWorkspace(workspace);
        if (!session)
            return session.error();
        HistoryTable history(**session);
        auto recorded = RecordedSchemas::at(history, origin.version);
        if (!recorded)
            return recorded.error();
        name = tr("version %1 (%2)").arg(origin.version, workspace.displayUrl());
        return recorded->schema;
    }
    }
    return Error::usage(tr("Unknown schema source."));
}

void SchemaCompareWorker::compare(const SchemaOrigin &a, const SchemaOrigin &b,
                                  const ConnectionSpec &workspace)
{
    auto done = qScopeGuard([this] { emit finished(); });
    SchemaComparison out;
    auto left = load(a, workspace, out.nameA);
    if (!left) {
        emit failed(left.error());
        return;
    }
    auto right = load(b, workspace, out.nameB);
    if (!right) {
        emit failed(right.error());
        return;
    }
    out.a = *left;
    out.b = *right;
    out.diff = SchemaDiff::compare(out.a, out.b);
    out.objects = DiffObjects::list(out.a, out.b, out.diff);
    for (const SchemaOrigin *side : {&a, &b}) {
        if (side->kind == SchemaOrigin::Kind::Connection)
            out.specs << side->spec;
        else if (side->kind == SchemaOrigin::Kind::WorkspaceVersion)
            out.specs << workspace;
    }
    emit compared(out);
}

void SchemaCompareWorker::checkDrift(const ConnectionSpec &workspace)
{
    auto done = qScopeGuard([this] { emit finished(); });
    auto session = openWorkspace(workspace);
    if (!session) {
        emit failed(session.error());
        return;
    }
    HistoryTable history(**session);
    auto drift = DriftCheck::run(**session, history);
    if (!drift) {
        emit failed(drift.error());
        return;
    }
    SchemaComparison out;
    out.isDrift = true;
    out.driftVersion = drift->version;
    out.driftOrigin = drift->recorded.origin;
    out.specs = {workspace};
    out.nameA = tr("recorded at version %1").arg(drift->version);
    out.nameB = tr("live %1").arg(workspace.displayUrl());
    out.a = drift->recorded.schema;
    out.b = drift->live;
    out.diff = drift->diff;
    out.objects = DiffObjects::list(out.a, out.b, out.diff);
    emit compared(out);
}

void SchemaCompareWorker::listVersions(const ConnectionSpec &workspace)
{
    auto done = qScopeGuard([this] { emit finished(); });
    auto session = openWorkspace(workspace);
    if (!session) {
        emit failed(session.error());
        return;
    }
    HistoryTable history(**session);
    auto recorded = RecordedSchemas::read(history);
    if (!recorded) {
        emit failed(recorded.error());
        return;
    }
    QStringList versions;
    for (const RecordedSchema &r : *recorded)
        versions << r.version;
    emit versionsListed(versions);
}

void SchemaCompareWorker::save(const QString &migrationsDir, const MigrationDraft &draft,
                               FolderFormat emptyFolderFormat)
{
    auto done = qScopeGuard([this] { emit finished(); });
    auto written = MigrationWriter::write(migrationsDir, draft, emptyFolderFormat);
    if (!written) {
        emit failed(written.error());
        return;
    }
    emit saved(*written);
}

} // namespace strata
