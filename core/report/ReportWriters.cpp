// Report formats and file writing; the writers themselves are in ReportHtml.cpp,
// ReportMarkdown.cpp and ReportJson.cpp.

#include "report/ReportWriters.h"

#include <QFileInfo>
#include <QSaveFile>

namespace strata {

std::optional<ReportFormat> reportFormatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("htm"))
        return ReportFormat::Html;
    if (suffix.isEmpty())
        return std::nullopt;
    return reportFormatFromName(suffix);
}

std::optional<ReportFormat> reportFormatFromName(const QString &name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("html"))
        return ReportFormat::Html;
    if (n == QLatin1String("md") || n == QLatin1String("markdown"))
        return ReportFormat::Markdown;
    if (n == QLatin1String("json"))
        return ReportFormat::Json;
    if (n == QLatin1String("pdf"))
        return ReportFormat::Pdf;
    return std::nullopt;
}

QString reportFormatName(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Html:
        return QStringLiteral("html");
    case ReportFormat::Markdown:
        return QStringLiteral("md");
    case ReportFormat::Json:
        return QStringLiteral("json");
    case ReportFormat::Pdf:
        return QStringLiteral("pdf");
    }
    return {};
}

QString reportFormatExtension(ReportFormat format)
{
    return u'.' + reportFormatName(format);
}

Error unknownReportFormat(const QString &path)
{
    return Error::usage(
        QStringLiteral("cannot tell the report format of `%1`: name it .html, .md, .json or .pdf")
            .arg(path));
}

Status writeReportBytes(const QString &path, const QByteArray &bytes)
{
    // Written whole or not at all: a failed write never leaves half a report.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error::usage(
            QStringLiteral("cannot write the report %1: %2").arg(path, file.errorString()));
    return {};
}

Status writeTextReport(const Report &report, ReportFormat format, const QString &path)
{
    switch (format) {
    case ReportFormat::Html:
        return writeReportBytes(path, reportHtml(report));
    case ReportFormat::Markdown:
        return writeReportBytes(path, reportMarkdown(report));
    case ReportFormat::Json:
        return writeReportBytes(path, reportJson(report));
    case ReportFormat::Pdf:
        break;
    }
    return Error::usage(QStringLiteral("PDF reports need the report_pdf library (%1)").arg(path));
}

} // namespace strata
