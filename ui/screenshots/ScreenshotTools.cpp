#include "ScreenshotTools.h"

#include "diff/DiffTreeModel.h"
#include "diff/SchemaDiffView.h"
#include "transfer/TransferWizard.h"
#include "transfer/TransferWizardPages.h"
#include "workspace/MainWindow.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>
#include <QThread>

namespace strata {

namespace {

template <typename F> bool waitFor(F done, int ms = 60000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > ms)
            return false;
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
    return true;
}

bool grab(QWidget *widget, const QString &path)
{
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
    const bool ok = widget->grab().save(path);
    QTextStream(stdout) << (ok ? "wrote " : "FAILED ") << QDir::current().relativeFilePath(path)
                        << '\n';
    return ok;
}

// The demo project migrated to its last version: the schema "someone designed" to compare with.
QString desiredDatabase(const WorkspaceConfig &config)
{
    const QString path = QFileInfo(config.spec.path).absolutePath() + QStringLiteral("/desired.db");
    QFile::remove(path);
    ConnectionSpec spec;
    spec.path = path;
    auto session = DatabaseSession::open(spec);
    auto folder = MigrationSource::readComplete(config.migrationsDir);
    if (!session || !folder) {
        QTextStream(stderr) << "screenshots: "
                            << (!session ? session.error() : folder.error()).toString() << '\n';
        return {};
    }
    Migrator migrator(**session, *folder);
    const RunResult run = migrator.up(Version::parse(QStringLiteral("10"))); // 11 is the broken one
    if (run.error)
        QTextStream(stderr) << "screenshots: " << run.error->toString() << '\n';
    return run.ok() ? path : QString();
}

int diffScreenshot(MainWindow &window, const WorkspaceConfig &config, const QString &out,
                   const QString &variant)
{
    const QString desired = desiredDatabase(config);
    SchemaDiffView *view = window.openSchemaDiff();
    view->resize(1280, 800);
    waitFor([&] { return !view->isBusy(); });
    SchemaOrigin version;
    version.kind = SchemaOrigin::Kind::WorkspaceVersion;
    version.version = QStringLiteral("4"); // recorded: version 4 has no undo script in the tour
    SchemaOrigin target;
    target.spec.path = desired;
    view->setOrigins(version, target);
    view->compare();
    waitFor([&] { return !view->isBusy(); });
    view->selectObject(QStringLiteral("customers"));
    const int failures = !grab(view, out + QStringLiteral("/diff-%1.png").arg(variant));
    view->close();
    return failures;
}

int transferScreenshots(MainWindow &window, const WorkspaceConfig &config, const QString &out,
                        const QString &variant)
{
    QString source = qEnvironmentVariable("STRATA_SCREENSHOT_SQLITE");
    if (source.isEmpty())
        source = QFileInfo(config.spec.path).absolutePath() + QStringLiteral("/desired.db");
    TransferWizard wizard(&window);
    wizard.resize(1200, 760); // its default size
    wizard.show();
    wizard.setSourcePath(source);
    wizard.next();
    const auto pg = ConnectionSpec::parse(QStringLiteral("postgresql://"));
    wizard.setTarget(*pg); // tested on the page: Next waits for the server's answer
    wizard.setTargetSchema(QStringLiteral("strata_screenshots"));
    wizard.setDropExisting(true);
    waitFor([&] { return !wizard.targetPage()->isTesting(); });
    int failures = !grab(&wizard, out + QStringLiteral("/transfer-target-%1.png").arg(variant));
    if (!wizard.targetPage()->isConnected()) {
        // The rest needs a server (scripts/screenshots runs in pg_virtualenv).
        QTextStream(stderr) << "screenshots: no PostgreSQL server; transfer pages skipped\n";
        return failures;
    }
    wizard.next();
    if (!waitFor([&] { return wizard.mappingPage()->isPlanned(); }))
        return failures + 1;
    failures += !grab(&wizard, out + QStringLiteral("/transfer-mapping-%1.png").arg(variant));

    wizard.next();
    if (!waitFor([&] { return wizard.button(QWizard::CommitButton)->isEnabled(); }))
        return failures + 1;
    failures += !grab(&wizard, out + QStringLiteral("/transfer-ddl-%1.png").arg(variant));
    wizard.next();
    if (!waitFor([&] { return wizard.runPage()->isDone(); }, 300000))
        return failures + 1;
    failures += !grab(&wizard, out + QStringLiteral("/transfer-run-%1.png").arg(variant));
    wizard.next();
    failures += !grab(&wizard, out + QStringLiteral("/transfer-verified-%1.png").arg(variant));
    return failures;
}

} // namespace

int toolsScreenshots(MainWindow &window, const WorkspaceConfig &config, const QString &out,
                     const QString &variant)
{
    return diffScreenshot(window, config, out, variant) +
           transferScreenshots(window, config, out, variant);
}

} // namespace strata
