// bench_timeline: builds and scrolls a 10,000-version timeline (the real model, filter, view and
// delegate) in an offscreen window, and prints what each step costs.
//
//     QT_QPA_PLATFORM=offscreen build/tests/bench_timeline [VERSIONS] [ROUNDS]

#include "timeline/TimelineModel.h"
#include "timeline/TimelinePane.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QTextStream>
#include <algorithm>

using namespace strata;

namespace {

StatusReport synthetic(int versions)
{
    StatusReport report;
    report.entries.reserve(versions);
    const QDateTime when = QDateTime::currentDateTimeUtc();
    for (int i = 1; i <= versions; ++i) {
        VersionState e;
        e.version = *Version::parse(QString::number(i));
        e.versionText = QString::number(i);
        e.description = QStringLiteral("create t%1").arg(i);
        e.type = QStringLiteral("versioned");
        e.state = i <= versions / 2 ? MigrationState::Applied : MigrationState::Pending;
        if (i <= versions / 2) {
            AppliedMigration row;
            row.rank = i;
            row.version = e.versionText;
            row.installedBy = QStringLiteral("dba");
            row.installedOn = when;
            row.executionMs = i % 23;
            e.applied = row;
        }
        report.entries.append(e);
    }
    report.current = Version::parse(QString::number(versions / 2));
    return report;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

double percentile(QList<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[qMin(v.size() - 1, qsizetype(p * v.size()))];
}

double msSince(const QElapsedTimer &t)
{
    return t.nsecsElapsed() / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const int versions = argc > 1 ? atoi(argv[1]) : 10000;
    const int rounds = argc > 2 ? atoi(argv[2]) : 5;
    QTextStream out(stdout);
    const StatusReport report = synthetic(versions);

    QList<double> build, firstPaint, frames, jumps, filters;
    for (int round = 0; round < rounds; ++round) {
        TimelineModel model;
        TimelinePane pane(&model);
        pane.resize(420, 800);
        pane.show();
        QApplication::processEvents();

        QElapsedTimer t;
        t.start();
        model.setStatus(report);
        build << msSince(t);
        t.restart();
        pane.view()->doItemsLayout(); // what the view's delayed layout does next
        QApplication::processEvents();
        pane.view()->viewport()->repaint();
        firstPaint << msSince(t);

        // Wheel-like scrolling: three rows per step from top to bottom, one repaint per step.
        QScrollBar *bar = pane.view()->verticalScrollBar();
        const int step = 3 * pane.view()->sizeHintForRow(0);
        for (int value = 0; value <= bar->maximum(); value += step) {
            t.restart();
            bar->setValue(value);
            pane.view()->viewport()->repaint();
            frames << msSince(t);
        }
        // Jumps: to the end, to the current version, to the top.
        for (int row : {versions - 1, versions / 2, 0}) {
            t.restart();
            pane.selectRow(row);
            pane.view()->viewport()->repaint();
            jumps << msSince(t);
        }
        // Typing a filter, one key at a time, then clearing it.
        for (const QString &text : {QStringLiteral("t"), QStringLiteral("t1"),
                                    QStringLiteral("t12"), QStringLiteral("t123"), QString()}) {
            t.restart();
            pane.searchField()->setText(text);
            pane.view()->viewport()->repaint();
            filters << msSince(t);
        }
    }
    out << "versions " << versions << ", rounds " << rounds << ", window 420x800\n";
    out << QStringLiteral("setStatus (model reset)      median %1 ms\n")
               .arg(median(build), 0, 'f', 2);
    out << QStringLiteral("layout + first paint         median %1 ms\n")
               .arg(median(firstPaint), 0, 'f', 2);
    out << QStringLiteral("scroll frame (%1 frames) median %2 ms, p95 %3 ms, max %4 ms\n")
               .arg(frames.size())
               .arg(median(frames), 0, 'f', 2)
               .arg(percentile(frames, 0.95), 0, 'f', 2)
               .arg(percentile(frames, 1.0), 0, 'f', 2);
    out << QStringLiteral("jump + paint                 median %1 ms, max %2 ms\n")
               .arg(median(jumps), 0, 'f', 2)
               .arg(percentile(jumps, 1.0), 0, 'f', 2);
    out << QStringLiteral("filter keystroke + paint     median %1 ms, max %2 ms\n")
               .arg(median(filters), 0, 'f', 2)
               .arg(percentile(filters, 1.0), 0, 'f', 2);
    return 0;
}
