#include "ReportCommand.h"

#include "ReportPdf.h"

namespace strata::cli {

Result<ReportOption> reportOption(const CommandArgs &args)
{
    if (!args.declares(QStringLiteral("--report")) || !args.has(QStringLiteral("--report")))
        return ReportOption();
    const QString path = args.value(QStringLiteral("--report"));
    if (path.isEmpty())
        return Error::usage(
            QStringLiteral("--report needs a file name (.html, .md, .json or .pdf)"));
    const auto format = reportFormatForPath(path);
    if (!format)
        return unknownReportFormat(path);
    return ReportOption(ReportRequest{path, *format});
}

// `report`'s format: --format, else the extension of -o FILE. Both given and naming different
// formats is refused: a .pdf holding HTML opens in no viewer.
Result<ReportFormat> reportCommandFormat(const CommandArgs &args)
{
    const QString path = args.value(QStringLiteral("--output"));
    const auto fromPath = reportFormatForPath(path);
    if (!args.has(QStringLiteral("--format"))) {
        if (!fromPath)
            return unknownReportFormat(path);
        return *fromPath;
    }
    const QString name = args.value(QStringLiteral("--format"));
    const auto format = reportFormatFromName(name);
    if (!format)
        return Error::usage(
            QStringLiteral("--format is html, md, json or pdf, not `%1`").arg(name));
    if (fromPath && *fromPath != *format)
        return Error::usage(
            QStringLiteral("--format %1 and -o %2 cannot be used together: the file name says "
                           "another format; name the file for its format, or leave --format "
                           "out and the extension chooses it")
                .arg(name, path));
    return *format;
}

bool wantsPdf(const QStringList &arguments)
{
    auto line = parseCommandLine(arguments);
    if (!line || !line->command)
        return false;
    const CommandArgs &args = line->args;
    if (line->command->name == QLatin1String("report")) {
        auto format = reportCommandFormat(args);
        return format && *format == ReportFormat::Pdf;
    }
    auto report = reportOption(args);
    return report && *report && (*report)->format == ReportFormat::Pdf;
}

Report databaseReport(const QString &title, DatabaseSession &session, Migrator &migrator,
                      const QString &migrationsDir)
{
    Report report = Report::begin(title);
    report.setDatabase(session.spec(), session.serverVersion());
    report.migrationsDir = migrationsDir;
    report.folderFormat = folderFormatName(migrator.folder().format);
    if (auto status = migrator.status()) {
        StatusReport timeline = *status;
        if (auto log = migrator.audit().read()) // each version's audit entries, as in the app
            attachAudit(timeline, *log, migrator.history().name());
        report.timeline = timeline;
    }
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

int cmdReport(const CommandArgs &args, DatabaseSession &session, Migrator &migrator,
              const QString &migrationsDir, Output &out)
{
    const QString path = args.value(QStringLiteral("--output"));
    if (path.isEmpty())
        return out.fail(Error::usage(QStringLiteral("-o needs a file name")));
    auto format = reportCommandFormat(args);
    if (!format)
        return out.fail(format.error());
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
