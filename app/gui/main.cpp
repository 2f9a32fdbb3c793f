// strata: the desktop app. Parses the command line and opens the window on a workspace.

#include "common/Theme.h"
#include "common/UiProbe.h"
#include "screenshots/ScreenshotTour.h"
#include "timeline/TimelineModel.h"
#include "workspace/MainWindow.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
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
    QApplication::setDesktopFileName(QStringLiteral("strata"));
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
    parser.process(app);

    if (parser.isSet(screenshots))
        return strata::ScreenshotTour::run(parser.value(screenshots));
    if (parser.isSet(dark) || parser.isSet(light)) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(parser.isSet(dark) ? strata::theme::darkPalette()
                                                    : strata::theme::lightPalette());
    }

    strata::UiProbe::startFromEnvironment(); // end-to-end tests only (STRATA_UI_PROBE)
    strata::MainWindow window;
    auto config = parser.isSet(demo)
                      ? strata::Workspace::demo()
                      : strata::Workspace::startup(parser.value(db), parser.value(migrations),
                                                   *strata::Workspace::settings());
    if (!config) {
        QTextStream(stderr) << "strata: " << config.error().toString() << '\n';
        if (config.error().kind == strata::Error::Kind::Usage)
            return 2;
    }
    if (parser.isSet(quitWhenReady))
        window.setRememberWorkspace(false);
    window.show();
    if (config)
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
