// Parsing of stored SQLite CREATE statements; see SqliteDdlParser.h.

#include "schema/SqliteDdlParser.h"

#include "schema/SqliteDdlTokenizer.h"
#include <QSet>
#include <utility>

namespace strata::sqliteddl {

// ---- names: SQLite compares identifiers folding ASCII letters only ----

QString asciiLower(const QString &s)
{
    QString out = s;
    for (QChar &c : out) {
        if (c >= u'A' && c <= u'Z')
            c = QChar(c.unicode() + (u'a' - u'A'));
    }
    return out;
}

QString asciiUpper(const QString &s)
{
    QString out = s;
    for (QChar &c : out) {
        if (c >= u'a' && c <= u'z')
            c = QChar(c.unicode() - (u'a' - u'A'));
    }
    return out;
}

bool sameName(const QString &a, const QString &b)
{
    return a.size() == b.size() && asciiLower(a) == asciiLower(b);
}

bool sameNames(const QStringList &a, const QStringList &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!sameName(a[i], b[i]))
            return false;
    }
    return true;
}

// A collation as the model stores it: upper case, empty for the default BINARY.
QString collationName(const QString &name)
{
    const QString upper = asciiUpper(name);
    return upper == QLatin1String("BINARY") ? QString() : upper;
}

namespace {

QString withoutTrailingSemicolons(QString text)
{
    text = text.trimmed();
    while (text.endsWith(u';')) {
        text.chop(1);
        text = text.trimmed();
    }
    return text;
}

// ---- CREATE TABLE ----

bool startsTableConstraint(const SqlTokens &t, qsizetype i)
{
    return t.isKeyword(i, "CONSTRAINT") || t.isKeyword(i, "PRIMARY") || t.isKeyword(i, "UNIQUE") ||
           t.isKeyword(i, "CHECK") || t.isKeyword(i, "FOREIGN");
}

// Reads `REFERENCES parent [(cols)] [ON DELETE|UPDATE action | MATCH name]...
// [[NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]]` starting at the REFERENCES token;
// returns the index after it. Actions come from PRAGMA foreign_key_list; only the parts it
// does not report are kept.
qsizetype parseReferences(const SqlTokens &t, qsizetype i, qsizetype end, ParsedForeignKey &fk)
{
    const int depth = t[i].depth;
    ++i;
    if (i < end) {
        fk.refTable = t.name(i);
        ++i;
    }
    if (i < end && t.isPunct(i, u'(')) {
        fk.refColumns = t.names(i);
        i = t.closeOf(i) + 1;
    }
    while (i < end && t[i].depth == depth) {
        if (t.isKeyword(i,
                        "ON")) { // ON DELETE|UPDATE SET NULL|SET DEFAULT|NO ACTION|CASCADE|RESTRICT
            i += 2;
            i += t.isKeyword(i, "SET") || t.isKeyword(i, "NO") ? 2 : 1;
        } else if (t.isKeyword(i, "MATCH")) {
            i += 2;
        } else if (t.isKeyword(i, "NOT") && t.isKeyword(i + 1, "DEFERRABLE")) {
            // NOT DEFERRABLE [INITIALLY ...] is immediate whatever follows, as in SQLite.
            fk.deferrable = fk.initiallyDeferred = false;
            i += 2;
            if (t.isKeyword(i, "INITIALLY"))
                i += 2;
        } else if (t.isKeyword(i, "DEFERRABLE")) {
            fk.deferrable = true;
            fk.initiallyDeferred = false;
            ++i;
            if (t.isKeyword(i, "INITIALLY")) {
                fk.initiallyDeferred = t.isKeyword(i + 1, "DEFERRED");
                i += 2;
            }
        } else {
            break;
        }
    }
    return i;
}

// One item of the CREATE TABLE list: a column definition with its constraints, or table
// constraints (SQLite lets several follow each other without commas).
void parseTableItem(const SqlTokens &t, qsizetype b, qsizetype e, ParsedTable &out)
{
    const int depth = t[b].depth;
    qsizetype i = b;
    QString columnName;
    ParsedColumn *column = nullptr;
    if (!startsTableConstraint(t, b)) {
        columnName = t.name(b);
        column = &out.columns[asciiLower(columnName)];
        ++i;
    }
    QString pendingName; // from CONSTRAINT name, for the constraint that follows
    auto takeName = [&pendingName] { return std::exchange(pendingName, QString()); };

    while (i < e) {
        if (t[i].depth != depth || t[i].kind != TokenKind::Word) {
            ++i; // type names, parenthesised lists already read, conflict clauses, ...
            continue;
        }
        if (t.isKeyword(i, "CONSTRAINT")) {
            pendingName = t.name(i + 1);
            i += 2;
        } else if (t.isKeyword(i, "PRIMARY")) {
            out.primaryKeyName = takeName();
            ++i; // KEY, the column list and AUTOINCREMENT are read by the loop
        } else if (t.isKeyword(i, "AUTOINCREMENT")) {
            out.autoincrement = true;
            ++i;
        } else if (t.isKeyword(i, "UNIQUE")) {
            ParsedUnique unique{takeName(), {}, false};
            ++i;
            if (column) {
                unique.columns = QStringList{columnName};
            } else if (t.isPunct(i, u'(')) {
                unique.columns = t.names(i);
                i = t.closeOf(i) + 1;
            }
            out.uniques.append(unique);
        } else if (t.isKeyword(i, "CHECK")) {
            CheckConstraint check{takeName(), {}};
            ++i;
            if (t.isPunct(i, u'(')) {
                check.expression = t.inside(i);
                i = t.closeOf(i) + 1;
            }
            out.checks.append(check);
        } else if (t.isKeyword(i, "FOREIGN")) {
            ParsedForeignKey fk;
            fk.name = takeName();
            ++i;
            if (t.isKeyword(i, "KEY"))
                ++i;
            if (t.isPunct(i, u'(')) {
                fk.columns = t.names(i);
                i = t.closeOf(i) + 1;
            }
            if (t.isKeyword(i, "REFERENCES"))
                i = parseReferences(t, i, e, fk);
            out.foreignKeys.append(fk);
        } else if (t.isKeyword(i, "REFERENCES")) {
            ParsedForeignKey fk;
            fk.name = takeName();
            fk.columns = QStringList{columnName};
            i = parseReferences(t, i, e, fk);
            out.foreignKeys.append(fk);
        } else if (t.isKeyword(i, "DEFAULT")) {
            pendingName.clear();
            ++i; // skip the value: (expr), a signed number, or one literal/word
            if (t.isPunct(i, u'('))
                i = t.closeOf(i) + 1;
            else if (t.isPunct(i, u'-') || t.isPunct(i, u'+'))
                i += 2;
            else
                ++i;
        } else if (t.isKeyword(i, "COLLATE")) {
            pendingName.clear();
            if (column)
                column->collation = collationName(t.name(i + 1));
            i += 2;
        } else if (t.isKeyword(i, "AS")) { // [GENERATED ALWAYS] AS (expr) [STORED|VIRTUAL]
            pendingName.clear();
            ++i;
            if (t.isPunct(i, u'(')) {
                if (column)
                    column->generatedExpr = t.inside(i);
                i = t.closeOf(i) + 1;
            }
        } else {
            if (t.isKeyword(i, "NOT") || t.isKeyword(i, "NULL") || t.isKeyword(i, "GENERATED"))
                pendingName.clear();
            ++i;
        }
    }
}

} // namespace

