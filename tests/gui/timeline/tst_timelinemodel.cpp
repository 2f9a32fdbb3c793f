// The timeline model on the demo project: one row per version with its state, the current
// version marked, the filter; checked by QAbstractItemModelTester.

#include "TestDatabases.h"
#include "timeline/TimelineFilterModel.h"
#include "timeline/TimelineModel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QTest>

using namespace strata;

namespace {

// The demo project applied up to `to` on a fresh SQLite database, as the app shows it.
StatusReport demoStatus(const QString &dbPath, const QString &to)
{
    auto session = test::openSession(QStringLiteral("sqlite://") + dbPath);
    Migrator migrator(*session, test::readFolder(test::demoFolder()));
    const RunResult run = migrator.up(Version::parse(to));
    if (!run.ok())
        qFatal("seeding failed: %s", qPrintable(run.error->toString()));
    auto status = migrator.status();
    if (!status)
        qFatal("status failed: %s", qPrintable(status.error().toString()));
    return *status;
}

StatusReport syntheticStatus(int versions, int applied)
{
    StatusReport report;
    for (int i = 1; i <= versions; ++i) {
        VersionState e;
        e.version = *Version::parse(QString::number(i));
        e.versionText = QString::number(i);
        e.description = QStringLiteral("Create t%1").arg(i);
        e.type = QStringLiteral("versioned");
        e.state = i <= applied ? MigrationState::Applied : MigrationState::Pending;
        if (i <= applied) {
            AppliedMigration row;
            row.rank = i;
            row.version = e.versionText;
            row.installedBy = QStringLiteral("dba");
            row.installedOn = QDateTime::currentDateTimeUtc();
            row.executionMs = i % 17;
            e.applied = row;
        }
        report.entries.append(e);
    }
    if (applied > 0)
        report.current = Version::parse(QString::number(applied));
    return report;
}

} // namespace

