#pragma once
// Tokenizer for the CREATE statements SQLite stores in sqlite_master, for SqliteDdlParser.

#include <QList>
#include <QString>
#include <utility>

namespace strata::sqliteddl {

// ---- tokenizer for stored CREATE statements ----
//
// One linear pass. It knows SQLite's quoting ("name", `name`, [name], 'string', x'blob'),
// comments (-- and /* */) and parentheses; everything else is a word, a number or a single
// punctuation character, which is all SqliteDdlParser needs.

enum class TokenKind { Word, QuotedName, String, Number, Punct };

struct Token {
    TokenKind kind = TokenKind::Punct;
    qsizetype begin = 0; // offsets into the source text
    qsizetype end = 0;
    int depth = 0;          // parentheses open before the token; '(' and its ')' share it
    qsizetype partner = -1; // for '(' and ')': index of the matching one, -1 when unmatched
    QString text;           // words and numbers as written; quoted names and strings unquoted
};

class SqlTokens {
public:
    explicit SqlTokens(const QString &sql) : m_sql(sql) { tokenize(); }

    qsizetype size() const { return m_tokens.size(); }
    const Token &operator[](qsizetype i) const { return m_tokens[i]; }

    bool isKeyword(qsizetype i, const char *keyword) const
    {
        return i >= 0 && i < size() && m_tokens[i].kind == TokenKind::Word &&
               m_tokens[i].text.compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
    }
    bool isPunct(qsizetype i, char16_t c) const
    {
        return i >= 0 && i < size() && m_tokens[i].kind == TokenKind::Punct &&
               m_tokens[i].text.front() == QChar(c);
    }
    // The index of the ')' closing the '(' at `open`; size() when it is never closed.
    qsizetype closeOf(qsizetype open) const
    {
        const qsizetype close = m_tokens[open].partner;
        return close < 0 ? size() : close;
    }
    // A name token's value: a word, a quoted name, or a string (SQLite accepts 'name' too).
    QString name(qsizetype i) const
    {
        if (i < 0 || i >= size() || m_tokens[i].kind == TokenKind::Punct ||
            m_tokens[i].kind == TokenKind::Number)
            return {};
        return m_tokens[i].text;
    }
    // The source text of tokens [b, e), as written (comments between them included).
    QString text(qsizetype b, qsizetype e) const
    {
        if (b >= e)
            return {};
        return m_sql.mid(m_tokens[b].begin, m_tokens[e - 1].end - m_tokens[b].begin);
    }
    // The source text inside the parentheses opened at `open`, trimmed.
    QString inside(qsizetype open) const
    {
        const qsizetype close = closeOf(open);
        const qsizetype end = close < size() ? m_tokens[close].begin : m_sql.size();
        return m_sql.mid(m_tokens[open].end, end - m_tokens[open].end).trimmed();
    }
    // The source text after token i, to the end.
    QString after(qsizetype i) const { return m_sql.mid(m_tokens[i].end); }

    // The comma-separated items of the list in the parentheses opened at `open`, as token ranges.
    QList<std::pair<qsizetype, qsizetype>> items(qsizetype open) const
    {
        QList<std::pair<qsizetype, qsizetype>> out;
        const qsizetype close = closeOf(open);
        const int depth = m_tokens[open].depth + 1;
        qsizetype start = open + 1;
        for (qsizetype i = open + 1; i < close; ++i) {
            if (m_tokens[i].depth == depth && isPunct(i, u',')) {
                out.append({start, i});
                start = i + 1;
            }
        }
        if (start < close || !out.isEmpty())
            out.append({start, close});
        return out;
    }
    // The names in a parenthesised list of (indexed) columns: the first token of each item.
    QStringList names(qsizetype open) const
    {
        QStringList out;
        for (const auto &[b, e] : items(open)) {
            if (b < e)
                out << name(b);
        }
        return out;
    }

private:
    void tokenize();
    qsizetype quoted(qsizetype i, QChar close, Token &token) const;

    const QString &m_sql;
    QList<Token> m_tokens;
};

} // namespace strata::sqliteddl
