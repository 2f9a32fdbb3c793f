#include "migration/Migration.h"

namespace strata {

QString folderFormatName(FolderFormat format)
{
    switch (format) {
    case FolderFormat::Flyway:
        return QStringLiteral("Flyway");
    case FolderFormat::GolangMigrate:
        return QStringLiteral("golang-migrate");
    case FolderFormat::Dbmate:
        return QStringLiteral("dbmate");
    case FolderFormat::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString engineVariantName(Engine engine)
{
    return engine == Engine::Postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
}

QString engineDisplayName(Engine engine)
{
    return engine == Engine::Postgres ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite");
}

QString Migration::scriptName() const
{
    return up.fileName();
}

const MigrationVariant *Migration::variantFor(Engine engine) const
{
    for (const MigrationVariant &v : variants) {
        if (v.engine == engine)
            return &v;
    }
    return nullptr;
}

Migration Migration::forEngine(Engine engine) const
{
    Migration out = *this;
    const MigrationVariant *variant = variantFor(engine);
    if (!variant)
        return out;
    if (!variant->up.isEmpty()) {
        if (out.plainScriptName.isEmpty()) {
            out.plainScriptName = scriptName();
            out.plainChecksum = checksum;
        }
        out.up = variant->up;
        out.checksum = variant->checksum;
    }
    if (!variant->down.isEmpty())
        out.down = variant->down;
    return out;
}

QString Migration::checksumOfScript(const QString &fileName) const
{
    if (fileName.isEmpty())
        return {};
    if (fileName == scriptName())
        return checksum;
    if (fileName == plainScriptName)
        return plainChecksum;
    for (const MigrationVariant &v : variants) {
        if (!v.up.isEmpty() && v.up.fileName() == fileName)
            return v.checksum;
    }
    return {};
}

QString Migration::pathOfScript(const QString &fileName) const
{
    if (fileName.isEmpty())
        return {};
    if (fileName == scriptName())
        return up.path;
    for (const MigrationVariant &v : variants) {
        if (!v.up.isEmpty() && v.up.fileName() == fileName)
            return v.up.path;
    }
    if (fileName == plainScriptName) // beside the variant that replaced it
        return up.path.section(u'/', 0, -2, QString::SectionIncludeTrailingSep) + fileName;
    return {};
}

} // namespace strata
