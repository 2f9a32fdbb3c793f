// The Alembic revision graph in the desktop app (offscreen): the model (checked by
// QAbstractItemModelTester) carries states and lanes, the pane paints branches and says what is
// missing, and the main window shows an Alembic project in the timeline's place, dry-runs it
// (database unchanged) and migrates it after the confirmation.
#include "TestDatabases.h"
#include "alembic/AlembicGraphModel.h"
#include "alembic/AlembicGraphPane.h"
#include "interop/AlembicRunner.h"
#include "timeline/TimelinePane.h"
#include "workspace/MainWindow.h"
#include <QAbstractItemModelTester>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace strata;

namespace {

QString shopDir()
{
    return qEnvironmentVariable("STRATA_SOURCE_DIR") + "/tests/fixtures/alembic/shop";
}

AlembicStatus placedShop(const QStringList &heads)
{
    auto project = AlembicProject::read(shopDir());
    if (!project)
        qFatal("%s", qPrintable(project.error().toString()));
    return AlembicPlacement::place(project->graph, heads);
}

QString headsOf(const QString &url)
{
    auto db = test::openSession(url);
    auto project = AlembicProject::read(shopDir());
    auto st = AlembicPlacement::read(*db, *project);
    return st ? st->databaseHeads.join(u',') : st.error().toString();
}

} // namespace

class TestAlembicGraphGui : public QObject {
    Q_OBJECT
private slots:
    void modelRolesAndLanes()
    {
        AlembicGraphModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStatus(placedShop({"3c4d5e6f7081"}));
        QCOMPARE(model.rowCount(), 6);
        const QModelIndex head = model.index(0);
        QCOMPARE(head.data(AlembicGraphModel::RevisionRole).toString(),
                 QStringLiteral("6f7081920314"));
        QCOMPARE(MigrationState(head.data(AlembicGraphModel::StateRole).toInt()),
                 MigrationState::Pending);
        QCOMPARE(head.data(AlembicGraphModel::LaneCountRole).toInt(), 2);
        const QModelIndex merge = model.index(1);
        QCOMPARE(merge.data(AlembicGraphModel::DownLanesRole).value<QList<int>>().size(), 2);
        QVERIFY(merge.data(AlembicGraphModel::DetailRole).toString().contains("merges"));
        int applied = 0;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QModelIndex i = model.index(r);
            applied += MigrationState(i.data(AlembicGraphModel::StateRole).toInt()) ==
                       MigrationState::Applied;
            QCOMPARE(i.data(AlembicGraphModel::IsDatabaseHeadRole).toBool(),
                     i.data(AlembicGraphModel::RevisionRole).toString() == "3c4d5e6f7081");
        }
        QCOMPARE(applied, 3);
        model.setStatus(placedShop({}));
        QCOMPARE(model.rowCount(), 6);
    }

    void paneSaysWhatIsMissing()
    {
        AlembicGraphPane pane;
        pane.resize(420, 420);
        pane.setStatus(placedShop({"3c4d5e6f7081"}), {});
        QVERIFY(pane.header()->text().contains("not installed"));
        const auto buttons = pane.findChildren<QPushButton *>();
        QCOMPARE(buttons.size(), 2);
        for (QPushButton *b : buttons)
            QVERIFY(!b->isEnabled());
        pane.setStatus(placedShop({"3c4d5e6f7081"}), "/usr/bin/alembic");
        QVERIFY(pane.header()->text().contains("database at 3c4d5e6f7081 · 3 pending"));
        for (QPushButton *b : buttons)
            QVERIFY(b->isEnabled());
        // Selecting a pending revision makes it the target; an applied one means "every head".
        pane.view()->setCurrentIndex(pane.model()->index(3));
        QCOMPARE(pane.target(), QString()); // 3c4d5e6f7081, applied
        pane.view()->setCurrentIndex(pane.model()->index(2));
        QCOMPARE(pane.target(), QStringLiteral("4d5e6f708192"));
        const QImage shot = pane.grab().toImage();
        QVERIFY(!shot.isNull());
        const QString out = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
        if (!out.isEmpty())
            QVERIFY(shot.save(out + "/alembic-graph.png"));
    }

    void mainWindowShowsDryRunsAndMigrates()
    {
        if (AlembicRunner::executable().isEmpty()) {
            if (test::postgresRequired())
                QFAIL("the `alembic` command is missing; scripts/setup installs it");
            QSKIP("the `alembic` command is not installed");
        }
        QTemporaryDir dir;
        const QString url = "sqlite://" + dir.filePath("shop.db");
        {
            // Start on one branch, applied by Strata through Alembic's SQL.
            auto db = test::openSession(url);
            auto project = AlembicProject::read(shopDir());
            auto st = AlembicPlacement::read(*db, *project);
            auto plan = AlembicRunner(*project).plan(*db, *st, {Direction::Up, "3c4d5e6f7081", 0});
            QVERIFY(plan.ok());
            QVERIFY(AlembicRunner::apply(*db, *plan).ok());
        }
        MainWindow window;
        window.setRememberWorkspace(false);
        window.resize(1100, 640);
        window.show();
        auto config = Workspace::fromArguments(url, shopDir());
        QVERIFY(config.ok());
        QSignalSpy graphs(window.controller(), &WorkspaceController::alembicStatusReady);
        window.openWorkspace(*config);
        QTRY_VERIFY_WITH_TIMEOUT(graphs.count() > 0 && !window.controller()->isBusy(), 20000);
        AlembicGraphPane *pane = window.alembicPane();
        QVERIFY(pane);
        QVERIFY(pane->isVisible());
        QVERIFY(!window.timelinePane()->isVisible());
        QCOMPARE(pane->model()->rowCount(), 6);
        QCOMPARE(pane->model()->status().databaseHeads, QStringList{"3c4d5e6f7081"});

        QSignalSpy trials(window.controller(), &WorkspaceController::trialReady);
        pane->findChildren<QPushButton *>().first()->click(); // Dry run
        QTRY_VERIFY_WITH_TIMEOUT(trials.count() == 1 && !window.controller()->isBusy(), 20000);
        const auto trial = trials.first().first().value<TrialResult>();
        QVERIFY2(trial.ok(), qPrintable(test::errorText(trial.error)));
        QVERIFY(trial.rolledBack);
        QCOMPARE(headsOf(url), QStringLiteral("3c4d5e6f7081"));
        const QString out = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
        if (!out.isEmpty())
            QVERIFY(window.grab().save(out + "/alembic-window.png"));

        bool asked = false;
        window.setMigrateConfirmer([&](const TrialResult &t, const QString &, const QString &) {
            asked = t.ok();
            return true;
        });
        graphs.clear();
        pane->findChildren<QPushButton *>().last()->click(); // Migrate…
        QTRY_VERIFY_WITH_TIMEOUT(asked && graphs.count() > 0 && !window.controller()->isBusy(),
                                 20000);
        QCOMPARE(headsOf(url), QStringLiteral("6f7081920314"));
        QCOMPARE(pane->model()->status().count(MigrationState::Pending), 0);
    }
};

QTEST_MAIN(TestAlembicGraphGui)
#include "tst_alembicgraph_gui.moc"
