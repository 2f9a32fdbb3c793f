#include "Icons.h"

#include <QFile>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QSvgRenderer>

namespace strata::icons {

namespace {

// 24x24 line drawings; "currentColor" is replaced by the tint.
const char *svgBody(Name name)
{
    switch (name) {
    case Name::Connect:
        return R"(<ellipse cx="11" cy="5.5" rx="7" ry="2.7"/><path d="M4 5.5v12c0 1.5 3.1 2.7 7 2.7"/><path d="M18 5.5V11"/><path d="M4 11.5c0 1.5 3.1 2.7 7 2.7"/><path d="M18 14v7M14.5 17.5h7"/>)";
    case Name::Folder:
        return R"(<path d="M3 6.5A1.5 1.5 0 0 1 4.5 5H9l2 2.2h8.5A1.5 1.5 0 0 1 21 8.7v9.8a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18.5z"/>)";
    case Name::Refresh:
        return R"(<path d="M20 12a8 8 0 1 1-2.6-5.9"/><path d="M20 4.5v5h-5"/>)";
    case Name::DryRun:
        return R"(<path d="M9 3.5h6"/><path d="M10 3.5v5.8L4.8 18.2A1.8 1.8 0 0 0 6.4 21h11.2a1.8 1.8 0 0 0 1.6-2.8L14 9.3V3.5"/><path d="M7.2 14.5h9.6"/>)";
    case Name::Migrate:
        return R"(<path d="M12 3.5v12"/><path d="M6.5 10.5l5.5 5.5 5.5-5.5"/><path d="M5 20.5h14"/>)";
    case Name::Rollback:
        return R"(<path d="M12 20.5v-12"/><path d="M6.5 13.5l5.5-5.5 5.5 5.5"/><path d="M5 3.5h14"/>)";
    case Name::Stop:
        return R"(<circle cx="12" cy="12" r="8.5"/><path d="M9 9l6 6M15 9l-6 6"/>)";
    case Name::Search:
        return R"(<circle cx="10.5" cy="10.5" r="6"/><path d="M15 15l5.5 5.5"/>)";
    case Name::Check:
        return R"(<circle cx="12" cy="12" r="9"/><path d="M7.8 12.3l2.8 2.8 5.6-5.8"/>)";
    case Name::Warning:
        return R"(<path d="M12 3.5L2.8 19.5h18.4z"/><path d="M12 9.5v4.5"/><path d="M12 17v.2"/>)";
    case Name::Error:
        return R"(<circle cx="12" cy="12" r="9"/><path d="M12 7.5v5.5"/><path d="M12 16.3v.2"/>)";
    case Name::Info:
        return R"(<circle cx="12" cy="12" r="9"/><path d="M12 11v5.5"/><path d="M12 7.7v.2"/>)";
    case Name::Generated:
        return R"(<path d="M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9z"/><path d="M18.5 16v5M16 18.5h5"/>)";
    case Name::Lock:
        return R"(<rect x="5" y="10.5" width="14" height="10" rx="2"/><path d="M8 10.5V7.5a4 4 0 0 1 8 0v3"/>)";
    case Name::Unlock:
        return R"(<rect x="5" y="10.5" width="14" height="10" rx="2"/><path d="M8 10.5V7.5a4 4 0 0 1 7.6-1.8"/>)";
    case Name::Database:
        return R"(<ellipse cx="12" cy="5.5" rx="7.5" ry="2.8"/><path d="M4.5 5.5v13c0 1.5 3.4 2.8 7.5 2.8s7.5-1.3 7.5-2.8v-13"/><path d="M4.5 12c0 1.5 3.4 2.8 7.5 2.8s7.5-1.3 7.5-2.8"/>)";
    case Name::Current:
        return R"(<path d="M4 12h3M17 12h3"/><circle cx="12" cy="12" r="4.5"/>)";
    }
    return "";
}

QByteArray svgFor(Name name, const QColor &color)
{
    QByteArray svg =
        QByteArrayLiteral("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' "
                          "stroke='currentColor' stroke-width='1.8' stroke-linecap='round' "
                          "stroke-linejoin='round'>");
    svg += svgBody(name);
    svg += "</svg>";
    svg.replace("currentColor", color.name(QColor::HexRgb).toLatin1());
    return svg;
}

QPixmap render(const QByteArray &svg, int size, qreal dpr)
{
    QPixmap pm(QSize(size, size) * dpr);
    pm.fill(Qt::transparent);
    QSvgRenderer renderer(svg);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    renderer.render(&p);
    p.end();
    pm.setDevicePixelRatio(dpr);
    return pm;
}

} // namespace

QPixmap pixmap(Name name, const QColor &color, int size, qreal devicePixelRatio)
{
    return render(svgFor(name, color), size, devicePixelRatio);
}

QIcon icon(Name name, const QColor &color)
{
    const QByteArray svg = svgFor(name, color);
    QIcon result;
    for (int size : {16, 20, 24, 32, 48})
        result.addPixmap(render(svg, size, 1.0));
    return result;
}

QIcon appIcon()
{
    // The application icon the desktop shows too (resources/icons/strata.svg, installed into
    // the hicolor theme): three strata, the top one the current version.
    QFile file(QStringLiteral(":/icons/strata.svg"));
    const QByteArray svg = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    QIcon result;
    for (int size : {16, 24, 32, 48, 64, 128, 256})
        result.addPixmap(render(svg, size, 1.0));
    return result;
}

QIcon badge(QChar sign, const QColor &fill, const QColor &ink)
{
    QIcon result;
    for (int size : {16, 32}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        const qreal k = size / 16.0;
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        p.drawEllipse(QRectF(1.5 * k, 1.5 * k, 13 * k, 13 * k));
        QPen pen(ink, 1.6 * k);
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        const QPointF c(8 * k, 8 * k);
        const qreal a = 3.2 * k;
        switch (sign.unicode()) {
        case '+':
            p.drawLine(QPointF(c.x() - a, c.y()), QPointF(c.x() + a, c.y()));
            p.drawLine(QPointF(c.x(), c.y() - a), QPointF(c.x(), c.y() + a));
            break;
        case '-':
            p.drawLine(QPointF(c.x() - a, c.y()), QPointF(c.x() + a, c.y()));
            break;
        case '~': {
            QPainterPath wave;
            wave.moveTo(c.x() - a, c.y() + 0.8 * k);
            wave.cubicTo(c.x() - a * 0.4, c.y() - 2.2 * k, c.x() + a * 0.4, c.y() + 2.2 * k,
                         c.x() + a, c.y() - 0.8 * k);
            p.drawPath(wave);
            break;
        }
        case '!':
            p.drawLine(QPointF(c.x(), c.y() - a), QPointF(c.x(), c.y() + 0.6 * k));
            p.drawPoint(QPointF(c.x(), c.y() + a));
            break;
        case 'x':
            p.drawLine(QPointF(c.x() - a * 0.8, c.y() - a * 0.8),
                       QPointF(c.x() + a * 0.8, c.y() + a * 0.8));
            p.drawLine(QPointF(c.x() + a * 0.8, c.y() - a * 0.8),
                       QPointF(c.x() - a * 0.8, c.y() + a * 0.8));
            break;
        default: {
            QPainterPath tick;
            tick.moveTo(c.x() - a, c.y());
            tick.lineTo(c.x() - a * 0.2, c.y() + a * 0.75);
            tick.lineTo(c.x() + a, c.y() - a * 0.6);
            p.drawPath(tick);
            break;
        }
        }
        p.end();
        result.addPixmap(pm);
    }
    return result;
}

} // namespace strata::icons
