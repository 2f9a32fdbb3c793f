#pragma once
// Writing a report: the format from a file name or a --format value, and the text writers
// (HTML, Markdown, JSON). The PDF writer needs QtGui and lives in report_pdf (ReportPdf.h),
// whose writeReportFile() handles all four formats.

#include "report/Report.h"
#include "util/Result.h"

#include <QByteArray>
#include <optional>

namespace strata {

enum class ReportFormat { Html, Markdown, Json, Pdf };

// ".html"/".htm", ".md"/".markdown", ".json", ".pdf" (any case); nullopt for anything else.
std::optional<ReportFormat> reportFormatForPath(const QString &path);
// "html", "md"/"markdown", "json", "pdf".
std::optional<ReportFormat> reportFormatFromName(const QString &name);
QString reportFormatName(ReportFormat format);      // "html", "md", "json", "pdf"
QString reportFormatExtension(ReportFormat format); // ".html", ".md", ".json", ".pdf"
// The error for a file name whose extension names no format (Error::Kind::Usage).
Error unknownReportFormat(const QString &path);

// Self-contained HTML: inline CSS (light, print-friendly), syntax-highlighted SQL.
QByteArray reportHtml(const Report &report);
QByteArray reportMarkdown(const Report &report);
// The JSON document described by docs/report.schema.json.
QByteArray reportJson(const Report &report);

// Writes `bytes` to `path` whole or not at all.
Status writeReportBytes(const QString &path, const QByteArray &bytes);
// HTML, Markdown or JSON to `path`; PDF is an error here (see writeReportFile in report_pdf).
Status writeTextReport(const Report &report, ReportFormat format, const QString &path);

} // namespace strata
