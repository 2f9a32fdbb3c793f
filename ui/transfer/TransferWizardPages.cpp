// The transfer wizard's planning pages: the tables and their type mapping, and the target DDL.
#include "TransferWizardPages.h"

#include "TransferWizard.h"
#include "TypeMappingModel.h"
#include "common/Banner.h"
#include "common/Format.h"
#include "common/SqlEditor.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSplitter>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace strata::wizard {

QString withMessage(const QString &title, const Error &error)
{
    return QStringLiteral("%1: %2").arg(title, error.message);
}

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
    misfits = new QTreeWidget(this);
    misfits->setObjectName(QStringLiteral("misfits"));
    misfits->setRootIsDecorated(false);
    misfits->setHeaderLabels(
        {tr("Problem"), tr("SQLite column"), tr("PostgreSQL type"), tr("Values"), tr("First")});
    misfits->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_banner);
    layout->addWidget(ddl, 2);
    layout->addWidget(misfits, 1);
    connect(wizard, &TransferWizard::planReady, this, [this](const TransferPlan &plan) {
        if (m_planned || !QWizardPage::wizard() || QWizardPage::wizard()->currentPage() != this)
            return;
        m_planned = true;
        if (m_wizard->buildsFromMigrations()) {
            showMigrationsPlan(plan);
            emit completeChanged();
            return;
        }
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

void PreviewPage::showMigrationsPlan(const TransferPlan &plan)
{
    // What will run: the folder's scripts in order (the SQL is the files'), then the load.
    QStringList lines;
    lines << QStringLiteral("-- Built by the migrations up to version %1, in one transaction:")
                 .arg(plan.builtVersion);
    for (const QString &script : plan.builtScripts)
        lines << QStringLiteral("--   %1").arg(QDir::toNativeSeparators(script));
    lines << QString() << QStringLiteral("-- Then the data, matched by name:");
    for (const TableDecision &t : plan.tables)
        lines << QStringLiteral("--   %1 -> %2 (%3 rows)")
                     .arg(t.sourceName, t.targetName)
                     .arg(t.rows);
    ddl->setSql(lines.join(u'\n') + u'\n');
    misfits->clear();
    for (const ValueMisfit &m : plan.misfits)
        new QTreeWidgetItem(misfits, {tr("does not fit"), m.table + u'.' + m.column, m.targetType,
                                      QString::number(m.values), m.first});
    for (const QString &u : plan.unmatched)
        new QTreeWidgetItem(misfits, {tr("no place"), u, QString(), QString(), QString()});
    misfits->setVisible(misfits->topLevelItemCount() > 0);
    for (int c = 0; c < 4; ++c)
        misfits->resizeColumnToContents(c);
    m_status->setText(tr("%1 from the folder, then %2; every value was checked against its "
                         "declared type.")
                          .arg(format::count(plan.builtScripts.size(), tr("script"), tr("scripts")),
                               format::count(plan.tables.size(), tr("table"), tr("tables"))));
    m_refusal.clear();
    if (!plan.misfits.isEmpty() || !plan.unmatched.isEmpty()) {
        m_refusal = tr("%1 and %2: the transfer would stop and commit nothing. Fix the data "
                       "on SQLite or the types in the migrations.")
                        .arg(format::count(plan.misfits.size(),
                                           tr("column whose values do not "
                                              "fit"),
                                           tr("columns whose values do not fit")),
                             format::count(plan.unmatched.size(),
                                           tr("item of SQLite data with "
                                              "no place"),
                                           tr("items of SQLite data with no place")));
        m_banner->setMessage(theme::Tone::Danger, tr("Start is closed"), m_refusal.toHtmlEscaped());
        m_banner->show();
    } else if (!plan.warnings.isEmpty()) {
        QStringList escaped;
        for (const QString &w : plan.warnings)
            escaped << w.toHtmlEscaped();
        m_banner->setMessage(theme::Tone::Warning,
                             format::count(plan.warnings.size(), tr("warning"), tr("warnings")),
                             escaped.join(QStringLiteral("<br>")));
        m_banner->show();
    }
}

QString PreviewPage::refusal() const
{
    return m_refusal;
}

void PreviewPage::initializePage()
{
    m_planned = false;
    m_refusal.clear();
    m_banner->hide();
    misfits->hide();
    ddl->setSql({});
    const bool fromMigrations = m_wizard->buildsFromMigrations();
    setTitle(fromMigrations ? tr("Target from the migrations") : tr("Target DDL"));
    setSubTitle(fromMigrations
                    ? tr("The folder's scripts build the target, the data loads into it, all in "
                         "one transaction. Shown after a trial run that was rolled back.")
                    : tr("What will run on PostgreSQL: the tables before the load, then keys, "
                         "indexes, foreign keys, sequences, views and triggers after it."));
    m_status->setText(fromMigrations ? tr("Building the folder on PostgreSQL (rolled back) and "
                                          "checking every value…")
                                     : tr("Planning with your choices…"));
    m_wizard->startPlan(m_wizard->options());
    emit completeChanged();
}

bool PreviewPage::isComplete() const
{
    return m_planned && m_refusal.isEmpty();
}

} // namespace strata::wizard
