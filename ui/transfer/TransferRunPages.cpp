// The transfer wizard's run page (progress, Cancel, why a run stopped) and its verification
// page (what really ran, per table, and the manual work).
#include "TransferWizard.h"
#include "TransferWizardPages.h"
#include "common/Banner.h"
#include "common/Format.h"
#include "report/ReportExport.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace strata::wizard {

namespace {

QString megabytesPerSecond(qint64 bytes, qint64 ms)
{
    return QStringLiteral("%1 MB/s").arg(ms > 0 ? bytes / 1e3 / ms : 0.0, 0, 'f', 1);
}

QString eta(qint64 done, qint64 total, qint64 ms)
{
    if (done <= 0 || total <= done)
        return QString();
    return QObject::tr("ETA %1 s").arg(qint64(double(total - done) * ms / done / 1000.0 + 0.5));
}

QString seconds(qint64 ms)
{
    return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', ms < 10000 ? 2 : 1);
}

} // namespace

// ---- Run ------------------------------------------------------------------------------------

RunPage::RunPage(TransferWizard *wizard, QWidget *parent) : QWizardPage(parent), m_wizard(wizard)
{
    setTitle(tr("Transferring"));
    setSubTitle(tr("Tables load in parallel, each in its own transaction; Cancel leaves no "
                   "half-loaded table."));
    tables = new QTreeWidget(this);
    tables->setRootIsDecorated(false);
    tables->setHeaderLabels({tr("Table"), tr("Progress"), tr("Rows"), tr("Speed"), tr("State")});
    tables->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    tables->header()->setStretchLastSection(false);
    overall = new QProgressBar(this);
    figures = new QLabel(this);
    figures->setWordWrap(true);
    cancel = new QPushButton(tr("Cancel Transfer"), this);
    problem = new Banner(this);
    problem->setObjectName(QStringLiteral("runProblem"));
    problem->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(problem);
    layout->addWidget(tables, 1);
    layout->addWidget(new QLabel(tr("Overall"), this));
    layout->addWidget(overall);
    layout->addWidget(figures);
    layout->addWidget(cancel, 0, Qt::AlignRight);
    connect(cancel, &QPushButton::clicked, this, [this] {
        cancel->setEnabled(false);
        figures->setText(tr("Cancelling…"));
        m_wizard->cancelRun();
    });
    connect(wizard, &TransferWizard::progressed, this, &RunPage::onProgress);
    connect(wizard, &TransferWizard::stepped, this, [this](int, int, const QString &label) {
        if (!m_done && label.startsWith(QLatin1String("after the load")))
            figures->setText(label);
    });
    connect(wizard, &TransferWizard::transferFinished, this, [this](const TransferResult &result) {
        m_done = true;
        cancel->setEnabled(false);
        if (result.ok()) {
            overall->setValue(overall->maximum());
            figures->setText(tr("Finished. Next shows the verification."));
        } else {
            showFailure(*result.error);
        }
        emit completeChanged();
    });
}

void RunPage::showFailure(const Error &error)
{
    // What failed and the driver's own words, in place; Back is open again to fix the settings.
    const bool cancelled = error.kind == Error::Kind::Cancelled;
    const QString reason =
        error.driverMessage.isEmpty()
            ? error.message
            : QStringLiteral("%1: %2").arg(error.message, error.driverMessage.trimmed());
    figures->setText(cancelled ? tr("Cancelled. Back changes the settings; Next shows what was "
                                    "verified.")
                               : tr("Stopped: %1").arg(reason));
    problem->setError(error, cancelled ? tr("The transfer was cancelled")
                                       : withMessage(tr("The transfer stopped"), error));
    problem->show();
    // Tables the run never reached say so, rather than "waiting" forever.
    for (int i = 0; i < tables->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = tables->topLevelItem(i);
        if (item->text(4) == tr("waiting"))
            item->setText(4, tr("not run"));
    }
    m_wizard->previewPage()->setCommitPage(false); // QWizard opens Back past a non-commit page
}

void RunPage::cleanupPage()
{
    // Going back after a failure: the next start is a commit again (no Back while it runs).
    m_wizard->previewPage()->setCommitPage(true);
    QWizardPage::cleanupPage();
}

