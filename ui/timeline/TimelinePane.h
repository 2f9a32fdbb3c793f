#pragma once
// The left side of the window: the version timeline with its search field and state filter.

#include "TimelineFilterModel.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;

namespace strata {

class TimelineModel;

class TimelinePane : public QWidget {
    Q_OBJECT
public:
    TimelinePane(TimelineModel *model, QWidget *parent = nullptr);

    QListView *view() const { return m_view; }
    TimelineFilterModel *filter() const { return m_filter; }
    QLineEdit *searchField() const { return m_search; }

    // The selected version's row in the source model, -1 when none.
    int selectedRow() const;
    void selectRow(int sourceRow);
    void updateHeader();

signals:
    void selectedRowChanged(int sourceRow);
    void contextMenuRequested(const QPoint &globalPos);

private:
    void reportSelection();

    int m_reportedRow = -2; // the row last reported by selectedRowChanged; -2 before any
    TimelineModel *m_model = nullptr;
    TimelineFilterModel *m_filter = nullptr;
    QListView *m_view = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_state = nullptr;
    QLabel *m_header = nullptr;
};

} // namespace strata
