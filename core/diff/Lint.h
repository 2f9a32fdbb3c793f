#pragma once
// Lint for a diff: the risk of each change (destructive, blocking on big tables, safe) and the
// warnings a DBA should read before running it. The emitters call these per change; the
// findings about the whole diff (possible renames) come from globalWarnings().

#include "diff/DiffPlan.h"

namespace strata::diff {

class Lint {
public:
    // Tables with more rows than this are "big": rewrites, scans and index builds on them block.
    static constexpr qint64 bigTableRows = 100000;

    Lint(const DiffPlan &plan, const DiffOptions &options);

    void dropTable(Change &change, const Table &table) const;
    void dropColumn(Change &change, const Table &table, const Column &column) const;
    void addColumn(Change &change, const Table &table, const Column &column) const;
    void alterColumn(Change &change, const Table &table, const ColumnPair &pair) const;
    // SQLite: a table rebuild carries the findings of every column change it performs, and
    // copies the whole table.
    void rebuild(Change &change, const TableDelta &delta) const;
    // Index builds and constraint validation scan the table: blocking when it is big.
    void scansTable(Change &change, const QString &schema, const QString &table) const;
    void dropSequence(Change &change, const Sequence &sequence) const;

    // A dropped and an added column of the same type in one table (or a dropped and a created
    // table with the same columns): reported as a possible rename, never guessed.
    QStringList globalWarnings() const;

    bool isBig(const QString &schema, const QString &table) const;

private:
    void blocking(Change &change, const QString &schema, const QString &table,
                  const QString &what) const;
    const DiffPlan &m_plan;
    const DiffOptions &m_options;
};

void raiseRisk(Change &change, Risk risk);

} // namespace strata::diff
