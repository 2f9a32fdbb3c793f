// The tokenizer for stored SQLite CREATE statements; see SqliteDdlTokenizer.h.

#include "schema/SqliteDdlTokenizer.h"

#include <algorithm>

namespace strata::sqliteddl {

namespace {

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isWordStart(QChar c)
{
    return isAsciiLetter(c) || c == u'_' || c.unicode() > 127;
}

bool isWordPart(QChar c)
{
    return isWordStart(c) || isAsciiDigit(c) || c == u'$';
}

} // namespace

// Reads a quoted name or string whose opening quote is at i; returns the offset after it.
qsizetype SqlTokens::quoted(qsizetype i, QChar close, Token &token) const
{
    const qsizetype n = m_sql.size();
    const bool doubling = close != u']'; // [names] have no escape
    bool escaped = false;
    qsizetype j = i + 1;
    while (j < n) {
        if (m_sql[j] == close) {
            if (doubling && j + 1 < n && m_sql[j + 1] == close) {
                escaped = true;
                j += 2;
                continue;
            }
            break;
        }
        ++j;
    }
    token.text = m_sql.mid(i + 1, j - i - 1);
    if (escaped)
        token.text.replace(QString(2, close), QString(close));
    return std::min(j + 1, n);
}

void SqlTokens::tokenize()
{
    const QString &s = m_sql;
    const qsizetype n = s.size();
    QList<qsizetype> open; // indexes of the '(' tokens not yet closed
    qsizetype i = 0;
    while (i < n) {
        const QChar c = s[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == u'-' && i + 1 < n && s[i + 1] == u'-') {
            const qsizetype eol = s.indexOf(u'\n', i);
            i = eol < 0 ? n : eol + 1;
            continue;
        }
        if (c == u'/' && i + 1 < n && s[i + 1] == u'*') {
            const qsizetype close = s.indexOf(QLatin1String("*/"), i + 2);
            i = close < 0 ? n : close + 2;
            continue;
        }

        Token token;
        token.begin = i;
        token.depth = int(open.size());
        if (c == u'"' || c == u'`' || c == u'[') {
            token.kind = TokenKind::QuotedName;
            i = quoted(i, c == u'[' ? QChar(u']') : c, token);
        } else if (c == u'\'') {
            token.kind = TokenKind::String;
            i = quoted(i, c, token);
        } else if ((c == u'x' || c == u'X') && i + 1 < n && s[i + 1] == u'\'') {
            token.kind = TokenKind::String; // a blob literal
            i = quoted(i + 1, u'\'', token);
        } else if (isAsciiDigit(c) || (c == u'.' && i + 1 < n && isAsciiDigit(s[i + 1]))) {
            token.kind = TokenKind::Number;
            const bool hex = c == u'0' && i + 1 < n && (s[i + 1] == u'x' || s[i + 1] == u'X');
            qsizetype j = i + 1;
            while (j < n) {
                const QChar d = s[j];
                const bool exponentSign =
                    !hex && (d == u'+' || d == u'-') && (s[j - 1] == u'e' || s[j - 1] == u'E');
                if (!(isWordPart(d) || d == u'.' || exponentSign))
                    break;
                ++j;
            }
            token.text = s.mid(i, j - i);
            i = j;
        } else if (isWordStart(c)) {
            token.kind = TokenKind::Word;
            qsizetype j = i + 1;
            while (j < n && isWordPart(s[j]))
                ++j;
            token.text = s.mid(i, j - i);
            i = j;
        } else {
            token.kind = TokenKind::Punct;
            token.text = QString(c);
            ++i;
            if (c == u'(') {
                open.append(m_tokens.size());
            } else if (c == u')' && !open.isEmpty()) {
                const qsizetype partner = open.takeLast();
                token.depth = int(open.size());
                token.partner = partner;
                m_tokens[partner].partner = m_tokens.size();
            }
        }
        token.end = i;
        m_tokens.append(std::move(token));
    }
}

} // namespace strata::sqliteddl
