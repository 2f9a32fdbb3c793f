// strata: the desktop app. Parses the command line and opens the window on a workspace.

#include "common/Theme.h"
#include "common/UiProbe.h"
#include "connection/RecentWorkspaces.h"
#include "screenshots/ScreenshotTour.h"
#include "timeline/TimelineModel.h"
#include "workspace/MainWindow.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSettings>
#include <QStyleFactory>
#include <QTextStream>
#include <QTimer>
#include <QWindow>
#include <memory>

int main(int argc, char **argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("strata"));
    QApplication::setApplicationDisplayName(QStringLiteral("Strata"));
    QApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION));
    // The .desktop file's name (resources/), so the desktop matches windows to their launcher.
    QApplication::setDesktopFileName(QStringLiteral("dev.strata_workbench.Strata"));
    strata::Workspace::setSourceDirHint(QStringLiteral(STRATA_SOURCE_DIR));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Strata: a workbench for database migrations."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption db(QStringLiteral("db"),
                          QStringLiteral("Database URL (sqlite:FILE or postgresql://...)."),
                          QStringLiteral("url"));
    QCommandLineOption migrations(QStringLiteral("migrations"),
                                  QStringLiteral("Migrations folder."), QStringLiteral("dir"));
    QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the demo workspace."));
    QCommandLineOption dark(QStringLiteral("dark"),
                            QStringLiteral("Use the built-in dark palette."));
    QCommandLineOption light(QStringLiteral("light"),
                             QStringLiteral("Use the built-in light palette."));
    QCommandLineOption screenshots(QStringLiteral("screenshots"),
                                   QStringLiteral("Render screenshots."), QStringLiteral("dir"));
    screenshots.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption quitWhenReady(
        QStringLiteral("quit-when-ready"),
        QStringLiteral("Print the start-up time and quit (benchmarks)."));
    quitWhenReady.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({db, migrations, demo, dark, light, screenshots, quitWhenReady});
    // What the desktop passes when a .db or .sqlite file is opened with Strata (Exec=strata %f).
    parser.addPositionalArgument(
        QStringLiteral("file"),
        QStringLiteral("An SQLite database file to open, with the migrations folder last used "
                       "with it, or --migrations, or a migrations/ folder beside it."),
        QStringLiteral("[file]"));
    parser.process(app);
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1 || (!files.isEmpty() && (parser.isSet(db) || parser.isSet(demo)))) {
        QTextStream(stderr) << "strata: give one database: a file, --db URL or --demo\n";
        return 2;
    }

    if (parser.isSet(screenshots))
        return strata::ScreenshotTour::run(parser.value(screenshots));
    if (parser.isSet(dark) || parser.isSet(light)) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(parser.isSet(dark) ? strata::theme::darkPalette()
                                                    : strata::theme::lightPalette());
    }

    strata::UiProbe::startFromEnvironment(); // end-to-end tests only (STRATA_UI_PROBE)
    strata::MainWindow window;
    auto config = [&]() -> strata::Result<strata::WorkspaceConfig> {
        if (parser.isSet(demo))
            return strata::Workspace::demo();
        if (!files.isEmpty()) {
            strata::ConnectionSpec file;
            file.engine = strata::Engine::Sqlite;
            file.path = QFileInfo(files.first()).absoluteFilePath();
            return strata::Workspace::forDatabaseFile(files.first(), parser.value(migrations),
                                                      strata::RecentWorkspaces().folderFor(file));
        }
        return strata::Workspace::startup(parser.value(db), parser.value(migrations),
                                          *strata::Workspace::settings());
    }();
    if (!config) {
        QTextStream(stderr) << "strata: " << config.error().toString() << '\n';
        if (config.error().kind == strata::Error::Kind::Usage)
            return 2;
        if (parser.isSet(quitWhenReady)) // no window will ever be ready
            return 1;
    }
    if (config && config->migrationsDir.isEmpty() && parser.isSet(quitWhenReady)) {
        QTextStream(stderr) << "strata: no migrations folder is known for " << config->spec.path
                            << " (give --migrations DIR)\n";
        return 2;
    }
    if (parser.isSet(quitWhenReady))
        window.setRememberWorkspace(false);
    window.show();
    if (config && config->migrationsDir.isEmpty()) // a file whose folder is not known: ask
        QTimer::singleShot(0, &window, [&window, spec = config->spec] {
            window.askForWorkspace(spec, QString());
        });
    else if (config)
        window.openWorkspace(*config);
    else
        window.showError(config.error(), QObject::tr("Could not open the workspace"));
    if (parser.isSet(quitWhenReady)) {
        // Shown: the window is on screen and painted (the worker may still be reading).
        // Usable: the timeline holds the status too.
        auto *poll = new QTimer(&app);
        poll->setInterval(1);
        auto shownMs = std::make_shared<qint64>(-1);
        auto updated = std::make_shared<bool>(false);
        QObject::connect(&window, &strata::MainWindow::timelineUpdated, &app,
                         [updated] { *updated = true; });
        QObject::connect(poll, &QTimer::timeout, &app, [&, poll, shownMs, updated] {
            if (!window.windowHandle() || !window.windowHandle()->isExposed())
                return;
            if (*shownMs < 0)
                *shownMs = sinceStart.elapsed();
            if (!*updated)
                return;
            poll->stop();
            window.repaint();
            QTextStream(stdout) << "shown_ms " << *shownMs << " ready_ms " << sinceStart.elapsed()
                                << " versions " << window.timelineModel()->rowCount() << '\n';
            QApplication::quit();
        });
        poll->start();
    }
    return app.exec();
}
