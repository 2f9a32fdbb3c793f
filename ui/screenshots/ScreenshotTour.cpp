#include "ScreenshotTour.h"

#include "ScreenshotTools.h"
#include "connection/ConnectionDialog.h"
#include "dryrun/DryRunPanel.h"
#include "timeline/RollbackDialog.h"
#include "timeline/TimelineModel.h"
#include "workspace/MainWindow.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTreeView>

namespace strata {

namespace {

// Processes events until `done` holds (or 30 s pass); then lets pending paints happen.
template <typename F> bool waitUntil(F done)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > 30000)
            return false;
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
    return true;
}

bool save(QWidget *widget, const QString &path)
{
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
    const bool ok = widget->grab().save(path);
    QTextStream(stdout) << (ok ? "wrote " : "FAILED ") << QDir::current().relativeFilePath(path)
                        << '\n';
    return ok;
}

// The demo folder copied to `dir/migrations`, without the undo script of version 4, so the
// rollback shows an undo generated from snapshots.
QString copyDemo(const QString &dir)
{
    const QString source = Workspace::demoMigrationsDir();
    const QString target = dir + QStringLiteral("/migrations");
    QDir().mkpath(target);
    for (const QString &name : QDir(source).entryList({QStringLiteral("*.sql")}, QDir::Files)) {
        if (name.startsWith(QLatin1String("U4__")))
            continue;
        QFile::copy(source + u'/' + name, target + u'/' + name);
    }
    return target;
}

int tour(const QString &out, const QString &variant, const QPalette &palette,
         QTemporaryDir &scratch)
{
    QApplication::setPalette(palette);
    const QString dir = scratch.path() + u'/' + variant;
    QDir().mkpath(dir);
    WorkspaceConfig config;
    config.spec.engine = Engine::Sqlite;
    config.spec.path = dir + QStringLiteral("/demo.db");
    config.migrationsDir = copyDemo(dir);
    config.seedTo = QStringLiteral("6");
    config.isDemo = true;

    MainWindow window;
    window.setRememberWorkspace(false);
    window.resize(1280, 800);
    window.show();
    bool updated = false;
    QObject::connect(&window, &MainWindow::timelineUpdated, &window, [&] { updated = true; });
    window.openWorkspace(config);
    if (!waitUntil([&] { return updated && !window.controller()->isBusy(); }))
        return 1;
    int failures = 0;

    // 1. The timeline with the SQL of an applied version.
    window.selectVersion(QStringLiteral("3"));
    window.showSqlTab();
    failures += !save(&window, out + QStringLiteral("/main-%1.png").arg(variant));

    // 2. Dry run of the pending versions.
    window.selectVersion(QStringLiteral("10"));
    window.dryRunAction()->trigger();
    waitUntil([&] { return !window.controller()->isBusy(); });
    QTreeView *statements = window.dryRunPanel()->statementView();
    statements->setCurrentIndex(statements->model()->index(0, 0, statements->model()->index(1, 0)));
    failures += !save(&window, out + QStringLiteral("/dryrun-%1.png").arg(variant));

    // 3. The rollback confirmation (cancelled: the screenshot is all we want).
    window.setRollbackConfirmer(
        [&](const TrialResult &trial, const QString &from, const QString &to) {
            RollbackDialog dialog(trial, from, to, config.displayUrl(), &window);
            dialog.resize(760, 600);
            dialog.show();
            failures += !save(&dialog, out + QStringLiteral("/rollback-%1.png").arg(variant));
            return MainWindow::RollbackDecision{};
        });
    window.selectVersion(QStringLiteral("3"));
    window.rollbackAction()->trigger();
    waitUntil([&] { return !window.controller()->isBusy(); });

    // 4. A dry run that fails: the statement is marked in its file.
    // A deliberately broken migration, kept as a file in resources/screenshots/.
    const QString broken =
        config.migrationsDir + QStringLiteral("/V11__Backfill_order_summaries.sql");
    QFile::copy(QStringLiteral(":/screenshots/V11__Backfill_order_summaries.sql"), broken);
    QFile::setPermissions(broken, QFile::ReadOwner | QFile::WriteOwner);
    updated = false;
    window.refreshAction()->trigger();
    waitUntil([&] { return updated && !window.controller()->isBusy(); });
    window.selectVersion(QStringLiteral("11"));
    window.dryRunAction()->trigger();
    waitUntil([&] { return !window.controller()->isBusy(); });
    failures += !save(&window, out + QStringLiteral("/dryrun-failure-%1.png").arg(variant));

    // 5. The connection dialog asking for a workspace: an example connection that was tested
    // successfully, and the demo's migrations folder with its format and versions.
    ConnectionDialog connection(&window);
    connection.setExampleForScreenshots(Workspace::demoMigrationsDir());
    connection.show();
    failures += !save(&connection, out + QStringLiteral("/connection-%1.png").arg(variant));
    connection.reject();

    // 6. The Tools menu: schema diff view and transfer wizard.
    failures += toolsScreenshots(window, config, out, variant);
    return failures;
}

} // namespace

int ScreenshotTour::run(const QString &outputDir)
{
    QDir().mkpath(outputDir);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QTemporaryDir scratch;
    if (!scratch.isValid() || Workspace::demoMigrationsDir().isEmpty()) {
        QTextStream(stderr) << "screenshots: no scratch directory or demo migrations folder\n";
        return 1;
    }
    const QString out = QDir(outputDir).absolutePath();
    int failures = tour(out, QStringLiteral("light"), theme::lightPalette(), scratch);
    failures += tour(out, QStringLiteral("dark"), theme::darkPalette(), scratch);
    return failures == 0 ? 0 : 1;
}

} // namespace strata
