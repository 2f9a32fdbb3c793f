#pragma once
// PDF reports (A4): a title page, then the sections with page numbers in the footer; table
// headers repeat on every page a table spans. Needs a QGuiApplication (any platform, offscreen
// too); strata-cli creates one only when it writes a PDF.

#include "report/ReportWriters.h"

namespace strata {

Status writeReportPdf(const Report &report, const QString &path);

// Any format to `path`: PDF here, the others through writeTextReport().
Status writeReportFile(const Report &report, ReportFormat format, const QString &path);

} // namespace strata
