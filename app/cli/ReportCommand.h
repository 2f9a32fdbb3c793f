#pragma once
// Reports from strata-cli: `--report FILE` on dry-run, up, down, diff, transfer, validate and
// drift (the format from the extension), and `strata-cli report [--format F] -o FILE` for the state
// of a database (timeline + validation).

#include "CliArgs.h"
#include "CliTerminal.h"

#include "migration/Migrator.h"
#include "report/Report.h"
#include "report/ReportWriters.h"

#include <QStringList>
#include <optional>

namespace strata::cli {

struct ReportRequest {
    QString path;
    ReportFormat format = ReportFormat::Html;
};
using ReportOption = std::optional<ReportRequest>;

// `--report FILE` of a command that takes it; a name with no known extension is a usage error.
Result<ReportOption> reportOption(const CommandArgs &args);
// True when these arguments will write a PDF, so main() makes a QGuiApplication (offscreen
// when no platform is set); every other run stays a plain QCoreApplication.
bool wantsPdf(const QStringList &arguments);

// A report about this database and folder, with the timeline as it is now.
Report databaseReport(const QString &title, DatabaseSession &session, Migrator &migrator,
                      const QString &migrationsDir);
// Writes the report if one was asked for; returns `code`, or the write's exit code when the
// command itself succeeded and the write failed.
int finishWithReport(const ReportOption &request, const Report &report, Output &out, int code);

// `report`'s format: --format, else the extension of -o FILE; refused when both are given and
// name different formats (checked before anything connects).
Result<ReportFormat> reportCommandFormat(const CommandArgs &args);
int cmdReport(const CommandArgs &args, DatabaseSession &session, Migrator &migrator,
              const QString &migrationsDir, Output &out);

} // namespace strata::cli
