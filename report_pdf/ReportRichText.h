#pragma once
// The report as Qt rich text (the HTML subset QTextDocument understands): plain tables with
// attributes instead of CSS grid, colours inline, a page break after the title page.

#include "report/ReportDocument.h"

namespace strata {

QString reportRichText(const ReportDocument &document);

} // namespace strata
