#include "Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace strata {

namespace {

QString &sourceDirHint()
{
    static QString hint;
    return hint;
}

bool looksLikeMigrations(const QString &dir)
{
    const QFileInfo info(dir);
    return info.isDir() &&
           !QDir(dir).entryList({QStringLiteral("V1__*.sql")}, QDir::Files).isEmpty();
}

const QString urlKey = QStringLiteral("workspace/url");
const QString folderKey = QStringLiteral("workspace/migrations");
const QString demoKey = QStringLiteral("workspace/demo");

} // namespace

std::unique_ptr<QSettings> Workspace::settings()
{
    return std::make_unique<QSettings>(QStringLiteral("strata"), QStringLiteral("strata"));
}

void Workspace::setSourceDirHint(const QString &dir)
{
    sourceDirHint() = dir;
}

QString Workspace::demoMigrationsDir()
{
    const QString fromEnv = qEnvironmentVariable("STRATA_DEMO_MIGRATIONS");
    if (!fromEnv.isEmpty())
        return QDir(fromEnv).absolutePath();
    QStringList candidates;
    const QString exeDir = QCoreApplication::applicationDirPath();
    candidates << exeDir + QStringLiteral("/../../../migrations")        // build/app/gui/strata
               << exeDir + QStringLiteral("/../share/strata/migrations") // installed
               << exeDir + QStringLiteral("/migrations");
    if (!sourceDirHint().isEmpty())
        candidates << sourceDirHint() + QStringLiteral("/migrations");
    const QString fromTests = qEnvironmentVariable("STRATA_SOURCE_DIR");
    if (!fromTests.isEmpty())
        candidates << fromTests + QStringLiteral("/migrations");
    for (const QString &c : candidates) {
        if (looksLikeMigrations(c))
            return QDir(c).canonicalPath();
    }
    return {};
}

QString Workspace::demoDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/demo/demo.db");
}

Result<WorkspaceConfig> Workspace::demo()
{
    const QString folder = demoMigrationsDir();
    if (folder.isEmpty())
        return Error::source(QStringLiteral("migrations"),
                             QStringLiteral("The demo migrations folder was not found. Set "
                                            "STRATA_DEMO_MIGRATIONS or open a workspace."));
    const QString db = demoDatabasePath();
    const bool fresh = !QFileInfo::exists(db);
    if (!QDir().mkpath(QFileInfo(db).absolutePath()))
        return Error::usage(QStringLiteral("Cannot create %1").arg(QFileInfo(db).absolutePath()));
    WorkspaceConfig config;
    config.spec.engine = Engine::Sqlite;
    config.spec.path = db;
    config.migrationsDir = folder;
    config.seedTo = fresh ? QString::fromLatin1(demoSeedVersion) : QString();
    config.isDemo = true;
    return config;
}

Result<WorkspaceConfig> Workspace::fromArguments(const QString &url, const QString &migrationsDir)
{
    auto spec = ConnectionSpec::parse(url);
    if (!spec)
        return spec.error();
    if (!QFileInfo(migrationsDir).isDir())
        return Error::source(migrationsDir,
                             QStringLiteral("The migrations folder does not exist."));
    WorkspaceConfig config;
    config.spec = *spec;
    config.migrationsDir = QDir(migrationsDir).absolutePath();
    return config;
}

std::optional<WorkspaceConfig> Workspace::last(QSettings &settings)
{
    const QString url = settings.value(urlKey).toString();
    const QString folder = settings.value(folderKey).toString();
    if (url.isEmpty() || folder.isEmpty())
        return std::nullopt;
    if (settings.value(demoKey).toBool()) {
        auto demoConfig = demo();
        return demoConfig ? std::optional(*demoConfig) : std::nullopt;
    }
    auto config = fromArguments(url, folder);
    if (!config)
        return std::nullopt;
    return *config;
}

void Workspace::remember(const WorkspaceConfig &config, QSettings &settings)
{
    // displayUrl() leaves the password out: it never reaches the settings file.
    settings.setValue(urlKey, config.spec.displayUrl());
    settings.setValue(folderKey, config.migrationsDir);
    settings.setValue(demoKey, config.isDemo);
}

Result<WorkspaceConfig> Workspace::startup(const QString &url, const QString &migrationsDir,
                                           QSettings &settings)
{
    if (!url.isEmpty()) {
        const QString folder =
            migrationsDir.isEmpty() ? QStringLiteral("migrations") : migrationsDir;
        return fromArguments(url, folder);
    }
    if (!migrationsDir.isEmpty())
        return Error::usage(QStringLiteral("--migrations needs --db URL"));
    if (auto remembered = last(settings))
        return *remembered;
    return demo();
}

} // namespace strata
