#pragma once
// Search and state filter over the timeline (the rows keep their version order).

#include <QSortFilterProxyModel>

namespace strata {

class TimelineFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class StateFilter { All, Applied, Pending, Problems };
    Q_ENUM(StateFilter)

    explicit TimelineFilterModel(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }
    void setStateFilter(StateFilter filter);
    StateFilter stateFilter() const { return m_state; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_search;
    StateFilter m_state = StateFilter::All;
};

} // namespace strata
