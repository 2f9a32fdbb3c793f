#pragma once
// The loader's torture database: reserved-word tables, mixed-type columns, epoch and ISO dates,
// booleans, NULL vs '' vs empty blob, 64-bit extremes, awkward doubles, unicode, invalid UTF-8
// and NUL bytes, partial and expression indexes, generated columns, WITHOUT ROWID, an
// AUTOINCREMENT table with deleted rows, a view and a trigger using SQLite-only functions.

#include "TransferHandPlan.h"

namespace strata::test {

constexpr int tortureStatements = 17;
extern const char *const tortureSql[tortureStatements];
// Exact target types for the hand plan, so the test can check every value.
QHash<QString, ColumnOverride> tortureTypes();

} // namespace strata::test
