#pragma once
// The report as Qt rich text (the HTML subset QTextDocument understands): plain tables with
// attributes instead of CSS grid, colours inline. The title block heads page 1 and the sections
// follow it; a section starts a new page only where the PDF writer asks for one.

#include "report/ReportDocument.h"

#include <QSet>

namespace strata {

// The rich text splits a data table before each listed row (a table numbered in document
// order, a row of ReportBlock::rows) and starts the rest on a new page with its header again:
// the PDF writer lists the rows that would otherwise straddle a page break.
// It also starts a section on a new page when its heading would otherwise sit at a page's foot.
struct RichTextBreaks {
    QSet<QPair<int, int>> rows; // (data table, row)
    QSet<int> sections;         // sections (in document order) that start a new page
};
// One <table> of the rich text, in document order: which data table it shows (-1 for facts,
// notes and SQL) and the index of its first body row.
struct RichTextTable {
    int dataTable = -1;
    int firstRow = 0;
};

QString reportRichText(const ReportDocument &document, const RichTextBreaks &breaks = {},
                       QList<RichTextTable> *tables = nullptr);

} // namespace strata
