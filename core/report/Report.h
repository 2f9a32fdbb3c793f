#pragma once
// A migration report: where it was made (workspace, database without password, server), the
// timeline at the time, and the results the engine produced — a dry run, an apply or rollback
// run, a schema diff, a transfer, a validation, a drift check. Writers (ReportWriters.h, and the
// PDF writer in report_pdf) turn it into HTML, Markdown, JSON or PDF. See docs/REPORTS.md.

#include "check/ReadinessCheck.h"
#include "connection/ConnectionSpec.h"
#include "diff/SchemaDiff.h"
#include "migration/DryRun.h"
#include "migration/Migrator.h"
#include "transfer/Transfer.h"
#include "transfer/TransferPlan.h"

#include <QDateTime>
#include <optional>

namespace strata {

struct ReportDatabase {
    QString url;    // ConnectionSpec::displayUrl(): never the password
    QString engine; // "SQLite", "PostgreSQL"
    QString serverVersion;
};

struct ReportRun {
    RunResult run;
    QDateTime startedAt, finishedAt; // UTC
    QString by;                      // the operating-system user who ran it
};

struct ReportDiff {
    QString from, to; // display names (URLs without password, or snapshot files)
    SchemaDiffResult diff;
};

struct ReportTransfer {
    QString source, target;               // display URLs
    std::optional<TransferPlan> plan;     // type decisions and manual work
    std::optional<TransferResult> result; // absent for a plan-only report
};

// The drift check: the live schema against the one the history recorded for the current
// version (DriftCheck). An empty diff is "no drift".
struct ReportDrift {
    QString version;        // the current version
    QString recordedOrigin; // "recorded after version 7 was applied"
    QString live;           // the live database's display URL
    SchemaDiffResult diff;  // turns the recorded schema into the live one
};

struct ReportValidation {
    QList<ValidationProblem> problems;
    int checked = 0; // migrations in the folder
};

struct Report {
    QString title;
    QDateTime generatedAt; // UTC
    QString generatedBy;
    QString toolVersion;

    QString migrationsDir;
    QString folderFormat;
    std::optional<ReportDatabase> database;

    std::optional<StatusReport> timeline;
    std::optional<TrialResult> dryRun;
    QString dryRunTitle; // "migrate 6 → 9"
    std::optional<ReportRun> run;
    std::optional<ReportDiff> diff;
    std::optional<ReportTransfer> transfer;
    std::optional<ReportValidation> validation;
    std::optional<ReportDrift> drift;
    std::optional<ReadinessResult> readiness; // strata-cli check: the folder on PostgreSQL

    // Texts that must never appear in any output (passwords). Writers replace them.
    QStringList secrets;

    // A report stamped now, by the current user, with this build's version.
    static Report begin(const QString &title);
    // Sets `database` from the spec (URL without password) and remembers the spec's password
    // as a secret, in case a driver message repeats it.
    void setDatabase(const ConnectionSpec &spec, const QString &serverVersion = {});
    void addSecretsOf(const ConnectionSpec &spec);

    // The kinds present, in the order the writers show them: "timeline", "validation",
    // "drift", "dry_run", "run", "diff", "transfer", "readiness".
    QStringList kinds() const;
    // Replaces every secret in `text`; redacted() does it to every text of the report. Writers
    // work on the redacted copy, so a password repeated by a driver message is never written.
    QString redact(const QString &text) const;
    Report redacted() const;
};

QString engineLabel(Engine engine); // "SQLite", "PostgreSQL"
QString currentUserName();

} // namespace strata
