#include "TransferWizardPages.h"

#include "TransferWizard.h"
#include "TypeMappingModel.h"
#include "common/Banner.h"
#include "common/Format.h"
#include "common/SqlEditor.h"
#include "report/ReportExport.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
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

// Banner::setError shows a given title instead of the error's sentence: keep both.
QString withMessage(const QString &title, const Error &error)
{
    return QStringLiteral("%1: %2").arg(title, error.message);
}

QString seconds(qint64 ms)
{
    return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', ms < 10000 ? 2 : 1);
}

} // namespace

// ---- Tables and type mapping ----------------------------------------------------------------

MappingPage::MappingPage(TransferWizard *wizard, QWidget *parent)
    : QWizardPage(parent), m_wizard(wizard)
{
    setTitle(tr("Tables and types"));
    setSubTitle(
        tr("Strata profiled every column's data to choose its PostgreSQL type. Change a type by "
           "editing it; your choices are saved as the mapping file."));
    m_status = new QLabel(this);
    m_banner = new Banner(this);
    m_banner->hide();
    tables = new QListWidget(this);
    tables->setMaximumWidth(220);
    view = new QTableView(this);
    view->setModel(wizard->mappingModel());
    view->verticalHeader()->hide();
    // The Reason column takes the room left and wraps; rows grow to show all of it.
    view->setWordWrap(true);
    view->setTextElideMode(Qt::ElideMiddle);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view->horizontalHeader()->setStretchLastSection(true);
    view->viewport()->installEventFilter(this);
    view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                          QAbstractItemView::AnyKeyPressed);
    mappingPath = new QLineEdit(this);
    auto *split = new QSplitter(this);
    split->addWidget(tables);
    split->addWidget(view);
    split->setStretchFactor(1, 1);
    split->setSizes({tables->maximumWidth(), 10000}); // the list no wider than it may be
    auto *form = new QFormLayout;
    form->addRow(tr("Mapping file:"), mappingPath);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_banner);
    layout->addWidget(split, 1);
    layout->addLayout(form);

    connect(tables, &QListWidget::itemChanged, this, [this] {
        m_wizard->mappingModel()->setTables(selectedTables());
        emit completeChanged();
    });
    connect(wizard->mappingModel(), &TypeMappingModel::editRejected, this,
            [this](const QString &message) {
                m_banner->setMessage(theme::Tone::Warning, message,
                                     tr("Use a PostgreSQL type name such as text, bigint, "
                                        "numeric(10,2) or timestamp with time zone."));
                m_banner->show();
            });
    connect(
        wizard, &TransferWizard::stepped, this, [this](int done, int total, const QString &label) {
            if (!m_planned && QWizardPage::wizard() && QWizardPage::wizard()->currentPage() == this)
                m_status->setText(tr("Profiling: %1 (%2 of %3)").arg(label).arg(done).arg(total));
        });
    connect(wizard, &TransferWizard::planReady, this, [this](const TransferPlan &plan) {
        if (m_planned || !QWizardPage::wizard() || QWizardPage::wizard()->currentPage() != this)
            return;
        m_planned = true;
        tables->blockSignals(true);
        tables->clear();
        for (const TableDecision &t : plan.tables) {
            auto *item =
                new QListWidgetItem(QStringLiteral("%1 (%2)").arg(
                                        t.sourceName, format::count(t.rows, tr("row"), tr("rows"))),
                                    tables);
            item->setData(Qt::UserRole, t.sourceName);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Checked);
        }
        tables->blockSignals(false);
        m_wizard->mappingModel()->setTables({});
        m_wizard->mappingModel()->setPlan(plan);
        fitColumns();
        m_status->setText(
            tr("%1 profiled.").arg(format::count(plan.tables.size(), tr("table"), tr("tables"))));
        emit completeChanged();
    });
    connect(wizard, &TransferWizard::planError, this, [this](const Error &error) {
        if (QWizardPage::wizard() && QWizardPage::wizard()->currentPage() == this) {
            m_status->clear();
            m_banner->setError(error,
                               withMessage(tr("The SQLite database could not be planned"), error));
            m_banner->show();
        }
    });
}

void MappingPage::initializePage()
{
    m_planned = false;
    m_banner->hide();
    m_status->setText(tr("Profiling the data…"));
    if (mappingPath->text().isEmpty()) {
        const QFileInfo source(m_wizard->sourcePath());
        mappingPath->setText(
            source.dir().filePath(source.completeBaseName() + QStringLiteral(".mapping.json")));
    }
    TransferOptions options = m_wizard->options();
    options.tables.clear();
    options.mappingFile.clear(); // the first plan shows the planner's own choices
    m_wizard->startPlan(options);
    emit completeChanged();
}

bool MappingPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == view->viewport() && event->type() == QEvent::Resize && m_planned)
        fitColumns();
    return QWizardPage::eventFilter(watched, event);
}