ParsedTable parseCreateTable(const QString &sql)
{
    ParsedTable out;
    const SqlTokens t(sql);
    qsizetype open = 0;
    while (open < t.size() && !t.isPunct(open, u'('))
        ++open;
    if (open == t.size())
        return out;
    for (const auto &[b, e] : t.items(open)) {
        if (b < e)
            parseTableItem(t, b, e, out);
    }
    for (qsizetype i = t.closeOf(open) + 1; i < t.size(); ++i) {
        if (t[i].depth == 0 && t.isKeyword(i, "WITHOUT") && t.isKeyword(i + 1, "ROWID"))
            out.withoutRowid = true;
    }
    return out;
}

// ---- CREATE INDEX ----

ParsedIndex parseCreateIndex(const QString &sql)
{
    ParsedIndex out;
    const SqlTokens t(sql);
    qsizetype i = 0;
    while (i < t.size() && !(t[i].depth == 0 && t.isKeyword(i, "ON")))
        ++i;
    while (i < t.size() && !t.isPunct(i, u'('))
        ++i;
    if (i == t.size())
        return out;
    const qsizetype open = i;
    for (auto [b, e] : t.items(open)) {
        const int depth = t[open].depth + 1;
        if (e > b && t[e - 1].depth == depth &&
            (t.isKeyword(e - 1, "ASC") || t.isKeyword(e - 1, "DESC")))
            --e;
        if (e - b >= 2 && t[e - 2].depth == depth && t.isKeyword(e - 2, "COLLATE"))
            e -= 2;
        out.items << t.text(b, e);
    }
    for (i = t.closeOf(open) + 1; i < t.size(); ++i) {
        if (t[i].depth == 0 && t.isKeyword(i, "WHERE")) {
            out.where = withoutTrailingSemicolons(t.after(i));
            break;
        }
    }
    return out;
}