void RunPage::initializePage()
{
    m_done = false;
    problem->hide();
    setSubTitle(m_wizard->buildsFromMigrations()
                    ? tr("The migrations, the data, the keys and the history in one transaction: "
                         "Cancel, or any failure, leaves the target as it was.")
                    : tr("Tables load in parallel, each in its own transaction; Cancel leaves no "
                         "half-loaded table."));
    tables->clear();
    overall->setRange(0, 1000);
    overall->setValue(0);
    figures->setText(tr("Starting…"));
    cancel->setEnabled(true);
    if (const TransferPlan *plan = m_wizard->plan()) {
        for (const TableDecision &t : plan->tables) {
            auto *item = new QTreeWidgetItem(
                tables, {t.targetName, {}, QString::number(t.rows), {}, tr("waiting")});
            auto *bar = new QProgressBar(tables);
            bar->setRange(0, 1000);
            bar->setValue(0);
            bar->setMaximumHeight(tables->fontMetrics().height() + 2);
            tables->setItemWidget(item, 1, bar);
        }
    }
    m_wizard->startRun();
}

void RunPage::onProgress(const QList<TableProgress> &progress, qint64 elapsedMs)
{
    qint64 rows = 0, total = 0, bytes = 0;
    int done = 0;
    for (const TableProgress &t : progress) {
        rows += t.rows;
        total += std::max(t.totalRows, t.rows);
        bytes += t.bytes;
        const bool finished = t.phase == TableProgress::Done || t.phase == TableProgress::Failed ||
                              t.phase == TableProgress::Skipped;
        done += finished;
        const auto found = tables->findItems(t.table, Qt::MatchExactly, 0);
        if (found.isEmpty())
            continue;
        QTreeWidgetItem *item = found.first();
        if (auto *bar = qobject_cast<QProgressBar *>(tables->itemWidget(item, 1)))
            bar->setValue(t.totalRows > 0 ? int(std::min<qint64>(1000, t.rows * 1000 / t.totalRows))
                                          : (finished ? 1000 : 0));
        item->setText(2, QStringLiteral("%1 / %2").arg(t.rows).arg(t.totalRows));
        const bool timed = t.phase == TableProgress::Loading || t.phase == TableProgress::Done;
        item->setText(3, timed ? megabytesPerSecond(t.bytes, t.ms) : QString());
        static const QStringList phases = {tr("waiting"), tr("loading"), tr("verifying"),
                                           tr("done"),    tr("failed"),  tr("skipped")};
        QString state = phases.value(int(t.phase));
        if (t.phase == TableProgress::Loading)
            state += u' ' + eta(t.rows, t.totalRows, t.ms);
        item->setText(4, state.trimmed());
    }
    overall->setValue(total > 0 ? int(std::min<qint64>(1000, rows * 1000 / total)) : 0);
    figures->setText(tr("%1 of %2 tables, %3 of %4 rows, %5 %6")
                         .arg(done)
                         .arg(progress.size())
                         .arg(rows)
                         .arg(total)
                         .arg(megabytesPerSecond(bytes, elapsedMs), eta(rows, total, elapsedMs)));
}

bool RunPage::isComplete() const
{
    return m_done;
}

// ---- Verification ---------------------------------------------------------------------------

ResultPage::ResultPage(TransferWizard *wizard, QWidget *parent)
    : QWizardPage(parent), m_wizard(wizard)
{
    setTitle(tr("Verification"));
    setSubTitle(tr("Nothing was transferred.")); // until a run says otherwise
    banner = new Banner(this);
    verification = new QTableWidget(this);
    verification->setColumnCount(6);
    verification->setHorizontalHeaderLabels({tr("Table"), tr("Rows"), tr("Time"),
                                             tr("Source checksum"), tr("Target checksum"),
                                             tr("Verified")});
    verification->verticalHeader()->hide();
    verification->setEditTriggers(QAbstractItemView::NoEditTriggers);
    verification->horizontalHeader()->setStretchLastSection(true);
    verification->verticalHeader()->setDefaultSectionSize(verification->fontMetrics().height() + 8);
    manualWork = new QTreeWidget(this);
    manualWork->setRootIsDecorated(false);
    manualWork->setHeaderLabels({tr("Kind"), tr("Name"), tr("Why it needs you")});
    exportReport = ReportExport::button(
        this, [wizard] { return wizard->report(); }, QStringLiteral("transfer"));
    exportReport->setEnabled(false);
    openWorkspace = new QPushButton(tr("Open the PostgreSQL Database as a Workspace"), this);
    openWorkspace->setObjectName(QStringLiteral("openAsWorkspace"));
    openWorkspace->setToolTip(tr("With the same migrations folder: the timeline goes on where "
                                 "SQLite's stopped, the move on it."));
    openWorkspace->setAutoDefault(false);
    openWorkspace->hide();
    connect(openWorkspace, &QPushButton::clicked, wizard, &TransferWizard::requestOpenWorkspace);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(exportReport);
    buttons->addWidget(openWorkspace);
    buttons->addStretch(1);
    auto *top = new QHBoxLayout;
    top->addWidget(banner, 1);
    top->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(verification, 3);
    layout->addWidget(new QLabel(
        tr("Manual work (not carried over; the SQLite definition is in the tooltip)"), this));
    layout->addWidget(manualWork, 2);
}

