#pragma once
// What an end-to-end test needs to find things on screen the way a person sees them: with
// STRATA_UI_PROBE=FILE set, the app writes FILE (JSON, replaced atomically, 5 times a second)
// listing every visible window, its buttons, fields, labels, tabs, menu entries and the visible
// rows of its lists and trees, each with its text, whether it is enabled and where it is on the
// screen. The test then moves the real mouse and presses real keys (xdotool); the probe never
// acts. Without the variable nothing is started.

#include <QString>

namespace strata::UiProbe {

// Starts writing when STRATA_UI_PROBE is set; call once after QApplication exists.
void startFromEnvironment();

} // namespace strata::UiProbe
