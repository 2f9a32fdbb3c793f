#pragma once
// `strata --screenshots DIR`: renders the main window, the dry-run preview, a failing dry run,
// the rollback confirmation and the connection dialog, in a light and a dark palette (Fusion),
// to DIR/*.png. Runs on a scratch copy of the demo workspace; the user's files are not touched.

#include <QString>

namespace strata {

class ScreenshotTour {
public:
    static int run(const QString &outputDir);
};

} // namespace strata
