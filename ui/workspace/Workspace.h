#pragma once
// A workspace is a database connection plus a migrations folder. The last one is remembered in
// QSettings (its URL never carries a password); the first start opens the demo workspace.

#include "connection/ConnectionSpec.h"
#include "util/Result.h"
#include <QMetaType>
#include <memory>
#include <optional>

#include <QSettings>

namespace strata {

struct WorkspaceConfig {
    ConnectionSpec spec;
    QString migrationsDir;
    // Applied first when the database has no history yet: the demo starts half-way, so a new
    // user sees applied and pending versions at once. Empty: nothing is applied on open.
    QString seedTo;
    bool isDemo = false;

    QString displayUrl() const { return spec.displayUrl(); }
};

class Workspace {
public:
    // Where the demo project's migrations are: $STRATA_DEMO_MIGRATIONS, then the checkout's
    // migrations/ when run from the build tree, then (installed) the user's copy of
    // <prefix>/share/strata/migrations, made on first use, then the compile-time hint. Empty
    // when none is found or the copy fails; demoMigrations() says which.
    static QString demoMigrationsDir();
    static Result<QString> demoMigrations();
    // The user's copy of the shipped (read-only) demo folder: `demoDir`/migrations, copied from
    // `shipped` when it does not exist yet, and never touched again once it does.
    static Result<QString> userDemoMigrations(const QString &shipped, const QString &demoDir);
    static void setSourceDirHint(const QString &dir);
    // The demo database: <AppDataLocation>/demo/demo.db.
    static QString demoDatabasePath();
    // The demo workspace; seeded to version 6 when its database does not exist yet.
    static Result<WorkspaceConfig> demo();

    static Result<WorkspaceConfig> fromArguments(const QString &url, const QString &migrationsDir);
    // `strata FILE` (a double-clicked .db or .sqlite file): the SQLite database `file`, which
    // must exist and be one, with its migrations folder: `migrationsDir` when given, else the
    // folder last used with this database, else a migrations/ folder beside the file, else
    // none (migrationsDir empty: the app asks for it).
    static Result<WorkspaceConfig> forDatabaseFile(const QString &file,
                                                   const QString &migrationsDir,
                                                   const std::optional<QString> &lastUsedFolder);
    // The remembered workspace, if any.
    static std::optional<WorkspaceConfig> last(QSettings &settings);
    static void remember(const WorkspaceConfig &config, QSettings &settings);

    // What `strata` opens: the arguments if given, else the last workspace, else the demo.
    static Result<WorkspaceConfig> startup(const QString &url, const QString &migrationsDir,
                                           QSettings &settings);

    // The settings file every part of the app uses (~/.config/strata/strata.conf on Linux).
    static std::unique_ptr<QSettings> settings();

    static constexpr const char *demoSeedVersion = "6";
};

} // namespace strata

Q_DECLARE_METATYPE(strata::WorkspaceConfig)
