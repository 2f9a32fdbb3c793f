#pragma once
// PDF reports (A4): a title block heading page 1, then the sections one after another (a section
// moves to the next page only when its heading would sit at a page's foot), page numbers in
// every footer; table headers repeat on every page a table spans. Needs a QGuiApplication (any
// platform, offscreen too); strata-cli creates one only when it writes a PDF.

#include "report/ReportWriters.h"

namespace strata {

// What the pagination did, for tests: pages written, tables split at a page break, and rows
// still straddling one at the end (0 unless a row is taller than most of a page).
struct PdfLayoutInfo {
    int pages = 0;
    int tableBreaks = 0;
    int straddlingRows = 0;
};

Status writeReportPdf(const Report &report, const QString &path, PdfLayoutInfo *info = nullptr);

// Any format to `path`: PDF here, the others through writeTextReport().
Status writeReportFile(const Report &report, ReportFormat format, const QString &path);

} // namespace strata
