#include "AlembicGraphDelegate.h"

#include "AlembicGraphModel.h"
#include "common/Theme.h"

#include <QPainter>

namespace strata {

namespace {

constexpr int padding = 8;
constexpr qreal dotRadius = 6.0;

QFont smallerFont(const QFont &base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.88 : 8.5);
    return f;
}

} // namespace

AlembicGraphDelegate::AlembicGraphDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

QSize AlembicGraphDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return {200, QFontMetrics(option.font).lineSpacing() +
                     QFontMetrics(smallerFont(option.font)).lineSpacing() + 2 * padding + 2};
}

void AlembicGraphDelegate::paint(QPainter *p, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    const QPalette &pal = option.palette;
    const QRect r = option.rect;
    const auto state = MigrationState(index.data(AlembicGraphModel::StateRole).toInt());
    const bool head = index.data(AlembicGraphModel::IsDatabaseHeadRole).toBool();
    const int laneCount = index.data(AlembicGraphModel::LaneCountRole).toInt();
    const int lane = index.data(AlembicGraphModel::LaneRole).toInt();

    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->fillRect(r, pal.color(QPalette::Base));
    if (option.state & QStyle::State_Selected)
        p->fillRect(r, theme::toneBackground(theme::Tone::Accent, pal));

    auto laneX = [&](int l) { return r.left() + 14 + l * laneWidth; };
    const QPointF node(laneX(lane), r.center().y() + 0.5);
    QPen edge(theme::lineColor(pal), 2);
    p->setPen(edge);
    for (int l : index.data(AlembicGraphModel::ThroughLanesRole).value<QList<int>>())
        p->drawLine(QPointF(laneX(l), r.top()), QPointF(laneX(l), r.bottom() + 1));
    if (lane >= 0) {
        for (int l : index.data(AlembicGraphModel::UpLanesRole).value<QList<int>>())
            p->drawLine(node, QPointF(laneX(l), r.top()));
        for (int l : index.data(AlembicGraphModel::DownLanesRole).value<QList<int>>())
            p->drawLine(node, QPointF(laneX(l), r.bottom() + 1));
    }

    // The marker: filled where the database has been, hollow ahead of it.
    const QColor color = state == MigrationState::Pending ? theme::secondaryText(pal)
                                                          : theme::stateColor(state, pal);
    p->setPen(QPen(color, 2));
    p->setBrush(state == MigrationState::Pending ? pal.color(QPalette::Base) : color);
    p->drawEllipse(node, dotRadius, dotRadius);
    if (head) {
        p->setBrush(Qt::NoBrush);
        p->setPen(QPen(theme::tone(theme::Tone::Accent, pal), 2));
        p->drawEllipse(node, dotRadius + 3.5, dotRadius + 3.5);
    }

    const int textX = laneX(std::max(1, laneCount)) + 4;
    const QRect text(textX, r.top() + padding, r.right() - textX - 6, r.height() - 2 * padding);
    QFont idFont = option.font;
    idFont.setFamily(QStringLiteral("monospace"));
    idFont.setStyleHint(QFont::Monospace);
    p->setFont(idFont);
    p->setPen(pal.color(QPalette::Text));
    const QString id = index.data(AlembicGraphModel::RevisionRole).toString().left(12);
    const int idWidth = QFontMetrics(idFont).horizontalAdvance(id) + 8;
    p->drawText(text, Qt::AlignLeft | Qt::AlignTop, id);
    QFont bold = option.font;
    bold.setBold(head);
    p->setFont(bold);
    const QRect message = text.adjusted(idWidth, 0, 0, 0);
    p->drawText(
        message, Qt::AlignLeft | Qt::AlignTop,
        QFontMetrics(bold).elidedText(index.data(AlembicGraphModel::DescriptionRole).toString(),
                                      Qt::ElideRight, message.width()));
    p->setFont(smallerFont(option.font));
    p->setPen(state == MigrationState::Pending ? theme::secondaryText(pal) : color);
    QString detail = index.data(AlembicGraphModel::DetailRole).toString();
    if (head)
        detail = tr("database is here · ") + detail;
    p->drawText(text, Qt::AlignLeft | Qt::AlignBottom,
                QFontMetrics(p->font()).elidedText(detail, Qt::ElideRight, text.width()));
    p->setPen(theme::lineColor(pal));
    p->drawLine(QPointF(textX, r.bottom() + 0.5), QPointF(r.right(), r.bottom() + 0.5));
    p->restore();
}

} // namespace strata
