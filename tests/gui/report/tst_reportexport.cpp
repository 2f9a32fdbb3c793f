// "Export Report…" in the desktop app (offscreen): the dry-run panel, the rollback dialog, the
// result of an apply, and Workspace → Export Report for the state; each writes the chosen
// format, with the workspace around the result and never a password.

#include "TestDatabases.h"
#include "common/Banner.h"
#include "dryrun/DryRunPanel.h"
#include "report/ReportExport.h"
#include "timeline/RollbackDialog.h"
#include "timeline/TimelineModel.h"
#include "workspace/MainWindow.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace strata;

namespace {

QTemporaryDir *home()
{
    static QTemporaryDir dir;
    return &dir;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestReportExport : public QObject {
    Q_OBJECT
public:
    static void initMain()
    {
        qputenv("XDG_DATA_HOME", home()->filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CONFIG_HOME", home()->filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_DEMO_MIGRATIONS", test::demoFolder().toUtf8());
    }

private:
    QTemporaryDir m_out;
    QString m_chosen; // what the fake file dialog answers
    QString m_filter; // and the filter it says was chosen
    int m_asked = 0;

    void answer(const QString &name, const QString &filter = {})
    {
        m_chosen = name.isEmpty() ? QString() : m_out.filePath(name);
        m_filter = filter;
    }

    // A real trial: the demo database at 6, trying 7..10 (or rolling back to 3).
    TrialResult trial(Direction direction)
    {
        test::ScratchDatabase db(Engine::Sqlite);
        if (!db.ok())
            qFatal("%s", qPrintable(db.error()));
        auto session = test::openSession(db.url());
        Migrator migrator(*session, test::readFolder(test::demoFolder()));
        if (!migrator.up(*Version::parse(QStringLiteral("6"))).ok())
            qFatal("seeding failed");
        auto plan = direction == Direction::Up
                        ? migrator.planUp()
                        : migrator.planDown(DownTarget{*Version::parse(QStringLiteral("3")), {}});
        if (!plan)
            qFatal("no plan");
        return DryRun::trial(migrator, *plan);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_out.isValid());
        ReportExport::setFileChooser([this](QWidget *, const QString &suggested, QString *filter) {
            ++m_asked;
            if (!suggested.endsWith(QLatin1String(".html")))
                return QString(); // the suggestion must name a format
            if (!m_filter.isEmpty())
                *filter = m_filter;
            return m_chosen;
        });
    }

    void resolve_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("format");
        const QStringList filters = ReportExport::filters().split(QStringLiteral(";;"));
        QCOMPARE(filters.size(), 4);
        QTest::newRow("extension wins")
            << "r.pdf" << filters[0] << "r.pdf" << int(ReportFormat::Pdf);
        QTest::newRow("md") << "r.md" << filters[1] << "r.md" << int(ReportFormat::Markdown);
        QTest::newRow("filter pdf") << "r" << filters[1] << "r.pdf" << int(ReportFormat::Pdf);
        QTest::newRow("filter json")
            << "r.txt" << filters[3] << "r.txt.json" << int(ReportFormat::Json);
        QTest::newRow("no filter") << "r" << QString() << "r.html" << int(ReportFormat::Html);
    }

    void resolve()
    {
        QFETCH(QString, path);
        QFETCH(QString, filter);
        QFETCH(QString, expected);
        QFETCH(int, format);
        const auto [resolved, f] = ReportExport::resolve(path, filter);
        QCOMPARE(resolved, expected);
        QCOMPARE(int(f), format);
    }

