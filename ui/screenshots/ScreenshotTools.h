#pragma once
// The screenshot tour's pages for the Tools menu: the schema diff view and the transfer
// wizard (internal to ScreenshotTour).

#include "workspace/Workspace.h"

namespace strata {

class MainWindow;

// Renders diff-<variant>.png and transfer-*.png into `out`; returns the number of failures.
// The transfer's run and verification pages need a PostgreSQL server (PG* variables); without
// one they are skipped with a note on stderr.
int toolsScreenshots(MainWindow &window, const WorkspaceConfig &config, const QString &out,
                     const QString &variant);

} // namespace strata
