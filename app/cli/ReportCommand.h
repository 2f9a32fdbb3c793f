#pragma once
// Reports from strata-cli: `--report FILE` on dry-run, up, down, diff, transfer and validate
// (the format from the extension), and `strata-cli report [--format F] -o FILE` for the state
// of a database (timeline + validation).

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

// Removes `--report FILE` / `--report=FILE` from `args`; a name with no known extension is a
// usage error.
Result<ReportOption> takeReportOption(QStringList &args);
// True when these arguments will write a PDF, so main() makes a QGuiApplication (offscreen
// when no platform is set); every other run stays a plain QCoreApplication.
bool wantsPdf(const QStringList &arguments);

// A report about this database and folder, with the timeline as it is now.
Report databaseReport(const QString &title, DatabaseSession &session, Migrator &migrator,
                      const QString &migrationsDir);
// Writes the report if one was asked for; returns `code`, or the write's exit code when the
// command itself succeeded and the write failed.
int finishWithReport(const ReportOption &request, const Report &report, Output &out, int code);

int cmdReport(QStringList args, DatabaseSession &session, Migrator &migrator,
              const QString &migrationsDir, Output &out);

} // namespace strata::cli
