#pragma once
// Small wordings shared by the report layouts and writers.

#include "migration/MigrationStatus.h"
#include "report/ReportDocument.h"

#include <QDateTime>

namespace strata::reporttext {

QString count(qsizetype n, const QString &singular);   // "1 problem", "3 problems"
QString ms(qint64 ms);                                 // "12 ms", "3.40 s"
QString dateTime(const QDateTime &t);                  // "2026-11-24 20:10:34 UTC"
QString firstLine(const QString &sql, int max = 90);   // first line, shortened
QString stateLabel(MigrationState state);              // "applied", "checksum changed", ...
QString kindLabel(const QString &kind);                // "dry_run" -> "Dry run"
ReportBlock changeTable(const SchemaDiffResult &diff); // the changes, one row each

} // namespace strata::reporttext
