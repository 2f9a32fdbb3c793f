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
    // Where the demo project's migrations are: $STRATA_DEMO_MIGRATIONS, then migrations/ next
    // to the executable's source tree or install prefix, then the compile-time hint.
    static QString demoMigrationsDir();
    static void setSourceDirHint(const QString &dir);
    // The demo database: <AppDataLocation>/demo/demo.db.
    static QString demoDatabasePath();
    // The demo workspace; seeded to version 6 when its database does not exist yet.
    static Result<WorkspaceConfig> demo();

    static Result<WorkspaceConfig> fromArguments(const QString &url, const QString &migrationsDir);
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
