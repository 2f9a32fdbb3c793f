#pragma once
// A column's SQLite DEFAULT in PostgreSQL, for the column's chosen target type and transform:
// "now" in every spelling (CURRENT_TIMESTAMP, datetime('now'), strftime(..., 'now'),
// unixepoch()) becomes the matching PostgreSQL expression in UTC, literals are checked against
// the target type (0/1 -> false/true on boolean, epoch numbers -> timestamp literals), and
// other expressions go through the ExpressionTranslator.

#include "transfer/ExpressionTranslator.h"
#include "transfer/TransferPlan.h"

namespace strata {

class DefaultTranslator {
public:
    // An empty sql with an empty problem means no default (NULL).
    static Translation translate(const QString &sqliteDefault, const QString &targetType,
                                 ValueTransform transform, const ExpressionTranslator &expressions);
};

} // namespace strata
