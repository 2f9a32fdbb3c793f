#pragma once
// Colours that follow the palette: semantic accents (success, warning, danger, info) tuned for
// light and dark palettes, state colours for the timeline, and text shades derived from the
// palette, so every custom-painted view works in both.

#include "migration/MigrationStatus.h"

#include <QColor>
#include <QPalette>

namespace strata::theme {

bool isDark(const QPalette &palette);
QColor mix(const QColor &a, const QColor &b, qreal amountOfB);

enum class Tone { Success, Warning, Danger, Info, Neutral, Accent };
QColor tone(Tone tone, const QPalette &palette);
// A soft background for banners and highlighted lines in `tone`.
QColor toneBackground(Tone tone, const QPalette &palette);

QColor stateColor(MigrationState state, const QPalette &palette);
Tone stateTone(MigrationState state);
QColor secondaryText(const QPalette &palette);
QColor lineColor(const QPalette &palette); // separators and the timeline's rail

// The palettes the screenshots use (and a user can force with --dark / --light).
QPalette lightPalette();
QPalette darkPalette();

} // namespace strata::theme
