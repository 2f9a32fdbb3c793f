#pragma once
// A small SQL lexer for highlighting in reports: keywords, strings (also E'' and dollar
// quoting), quoted identifiers, numbers and comments. It only colours; it never parses.

#include <QList>
#include <QString>

namespace strata {

struct SqlToken {
    enum class Kind { Plain, Keyword, String, Identifier, Number, Comment };
    Kind kind = Kind::Plain;
    QString text;
};

// The tokens cover `sql` exactly: concatenating their texts gives `sql` back.
QList<SqlToken> sqlTokens(const QString &sql);

} // namespace strata