void MappingPage::fitColumns()
{
    QHeaderView *header = view->horizontalHeader();
    for (int c = 0; c < TypeMappingModel::ReasonColumn; ++c)
        view->resizeColumnToContents(c);
    // The Reason column (the last, stretched, wrapped) keeps at least 30% of the width: the
    // descriptive columns give way first, wrapped or elided in the middle (each cell's tooltip
    // has it all). Column names are never cut.
    const int available = view->viewport()->width();
    const int reasonWidth = std::max(220, available * 3 / 10);
    int used = 0;
    for (int c = 0; c < TypeMappingModel::ReasonColumn; ++c)
        used += header->sectionSize(c);
    int excess = used + reasonWidth - available;
    for (int c : {TypeMappingModel::DataColumn, TypeMappingModel::TableColumn,
                  TypeMappingModel::DeclaredColumn}) {
        if (excess <= 0)
            break;
        const QString title =
            view->model()->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        const int floor = std::max(70, header->fontMetrics().horizontalAdvance(title) + 24);
        const int cut = std::min(excess, header->sectionSize(c) - floor);
        if (cut > 0) {
            header->resizeSection(c, header->sectionSize(c) - cut);
            excess -= cut;
        }
    }
}

QStringList MappingPage::selectedTables() const
{
    QStringList out;
    for (int i = 0; i < tables->count(); ++i)
        if (tables->item(i)->checkState() == Qt::Checked)
            out << tables->item(i)->data(Qt::UserRole).toString();
    return out;
}

void MappingPage::setTableSelected(const QString &table, bool selected)
{
    for (int i = 0; i < tables->count(); ++i)
        if (tables->item(i)->data(Qt::UserRole).toString() == table)
            tables->item(i)->setCheckState(selected ? Qt::Checked : Qt::Unchecked);
}

bool MappingPage::isComplete() const
{
    return m_planned && !selectedTables().isEmpty();
}

bool MappingPage::validatePage()
{
    if (!m_wizard->mappingModel()->hasEdits())
        return true;
    const Status written = m_wizard->mappingModel()->mapping().write(mappingPath->text().trimmed());
    if (!written) {
        m_banner->setError(written.error(),
                           withMessage(tr("The mapping file could not be saved"), written.error()));
        m_banner->show();
        return false;
    }
    return true;
}

// ---- Target DDL -----------------------------------------------------------------------------

PreviewPage::PreviewPage(TransferWizard *wizard, QWidget *parent)
    : QWizardPage(parent), m_wizard(wizard)
{
    setTitle(tr("Target DDL"));
    setSubTitle(
        tr("What will run on PostgreSQL: the tables before the load, then keys, indexes, foreign "
           "keys, sequences, views and triggers after it."));
    setCommitPage(true);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_banner = new Banner(this);
    m_banner->hide();
    ddl = new SqlEditor(this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_banner);
    layout->addWidget(ddl, 1);
    connect(wizard, &TransferWizard::planReady, this, [this](const TransferPlan &plan) {
        if (m_planned || !QWizardPage::wizard() || QWizardPage::wizard()->currentPage() != this)
            return;
        m_planned = true;
        ddl->setSql(plan.ddlScript());
        QString status = tr("%1, %2 statements.")
                             .arg(format::count(plan.tables.size(), tr("table"), tr("tables")))
                             .arg(plan.createTables.size() + plan.afterLoad.size());
        if (!plan.manualWork.isEmpty())
            status +=
                u' ' + tr("%1 need manual work (listed after the run).")
                           .arg(format::count(plan.manualWork.size(), tr("object"), tr("objects")));
        m_status->setText(status);
        if (!plan.warnings.isEmpty()) {
            QStringList escaped;
            for (const QString &w : plan.warnings)
                escaped << w.toHtmlEscaped();
            m_banner->setMessage(theme::Tone::Warning,
                                 format::count(plan.warnings.size(), tr("warning"), tr("warnings")),
                                 escaped.join(QStringLiteral("<br>")));
            m_banner->show();
        }
        emit completeChanged();
    });
    connect(wizard, &TransferWizard::planError, this, [this](const Error &error) {
        if (QWizardPage::wizard() && QWizardPage::wizard()->currentPage() == this) {
            m_banner->setError(error, withMessage(tr("The plan failed"), error));
            m_banner->show();
        }
    });
}

void PreviewPage::initializePage()
{
    m_planned = false;
    m_banner->hide();
    ddl->setSql({});
    m_status->setText(tr("Planning with your choices…"));
    m_wizard->startPlan(m_wizard->options());
    emit completeChanged();
}

bool PreviewPage::isComplete() const
{
    return m_planned;
}

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
    auto *top = new QHBoxLayout;
    top->addWidget(banner, 1);
    top->addWidget(exportReport, 0, Qt::AlignTop);
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
