#include "TimelinePane.h"

#include "TimelineDelegate.h"
#include "TimelineModel.h"
#include "common/Format.h"
#include "common/Icons.h"
#include "common/Theme.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace strata {

TimelinePane::TimelinePane(TimelineModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(10, 10, 10, 8);
    topLayout->setSpacing(6);
    m_header = new QLabel(top);
    QFont bold = m_header->font();
    bold.setWeight(QFont::DemiBold);
    m_header->setFont(bold);
    topLayout->addWidget(m_header);
    auto *row = new QHBoxLayout;
    row->setSpacing(6);
    m_search = new QLineEdit(top);
    m_search->setPlaceholderText(tr("Filter by version or description"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(icons::icon(icons::Name::Search, theme::secondaryText(palette())),
                        QLineEdit::LeadingPosition);
    m_state = new QComboBox(top);
    m_state->addItem(tr("All states"), int(TimelineFilterModel::StateFilter::All));
    m_state->addItem(tr("Applied"), int(TimelineFilterModel::StateFilter::Applied));
    m_state->addItem(tr("Pending"), int(TimelineFilterModel::StateFilter::Pending));
    m_state->addItem(tr("Problems"), int(TimelineFilterModel::StateFilter::Problems));
    row->addWidget(m_search, 1);
    row->addWidget(m_state);
    topLayout->addLayout(row);
    layout->addWidget(top);

    m_filter = new TimelineFilterModel(this);
    m_filter->setSourceModel(model);
    m_view = new QListView(this);
    m_view->setModel(m_filter);
    m_view->setItemDelegate(new TimelineDelegate(m_view));
    m_view->setUniformItemSizes(true); // 10,000 rows are laid out without measuring each
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setMouseTracking(true);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAccessibleName(tr("Version timeline"));
    layout->addWidget(m_view, 1);

    connect(m_search, &QLineEdit::textChanged, m_filter, &TimelineFilterModel::setSearchText);
    connect(m_search, &QLineEdit::textChanged, this, &TimelinePane::updateHeader);
    connect(m_state, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_filter->setStateFilter(TimelineFilterModel::StateFilter(m_state->itemData(i).toInt()));
        updateHeader();
    });
    // A mouse press makes the row current before it selects it, and keys select as they move:
    // listen to both and report the row once it is both current and selected.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &TimelinePane::reportSelection);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TimelinePane::reportSelection);
    connect(m_filter, &QAbstractItemModel::modelReset, this, [this] { m_reportedRow = -2; });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (index.isValid())
            m_view->setCurrentIndex(index);
        emit contextMenuRequested(m_view->viewport()->mapToGlobal(pos));
    });
    connect(model, &QAbstractItemModel::modelReset, this, &TimelinePane::updateHeader);
    updateHeader();
}

int TimelinePane::selectedRow() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_view->selectionModel()->isSelected(current))
        return -1;
    return m_filter->mapToSource(current).row();
}

void TimelinePane::reportSelection()
{
    const int row = selectedRow();
    if (row == m_reportedRow)
        return;
    m_reportedRow = row;
    emit selectedRowChanged(row);
}

void TimelinePane::selectRow(int sourceRow)
{
    const QModelIndex index = m_filter->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void TimelinePane::updateHeader()
{
    const StatusReport &report = m_model->status();
    int applied = 0, pending = 0, problems = 0;
    for (const VersionState &e : report.entries) {
        if (e.state == MigrationState::Pending)
            ++pending;
        else if (e.state == MigrationState::Applied || e.state == MigrationState::Baseline)
            ++applied;
        else
            ++problems;
    }
    QString text = tr("Timeline · %1")
                       .arg(format::count(report.entries.size(), tr("version"), tr("versions")));
    if (!report.problems.isEmpty())
        text += tr(" · %1").arg(
            format::count(report.problems.size(), tr("file problem"), tr("file problems")));
    if (m_filter->rowCount() != m_model->rowCount())
        text += tr(" · %1 shown").arg(m_filter->rowCount());
    m_header->setText(text);
    QString tip = tr("%1 applied, %2 pending").arg(applied).arg(pending);
    if (problems)
        tip += tr(", %1 with problems").arg(problems);
    m_header->setToolTip(tip);
}

} // namespace strata
