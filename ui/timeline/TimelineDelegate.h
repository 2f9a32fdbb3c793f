#pragma once
// Paints the timeline: a vertical rail with one state-coloured marker per version (solid where
// the database has been, dashed ahead of it), the current version ringed and labelled, then the
// version, description, state and who/when/how long. Every row has the same height, so the view
// can lay out 10,000 versions without measuring them.

#include <QStyledItemDelegate>

namespace strata {

class TimelineDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit TimelineDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    void paintRail(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index,
                   int x) const;
    void paintMarker(QPainter *p, const QPalette &palette, QPointF center, int state,
                     bool current) const;
    // A file of the folder that could not be used: a danger-toned square with an exclamation mark.
    void paintProblemMarker(QPainter *p, const QPalette &palette, QPointF center) const;
};

} // namespace strata
