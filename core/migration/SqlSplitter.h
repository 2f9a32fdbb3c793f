#pragma once
// Splits a migration script into single statements. QSQLITE runs only the first statement of a
// string, and errors must point at file:line, so every statement keeps where it started.

#include <QList>
#include <QString>

namespace strata {

struct SqlStatement {
    QString sql;   // the statement text without its terminating ';', trimmed
    int line = 0;  // 1-based line of the statement's first non-blank, non-comment character
};

class SqlSplitter {
public:
    // `firstLine` is the line number of the first line of `script` in its file (dbmate sections
    // start part-way down a file). Statements holding only comments/whitespace are dropped.
    static QList<SqlStatement> split(const QString &script, int firstLine = 1);
};

} // namespace strata
