#pragma once
// What an SQLite table's columns hold, in one forward-only pass per table through the sqlite3
// C API (on the session's own connection, or on read-only ones seeing the same data, see
// profileAll): storage classes,
// text lengths, integer/real ranges, ISO-8601 dates, invalid UTF-8 and NUL bytes, and whether
// numbers fit a declared NUMERIC(p,s). A set-based aggregate query computing the same figures
// costs about 18 times more CPU (see docs/TRANSFER.md, "Profiling the data").

#include "connection/DatabaseSession.h"
#include "transfer/TransferPlan.h"
#include "util/Progress.h"
#include <functional>

struct sqlite3;

namespace strata {

struct TableProfile {
    qint64 rows = 0;
    QList<ColumnProfile> columns;         // in the table's column order
    bool sampled = false;                 // from some rows only (profileSample)
    void merge(const TableProfile &part); // adds the figures of another part of the table
};

// A table's profile built one value at a time: what a profiling pass does per row, for a
// reader that walks the rows itself (the loader profiles the rows it copies when the plan
// rests on a sample; see TransferPlanner::planFromSample). Columns in the table's order.
class ProfileAccumulator {
public:
    struct Rule {
        bool dates = false;   // profile ISO-8601 texts
        bool numeric = false; // check NUMERIC(p,s) fit
        int precision = 0, scale = 0;
        // Measure numbers' text length (maxTextChars): only a declared length needs it.
        bool lengths = false;
    };
    explicit ProfileAccumulator(const Table &table);
    void addRow() { ++m_profile.rows; }
    void addNull(int column);
    void addInteger(int column, qint64 v);
    void addReal(int column, double v);
    void addText(int column, const char *text, qsizetype size);
    void addBlob(int column);
    const TableProfile &profile() const { return m_profile; }
    TableProfile take() { return std::move(m_profile); }

private:
    QList<Rule> m_rules;
    TableProfile m_profile;
};

class ColumnProfiler {
public:
    // `progress` is polled for cancel while a big table is read.
    static Result<TableProfile> profile(DatabaseSession &sqlite, const Table &table,
                                        Progress *progress = nullptr);

    // Every table's profile, by source table name. Several tables, and rowid ranges of big
    // tables, are read at a time, on read-only connections of their own (one per core), when
    // the file is in rollback-journal mode: the planner's open read transaction then keeps
    // writers out, so every connection sees the same data. Otherwise (WAL, one core, no file)
    // one table after another on `sqlite`. See ProfileRuns.cpp.
    static Result<QHash<QString, TableProfile>> profileAll(DatabaseSession &sqlite,
                                                           const QList<const Table *> &tables,
                                                           Progress *progress = nullptr);

    // One forward-only pass over `table` on `db`, over the rows whose `rowidColumn` lies in
    // [from, to] when `rowidColumn` is set. `cancelled` is polled every 65536 rows.
    static Result<TableProfile> profileRows(sqlite3 *db, const Table &table,
                                            const QString &rowidColumn, qint64 from, qint64 to,
                                            const std::function<bool()> &cancelled);

    // A quick profile from a sample of the rows: for a rowid table spanning more than
    // `SampleAbove` rowids, 16 windows of 256 rows spread over the rowid range plus the last 256
    // rows (so a rowid alias's extremes are exact); other tables are profiled whole (on
    // parallel connections as profileAll). Read on the session's connection, in its snapshot.
    static constexpr qint64 SampleAbove = 50000;
    static Result<QHash<QString, TableProfile>> profileSample(DatabaseSession &sqlite,
                                                              const QList<const Table *> &tables,
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

private:
    // The session's own sqlite3 connection (QSQLITE links the system libsqlite3).
    static Result<sqlite3 *> handleOf(DatabaseSession &sqlite);
    // Feeds `SELECT <every column> FROM table <tail>` into `acc`.
    static Status profileQuery(sqlite3 *db, const Table &table, const QString &tail,
                               ProfileAccumulator &acc, const std::function<bool()> &cancelled);
};

} // namespace strata