// ---- CREATE VIEW ----

namespace {

// Keywords that appear inside SELECT statements: never read as a table name when bare.
bool isSelectKeyword(const QString &word)
{
    static const QSet<QString> keywords = [] {
        const QStringList words =
            QStringLiteral(
                "all and as asc between by case cast collate cross current current_date "
                "current_time current_timestamp desc distinct else end escape except exclude "
                "exists filter first following from full glob group groups having in indexed "
                "inner intersect is isnull join last left like limit match materialized natural "
                "no not notnull null nulls offset on or order others outer over partition "
                "preceding range recursive regexp right row rows select then ties unbounded "
                "union using values when where window with")
                .split(u' ');
        return QSet<QString>(words.cbegin(), words.cend());
    }();
    return keywords.contains(asciiLower(word));
}

} // namespace

// The view body is the text after the first top-level AS. Its dependencies come from a token
// scan, not a parse: every name token of the body that names a known table or view counts,
// except bare SELECT keywords, function names (followed by '('), aliases (after AS) and
// qualified column names (after '.', unless the qualifier is "main"). A column or CTE that
// happens to share a relation's name is a false positive; that is the price of not parsing.
ParsedView parseCreateView(const QString &sql, const QString &viewName,
                           const QHash<QString, QString> &relations)
{
    ParsedView out;
    const SqlTokens t(sql);
    qsizetype as = 0;
    while (as < t.size() && !(t[as].depth == 0 && t.isKeyword(as, "AS")))
        ++as;
    if (as == t.size())
        return out;
    out.definition = withoutTrailingSemicolons(t.after(as));

    QSet<QString> seen;
    for (qsizetype i = as + 1; i < t.size(); ++i) {
        const Token &token = t[i];
        if (token.kind != TokenKind::QuotedName && token.kind != TokenKind::Word)
            continue;
        if (token.kind == TokenKind::Word && isSelectKeyword(token.text))
            continue;
        if (t.isPunct(i + 1, u'(') || t.isKeyword(i - 1, "AS"))
            continue;
        if (t.isPunct(i - 1, u'.') && !(i >= 2 && sameName(t.name(i - 2), QStringLiteral("main"))))
            continue;
        const auto found = relations.constFind(asciiLower(token.text));
        if (found == relations.constEnd() || sameName(*found, viewName) || seen.contains(*found))
            continue;
        seen.insert(*found);
        out.dependsOn << QStringLiteral("main.") + *found;
    }
    out.dependsOn.sort();
    return out;
}

} // namespace strata::sqliteddl