    void dryRunPanelExports_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("html") << "panel.html";
        QTest::newRow("md") << "panel.md";
        QTest::newRow("json") << "panel.json";
        QTest::newRow("pdf") << "panel.pdf";
    }

    void dryRunPanelExports()
    {
        QFETCH(QString, file);
        DryRunPanel panel;
        panel.resize(900, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const auto spec = ConnectionSpec::parse(
            QStringLiteral("postgresql://dba:Hunter2-secret@db.example/shop"));
        QVERIFY(spec.ok());
        panel.setReportBase([&] {
            Report r = Report::begin(QString());
            r.setDatabase(*spec, QStringLiteral("16.4"));
            return r;
        });
        panel.setTrial(trial(Direction::Up), QStringLiteral("Dry run: migrate 6 → 10"));
        QVERIFY(panel.exportButton()->isVisible());
        answer(file);
        const int asked = m_asked;
        QTest::mouseClick(panel.exportButton(), Qt::LeftButton);
        QCOMPARE(m_asked, asked + 1);
        const QByteArray bytes = readAll(m_chosen);
        QVERIFY2(bytes.size() > 1000, qPrintable(m_chosen));
        if (file.endsWith(QLatin1String(".pdf"))) {
            QVERIFY(bytes.startsWith("%PDF-"));
            return;
        }
        QVERIFY(bytes.contains("postgresql://dba@db.example/shop"));
        QVERIFY(!bytes.contains("Hunter2-secret"));
        QVERIFY(bytes.contains("V9__Create_inventory.sql"));
        QVERIFY(bytes.contains("migrate 6 → 10"));
    }

    void cancelWritesNothing()
    {
        DryRunPanel panel;
        panel.setTrial(trial(Direction::Up), QStringLiteral("Dry run: migrate 6 → 10"));
        answer(QString());
        QCOMPARE(ReportExport::run(
                     &panel, [&] { return panel.report(); }, QStringLiteral("x")),
                 QString());
        QCOMPARE(QDir(m_out.path()).entryList({QStringLiteral("*.x*")}), QStringList());
    }

    void suggestionIsTheLastExportsFolder()
    {
        // Before any export: Documents when it exists, else home, never the working directory.
        QSettings(QStringLiteral("strata"), QStringLiteral("strata"))
            .remove(QStringLiteral("reports/lastFolder"));
        const QString documents =
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        const QString first =
            QFileInfo(ReportExport::suggestedPath(QStringLiteral("x"))).absolutePath();
        QCOMPARE(first, QFileInfo(documents).isDir() ? documents : QDir::homePath());
        // After one: the folder the user chose.
        DryRunPanel panel;
        panel.setTrial(trial(Direction::Up), QStringLiteral("Dry run: migrate 6 → 10"));
        answer(QStringLiteral("where.html"));
        const QString written = ReportExport::run(
            &panel, [&] { return panel.report(); }, QStringLiteral("x"));
        QVERIFY(QFile::exists(written));
        QCOMPARE(QFileInfo(ReportExport::suggestedPath(QStringLiteral("x"))).absolutePath(),
                 QFileInfo(written).absolutePath());
        // A folder since removed is not suggested.
        QSettings(QStringLiteral("strata"), QStringLiteral("strata"))
            .setValue(QStringLiteral("reports/lastFolder"), m_out.filePath(QStringLiteral("gone")));
        QCOMPARE(QFileInfo(ReportExport::suggestedPath(QStringLiteral("x"))).absolutePath(), first);
    }

    void rollbackDialogExports()
    {
        const TrialResult down = trial(Direction::Down);
        QVERIFY(down.ok());
        RollbackDialog dialog(down, QStringLiteral("6"), QStringLiteral("3"),
                              QStringLiteral("sqlite:demo.db"));
        dialog.show();
        QVERIFY(dialog.exportButton()->isVisible());
        answer(QStringLiteral("rollback"), ReportExport::filters().split(QStringLiteral(";;"))[3]);
        QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
        QVERIFY(dialog.isVisible()); // exporting does not decide
        const QJsonObject doc =
            QJsonDocument::fromJson(readAll(m_out.filePath(QStringLiteral("rollback.json"))))
                .object();
        QCOMPARE(doc.value(QStringLiteral("title")).toString(),
                 QStringLiteral("Rollback preview: 6 → 3"));
        QCOMPARE(doc.value(QStringLiteral("dry_run")).toObject().value(QStringLiteral("direction")),
                 QJsonValue(QStringLiteral("down")));
        QCOMPARE(doc.value(QStringLiteral("database")).toObject().value(QStringLiteral("url")),
                 QJsonValue(QStringLiteral("sqlite:demo.db")));
    }

    void windowExportsStateAndRun()
    {
        QFile::remove(Workspace::demoDatabasePath());
        auto demo = Workspace::demo();
        QVERIFY2(demo.ok(), qPrintable(demo.error().toString()));
        MainWindow window;
        window.setRememberWorkspace(false);
        window.show();
        QVERIFY(!window.exportReportAction()->isEnabled());
        QSignalSpy updated(&window, &MainWindow::timelineUpdated);
        window.openWorkspace(*demo);
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && !window.controller()->isBusy(), 20000);
        QVERIFY(window.exportReportAction()->isEnabled());
        bool inMenu = false;
        for (QAction *menu : window.menuBar()->actions()) {
            if (menu->menu() && menu->menu()->actions().contains(window.exportReportAction()))
                inMenu = true;
        }
        QVERIFY(inMenu);

        // Workspace → Export Report: timeline and validation.
        answer(QStringLiteral("state.json"));
        window.exportReportAction()->trigger();
        const QJsonObject state = QJsonDocument::fromJson(readAll(m_chosen)).object();
        QCOMPARE(state.value(QStringLiteral("kinds")).toArray(),
                 (QJsonArray{QStringLiteral("timeline"), QStringLiteral("validation")}));
        QCOMPARE(
            state.value(QStringLiteral("timeline")).toObject().value(QStringLiteral("current")),
            QJsonValue(QStringLiteral("6")));
        QCOMPARE(
            state.value(QStringLiteral("validation")).toObject().value(QStringLiteral("valid")),
            QJsonValue(true));
        QVERIFY(!state.value(QStringLiteral("database"))
                     .toObject()
                     .value(QStringLiteral("server_version"))
                     .toString()
                     .isEmpty());

        // Migrate to 8; the result banner offers the run's report.
        QVERIFY(!window.lastRunReport());
        window.setMigrateConfirmer(
            [](const TrialResult &, const QString &, const QString &) { return true; });
        QVERIFY(window.selectVersion(QStringLiteral("8")));
        updated.clear();
        window.migrateAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() > 0 && !window.controller()->isBusy(), 20000);
        QVERIFY(window.messageBanner()->body().contains(QStringLiteral("report:run")));
        answer(QStringLiteral("apply.md"));
        emit window.messageBanner()->linkActivated(QStringLiteral("report:run"));
        const QString md = QString::fromUtf8(readAll(m_chosen));
        QVERIFY2(md.contains(QStringLiteral("## Apply")), qPrintable(md.left(400)));
        QVERIFY(md.contains(QStringLiteral("| 7 | Create order totals view |")));
        QVERIFY(md.contains(QStringLiteral("| 8 | Seed demo data |")));
        const auto run = window.lastRunReport();
        QVERIFY(run && run->run->startedAt.isValid() &&
                run->run->startedAt <= run->run->finishedAt);
    }
};

QTEST_MAIN(TestReportExport)
#include "tst_reportexport.moc"
