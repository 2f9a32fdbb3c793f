#include "Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
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
    auto folder = demoMigrations();
    return folder ? *folder : QString();
}

Result<QString> Workspace::demoMigrations()
{
    const QString fromEnv = qEnvironmentVariable("STRATA_DEMO_MIGRATIONS");
    if (!fromEnv.isEmpty())
        return QDir(fromEnv).absolutePath();
    const QString exeDir = QCoreApplication::applicationDirPath();
    // Run from the build tree (build/app/gui/strata): the checkout's folder, edits and all.
    if (const QString built = exeDir + QStringLiteral("/../../../migrations");
        looksLikeMigrations(built))
        return QDir(built).canonicalPath();
    // Installed (<prefix>/bin/strata): the shipped folder is read-only, and the demo is for
    // trying things (Save as Migration writes into it), so the user works on a copy.
    if (const QString shipped = exeDir + QStringLiteral("/../share/strata/migrations");
        looksLikeMigrations(shipped))
        return userDemoMigrations(shipped, QFileInfo(demoDatabasePath()).absolutePath());
    QStringList candidates{exeDir + QStringLiteral("/migrations")};
    if (!sourceDirHint().isEmpty())
        candidates << sourceDirHint() + QStringLiteral("/migrations");
    const QString fromTests = qEnvironmentVariable("STRATA_SOURCE_DIR");
    if (!fromTests.isEmpty())
        candidates << fromTests + QStringLiteral("/migrations");
    for (const QString &c : candidates) {
        if (looksLikeMigrations(c))
            return QDir(c).canonicalPath();
    }
    return Error::source(QStringLiteral("migrations"),
                         QStringLiteral("The demo migrations folder was not found. Set "
                                        "STRATA_DEMO_MIGRATIONS or open a workspace."));
}

Result<QString> Workspace::userDemoMigrations(const QString &shipped, const QString &demoDir)
{
    const QString target = demoDir + QStringLiteral("/migrations");
    // Copied once: after that the folder is the user's, changes and deletions included.
    if (QFileInfo(target).isDir())
        return QDir(target).canonicalPath();
    // Copied beside it and renamed, so an interrupted copy never passes for the demo.
    const QString partial = target + QStringLiteral(".partial");
    QDir(partial).removeRecursively();
    if (!QDir().mkpath(partial))
        return Error::source(partial, QStringLiteral("Cannot create the demo's folder."));
    const QStringList names = QDir(shipped).entryList({QStringLiteral("*.sql")}, QDir::Files);
    for (const QString &name : names) {
        const QString to = partial + u'/' + name;
        if (!QFile::copy(shipped + u'/' + name, to))
            return Error::source(shipped + u'/' + name,
                                 QStringLiteral("Cannot copy the demo migration to %1.").arg(to));
        // The shipped files are read-only; the copy is the user's to edit.
        QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                      QFile::ReadOther);
    }
    if (!QDir().rename(partial, target))
        return Error::source(target, QStringLiteral("Cannot create the demo's folder."));
    return QDir(target).canonicalPath();
}

QString Workspace::demoDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/demo/demo.db");
}

Result<WorkspaceConfig> Workspace::demo()
{
    auto found = demoMigrations(); // or why not: not found, or the user's copy failed
    if (!found)
        return found.error();
    const QString folder = *found;
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

Result<WorkspaceConfig> Workspace::forDatabaseFile(const QString &file,
                                                   const QString &migrationsDir,
                                                   const std::optional<QString> &lastUsedFolder)
{
    const QFileInfo info(file);
    if (!info.exists())
        return Error::source(file, QStringLiteral("The database file does not exist."));
    if (!info.isFile())
        return Error::source(file, QStringLiteral("This is not a file: open an SQLite database "
                                                  "file, or use --db URL."));
    QFile probe(info.absoluteFilePath());
    if (!probe.open(QIODevice::ReadOnly))
        return Error::source(
            file, QStringLiteral("The database file cannot be read: %1").arg(probe.errorString()));
    // An empty file is an empty SQLite database; anything else starts with SQLite's header.
    const QByteArray head = probe.read(16);
    if (!head.isEmpty() && head != QByteArrayLiteral("SQLite format 3\0"))
        return Error::source(file, QStringLiteral("This is not an SQLite database."));

    WorkspaceConfig config;
    config.spec.engine = Engine::Sqlite;
    config.spec.path = info.absoluteFilePath();
    const QString beside = info.absolutePath() + QStringLiteral("/migrations");
    if (!migrationsDir.isEmpty()) {
        if (!QFileInfo(migrationsDir).isDir())
            return Error::source(migrationsDir,
                                 QStringLiteral("The migrations folder does not exist."));
        config.migrationsDir = QDir(migrationsDir).absolutePath();
    } else if (lastUsedFolder && QFileInfo(*lastUsedFolder).isDir()) {
        config.migrationsDir = QDir(*lastUsedFolder).absolutePath();
    } else if (QFileInfo(beside).isDir()) {
        config.migrationsDir = QDir(beside).canonicalPath();
    }
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
