#pragma once
// A column's SQLite DEFAULT in PostgreSQL, for the column's chosen target type and transform:
// literals are checked against the target type (0/1 -> false/true on boolean, epoch numbers
// -> timestamp literals), a lone name or double-quoted word is the string SQLite reads it as,
// and expressions go through ExpressionTranslator::translateAs, so "now" in every spelling
// (CURRENT_TIMESTAMP, datetime/date/time/strftime/julianday/unixepoch with modifiers) becomes
// a value of the column's type in UTC. A default whose value the type cannot hold is refused
// with the reason (manual work), never written for PostgreSQL to refuse.

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
