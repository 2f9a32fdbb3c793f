#include "ReportCommand.h"
#include "CliArgs.h"

#include "ReportPdf.h"

namespace strata::cli {

Result<ReportOption> takeReportOption(QStringList &args)
{
    QString path;
    bool present = false;
    if (!takeValue(args, {QStringLiteral("--report")}, path, &present) ||
        (present && path.isEmpty()))
        return Error::usage(
            QStringLiteral("--report needs a file name (.html, .md, .json or .pdf)"));
    if (!present)
        return ReportOption();
    const auto format = reportFormatForPath(path);
    if (!format)
        return unknownReportFormat(path);
    return ReportOption(ReportRequest{path, *format});
}

bool wantsPdf(const QStringList &arguments)
{
    QStringList args = arguments;
    QString value;
    bool present = false;
    const auto isPdf = [](const QString &v) {
        return reportFormatFromName(v) == ReportFormat::Pdf;
    };
    if (takeValue(args, {QStringLiteral("--report")}, value, &present) && present &&
        reportFormatForPath(value) == ReportFormat::Pdf)
        return true;
    if (!args.contains(QStringLiteral("report")))
        return false;
    present = false;
    if (takeValue(args, {QStringLiteral("--format")}, value, &present) && present)
        return isPdf(value);
    present = false;
    return takeValue(args, {QStringLiteral("-o"), QStringLiteral("--output")}, value, &present) &&
           present && reportFormatForPath(value) == ReportFormat::Pdf;
}

Report databaseReport(const QString &title, DatabaseSession &session, Migrator &migrator,
                      const QString &migrationsDir)
{
    Report report = Report::begin(title);
    report.setDatabase(session.spec(), session.serverVersion());
    report.migrationsDir = migrationsDir;
    report.folderFormat = folderFormatName(migrator.folder().format);
    if (auto status = migrator.status())
        report.timeline = *status;
    return report;
}

int finishWithReport(const ReportOption &request, const Report &report, Output &out, int code)
{
    if (!request)
        return code;
    if (Status written = writeReportFile(report, request->format, request->path); !written.ok()) {
        const int failed = out.fail(written.error());
        return code == Ok ? failed : code;
    }
    out.note(QStringLiteral("Wrote the report %1.").arg(request->path));
    return code;
}

int cmdReport(QStringList args, DatabaseSession &session, Migrator &migrator,
              const QString &migrationsDir, Output &out)
{
    QString path, formatName;
    bool hasPath = false, hasFormat = false;
    if (!takeValue(args, {QStringLiteral("-o"), QStringLiteral("--output")}, path, &hasPath))
        return out.fail(Error::usage(QStringLiteral("-o needs a file name")));
    if (!takeValue(args, {QStringLiteral("--format")}, formatName, &hasFormat))
        return out.fail(Error::usage(QStringLiteral("--format needs html, md, json or pdf")));
    if (!args.isEmpty())
        return out.fail(Error::usage(
            QStringLiteral("`report` does not take `%1` (usage: strata-cli report [--format "
                           "html|md|json|pdf] -o FILE)")
                .arg(args.first())));
    if (!hasPath || path.isEmpty())
        return out.fail(Error::usage(QStringLiteral(
            "report needs -o FILE (usage: strata-cli report [--format F] -o FILE)")));
    std::optional<ReportFormat> format;
    if (hasFormat) {
        format = reportFormatFromName(formatName);
        if (!format)
            return out.fail(Error::usage(
                QStringLiteral("--format is html, md, json or pdf, not `%1`").arg(formatName)));
    } else {
        format = reportFormatForPath(path);
        if (!format)
            return out.fail(unknownReportFormat(path));
    }
    auto problems = migrator.validate();
    if (!problems)
        return out.fail(problems.error());
    Report report = databaseReport(QStringLiteral("State of %1").arg(session.spec().displayUrl()),
                                   session, migrator, migrationsDir);
    report.validation = ReportValidation{
        *problems, int(migrator.folder().versioned.size() + migrator.folder().repeatable.size())};
    return finishWithReport(ReportRequest{path, *format}, report, out, Ok);
}

} // namespace strata::cli
