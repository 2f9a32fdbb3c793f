#pragma once
// The values a table rebuild's copy computes on the way
//   INSERT INTO tasks_new (id, priority) SELECT id, CASE priority WHEN 1 THEN 'high' ... FROM tasks
// carried over to the ALTER TABLE statements the schema diff writes for the rebuild: a changed
// type converts with the copy's expression (USING), an unchanged column is updated with it.

#include "port/StatementPort.h"

namespace strata {

struct ComputedValue {
    QString column;     // the rebuilt table's column (source name)
    QString expression; // the SQLite expression the copy puts into it
    int line = 0;
};

class RebuildCopy {
public:
    // The computed values of a copy; plain column references are left out. `columns`: the
    // rebuilt table's columns in order, for a copy without a column list.
    static QList<ComputedValue> computedValues(const SqliteStatement &copy,
                                               const QStringList &columns);
    // `generated` with the values applied to table `table` (target name): USING on its type
    // changes, UPDATEs before the statements for columns it had (`existing`, target names),
    // after them for new ones. An expression the translator refuses is a manual note.
    static QStringList apply(QStringList generated, const QList<ComputedValue> &values,
                             const QString &table, const QStringList &existing,
                             const TranslationContext &context, bool foldLowerCase,
                             QList<PortNote> &notes);
};

} // namespace strata
