#include "TimelineFilterModel.h"

#include "TimelineModel.h"

namespace strata {

TimelineFilterModel::TimelineFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(false); // the source resets on every status; nothing to track
}

void TimelineFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    invalidateFilter();
}

void TimelineFilterModel::setStateFilter(StateFilter filter)
{
    if (filter == m_state)
        return;
    m_state = filter;
    invalidateFilter();
}

bool TimelineFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto state = MigrationState(index.data(TimelineModel::StateRole).toInt());
    const bool fileProblem = index.data(TimelineModel::IsProblemRole).toBool();
    switch (m_state) {
    case StateFilter::All:
        break;
    case StateFilter::Applied:
        if (fileProblem || (state != MigrationState::Applied && state != MigrationState::Baseline))
            return false;
        break;
    case StateFilter::Pending:
        if (fileProblem || state != MigrationState::Pending)
            return false;
        break;
    case StateFilter::Problems:
        if (!fileProblem && state != MigrationState::Failed &&
            state != MigrationState::ChecksumMismatch && state != MigrationState::MissingFile)
            return false;
        break;
    }
    if (m_search.isEmpty())
        return true;
    return index.data(TimelineModel::SearchTextRole)
        .toString()
        .contains(m_search, Qt::CaseInsensitive);
}

} // namespace strata