void ResultPage::initializePage()
{
    const TransferResult *result = m_wizard->result();
    verification->setRowCount(0);
    manualWork->clear();
    exportReport->setEnabled(result != nullptr);
    openWorkspace->setVisible(m_wizard->buildsFromMigrations());
    openWorkspace->setEnabled(result && result->ok());
    const TransferPlan *plan = m_wizard->plan();
    if (!result) {
        setSubTitle(tr("Nothing was transferred."));
        banner->setMessage(theme::Tone::Warning, tr("Nothing was transferred"));
        return;
    }
    int verified = 0;
    verification->setRowCount(int(result->tables.size()));
    for (int i = 0; i < result->tables.size(); ++i) {
        const TableResult &t = result->tables[i];
        verified += t.verified;
        const QStringList cells = {
            t.table,
            QString::number(t.rows),
            seconds(t.ms),
            t.sourceChecksum,
            t.targetChecksum,
            t.verified ? tr("✓ verified")
                       : (t.error.isEmpty() ? tr("✗ not verified") : tr("✗ %1").arg(t.error))};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c == 1 || c == 2)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (c == 5)
                item->setForeground(theme::tone(
                    t.verified ? theme::Tone::Success : theme::Tone::Danger, palette()));
            if (c == 3 || c == 4)
                item->setToolTip(c == 3 ? t.sourceChecksum : t.targetChecksum);
            verification->setItem(i, c, item);
        }
    }
    verification->resizeColumnsToContents();
    // Say what really ran: the tables verified out of the tables planned.
    const int planned = plan ? int(plan->tables.size()) : int(result->tables.size());
    // A table that was not verified was rolled back: with none verified, nothing is there.
    const bool nothing = verified == 0;
    if (nothing)
        setSubTitle(tr("Nothing was transferred: none of the %1 was loaded and verified.")
                        .arg(format::count(planned, tr("table"), tr("tables"))));
    else if (result->ok() && verified == planned)
        setSubTitle(tr("All %1 were counted and checksummed on both sides.")
                        .arg(format::count(planned, tr("table"), tr("tables"))));
    else
        setSubTitle(tr("%1 of %2 tables verified (counted and checksummed on both sides); the "
                       "others were not.")
                        .arg(verified)
                        .arg(planned));
    if (nothing && result->error)
        banner->setError(*result->error,
                         withMessage(tr("Nothing was transferred"), *result->error));
    else if (nothing)
        banner->setMessage(theme::Tone::Warning, tr("Nothing was transferred"));
    else if (result->ok() && verified == planned)
        banner->setMessage(
            theme::Tone::Success,
            tr("All %1 verified").arg(format::count(verified, tr("table"), tr("tables"))),
            tr("Row counts and content checksums match on both sides."));
    else if (result->error)
        banner->setError(*result->error,
                         withMessage(tr("The transfer did not finish (%1 of %2 tables verified)")
                                         .arg(verified)
                                         .arg(planned),
                                     *result->error));
    else
        banner->setMessage(theme::Tone::Warning,
                           tr("%1 of %2 tables verified").arg(verified).arg(planned));
    if (plan) {
        for (const ManualWork &m : plan->manualWork) {
            auto *item = new QTreeWidgetItem(manualWork, {m.kind, m.name, m.reason});
            for (int c = 0; c < 3; ++c)
                item->setToolTip(c, m.originalSql);
        }
    }
    if (manualWork->topLevelItemCount() == 0)
        new QTreeWidgetItem(manualWork,
                            {tr("none"), QString(),
                             result->ok() ? tr("Every view, trigger, check and index was carried "
                                               "over.")
                                          : tr("Nothing to do by hand in the plan; the run did "
                                               "not finish.")});
    for (int c = 0; c < 3; ++c)
        manualWork->resizeColumnToContents(c);
}

} // namespace strata::wizard
