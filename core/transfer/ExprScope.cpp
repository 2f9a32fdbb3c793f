// What a statement names, for ExpressionTranslator (see ExprWriter.h): the relations it reads
// or writes and their aliases, the names it declares (aliases, CTEs), so a column can be
// resolved to the table it belongs to (its target type, for casts), SQLite's rowid to the
// table's INTEGER PRIMARY KEY, and a double-quoted word naming nothing in scope to the string
// literal SQLite reads it as.

#include "transfer/ExprWriter.h"

#include "schema/SqliteDdlParser.h"

namespace strata::expr {

namespace {

using sqliteddl::asciiLower;
using sqliteddl::asciiUpper;

bool isRowidWord(const QString &lower)
{
    return lower == QLatin1String("rowid") || lower == QLatin1String("_rowid_") ||
           lower == QLatin1String("oid");
}

} // namespace

bool Writer::isNameToken(qsizetype i) const
{
    return i >= 0 && i < m_t.size() &&
           (m_t[i].kind == TokenKind::QuotedName ||
            (m_t[i].kind == TokenKind::Word && !isKeyword(i) &&
             !isValueWord(asciiUpper(m_t[i].text))));
}

void Writer::scanScope()
{
    bool inFrom = false;
    for (qsizetype i = 0; i < m_t.size(); ++i) {
        if (m_t.isKeyword(i, "AS") && isNameToken(i + 1))
            m_declared.insert(asciiLower(m_t[i + 1].text));
        // WITH name [(columns)] AS (...)
        if (isNameToken(i) && (m_t.isKeyword(i - 1, "WITH") || m_t.isKeyword(i - 1, "RECURSIVE") ||
                               m_t.isPunct(i - 1, u','))) {
            qsizetype next = i + 1;
            if (m_t.isPunct(next, u'(') && m_t.isKeyword(m_t.closeOf(next) + 1, "AS")) {
                for (const QString &c : m_t.names(next))
                    m_declared.insert(asciiLower(c));
                next = m_t.closeOf(next) + 1;
            }
            if (m_t.isKeyword(next, "AS") &&
                (m_t.isPunct(next + 1, u'(') || m_t.isKeyword(next + 1, "MATERIALIZED") ||
                 m_t.isKeyword(next + 1, "NOT")))
                m_declared.insert(asciiLower(m_t[i].text));
        }
        // A double-quoted alias without AS: right after an operand.
        if (m_t[i].kind == TokenKind::QuotedName && i > 0 &&
            (isNameToken(i - 1) || m_t.isPunct(i - 1, u')') ||
             m_t[i - 1].kind == TokenKind::String || m_t[i - 1].kind == TokenKind::Number) &&
            !m_t.isPunct(i + 1, u'.') && !m_t.isPunct(i - 1, u'.'))
            m_declared.insert(asciiLower(m_t[i].text));
        if (m_t.isKeyword(i, "FROM") || m_t.isKeyword(i, "JOIN"))
            inFrom = true;
        else if (m_t.isKeyword(i, "WHERE") || m_t.isKeyword(i, "ON") || m_t.isKeyword(i, "USING") ||
                 m_t.isKeyword(i, "GROUP") || m_t.isKeyword(i, "ORDER") ||
                 m_t.isKeyword(i, "SELECT") || m_t.isKeyword(i, "SET") ||
                 m_t.isKeyword(i, "VALUES") || m_t.isKeyword(i, "LIMIT") || m_t.isPunct(i, u')'))
            inFrom = false;
        const bool relationPosition =
            m_t.isKeyword(i - 1, "FROM") || m_t.isKeyword(i - 1, "JOIN") ||
            m_t.isKeyword(i - 1, "UPDATE") || m_t.isKeyword(i - 1, "INTO") ||
            (inFrom && m_t.isPunct(i - 1, u','));
        if (!relationPosition || !isNameToken(i))
            continue;
        qsizetype r = i;
        const QString first = asciiLower(m_t[i].text);
        if ((first == QLatin1String("main") || first == QLatin1String("temp")) &&
            m_t.isPunct(i + 1, u'.') && isNameToken(i + 2))
            r = i + 2;
        const QString relation = asciiLower(m_t[r].text);
        if (!m_c.relations.contains(relation))
            continue;
        if (!m_referenced.contains(relation))
            m_referenced << relation;
        qsizetype alias = r + 1;
        if (m_t.isKeyword(alias, "AS"))
            ++alias;
        if (isNameToken(alias) && !m_t.isPunct(alias + 1, u'(')) {
            const QString a = asciiLower(m_t[alias].text);
            m_declared.insert(a);
            const auto it = m_aliases.constFind(a);
            m_aliases.insert(a,
                             it == m_aliases.constEnd() || *it == relation ? relation : QString());
        }
    }
}

// The source relation a qualifier names: NEW/OLD in a trigger, an alias, or a relation.
QString Writer::qualifierRelation(qsizetype token) const
{
    const QString key = asciiLower(m_t[token].text);
    const QString upper = asciiUpper(m_t[token].text);
    if (m_c.triggerBody && m_t[token].kind == TokenKind::Word &&
        (upper == QLatin1String("NEW") || upper == QLatin1String("OLD")))
        return m_c.table;
    if (const auto it = m_aliases.constFind(key); it != m_aliases.constEnd())
        return *it;
    if (m_c.relations.contains(key))
        return key;
    return {};
}

// The relations an unqualified column can belong to here.
QStringList Writer::scope() const
{
    QStringList read = m_referenced;
    // INSERT INTO t ... SELECT ... FROM u: the names in the SELECT are u's, not t's.
    for (qsizetype i = 1; i < m_t.size() && read.size() > 1; ++i) {
        if (m_t.isKeyword(i - 1, "INTO") && isNameToken(i))
            read.removeAll(asciiLower(m_t[i].text));
    }
    if (!read.isEmpty())
        return read;
    return m_c.table.isEmpty() ? QStringList() : QStringList{m_c.table};
}

const ColumnFacts *Writer::facts(qsizetype b, qsizetype e) const
{
    if (m_c.columnFacts.isEmpty() || b >= e)
        return nullptr;
    QList<qsizetype> parts;
    for (qsizetype j = b; j < e; j += 2) {
        if (!isNameToken(j) && !(m_c.triggerBody && m_t[j].kind == TokenKind::Word))
            return nullptr;
        parts << j;
    }
    if (parts.size() > 1 && (asciiLower(m_t[parts[0]].text) == QLatin1String("main") ||
                             asciiLower(m_t[parts[0]].text) == QLatin1String("temp")))
        parts.removeFirst();
    const QString column = asciiLower(m_t[parts.last()].text);
    QStringList relations;
    if (parts.size() == 2)
        relations << qualifierRelation(parts[0]);
    else if (parts.size() == 1)
        relations = scope();
    const ColumnFacts *found = nullptr;
    for (const QString &r : std::as_const(relations)) {
        const auto table = m_c.columnFacts.constFind(r);
        if (table == m_c.columnFacts.constEnd())
            continue;
        const auto it = table->constFind(column);
        if (it == table->constEnd())
            continue;
        if (found && found->type != it->type)
            return nullptr; // the same name with different types: unknown
        found = &*it;
    }
    return found;
}

// rowid, _rowid_, oid (qualified by `qualifier`, or -1): the table's INTEGER PRIMARY KEY, or
// a failure that says why there is none.
QString Writer::rowid(qsizetype qualifier, qsizetype token)
{
    const QString word = m_t[token].text;
    QStringList relations;
    if (qualifier >= 0) {
        const QString r = qualifierRelation(qualifier);
        if (!r.isEmpty())
            relations << r;
    } else {
        relations = scope();
    }
    if (relations.size() > 1) {
        fail(QStringLiteral("%1 could be the row id of %2; qualify it")
                 .arg(word, relations.join(QStringLiteral(" or "))));
        return {};
    }
    if (relations.isEmpty() || (m_c.rowidColumns.isEmpty() && m_c.columnFacts.isEmpty())) {
        fail(
            QStringLiteral("%1 (SQLite's implicit row id) has no PostgreSQL equivalent").arg(word));
        return {};
    }
    const auto it = m_c.rowidColumns.constFind(relations.first());
    if (it == m_c.rowidColumns.constEnd()) {
        fail(QStringLiteral("%1: %2 has no INTEGER PRIMARY KEY column, so its row id is SQLite's "
                            "hidden row number, which is not transferred (PostgreSQL has none); "
                            "give the table a key column and use it")
                 .arg(word, relations.first()));
        return {};
    }
    return ident(*it);
}

bool Writer::isRowid(qsizetype token) const
{
    return (m_t[token].kind == TokenKind::Word || m_t[token].kind == TokenKind::QuotedName) &&
           isRowidWord(asciiLower(m_t[token].text));
}

// SQLite reads "x" as the string 'x' when no column x is in scope (and always in a DEFAULT).
bool Writer::isStringFallback(qsizetype token) const
{
    if (m_t[token].kind != TokenKind::QuotedName || m_sql[m_t[token].begin] != u'"')
        return false;
    if (m_c.constant)
        return true;
    if (m_c.columns.isEmpty() && m_c.columnFacts.isEmpty())
        return false; // nothing known about the columns: keep the name
    const QString key = asciiLower(m_t[token].text);
    if (m_c.columns.contains(key) || m_c.relations.contains(key) || m_declared.contains(key) ||
        isRowidWord(key))
        return false;
    for (const auto &table : m_c.columnFacts) {
        if (table.contains(key))
            return false;
    }
    return true;
}

} // namespace strata::expr
