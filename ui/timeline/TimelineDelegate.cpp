#include "TimelineDelegate.h"

#include "TimelineModel.h"
#include "common/Theme.h"

#include <QPainter>
#include <QPainterPath>

namespace strata {

namespace {

constexpr int railX = 22;  // from the row's left edge
constexpr int textX = 44;  // where the text starts
constexpr int padding = 8; // above and below the two lines
constexpr qreal dotRadius = 6.5;

bool isAppliedState(int state)
{
    const auto s = MigrationState(state);
    return s == MigrationState::Applied || s == MigrationState::Baseline ||
           s == MigrationState::ChecksumMismatch || s == MigrationState::MissingFile;
}

QFont smallerFont(const QFont &base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.88 : 8.5);
    return f;
}

} // namespace

TimelineDelegate::TimelineDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

QSize TimelineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int h = QFontMetrics(option.font).lineSpacing() +
                  QFontMetrics(smallerFont(option.font)).lineSpacing() + 2 * padding + 2;
    return {200, h};
}

void TimelineDelegate::paint(QPainter *p, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const QPalette &pal = option.palette;
    const QRect r = option.rect;
    const int state = index.data(TimelineModel::StateRole).toInt();
    const bool current = index.data(TimelineModel::IsCurrentRole).toBool();
    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    const bool problem = index.data(TimelineModel::IsProblemRole).toBool();

    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->fillRect(r, pal.color(QPalette::Base));
    if (selected || hovered) {
        const QColor fill =
            selected ? theme::toneBackground(theme::Tone::Accent, pal)
                     : theme::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.04);
        p->fillRect(r, fill);
        if (selected)
            p->fillRect(QRect(r.left(), r.top(), 3, r.height()), pal.color(QPalette::Highlight));
    }

    const int x = r.left() + railX;
    paintRail(p, option, index, x);
    if (problem)
        paintProblemMarker(p, pal, QPointF(x + 0.5, r.center().y() + 0.5));
    else
        paintMarker(p, pal, QPointF(x + 0.5, r.center().y() + 0.5), state, current);

    // First line: version, description, and the state (or "current") on the right.
    const QFont base = option.font;
    QFont bold = base;
    bold.setWeight(QFont::DemiBold);
    const QFontMetrics fm(base), fmBold(bold);
    const QFont small = smallerFont(base);
    const QFontMetrics fmSmall(small);
    const int left = r.left() + textX;
    const int right = r.right() - 10;
    const int line1 = r.top() + padding + fm.ascent();
    const int line2 = line1 + fm.descent() + 2 + fmSmall.ascent();

    const QString version = index.data(TimelineModel::VersionRole).toString();
    const QString description = index.data(TimelineModel::DescriptionRole).toString();
    const auto ms = MigrationState(state);
    const QString label = problem   ? index.data(TimelineModel::ProblemLabelRole).toString()
                          : current ? tr("CURRENT")
                                    : TimelineModel::stateLabel(ms);

    // The badge on the right.
    QFont badgeFont = small;
    badgeFont.setWeight(current ? QFont::Bold : QFont::Normal);
    const QFontMetrics fmBadge(badgeFont);
    const int badgeW = fmBadge.horizontalAdvance(label) + (current ? 14 : 0);
    const QRect badge(right - badgeW,
                      line1 - fm.ascent() + (fm.height() - fmBadge.height() - 4) / 2, badgeW,
                      fmBadge.height() + 4);
    p->setFont(badgeFont);
    if (current) {
        p->setPen(Qt::NoPen);
        p->setBrush(pal.color(QPalette::Highlight));
        p->drawRoundedRect(badge, badge.height() / 2.0, badge.height() / 2.0);
        p->setPen(pal.color(QPalette::HighlightedText));
        p->drawText(badge, Qt::AlignCenter, label);
    } else {
        const QColor c = problem                         ? theme::tone(theme::Tone::Danger, pal)
                         : ms == MigrationState::Pending ? theme::secondaryText(pal)
                                                         : theme::stateColor(ms, pal);
        p->setPen(c);
        p->drawText(badge, Qt::AlignRight | Qt::AlignVCenter, label);
    }

    int textLeft = left;
    const QColor textColor =
        ms == MigrationState::Pending && !selected
            ? theme::mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.2)
            : pal.color(QPalette::Text);
    if (!version.isEmpty()) {
        p->setFont(bold);
        p->setPen(textColor);
        p->drawText(textLeft, line1, version);
        textLeft += fmBold.horizontalAdvance(version) + fm.horizontalAdvance(QLatin1Char(' ')) * 2;
    }
    p->setFont(base);
    p->setPen(textColor);
    const int descWidth = qMax(0, badge.left() - 10 - textLeft);
    p->drawText(textLeft, line1, fm.elidedText(description, Qt::ElideRight, descWidth));

    // Second line: who, when, how long, or what is wrong.
    p->setFont(small);
    p->setPen(theme::secondaryText(pal));
    const QString detail = index.data(TimelineModel::DetailRole).toString();
    // After a PostgreSQL readiness check: the version's verdict as a small pill on the right.
    int detailRight = right;
    const QString readiness = index.data(TimelineModel::ReadinessRole).toString();
    if (!readiness.isEmpty()) {
        const auto tone = theme::Tone(index.data(TimelineModel::ReadinessToneRole).toInt());
        const int pillW = fmSmall.horizontalAdvance(readiness) + 12;
        const QRect pill(right - pillW, line2 - fmSmall.ascent() - 1, pillW, fmSmall.height() + 2);
        p->setPen(Qt::NoPen);
        p->setBrush(theme::toneBackground(tone, pal));
        p->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
        p->setPen(theme::tone(tone, pal));
        p->drawText(pill, Qt::AlignCenter, readiness);
        p->setPen(theme::secondaryText(pal));
        detailRight = pill.left() - 8;
    }
    p->drawText(left, line2,
                fmSmall.elidedText(detail, Qt::ElideRight, qMax(0, detailRight - left)));

    // A hairline between rows, right of the rail.
    p->setPen(QPen(theme::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.07), 1));
    p->drawLine(QPointF(left, r.bottom() + 0.5), QPointF(r.right(), r.bottom() + 0.5));
    p->restore();
}

