// The writing half of ExpressionTranslator (see ExpressionTranslator.h and ExprWriter.h): the
// items ExprItems.cpp groups tokens into are written out with the whitespace of the source
// between them, names mapped, operators rewritten. Functions are mapped in SqlFunctions.cpp.

#include "transfer/ExprWriter.h"

#include "schema/SqliteDdlParser.h"

namespace strata {

namespace expr {

namespace {

using sqliteddl::asciiLower;
using sqliteddl::asciiUpper;

bool isComparison(const Item &item)
{
    return item.kind == ItemKind::Operator &&
           (item.op == QLatin1String("=") || item.op == QLatin1String("==") ||
            item.op == QLatin1String("!=") || item.op == QLatin1String("<>"));
}

const char *const utcNow = "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')";

} // namespace

QString Writer::otherName(qsizetype token) const
{
    return ident(asciiLower(m_t[token].text));
}

// A (qualified) name: a column, a relation, or an alias. `relation`: in a FROM/JOIN/INTO/
// UPDATE position, where a known table or view is schema-qualified.
QString Writer::name(qsizetype b, qsizetype e, bool relation)
{
    QList<qsizetype> parts;
    for (qsizetype j = b; j < e; j += 2)
        parts << j;
    const auto relationName = [&](qsizetype token) -> QString {
        const auto it = m_c.relations.constFind(asciiLower(m_t[token].text));
        if (it == m_c.relations.constEnd())
            return {};
        return ident(m_c.schema) + u'.' + ident(*it);
    };
    const auto column = [&](qsizetype token, qsizetype qualifier) -> QString {
        if (m_t.isPunct(token, u'*'))
            return QStringLiteral("*");
        const QString key = asciiLower(m_t[token].text);
        // rowid unless a table in scope has a real column of that name (the facts tell).
        if (isRowid(token) && !m_c.columnFacts.isEmpty() &&
            !facts(qualifier >= 0 ? qualifier : token, token + 1))
            return rowid(qualifier, token);
        if (const auto it = m_c.columns.constFind(key); it != m_c.columns.constEnd()) {
            if (it->isEmpty())
                fail(QStringLiteral("column %1 is renamed differently in different tables")
                         .arg(m_t[token].text));
            return ident(*it);
        }
        if (const auto it = m_c.relations.constFind(key); it != m_c.relations.constEnd())
            return ident(*it);
        if (isRowid(token))
            return rowid(qualifier, token);
        return otherName(token);
    };
    if (parts.size() == 1) {
        if (relation) {
            const QString r = relationName(b);
            return r.isEmpty() ? otherName(b) : r;
        }
        return column(b, -1);
    }
    qsizetype first = parts[0];
    const QString schemaWord = asciiLower(m_t[first].text);
    if (parts.size() >= 2 &&
        (schemaWord == QLatin1String("main") || schemaWord == QLatin1String("temp"))) {
        parts.removeFirst();
        first = parts[0];
        if (parts.size() == 1) {
            const QString r = relationName(first);
            return r.isEmpty() ? otherName(first) : r;
        }
    }
    QString qualifier;
    const QString upper = asciiUpper(m_t[first].text);
    if (m_c.triggerBody && m_t[first].kind == TokenKind::Word &&
        (upper == QLatin1String("NEW") || upper == QLatin1String("OLD")))
        qualifier = upper;
    else if (const auto it = m_c.relations.constFind(asciiLower(m_t[first].text));
             it != m_c.relations.constEnd())
        qualifier = ident(*it);
    else
        qualifier = otherName(first);
    QString out = qualifier;
    for (qsizetype k = 1; k < parts.size(); ++k)
        out += u'.' + column(parts[k], k == 1 ? first : -1);
    return out;
}

QString Writer::collate(qsizetype i)
{
    if (i < 0)
        return {};
    const QString name = asciiUpper(m_t[i + 1].text);
    if (name == QLatin1String("BINARY"))
        return {};
    if (name == QLatin1String("NOCASE"))
        return m_c.nocase == QLatin1String("icu")
                   ? QStringLiteral(" COLLATE ") + m_c.nocaseCollation
                   : QStringLiteral("::citext");
    fail(QStringLiteral("COLLATE %1 has no PostgreSQL equivalent").arg(m_t[i + 1].text));
    return {};
}

QString Writer::core(qsizetype b, qsizetype e, bool booleanList)
{
    const auto &tk = m_t[b];
    const bool alias = std::exchange(m_alias, false);
    if (e == b + 1 && !alias && isStringFallback(b))
        return literal(tk.text); // SQLite's double-quoted string literal
    if (m_t.isPunct(b, u'(')) {
        const qsizetype close = m_t.closeOf(b);
        if (close >= m_t.size() || close == b + 1)
            return QStringLiteral("()");
        if (!booleanList)
            return u'(' + gap(b, b + 1) + range(b + 1, close) + gap(close - 1, close) + u')';
        QStringList values;
        for (const auto &[ib, ie] : m_t.items(b)) {
            const QString v = ie == ib + 1 ? m_t[ib].text : QString();
            values << (v == QLatin1String("1")   ? QStringLiteral("true")
                       : v == QLatin1String("0") ? QStringLiteral("false")
                                                 : range(ib, ie).trimmed());
        }
        return u'(' + values.join(QStringLiteral(", ")) + u')';
    }
    if (tk.kind == TokenKind::String) {
        if (m_sql[tk.begin] != u'\'')
            return QStringLiteral("'\\x%1'::bytea").arg(tk.text.toLower());
        return literal(tk.text);
    }
    if (tk.kind == TokenKind::Number) {
        if (tk.text.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)) {
            bool ok = false;
            const qint64 v = qint64(tk.text.mid(2).toULongLong(&ok, 16));
            if (!ok)
                fail(QStringLiteral("hexadecimal literal %1 is out of range").arg(tk.text));
            return QString::number(v);
        }
        return tk.text;
    }
    const QString upper = asciiUpper(tk.text);
    if (tk.kind == TokenKind::Word) {
        if (upper == QLatin1String("CURRENT_TIMESTAMP")) // whole seconds, as in SQLite
            return QStringLiteral("date_trunc('second', %1)").arg(QLatin1String(utcNow));
        if (upper == QLatin1String("CURRENT_DATE"))
            return QLatin1String(utcNow) + QStringLiteral("::date");
        if (upper == QLatin1String("CURRENT_TIME"))
            return QLatin1String(utcNow) + QStringLiteral("::time(0)");
        if (isValueWord(upper))
            return upper;
        if (upper == QLatin1String("CASE")) {
            const qsizetype end = e - 1; // the END keyword
            return tk.text + gap(b, b + 1) + range(b + 1, end) + gap(end - 1, end) + m_t[end].text;
        }
        if (upper == QLatin1String("CAST")) {
            const qsizetype open = b + 1, close = m_t.closeOf(open);
            for (qsizetype j = open + 1; j < close; ++j) {
                if (m_t[j].depth == tk.depth + 1 && m_t.isKeyword(j, "AS"))
                    return QStringLiteral("CAST(%1 AS %2)")
                        .arg(range(open + 1, j).trimmed(), castType(m_t.text(j + 1, close)));
            }
            fail(QStringLiteral("CAST without AS"));
            return {};
        }
        if (upper == QLatin1String("RAISE")) {
            fail(QStringLiteral("RAISE() only exists in SQLite triggers"));
            return {};
        }
    }
    if (m_t.isPunct(b + 1, u'(') && e == m_t.closeOf(b + 1) + 1)
        return functionCall(*this, b, b + 1);
    return name(b, e, false);
}

QString Writer::atom(const Item &item, bool booleanList)
{
    QString prefix;
    for (qsizetype j = item.b; j < item.core; ++j)
        prefix += m_t[j].text;
    const qsizetype end = item.collate >= 0 ? item.collate : item.e;
    return prefix + core(item.core, end, booleanList) + collate(item.collate);
}

bool Writer::isTextAtom(const Item &item) const
{
    const auto &tk = m_t[item.core];
    if (item.core != item.b)
        return false;
    if (tk.kind == TokenKind::String)
        return m_sql[tk.begin] == u'\'';
    if (m_t.isPunct(item.core + 1, u'(')) {
        static const QSet<QString> textFunctions = {
            "lower",     "upper",        "trim", "ltrim",    "rtrim", "replace", "substr",
            "substring", "group_concat", "char", "strftime", "date",  "time"};
        return textFunctions.contains(asciiLower(tk.text));
    }
    if (tk.kind != TokenKind::Word && tk.kind != TokenKind::QuotedName)
        return false;
    const qsizetype last = (item.collate >= 0 ? item.collate : item.e) - 1;
    return m_c.textColumns.contains(asciiLower(m_t[last].text));
}

bool Writer::isBooleanColumn(const Item &item) const
{
    if (item.kind != ItemKind::Atom || item.core != item.b || item.collate >= 0)
        return false;
    const auto &tk = m_t[item.b];
    if (tk.kind != TokenKind::Word && tk.kind != TokenKind::QuotedName)
        return false;
    if (isKeyword(item.b) || m_t.isPunct(item.b + 1, u'('))
        return false;
    return m_c.booleanColumns.contains(asciiLower(m_t[item.e - 1].text));
}

bool Writer::isBit(const Item &item) const
{
    return item.kind == ItemKind::Atom && item.core == item.b && item.e == item.b + 1 &&
           m_t[item.b].kind == TokenKind::Number &&
           (m_t[item.b].text == QLatin1String("0") || m_t[item.b].text == QLatin1String("1"));
}

// a || b || c: SQLite's || turns both sides to text and binds tighter than any other binary
// operator; PostgreSQL's needs a text side and binds looser than + - * /. Operands that are
// not known text are cast, and the chain is parenthesised next to other operators.
QString Writer::concatenation(const QList<Item> &list, qsizetype first, qsizetype last)
{
    QString out;
    for (qsizetype k = first; k <= last; ++k) {
        if (k > first)
            out += gap(list[k - 1].e - 1, list[k].b);
        if (list[k].kind != ItemKind::Atom) {
            out += list[k].op;
            continue;
        }
        const QString text = atom(list[k]);
        if (isTextAtom(list[k]))
            out += text;
        else if (list[k].core != list[k].b || m_t.isKeyword(list[k].core, "CASE"))
            out += u'(' + text + QStringLiteral(")::text");
        else
            out += text + QStringLiteral("::text");
    }
    const bool parens = (first > 0 && list[first - 1].kind == ItemKind::Operator) ||
                        (last + 1 < list.size() && list[last + 1].kind == ItemKind::Operator);
    return parens ? u'(' + out + u')' : out;
}

QString Writer::range(qsizetype b, qsizetype e)
{
    if (b >= e)
        return {};
    const QList<Item> list = items(b, e);
    const bool caseOperand = m_t.isKeyword(b - 1, "CASE") && list.size() >= 2 &&
                             list[0].kind == ItemKind::Atom && m_t.isKeyword(list[1].b, "WHEN");
    const QHash<qsizetype, Coercion> coerce = coercions(list, caseOperand);
    QString out;
    bool expectRelation = false, inFrom = false, inLimit = false;
    for (qsizetype k = 0; k < list.size(); ++k) {
        const Item &it = list[k];
        if (k > 0)
            out += gap(list[k - 1].e - 1, it.b);
        const auto isOp = [&](qsizetype j, const char *op) {
            return j < list.size() && list[j].kind == ItemKind::Operator &&
                   list[j].op == QLatin1String(op);
        };
        if (it.kind == ItemKind::Atom && isOp(k + 1, "||") && k + 2 < list.size() &&
            list[k + 2].kind == ItemKind::Atom) {
            qsizetype last = k + 2;
            while (isOp(last + 1, "||") && last + 2 < list.size() &&
                   list[last + 2].kind == ItemKind::Atom)
                last += 2;
            out += concatenation(list, k, last);
            k = last;
            expectRelation = false;
            continue;
        }
        switch (it.kind) {
        case ItemKind::Atom: {
            const bool alias =
                k > 0 && (list[k - 1].kind == ItemKind::Atom || m_t.isKeyword(list[k - 1].b, "AS"));
            if (const auto c = coerce.constFind(k); c != coerce.constEnd()) {
                out += coerced(it, *c);
                expectRelation = false;
                break;
            }
            const bool comparedToBoolean =
                isBit(it) &&
                ((k >= 2 && isComparison(list[k - 1]) && isBooleanColumn(list[k - 2])) ||
                 (k + 2 < list.size() && isComparison(list[k + 1]) &&
                  isBooleanColumn(list[k + 2])));
            if (comparedToBoolean) {
                out += m_t[it.b].text == QLatin1String("1") ? QStringLiteral("true")
                                                            : QStringLiteral("false");
                break;
            }
            const bool inList =
                m_t.isPunct(it.b, u'(') && k >= 2 && list[k - 1].kind == ItemKind::Keyword &&
                m_t.isKeyword(list[k - 1].b, "IN") &&
                (isBooleanColumn(list[k - 2]) ||
                 (k >= 3 && m_t.isKeyword(list[k - 2].b, "NOT") && isBooleanColumn(list[k - 3])));
            const qsizetype subject = k >= 3 && m_t.isKeyword(list[k - 2].b, "NOT") ? k - 3 : k - 2;
            if (!inList && m_t.isPunct(it.b, u'(') && k >= 2 &&
                list[k - 1].kind == ItemKind::Keyword && m_t.isKeyword(list[k - 1].b, "IN") &&
                subject >= 0 && list[subject].kind == ItemKind::Atom) {
                if (const auto written = coercedList(list[subject], it)) {
                    out += *written;
                    expectRelation = false;
                    break;
                }
            }
            const bool call = m_t.isPunct(it.b + 1, u'(') && it.e == m_t.closeOf(it.b + 1) + 1;
            const bool plainName =
                it.core == it.b && it.collate < 0 && !call &&
                (m_t[it.b].kind == TokenKind::Word || m_t[it.b].kind == TokenKind::QuotedName);
            static const QSet<QString> arithmetic = {"+", "-", "*", "/", "%"};
            const auto isArithmetic = [&](qsizetype j) {
                return j >= 0 && j < list.size() && list[j].kind == ItemKind::Operator &&
                       arithmetic.contains(list[j].op);
            };
            if ((isArithmetic(k - 1) || isArithmetic(k + 1)) &&
                (isBooleanColumn(it) || operand(it).family == Family::Boolean)) {
                out += u'(' + atom(it) + QStringLiteral(")::integer"); // SQLite's 0/1
                expectRelation = false;
                break;
            }
            m_alias = alias;
            out += expectRelation && plainName ? name(it.b, it.e, true) : atom(it, inList);
            m_alias = expectRelation = false;
            break;
        }
        case ItemKind::Operator:
            if (it.op == QLatin1String("->") || it.op == QLatin1String("->>"))
                fail(QStringLiteral("SQLite's JSON operator %1 works on text, PostgreSQL's on json")
                         .arg(it.op));
            out += it.op == QLatin1String("==") ? QStringLiteral("=") : it.op;
            break;
        case ItemKind::Comma:
            if (inLimit)
                fail(QStringLiteral("LIMIT offset, count has no PostgreSQL form here"));
            out += u',';
            expectRelation = inFrom;
            break;
        case ItemKind::Other:
            out += m_t[it.b].text;
            break;
        case ItemKind::Keyword: {
            const QString word = asciiUpper(m_t[it.b].text);
            static const QSet<QString> clauseEnds = {"WHERE",  "GROUP",  "ORDER",     "HAVING",
                                                     "LIMIT",  "ON",     "USING",     "SET",
                                                     "VALUES", "UNION",  "EXCEPT",    "INTERSECT",
                                                     "WINDOW", "SELECT", "RETURNING", "OFFSET"};
            inLimit =
                word == QLatin1String("LIMIT") || (inLimit && word != QLatin1String("OFFSET"));
            if (word == QLatin1String("FROM") || word == QLatin1String("JOIN")) {
                expectRelation = inFrom = true;
            } else if (word == QLatin1String("INTO") || word == QLatin1String("UPDATE") ||
                       word == QLatin1String("TABLE")) {
                expectRelation = true;
                inFrom = false;
            } else if (clauseEnds.contains(word)) {
                expectRelation = inFrom = false;
            }
            if (word == QLatin1String("LIKE")) {
                out += QStringLiteral("ILIKE"); // SQLite's LIKE ignores ASCII case
            } else if (word == QLatin1String("GLOB") || word == QLatin1String("REGEXP") ||
                       word == QLatin1String("MATCH")) {
                fail(QStringLiteral("%1 has no PostgreSQL equivalent Strata knows").arg(word));
            } else if (word == QLatin1String("ISNULL")) {
                out += QStringLiteral("IS NULL");
            } else if (word == QLatin1String("NOTNULL")) {
                out += QStringLiteral("IS NOT NULL");
            } else if (word == QLatin1String("IS")) {
                // a IS b compares NULL-safely in SQLite: IS [NOT] DISTINCT FROM, unless b is
                // NULL/TRUE/FALSE or the statement says DISTINCT itself.
                const bool negated = k + 1 < list.size() && m_t.isKeyword(list[k + 1].b, "NOT");
                const qsizetype next = k + (negated ? 2 : 1);
                const bool plain =
                    next >= list.size() ||
                    (list[next].kind == ItemKind::Atom && list[next].e == list[next].b + 1 &&
                     isValueWord(asciiUpper(m_t[list[next].b].text))) ||
                    m_t.isKeyword(list[next].b, "DISTINCT");
                if (plain) {
                    out += m_t[it.b].text;
                } else {
                    out += negated ? QStringLiteral("IS DISTINCT FROM")
                                   : QStringLiteral("IS NOT DISTINCT FROM");
                    if (negated)
                        ++k; // NOT is part of what was written
                }
            } else if (word == QLatin1String("OR") && k > 0 &&
                       (m_t.isKeyword(list[k - 1].b, "INSERT") ||
                        m_t.isKeyword(list[k - 1].b, "UPDATE"))) {
                fail(QStringLiteral("INSERT/UPDATE OR <conflict> has no PostgreSQL equivalent"));
            } else {
                out += m_t[it.b].text;
            }
            break;
        }
        }
    }
    return out;
}

} // namespace expr

Translation ExpressionTranslator::translate(const QString &sqlite) const
{
    expr::Writer w(sqlite, m_context);
    Translation out;
    out.sql = w.range(0, w.size()).trimmed();
    out.problem = w.problem();
    return out;
}

Translation ExpressionTranslator::translateAs(const QString &sqlite, const QString &targetType,
                                              ValueTransform transform) const
{
    expr::Writer w(sqlite, m_context);
    return w.valueAs(targetType, transform);
}

} // namespace strata
