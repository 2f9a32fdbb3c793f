#include "report/SqlTokens.h"

#include <QSet>

namespace strata {

namespace {

const QSet<QString> &keywords()
{
    static const QSet<QString> words = [] {
        QSet<QString> s;
        for (const char *w : {"ADD",          "ALL",        "ALTER",     "ANALYZE",
                              "AND",          "AS",         "ASC",       "AUTOINCREMENT",
                              "BEGIN",        "BETWEEN",    "BIGINT",    "BOOLEAN",
                              "BY",           "CASCADE",    "CASE",      "CHECK",
                              "COLLATE",      "COLUMN",     "COMMENT",   "COMMIT",
                              "CONCURRENTLY", "CONSTRAINT", "CREATE",    "CROSS",
                              "DEFAULT",      "DEFERRABLE", "DELETE",    "DESC",
                              "DISTINCT",     "DO",         "DOMAIN",    "DROP",
                              "EACH",         "ELSE",       "END",       "ENUM",
                              "EXECUTE",      "EXISTS",     "EXTENSION", "FALSE",
                              "FOR",          "FOREIGN",    "FROM",      "FUNCTION",
                              "GENERATED",    "GROUP",      "HAVING",    "IDENTITY",
                              "IF",           "IN",         "INDEX",     "INNER",
                              "INSERT",       "INTEGER",    "INTO",      "IS",
                              "JOIN",         "KEY",        "LEFT",      "LIKE",
                              "LIMIT",        "NOT",        "NULL",      "NUMERIC",
                              "OF",           "ON",         "OR",        "ORDER",
                              "OUTER",        "OWNED",      "PRIMARY",   "PROCEDURE",
                              "REAL",         "REFERENCES", "RENAME",    "REPLACE",
                              "RESTRICT",     "RETURNING",  "RETURNS",   "ROLLBACK",
                              "ROW",          "SCHEMA",     "SELECT",    "SEQUENCE",
                              "SET",          "TABLE",      "TEXT",      "THEN",
                              "TO",           "TRIGGER",    "TRUE",      "TYPE",
                              "UNION",        "UNIQUE",     "UPDATE",    "USING",
                              "VALID",        "VALIDATE",   "VALUES",    "VARCHAR",
                              "VIEW",         "WHEN",       "WHERE",     "WITH",
                              "WITHOUT",      "ALWAYS",     "STORED",    "VIRTUAL",
                              "ACTION",       "NO",         "TIMESTAMP", "DATE",
                              "BLOB",         "INT",        "SMALLINT",  "DOUBLE",
                              "PRECISION",    "CHARACTER",  "VARYING",   "TRANSACTION"})
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return words;
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

// The end (exclusive) of a quoted run starting at `i` with `quote`; doubled quotes stay inside.
qsizetype quotedEnd(const QString &s, qsizetype i, QChar quote, bool backslashEscapes)
{
    qsizetype j = i + 1;
    while (j < s.size()) {
        if (backslashEscapes && s[j] == u'\\') {
            j += 2;
            continue;
        }
        if (s[j] == quote) {
            if (j + 1 < s.size() && s[j + 1] == quote) {
                j += 2;
                continue;
            }
            return j + 1;
        }
        ++j;
    }
    return s.size();
}

// `$tag$ ... $tag$` starting at `i`; 0 when `i` does not open one.
qsizetype dollarEnd(const QString &s, qsizetype i)
{
    qsizetype j = i + 1;
    while (j < s.size() && (s[j].isLetterOrNumber() || s[j] == u'_'))
        ++j;
    if (j >= s.size() || s[j] != u'$' || (j > i + 1 && s[i + 1].isDigit()))
        return 0;
    const QString tag = s.mid(i, j - i + 1);
    const qsizetype close = s.indexOf(tag, j + 1);
    return close < 0 ? s.size() : close + tag.size();
}

} // namespace

QList<SqlToken> sqlTokens(const QString &s)
{
    QList<SqlToken> out;
    auto push = [&](SqlToken::Kind kind, qsizetype from, qsizetype to) {
        if (!out.isEmpty() && out.last().kind == kind && kind == SqlToken::Kind::Plain)
            out.last().text += s.mid(from, to - from);
        else
            out.append({kind, s.mid(from, to - from)});
    };
    qsizetype i = 0;
    while (i < s.size()) {
        const QChar c = s[i];
        const QChar next = i + 1 < s.size() ? s[i + 1] : QChar();
        qsizetype end = i + 1;
        SqlToken::Kind kind = SqlToken::Kind::Plain;
        if (c == u'-' && next == u'-') {
            end = s.indexOf(u'\n', i);
            end = end < 0 ? s.size() : end;
            kind = SqlToken::Kind::Comment;
        } else if (c == u'/' && next == u'*') {
            int depth = 0; // PostgreSQL block comments nest
            end = i;
            while (end < s.size()) {
                if (s.mid(end, 2) == QLatin1String("/*")) {
                    ++depth;
                    end += 2;
                } else if (s.mid(end, 2) == QLatin1String("*/")) {
                    end += 2;
                    if (--depth == 0)
                        break;
                } else {
                    ++end;
                }
            }
            kind = SqlToken::Kind::Comment;
        } else if ((c == u'E' || c == u'e') && next == u'\'') {
            end = quotedEnd(s, i + 1, u'\'', true);
            kind = SqlToken::Kind::String;
        } else if (c == u'\'') {
            end = quotedEnd(s, i, u'\'', false);
            kind = SqlToken::Kind::String;
        } else if (c == u'"' || c == u'`') {
            end = quotedEnd(s, i, c, false);
            kind = SqlToken::Kind::Identifier;
        } else if (c == u'$' && dollarEnd(s, i) > 0) {
            end = dollarEnd(s, i);
            kind = SqlToken::Kind::String;
        } else if (c.isDigit()) {
            while (end < s.size() && (s[end].isDigit() || s[end] == u'.'))
                ++end;
            kind = SqlToken::Kind::Number;
        } else if (c.isLetter() || c == u'_') {
            while (end < s.size() && isWordChar(s[end]))
                ++end;
            kind = keywords().contains(s.mid(i, end - i).toUpper()) ? SqlToken::Kind::Keyword
                                                                    : SqlToken::Kind::Plain;
        }
        push(kind, i, end);
        i = end;
    }
    return out;
}

} // namespace strata