void TimelineDelegate::paintRail(QPainter *p, const QStyleOptionViewItem &option,
                                 const QModelIndex &index, int x) const
{
    const QPalette &pal = option.palette;
    const QRect r = option.rect;
    const QAbstractItemModel *model = index.model();
    const int row = index.row();
    const bool first = row == 0;
    const bool last = row == model->rowCount(index.parent()) - 1;
    const bool applied = isAppliedState(index.data(TimelineModel::StateRole).toInt());
    const bool nextApplied =
        !last &&
        isAppliedState(
            model->index(row + 1, 0, index.parent()).data(TimelineModel::StateRole).toInt());

    const QColor done =
        theme::mix(theme::tone(theme::Tone::Success, pal), pal.color(QPalette::Base), 0.35);
    const QColor ahead = theme::lineColor(pal);
    auto segment = [&](qreal y1, qreal y2, bool solid) {
        QPen pen(solid ? done : ahead, 2);
        if (!solid)
            pen.setDashPattern({2.0, 2.0});
        pen.setCapStyle(Qt::FlatCap);
        p->setPen(pen);
        p->drawLine(QPointF(x + 0.5, y1), QPointF(x + 0.5, y2));
    };
    const qreal mid = r.center().y() + 0.5;
    if (!first)
        segment(r.top(), mid, applied);
    if (!last)
        segment(mid, r.bottom() + 1, nextApplied);
}

void TimelineDelegate::paintProblemMarker(QPainter *p, const QPalette &pal, QPointF c) const
{
    const QColor color = theme::tone(theme::Tone::Danger, pal);
    const qreal half = dotRadius;
    p->setPen(QPen(color, 1.6));
    p->setBrush(color);
    p->drawRoundedRect(QRectF(c.x() - half, c.y() - half, 2 * half, 2 * half), 2.5, 2.5);
    QPen glyph(pal.color(QPalette::Base), 1.8);
    glyph.setCapStyle(Qt::RoundCap);
    p->setPen(glyph);
    const qreal k = dotRadius * 0.5;
    p->drawLine(QPointF(c.x(), c.y() - k), QPointF(c.x(), c.y() + k * 0.25));
    p->drawPoint(QPointF(c.x(), c.y() + k * 0.95));
}

void TimelineDelegate::paintMarker(QPainter *p, const QPalette &pal, QPointF c, int state,
                                   bool current) const
{
    const auto s = MigrationState(state);
    const QColor color =
        s == MigrationState::Pending ? theme::lineColor(pal) : theme::stateColor(s, pal);
    const QColor base = pal.color(QPalette::Base);
    if (current) {
        p->setPen(QPen(pal.color(QPalette::Highlight), 2));
        p->setBrush(base);
        p->drawEllipse(c, dotRadius + 4, dotRadius + 4);
    }
    p->setPen(QPen(s == MigrationState::Pending ? theme::secondaryText(pal) : color, 1.6));
    p->setBrush(s == MigrationState::Pending ? base : color);
    if (s == MigrationState::Baseline) {
        QPainterPath diamond;
        diamond.moveTo(c.x(), c.y() - dotRadius - 1);
        diamond.lineTo(c.x() + dotRadius + 1, c.y());
        diamond.lineTo(c.x(), c.y() + dotRadius + 1);
        diamond.lineTo(c.x() - dotRadius - 1, c.y());
        diamond.closeSubpath();
        p->drawPath(diamond);
        return;
    }
    p->drawEllipse(c, dotRadius, dotRadius);

    // The glyph inside: a tick, a cross, an exclamation mark or a question mark.
    QPen glyph(base, 1.6);
    glyph.setCapStyle(Qt::RoundCap);
    glyph.setJoinStyle(Qt::RoundJoin);
    p->setPen(glyph);
    p->setBrush(Qt::NoBrush);
    const qreal k = dotRadius * 0.5;
    switch (s) {
    case MigrationState::Applied: {
        QPainterPath tick;
        tick.moveTo(c.x() - k, c.y());
        tick.lineTo(c.x() - k * 0.2, c.y() + k * 0.75);
        tick.lineTo(c.x() + k, c.y() - k * 0.6);
        p->drawPath(tick);
        break;
    }
    case MigrationState::Failed:
        p->drawLine(QPointF(c.x() - k * 0.8, c.y() - k * 0.8),
                    QPointF(c.x() + k * 0.8, c.y() + k * 0.8));
        p->drawLine(QPointF(c.x() + k * 0.8, c.y() - k * 0.8),
                    QPointF(c.x() - k * 0.8, c.y() + k * 0.8));
        break;
    case MigrationState::ChecksumMismatch:
    case MigrationState::MissingFile:
        p->drawLine(QPointF(c.x(), c.y() - k), QPointF(c.x(), c.y() + k * 0.25));
        p->drawPoint(QPointF(c.x(), c.y() + k * 0.95));
        break;
    default:
        break;
    }
}

} // namespace strata
