#pragma once
// The app's icons: small line drawings kept as SVG text and tinted with a palette colour when
// drawn, so they follow light and dark palettes without a resource file per theme.

#include <QColor>
#include <QIcon>

namespace strata::icons {

enum class Name {
    Connect,
    Folder,
    Refresh,
    DryRun,
    Migrate,
    Rollback,
    Stop,
    Search,
    Check,
    Warning,
    Error,
    Info,
    Generated,
    Lock,
    Unlock,
    Database,
    Current
};

QIcon icon(Name name, const QColor &color);
QPixmap pixmap(Name name, const QColor &color, int size, qreal devicePixelRatio = 1.0);
QIcon appIcon();
// A round badge with a sign in it ('+', '-', '~', '!', 'x', 'v'): list item markers.
QIcon badge(QChar sign, const QColor &fill, const QColor &ink);

} // namespace strata::icons
