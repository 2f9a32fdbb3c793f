// Grouping SQLite tokens into the items ExpressionTranslator writes (see ExprWriter.h): atoms
// (literals, names, calls, parenthesised groups, CASE ... END, with a unary prefix and a
// COLLATE suffix), operators (merged: ||, ==, <>, ...), keywords and commas.

#include "transfer/ExprWriter.h"

#include "schema/SqliteDdlParser.h"

namespace strata::expr {

namespace {

using sqliteddl::asciiUpper;

const QSet<QString> &keywords()
{
    static const QSet<QString> words = {
        "SELECT",    "FROM",      "WHERE",     "GROUP",        "BY",      "HAVING",    "ORDER",
        "LIMIT",     "OFFSET",    "AS",        "ON",           "JOIN",    "LEFT",      "RIGHT",
        "FULL",      "INNER",     "OUTER",     "CROSS",        "NATURAL", "USING",     "UNION",
        "ALL",       "INTERSECT", "EXCEPT",    "DISTINCT",     "AND",     "OR",        "NOT",
        "IS",        "IN",        "LIKE",      "GLOB",         "REGEXP",  "MATCH",     "BETWEEN",
        "ESCAPE",    "CASE",      "WHEN",      "THEN",         "ELSE",    "END",       "ASC",
        "DESC",      "NULLS",     "FIRST",     "LAST",         "COLLATE", "EXISTS",    "INSERT",
        "INTO",      "VALUES",    "UPDATE",    "SET",          "DELETE",  "DEFAULT",   "WITH",
        "RECURSIVE", "OVER",      "PARTITION", "FILTER",       "WINDOW",  "ROWS",      "RANGE",
        "GROUPS",    "PRECEDING", "FOLLOWING", "CURRENT",      "ROW",     "UNBOUNDED", "EXCLUDE",
        "TIES",      "OTHERS",    "NO",        "ISNULL",       "NOTNULL", "CAST",      "RETURNING",
        "CONFLICT",  "DO",        "NOTHING",   "MATERIALIZED", "TABLE",   "INDEXED"};
    return words;
}

const QStringList &operators()
{
    static const QStringList ops = {"||", "==", "!=", "<>", "<=", ">=", "<<", ">>", "->", "->>"};
    return ops;
}

} // namespace

bool isValueWord(const QString &upper)
{
    return upper == QLatin1String("NULL") || upper == QLatin1String("TRUE") ||
           upper == QLatin1String("FALSE") || upper == QLatin1String("CURRENT_TIMESTAMP") ||
           upper == QLatin1String("CURRENT_DATE") || upper == QLatin1String("CURRENT_TIME");
}

Writer::Writer(const QString &sql, const TranslationContext &context)
    : m_sql(sql), m_t(m_sql), m_c(context), m_pg(Dialect::create(Engine::Postgres))
{
    scanScope();
}

bool Writer::isKeyword(qsizetype i) const
{
    return i >= 0 && i < m_t.size() && m_t[i].kind == TokenKind::Word &&
           keywords().contains(asciiUpper(m_t[i].text));
}

std::optional<QString> Writer::stringLiteral(qsizetype b, qsizetype e) const
{
    if (e != b + 1 || m_t[b].kind != TokenKind::String || m_sql[m_t[b].begin] != u'\'')
        return std::nullopt;
    return m_t[b].text;
}

QString Writer::gap(qsizetype afterToken, qsizetype beforeToken) const
{
    if (afterToken < 0 || beforeToken >= m_t.size())
        return {};
    return m_sql.mid(m_t[afterToken].end, m_t[beforeToken].begin - m_t[afterToken].end);
}

qsizetype Writer::atomEnd(qsizetype i, qsizetype e) const
{
    const auto &tk = m_t[i];
    if (m_t.isPunct(i, u'('))
        return std::min(m_t.closeOf(i) + 1, e);
    if (tk.kind == TokenKind::String || tk.kind == TokenKind::Number)
        return i + 1;
    const QString upper = asciiUpper(tk.text);
    if (tk.kind == TokenKind::Word && upper == QLatin1String("CASE")) {
        int nested = 0;
        for (qsizetype j = i + 1; j < e; ++j) {
            if (m_t[j].depth != tk.depth)
                continue;
            if (m_t.isKeyword(j, "CASE"))
                ++nested;
            else if (m_t.isKeyword(j, "END") && nested-- == 0)
                return j + 1;
        }
        return e;
    }
    if (tk.kind == TokenKind::Word && isValueWord(upper))
        return i + 1;
    if (m_t.isPunct(i + 1, u'(')) {
        const qsizetype close = m_t.closeOf(i + 1);
        const bool cte = m_t.isKeyword(close + 1, "AS") &&
                         (m_t.isPunct(close + 2, u'(') || m_t.isKeyword(close + 2, "NOT") ||
                          m_t.isKeyword(close + 2, "MATERIALIZED"));
        if (m_t.isKeyword(i - 1, "INTO") || cte)
            return i + 1; // a table or CTE name followed by its column list
        return std::min(close + 1, e);
    }
    qsizetype j = i + 1;
    while (j + 1 < e && m_t.isPunct(j, u'.') &&
           (m_t[j + 1].kind == TokenKind::Word || m_t[j + 1].kind == TokenKind::QuotedName ||
            m_t.isPunct(j + 1, u'*')))
        j += 2;
    return j;
}

QList<Item> Writer::items(qsizetype b, qsizetype e)
{
    QList<Item> out;
    const auto startsAtom = [&](qsizetype j) {
        return j < e && (m_t.isPunct(j, u'(') || m_t[j].kind != TokenKind::Punct) &&
               (!isKeyword(j) || m_t.isKeyword(j, "CASE") || m_t.isKeyword(j, "CAST"));
    };
    for (qsizetype i = b; i < e;) {
        Item it;
        it.b = it.core = i;
        const auto &tk = m_t[i];
        if (tk.kind == TokenKind::Punct && !m_t.isPunct(i, u'(')) {
            const QChar c = tk.text.front();
            it.e = i + 1;
            if (c == u',') {
                it.kind = ItemKind::Comma;
            } else if (c == u'.' || c == u';' || c == u')') {
                it.kind = ItemKind::Other;
            } else {
                it.kind = ItemKind::Operator;
                it.op = tk.text;
                while (it.e < e && m_t[it.e].kind == TokenKind::Punct &&
                       m_t[it.e].begin == m_t[it.e - 1].end &&
                       operators().contains(it.op + m_t[it.e].text))
                    it.op += m_t[it.e++].text;
                const bool afterOperand = !out.isEmpty() && out.last().kind == ItemKind::Atom;
                if ((it.op == QLatin1String("-") || it.op == QLatin1String("+") ||
                     it.op == QLatin1String("~")) &&
                    !afterOperand && startsAtom(i + 1)) {
                    it.kind = ItemKind::Atom;
                    it.core = i + 1;
                    it.e = atomEnd(i + 1, e);
                }
            }
        } else if (isKeyword(i) && !m_t.isKeyword(i, "CASE") &&
                   !(m_t.isKeyword(i, "CAST") && m_t.isPunct(i + 1, u'('))) {
            it.kind = ItemKind::Keyword;
            it.e = i + 1;
        } else {
            it.kind = ItemKind::Atom;
            it.e = atomEnd(i, e);
        }
        if (it.kind == ItemKind::Atom && it.e + 1 < e && m_t.isKeyword(it.e, "COLLATE")) {
            it.collate = it.e;
            it.e += 2;
        }
        if (m_t.isPunct(i, u'(') && m_t[i].partner < 0)
            fail(QStringLiteral("unbalanced parentheses"));
        out << it;
        i = std::max(it.e, i + 1);
    }
    return out;
}

} // namespace strata::expr
