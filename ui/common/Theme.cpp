#include "Theme.h"

namespace strata::theme {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QColor tone(Tone t, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (t) {
    case Tone::Success:
        return dark ? QColor(0x4a, 0xc2, 0x7d) : QColor(0x1e, 0x8e, 0x4f);
    case Tone::Warning:
        return dark ? QColor(0xf0, 0xa8, 0x3c) : QColor(0xb9, 0x6a, 0x00);
    case Tone::Danger:
        return dark ? QColor(0xf2, 0x6d, 0x6d) : QColor(0xc6, 0x28, 0x28);
    case Tone::Info:
        return dark ? QColor(0x6c, 0xa8, 0xf0) : QColor(0x1f, 0x6f, 0xc5);
    case Tone::Accent:
        return palette.color(QPalette::Highlight);
    case Tone::Neutral:
        break;
    }
    return secondaryText(palette);
}

QColor toneBackground(Tone t, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    return mix(base, tone(t, palette), isDark(palette) ? 0.22 : 0.12);
}

Tone stateTone(MigrationState state)
{
    switch (state) {
    case MigrationState::Applied:
        return Tone::Success;
    case MigrationState::Pending:
        return Tone::Neutral;
    case MigrationState::Failed:
        return Tone::Danger;
    case MigrationState::ChecksumMismatch:
        return Tone::Warning;
    case MigrationState::MissingFile:
        return Tone::Warning;
    case MigrationState::Baseline:
        return Tone::Info;
    }
    return Tone::Neutral;
}

QColor stateColor(MigrationState state, const QPalette &palette)
{
    return tone(stateTone(state), palette);
}

QColor secondaryText(const QPalette &palette)
{
    return mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.42);
}

QColor lineColor(const QPalette &palette)
{
    return mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.78);
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xf0, 0xf1));
    p.setColor(QPalette::WindowText, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Base, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::AlternateBase, QColor(0xf4, 0xf5, 0xf6));
    p.setColor(QPalette::ToolTipBase, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::ToolTipText, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8f, 0x94));
    p.setColor(QPalette::Text, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Button, QColor(0xf3, 0xf4, 0xf5));
    p.setColor(QPalette::ButtonText, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x7b, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x1f, 0x6f, 0xc5));
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xe0, 0xe2, 0xe4));
    p.setColor(QPalette::Mid, QColor(0xc4, 0xc7, 0xcb));
    p.setColor(QPalette::Dark, QColor(0x9a, 0x9e, 0xa3));
    p.setColor(QPalette::Shadow, QColor(0x47, 0x4a, 0x4e));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0xa0, 0xa4, 0xa8));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0xa0, 0xa4, 0xa8));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0xa0, 0xa4, 0xa8));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2a, 0x2d, 0x31));
    p.setColor(QPalette::WindowText, QColor(0xe4, 0xe6, 0xe8));
    p.setColor(QPalette::Base, QColor(0x1e, 0x20, 0x23));
    p.setColor(QPalette::AlternateBase, QColor(0x25, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ToolTipText, QColor(0xe4, 0xe6, 0xe8));
    p.setColor(QPalette::PlaceholderText, QColor(0x80, 0x86, 0x8c));
    p.setColor(QPalette::Text, QColor(0xe4, 0xe6, 0xe8));
    p.setColor(QPalette::Button, QColor(0x33, 0x37, 0x3b));
    p.setColor(QPalette::ButtonText, QColor(0xe4, 0xe6, 0xe8));
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x84, 0xd9));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xf0));
    p.setColor(QPalette::Light, QColor(0x45, 0x4a, 0x4f));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3e, 0x43));
    p.setColor(QPalette::Mid, QColor(0x25, 0x28, 0x2b));
    p.setColor(QPalette::Dark, QColor(0x18, 0x1a, 0x1c));
    p.setColor(QPalette::Shadow, QColor(0x0d, 0x0e, 0x0f));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6e, 0x73, 0x78));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6e, 0x73, 0x78));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6e, 0x73, 0x78));
    return p;
}

} // namespace strata::theme
