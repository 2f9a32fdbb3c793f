// SQLite introspection: sqlite_master for the objects and their stored SQL, the table-valued
// PRAGMA functions (pragma_table_xinfo, pragma_index_list, pragma_index_xinfo,
// pragma_foreign_key_list) joined against sqlite_master for the structure, so a schema of any
// size is read with a handful of queries. What the PRAGMAs do not report (constraint names,
// CHECK expressions, generated-column expressions, collations, DEFERRABLE, expression-index
// text, partial-index predicates, view bodies) is parsed from the stored CREATE statements with
// the small tokenizer below.

#include "schema/Introspector.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <utility>

namespace strata {

namespace {

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

// Tables SQLite keeps for itself (sqlite_sequence, sqlite_stat1, ...).
bool isInternalName(const QString &name)
{
    return name.startsWith(QLatin1String("sqlite_"), Qt::CaseInsensitive);
}

// "NUMERIC( 10, 2 )" -> "numeric(10,2)": lower case, single spaces, none around ( ) and ,.
QString normaliseType(const QString &declared)
{
    QString out;
    out.reserve(declared.size());
    bool space = false;
    for (const QChar c : declared) {
        if (c.isSpace()) {
            space = !out.isEmpty();
            continue;
        }
        const bool punct = c == u'(' || c == u')' || c == u',';
        if (space && !punct && !out.endsWith(u'(') && !out.endsWith(u','))
            out += u' ';
        space = false;
        out += c.toLower();
    }
    return out;
}

// A collation as the model stores it: upper case, empty for the default BINARY.
QString collationName(const QString &name)
{
    const QString upper = asciiUpper(name);
    return upper == QLatin1String("BINARY") ? QString() : upper;
}

QString withoutTrailingSemicolons(QString text)
{
    text = text.trimmed();
    while (text.endsWith(u';')) {
        text.chop(1);
        text = text.trimmed();
    }
    return text;
}

// ---- tokenizer for stored CREATE statements ----
//
// One linear pass. It knows SQLite's quoting ("name", `name`, [name], 'string', x'blob'),
// comments (-- and /* */) and parentheses; everything else is a word, a number or a single
// punctuation character, which is all the parsing below needs.

enum class TokenKind { Word, QuotedName, String, Number, Punct };

struct Token {
    TokenKind kind = TokenKind::Punct;
    qsizetype begin = 0; // offsets into the source text
    qsizetype end = 0;
    int depth = 0;          // parentheses open before the token; '(' and its ')' share it
    qsizetype partner = -1; // for '(' and ')': index of the matching one, -1 when unmatched
    QString text;           // words and numbers as written; quoted names and strings unquoted
};

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

// ---- CREATE TABLE ----

struct ParsedColumn {
    QString collation;     // model form (upper case, empty for BINARY)
    QString generatedExpr; // without the parentheses
};

struct ParsedUnique {
    QString name;
    QStringList columns;
    bool used = false;
};

struct ParsedForeignKey {
    QString name;
    QStringList columns;
    QString refTable;
    QStringList refColumns;
    bool deferrable = false;
    bool initiallyDeferred = false;
    bool used = false;
};

struct ParsedTable {
    QHash<QString, ParsedColumn> columns; // by ASCII-lower-case name
    QString primaryKeyName;
    QList<ParsedUnique> uniques;
    QList<CheckConstraint> checks;
    QList<ParsedForeignKey> foreignKeys;
    bool withoutRowid = false;
    bool autoincrement = false;
};

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

struct ParsedIndex {
    QStringList items; // each indexed term as written, without COLLATE and ASC/DESC
    QString where;
};

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

struct ParsedView {
    QString definition;
    QStringList dependsOn; // "main.<name>", sorted
};

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

// ---- queries ----

QString driverText(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    return text;
}

Error queryError(const QString &what, const QString &sql, const QSqlError &error)
{
    Error e = Error::database(what, driverText(error));
    e.statement = sql;
    return e;
}

// Runs a read-only query forward-only (QSQLITE caches nothing then) and hands each row to fn.
template <typename RowFn>
Status forEachRow(const QSqlDatabase &db, const QString &what, const QString &sql, RowFn &&fn)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return queryError(what, sql, query.lastError());
    while (query.next())
        fn(query);
    if (query.lastError().isValid())
        return queryError(what, sql, query.lastError());
    return {};
}

QString text(const QSqlQuery &q, int i)
{
    const QVariant v = q.value(i);
    return v.isNull() ? QString() : v.toString();
}

// The joined PRAGMA queries read every ordinary table in one go. Virtual tables are left out
// here: asking for their columns needs their module, which may not be loaded.
const char *const tablesFilter = "m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%'";

struct MasterRow {
    QString type;
    QString name;
    QString table;
    QString sql;
};

struct ColumnRow {
    Column column;
    int pk = 0;
    int hidden = 0;
};

struct IndexRow {
    QString name;
    bool unique = false;
    QString origin; // c (CREATE INDEX), u (UNIQUE), pk (PRIMARY KEY)
};

struct IndexColumnRow {
    int cid = 0; // -2 = expression, -1 = rowid
    QString name;
    bool descending = false;
    QString collation;
};

struct ForeignKeyRow {
    int id = 0;
    QString refTable;
    QString from;
    QString to; // empty when the parent's primary key is meant
    QString onUpdate;
    QString onDelete;
    QString match;
};

struct TableWork {
    Table table;
    QString sql;
    QList<ColumnRow> columns;
    QList<IndexRow> indexes;
    QList<ForeignKeyRow> foreignKeys;
};

Result<Schema> readSchema(DatabaseSession &session, const IntrospectOptions &options)
{
    const QSqlDatabase db = session.database();
    const QString what = QStringLiteral("cannot read the SQLite schema");

    QList<MasterRow> master;
    const QString masterSql =
        QStringLiteral("SELECT type, name, tbl_name, sql FROM main.sqlite_master");
    Status status = forEachRow(db, what, masterSql, [&](const QSqlQuery &q) {
        master.append({text(q, 0), text(q, 1), text(q, 2), text(q, 3)});
    });
    if (!status)
        return status.error();

    // Virtual tables (FTS, R*Tree, ...) and the shadow tables that store them have no place in
    // the model. pragma_table_list (SQLite 3.37+) names the shadow tables; older libraries
    // only lose that distinction, so a failure here is not an error.
    QSet<QString> skipped;
    forEachRow(db, what,
               QStringLiteral("SELECT name FROM pragma_table_list WHERE schema = 'main' "
                              "AND type IN ('virtual', 'shadow')"),
               [&](const QSqlQuery &q) { skipped.insert(asciiLower(text(q, 0))); });
    QSet<QString> excluded;
    for (const QString &name : options.excludeTables)
        excluded.insert(asciiLower(name));

    QList<TableWork> work;
    QList<const MasterRow *> views, triggers;
    QHash<QString, QString> indexSql;
    for (const MasterRow &row : std::as_const(master)) {
        if (row.type == QLatin1String("table")) {
            const QString key = asciiLower(row.name);
            if (isInternalName(row.name) || excluded.contains(key) || skipped.contains(key) ||
                row.sql.startsWith(QLatin1String("CREATE VIRTUAL"), Qt::CaseInsensitive))
                continue;
            TableWork w;
            w.table.schema = QStringLiteral("main");
            w.table.name = row.name;
            w.sql = row.sql;
            work.append(std::move(w));
        } else if (row.type == QLatin1String("view")) {
            views.append(&row);
        } else if (row.type == QLatin1String("trigger")) {
            triggers.append(&row);
        } else if (row.type == QLatin1String("index")) {
            indexSql.insert(row.name, row.sql);
        }
    }
    std::sort(work.begin(), work.end(),
              [](const TableWork &a, const TableWork &b) { return a.table.name < b.table.name; });
    std::sort(views.begin(), views.end(),
              [](const MasterRow *a, const MasterRow *b) { return a->name < b->name; });
    QHash<QString, qsizetype> tableIndex; // ASCII-lower name -> index in work
    for (qsizetype i = 0; i < work.size(); ++i)
        tableIndex.insert(asciiLower(work[i].table.name), i);
    auto tableFor = [&](const QString &name) -> TableWork * {
        const auto it = tableIndex.constFind(asciiLower(name));
        return it == tableIndex.constEnd() ? nullptr : &work[*it];
    };

    status = forEachRow(
        db, what,
        QStringLiteral("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden "
                       "FROM main.sqlite_master AS m JOIN pragma_table_xinfo(m.name, 'main') AS p "
                       "WHERE %1 ORDER BY m.name, p.cid")
            .arg(QLatin1String(tablesFilter)),
        [&](const QSqlQuery &q) {
            TableWork *w = tableFor(text(q, 0));
            if (!w)
                return;
            ColumnRow row;
            row.column.name = text(q, 1);
            row.column.declaredType = text(q, 2);
            row.column.type = normaliseType(row.column.declaredType);
            row.column.notNull = q.value(3).toInt() != 0;
            row.column.defaultExpr = text(q, 4);
            row.pk = q.value(5).toInt();
            row.hidden = q.value(6).toInt();
            w->columns.append(row);
        });
    if (!status)
        return status.error();

    status = forEachRow(
        db, what,
        QStringLiteral("SELECT m.name, i.name, i.\"unique\", i.origin "
                       "FROM main.sqlite_master AS m JOIN pragma_index_list(m.name, 'main') AS i "
                       "WHERE %1 ORDER BY m.name, i.name")
            .arg(QLatin1String(tablesFilter)),
        [&](const QSqlQuery &q) {
            if (TableWork *w = tableFor(text(q, 0)))
                w->indexes.append({text(q, 1), q.value(2).toInt() != 0, text(q, 3)});
        });
    if (!status)
        return status.error();

    QHash<QString, QList<IndexColumnRow>> indexColumns; // by index name; key columns only
    status = forEachRow(
        db, what,
        QStringLiteral("SELECT i.name, x.cid, x.name, x.\"desc\", x.coll "
                       "FROM main.sqlite_master AS m JOIN pragma_index_list(m.name, 'main') AS i "
                       "JOIN pragma_index_xinfo(i.name, 'main') AS x "
                       "WHERE %1 AND x.key = 1 ORDER BY i.name, x.seqno")
            .arg(QLatin1String(tablesFilter)),
        [&](const QSqlQuery &q) {
            indexColumns[text(q, 0)].append(
                {q.value(1).toInt(), text(q, 2), q.value(3).toInt() != 0, text(q, 4)});
        });
    if (!status)
        return status.error();

    status = forEachRow(
        db, what,
        QStringLiteral(
            "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, "
            "f.on_delete, f.\"match\" "
            "FROM main.sqlite_master AS m JOIN pragma_foreign_key_list(m.name, 'main') AS f "
            "WHERE %1 ORDER BY m.name, f.id, f.seq")
            .arg(QLatin1String(tablesFilter)),
        [&](const QSqlQuery &q) {
            if (TableWork *w = tableFor(text(q, 0))) {
                w->foreignKeys.append({q.value(1).toInt(), text(q, 2), text(q, 3), text(q, 4),
                                       text(q, 5), text(q, 6), text(q, 7)});
            }
        });
    if (!status)
        return status.error();

    const int total = int(work.size() + views.size());
    int done = 0;
    auto step = [&](const QString &label) -> bool {
        if (!options.progress)
            return true;
        if (options.progress->cancelled())
            return false;
        options.progress->report(++done, total, label);
        return true;
    };

    for (TableWork &w : work) {
        Table &t = w.table;
        ParsedTable parsed = parseCreateTable(w.sql);
        t.withoutRowid = parsed.withoutRowid;

        QList<std::pair<int, QString>> pkColumns;
        for (ColumnRow &row : w.columns) {
            Column &c = row.column;
            const ParsedColumn column = parsed.columns.value(asciiLower(c.name));
            c.collation = column.collation;
            if (row.hidden == 2 || row.hidden == 3) {
                c.generatedExpr = column.generatedExpr;
                c.generatedStored = row.hidden == 3;
            }
            if (row.pk > 0)
                pkColumns.append({row.pk, c.name});
            t.columns.append(c);
        }
        std::sort(pkColumns.begin(), pkColumns.end());
        if (!pkColumns.isEmpty()) {
            PrimaryKey pk;
            pk.name = parsed.primaryKeyName;
            for (const auto &[order, name] : pkColumns)
                pk.columns << name;
            t.primaryKey = pk;
        }

        // INTEGER PRIMARY KEY is an alias of the rowid unless the table is WITHOUT ROWID or the
        // key has an index of its own (the `INTEGER PRIMARY KEY DESC` quirk): SQLite's rule.
        const bool pkIndex =
            std::any_of(w.indexes.cbegin(), w.indexes.cend(),
                        [](const IndexRow &i) { return i.origin == QLatin1String("pk"); });
        if (pkColumns.size() == 1 && !t.withoutRowid && !pkIndex) {
            for (Column &c : t.columns) {
                if (c.name == pkColumns.front().second &&
                    c.declaredType.compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0)
                    c.identity =
                        parsed.autoincrement ? IdentityKind::Autoincrement : IdentityKind::Rowid;
            }
        }

        for (const IndexRow &row : w.indexes) {
            if (row.origin == QLatin1String("pk"))
                continue; // reported as the table's primary key
            const QList<IndexColumnRow> keys = indexColumns.value(row.name);
            if (row.origin == QLatin1String("u")) {
                UniqueConstraint unique;
                for (const IndexColumnRow &k : keys)
                    unique.columns << k.name;
                for (ParsedUnique &p : parsed.uniques) {
                    if (!p.used && sameNames(p.columns, unique.columns)) {
                        p.used = true;
                        unique.name = p.name;
                        break;
                    }
                }
                t.uniques.append(unique);
                continue;
            }
            Index index;
            index.name = row.name;
            index.unique = row.unique;
            index.definition = indexSql.value(row.name);
            const ParsedIndex parsedIndex = parseCreateIndex(index.definition);
            index.where = parsedIndex.where;
            for (qsizetype k = 0; k < keys.size(); ++k) {
                IndexColumn column;
                if (keys[k].cid >= 0) {
                    column.expression = keys[k].name;
                } else {
                    column.isExpression = keys[k].cid == -2;
                    column.expression =
                        k < parsedIndex.items.size() ? parsedIndex.items[k] : QString();
                }
                column.descending = keys[k].descending;
                column.collation = collationName(keys[k].collation);
                index.columns.append(column);
            }
            t.indexes.append(index);
        }

        for (qsizetype r = 0; r < w.foreignKeys.size();) {
            const int id = w.foreignKeys[r].id;
            const ForeignKeyRow &first = w.foreignKeys[r];
            ForeignKey fk;
            fk.refTable = first.refTable;
            fk.onUpdate = asciiUpper(first.onUpdate);
            fk.onDelete = asciiUpper(first.onDelete);
            const QString match = asciiUpper(first.match);
            if (match != QLatin1String("NONE") && match != QLatin1String("SIMPLE"))
                fk.match = match;
            bool implicit = false;
            for (; r < w.foreignKeys.size() && w.foreignKeys[r].id == id; ++r) {
                fk.columns << w.foreignKeys[r].from;
                fk.refColumns << w.foreignKeys[r].to;
                implicit |= w.foreignKeys[r].to.isEmpty();
            }
            if (implicit)
                fk.refColumns.clear(); // filled from the parent's primary key below
            for (ParsedForeignKey &p : parsed.foreignKeys) {
                if (!p.used && sameName(p.refTable, fk.refTable) &&
                    sameNames(p.columns, fk.columns)) {
                    p.used = true;
                    fk.name = p.name;
                    fk.deferrable = p.deferrable;
                    fk.initiallyDeferred = p.initiallyDeferred && p.deferrable;
                    break;
                }
            }
            t.foreignKeys.append(fk);
        }

        t.checks = parsed.checks;
        if (!step(t.name))
            return Error::cancelled();
    }

    // Parent names as the parent spells them (SQLite matches them case-insensitively), and the
    // parent's primary key where the REFERENCES clause named no columns.
    for (TableWork &w : work) {
        for (ForeignKey &fk : w.table.foreignKeys) {
            const TableWork *parent = tableFor(fk.refTable);
            if (!parent)
                continue; // a dangling reference: SQLite allows it, keep it as written
            fk.refTable = parent->table.name;
            if (fk.refColumns.isEmpty() && parent->table.primaryKey)
                fk.refColumns = parent->table.primaryKey->columns;
            for (QString &column : fk.refColumns) {
                for (const Column &c : parent->table.columns) {
                    if (sameName(c.name, column))
                        column = c.name;
                }
            }
        }
    }

    // Triggers on views (INSTEAD OF) have no place in the model and are left out.
    for (const MasterRow *row : triggers) {
        if (TableWork *w = tableFor(row->table))
            w->table.triggers.append({row->name, row->sql});
    }

    Schema schema;
    schema.engine = Engine::Sqlite;
    schema.serverVersion = session.serverVersion();
    schema.schemas = QStringList{QStringLiteral("main")};
    QHash<QString, QString> relations; // ASCII-lower name -> name, for view dependencies
    for (TableWork &w : work) {
        relations.insert(asciiLower(w.table.name), w.table.name);
        schema.tables.append(std::move(w.table));
    }
    for (const MasterRow *row : views)
        relations.insert(asciiLower(row->name), row->name);

    for (const MasterRow *row : views) {
        View view;
        view.schema = QStringLiteral("main");
        view.name = row->name;
        ParsedView parsed = parseCreateView(row->sql, row->name, relations);
        view.definition = parsed.definition;
        view.dependsOn = parsed.dependsOn;
        const QString sql = QStringLiteral("PRAGMA main.table_xinfo(") +
                            session.dialect().quoteIdentifier(row->name) + u')';
        status =
            forEachRow(db, QStringLiteral("cannot read the columns of the view %1").arg(row->name),
                       sql, [&](const QSqlQuery &q) { view.columns << text(q, 1); });
        if (!status)
            return status.error();
        schema.views.append(view);
        if (!step(view.name))
            return Error::cancelled();
    }

    schema.normalise();
    return schema;
}

} // namespace

Result<Schema> introspectSqlite(DatabaseSession &session, const IntrospectOptions &options)
{
    // A savepoint reads every query from one snapshot, and works both outside a transaction
    // (it opens one) and inside the caller's (a dry run introspects mid-transaction).
    const QString begin = QStringLiteral("SAVEPOINT strata_introspect");
    const QString release = QStringLiteral("RELEASE strata_introspect");
    if (auto begun = session.exec(begin); !begun) {
        Error error = begun.error();
        error.message = QStringLiteral("cannot start reading the SQLite schema");
        return error;
    }
    Result<Schema> schema = readSchema(session, options);
    auto released = session.exec(release); // every query above is finished by now
    if (!schema)
        return schema;
    if (!released) {
        Error error = released.error();
        error.message = QStringLiteral("cannot finish reading the SQLite schema");
        return error;
    }
    return schema;
}

} // namespace strata
