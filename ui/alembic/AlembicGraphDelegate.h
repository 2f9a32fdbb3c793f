#pragma once
// Paints an Alembic revision graph row: one vertical lane per open branch, lines from the
// revision's marker up to its children and down to its parents (so merges and branch points
// read at a glance), the state-coloured marker (ringed at the database's heads), then the
// revision id, message and a detail line.

#include <QStyledItemDelegate>

namespace strata {

class AlembicGraphDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit AlembicGraphDelegate(QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static constexpr int laneWidth = 18;
};

} // namespace strata
