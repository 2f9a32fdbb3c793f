#pragma once
// What an SQLite table's columns hold, in one forward-only pass per table through the sqlite3
// C API on the session's own connection (so inside the planner's snapshot): storage classes,
// text lengths, integer/real ranges, ISO-8601 dates, invalid UTF-8 and NUL bytes, and whether
// numbers fit a declared NUMERIC(p,s). A set-based aggregate query computing the same figures
// costs about 18 times more CPU (see docs/TRANSFER.md, "Profiling the data").

#include "connection/DatabaseSession.h"
#include "transfer/TransferPlan.h"
#include "util/Progress.h"

namespace strata {

struct TableProfile {
    qint64 rows = 0;
    QList<ColumnProfile> columns; // in the table's column order
};

class ColumnProfiler {
public:
    // `progress` is polled for cancel while a big table is read.
    static Result<TableProfile> profile(DatabaseSession &sqlite, const Table &table,
                                        Progress *progress = nullptr);

    // Strict UTF-8 as PostgreSQL accepts it: no overlong forms, no surrogates, nothing above
    // U+10FFFF, no NUL.
    static bool isValidUtf8(const QByteArray &bytes);
    static bool isValidUtf8(const char *bytes, qsizetype size);

    // An ISO-8601 date or timestamp PostgreSQL reads exactly: YYYY-MM-DD (year 1..9999, a day
    // that exists), optionally [ T]HH:MM[:SS[.ffffff]] and Z or ±HH[[:]MM].
    struct IsoText {
        bool valid = false;
        bool dateOnly = false;
        bool zoned = false;
    };
    static IsoText isoText(const char *text, qsizetype size);

    // Whether a number's shortest round-trip decimal fits numeric(p,s) without rounding.
    static bool fitsNumeric(double value, int precision, int scale);
    static bool fitsNumeric(qint64 value, int precision, int scale);
};

} // namespace strata