class TestTimelineModel : public QObject {
    Q_OBJECT

private slots:
    void demoRowsAndStates()
    {
        QTemporaryDir dir;
        TimelineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStatus(demoStatus(dir.filePath(QStringLiteral("demo.db")), QStringLiteral("6")));

        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.columnCount(), 1);
        for (int row = 0; row < 10; ++row) {
            const QModelIndex index = model.index(row, 0);
            QCOMPARE(index.data(TimelineModel::VersionRole).toString(), QString::number(row + 1));
            const auto state = MigrationState(index.data(TimelineModel::StateRole).toInt());
            QCOMPARE(state, row < 6 ? MigrationState::Applied : MigrationState::Pending);
            QCOMPARE(index.data(TimelineModel::IsCurrentRole).toBool(), row == 5);
            QCOMPARE(index.data(TimelineModel::HasUndoRole).toBool(), true);
            QCOMPARE(index.data(TimelineModel::InstalledOnRole).toDateTime().isValid(), row < 6);
            QCOMPARE(index.data(TimelineModel::DurationRole).toLongLong() >= 0, row < 6);
            QVERIFY(!index.data(TimelineModel::DetailRole).toString().isEmpty());
        }
        QCOMPARE(model.currentRow(), 5);
        QCOMPARE(model.index(0, 0).data(TimelineModel::DescriptionRole).toString(),
                 QStringLiteral("Create customers"));
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("1  Create customers"));
        QCOMPARE(model.rowOfVersion(QStringLiteral("8")), 7);
        QCOMPARE(model.rowOfScript(model.entry(2)->migration->down.path), 2);
        QVERIFY(!model.index(10, 0).isValid());
        QVERIFY(!model.index(0, 1).isValid());
    }

    void filterBySearchAndState()
    {
        QTemporaryDir dir;
        TimelineModel model;
        model.setStatus(demoStatus(dir.filePath(QStringLiteral("demo.db")), QStringLiteral("6")));
        TimelineFilterModel filter;
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&model);
        QCOMPARE(filter.rowCount(), 10);

        filter.setSearchText(QStringLiteral("order"));
        QStringList versions;
        for (int row = 0; row < filter.rowCount(); ++row)
            versions << filter.index(row, 0).data(TimelineModel::VersionRole).toString();
        QCOMPARE(versions, (QStringList{"3", "4", "7"})); // orders, order lines, order totals view

        filter.setSearchText({});
        filter.setStateFilter(TimelineFilterModel::StateFilter::Pending);
        QCOMPARE(filter.rowCount(), 4);
        QCOMPARE(filter.index(0, 0).data(TimelineModel::VersionRole).toString(),
                 QStringLiteral("7"));
        filter.setStateFilter(TimelineFilterModel::StateFilter::Applied);
        QCOMPARE(filter.rowCount(), 6);
        filter.setStateFilter(TimelineFilterModel::StateFilter::Problems);
        QCOMPARE(filter.rowCount(), 0);
        filter.setStateFilter(TimelineFilterModel::StateFilter::All);
        filter.setSearchText(QStringLiteral("pending"));
        QCOMPARE(filter.rowCount(), 4); // the state label is searchable too
    }

    void problemStatesAreReported()
    {
        StatusReport report = syntheticStatus(4, 3);
        report.entries[1].state = MigrationState::ChecksumMismatch;
        report.entries[2].state = MigrationState::Failed;
        TimelineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStatus(report);
        QCOMPARE(MigrationState(model.index(1, 0).data(TimelineModel::StateRole).toInt()),
                 MigrationState::ChecksumMismatch);
        QVERIFY(model.index(1, 0)
                    .data(TimelineModel::DetailRole)
                    .toString()
                    .contains(QStringLiteral("changed")));
        QVERIFY(model.index(2, 0)
                    .data(TimelineModel::DetailRole)
                    .toString()
                    .startsWith(QStringLiteral("Failed")));
        TimelineFilterModel filter;
        filter.setSourceModel(&model);
        filter.setStateFilter(TimelineFilterModel::StateFilter::Problems);
        QCOMPARE(filter.rowCount(), 2);
    }

    // A transfer's history row is an event, not a version: no row of its own, no state
    // change, shown on the version where the database changed engines.
    void moveShownWhereEnginesChanged()
    {
        const MigrationSet folder = test::readFolder(test::demoFolder());
        QList<AppliedMigration> history;
        for (const Migration &m : folder.versioned) {
            AppliedMigration row;
            row.rank = int(history.size()) + 1;
            row.version = m.versionText();
            row.description = m.description;
            row.type = QStringLiteral("versioned");
            row.checksum = m.checksum;
            row.installedOn = QDateTime::currentDateTimeUtc();
            history << row;
        }
        AppliedMigration move;
        move.rank = int(history.size()) + 1;
        move.version = QStringLiteral("10");
        move.type = QLatin1String(HistoryTable::transferType);
        move.description =
            QStringLiteral("moved from SQLite demo.db: 9 tables, 1,204 rows, verified");
        move.script = QStringLiteral("<< transfer from sqlite:///tmp/demo.db >>");
        move.installedOn = QDateTime::currentDateTimeUtc();
        history << move;
        const StatusReport report = mergeStatus(folder, history);
        QCOMPARE(report.moves.size(), 1);

        TimelineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStatus(report);
        QCOMPARE(model.rowCount(), int(folder.versioned.size()));
        QCOMPARE(model.currentRow(), model.rowOfVersion(QStringLiteral("10")));
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex i = model.index(row, 0);
            QCOMPARE(MigrationState(i.data(TimelineModel::StateRole).toInt()),
                     MigrationState::Applied);
            const QString moved = i.data(TimelineModel::MoveRole).toString();
            if (i.data(TimelineModel::VersionRole).toString() == QLatin1String("10")) {
                QVERIFY2(moved.startsWith(QStringLiteral("moved from SQLite demo.db")),
                         qPrintable(moved));
                QVERIFY(i.data(TimelineModel::DetailRole).toString().contains(moved));
                QVERIFY(i.data(Qt::ToolTipRole).toString().contains("changed engines"));
            } else {
                QVERIFY2(moved.isEmpty(), qPrintable(moved));
            }
        }
        TimelineFilterModel filter;
        filter.setSourceModel(&model);
        filter.setSearchText(QStringLiteral("moved from SQLite"));
        QCOMPARE(filter.rowCount(), 1);
    }

    // Files of the folder that could not be used follow the versions as rows of their own:
    // file and reason, never a version, shown by the "Problems" filter and not by the others.
    void folderProblemsAreRows()
    {
        StatusReport report = syntheticStatus(5, 2);
        report.problems = {
            {SourceProblemKind::Misnamed, QStringLiteral("/w/migrations/V6_add_note.sql"),
             QStringLiteral("Flyway names need two underscores after the version")},
            {SourceProblemKind::NotUtf8, QStringLiteral("/w/migrations/V7__latin1.sql"),
             QStringLiteral("the file is not valid UTF-8")}};
        TimelineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStatus(report);
        QCOMPARE(model.rowCount(), 7);
        QCOMPARE(model.problemCount(), 2);
        QCOMPARE(model.currentRow(), 1);
        QVERIFY(!model.index(4, 0).data(TimelineModel::IsProblemRole).toBool());
        const QModelIndex row = model.index(5, 0);
        QVERIFY(row.data(TimelineModel::IsProblemRole).toBool());
        QVERIFY(!model.entry(5));
        QCOMPARE(model.problem(5)->path, report.problems[0].path);
        QVERIFY(row.data(TimelineModel::DescriptionRole)
                    .toString()
                    .endsWith(QStringLiteral("V6_add_note.sql")));
        QCOMPARE(row.data(TimelineModel::DetailRole).toString(), report.problems[0].reason);
        QCOMPARE(row.data(TimelineModel::ProblemLabelRole).toString(), QStringLiteral("Misnamed"));
        QCOMPARE(model.index(6, 0).data(TimelineModel::ProblemLabelRole).toString(),
                 QStringLiteral("Not UTF-8"));
        QVERIFY(row.data(TimelineModel::VersionRole).toString().isEmpty());
        QVERIFY(!row.data(TimelineModel::IsCurrentRole).toBool());

        TimelineFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester filterTester(
            &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setStateFilter(TimelineFilterModel::StateFilter::Problems);
        QCOMPARE(filter.rowCount(), 2);
        filter.setStateFilter(TimelineFilterModel::StateFilter::Pending);
        QCOMPARE(filter.rowCount(), 3);
        filter.setStateFilter(TimelineFilterModel::StateFilter::Applied);
        QCOMPARE(filter.rowCount(), 2);
        filter.setStateFilter(TimelineFilterModel::StateFilter::All);
        filter.setSearchText(QStringLiteral("utf-8"));
        QCOMPARE(filter.rowCount(), 1);

        // Fixed: the rows go.
        report.problems.clear();
        model.setStatus(report);
        QCOMPARE(model.rowCount(), 5);
        QVERIFY(!model.problem(5));
    }

    void tenThousandVersions()
    {
        TimelineModel model;
        const StatusReport report = syntheticStatus(10000, 6000);
        QElapsedTimer timer;
        timer.start();
        model.setStatus(report);
        const qint64 ms = timer.elapsed();
        QCOMPARE(model.rowCount(), 10000);
        QCOMPARE(model.currentRow(), 5999);
        qInfo("setStatus with 10,000 versions: %lld ms", ms);
        QVERIFY2(ms < 2000,
                 "building the timeline must stay well under a second on a normal machine");
        TimelineFilterModel filter;
        filter.setSourceModel(&model);
        filter.setSearchText(QStringLiteral("t999"));
        QCOMPARE(filter.rowCount(), 11); // t999 and t9990..t9999
    }
};

QTEST_MAIN(TestTimelineModel)
#include "tst_timelinemodel.moc"
