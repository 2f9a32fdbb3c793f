#include "interop/AlembicRevision.h"

#include <QRegularExpression>
#include <algorithm>

namespace strata {

namespace {

// Just enough of Python's lexer to find top-level assignments: names, string literals (with
// prefixes, triple quotes, escapes), brackets and logical line ends.
struct Token {
    enum Kind { Name, String, Op, Other, LineEnd } kind = Other;
    QString text; // the name, the decoded string, or the operator character
    int line = 0;
    bool lineStart = false; // first token of a logical line that starts in column 0
};

class Lexer {
public:
    Lexer(const QString &text, const QString &file) : m_text(text), m_file(file) {}

    Result<QList<Token>> run()
    {
        QList<Token> tokens;
        int depth = 0;
        bool atLineStart = true;
        int column = 0;
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos];
            if (c == u'\n') {
                ++m_line;
                ++m_pos;
                column = 0;
                if (depth == 0 && !atLineStart) {
                    tokens.append({Token::LineEnd, {}, m_line - 1, false});
                    atLineStart = true;
                }
                continue;
            }
            if (c == u'\\' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == u'\n') {
                m_pos += 2; // explicit line joining
                ++m_line;
                column = 1;
                continue;
            }
            if (c.isSpace()) {
                ++m_pos;
                ++column;
                continue;
            }
            if (c == u'#') {
                while (m_pos < m_text.size() && m_text[m_pos] != u'\n')
                    ++m_pos;
                continue;
            }
            Token t;
            t.line = m_line;
            t.lineStart = atLineStart && depth == 0 && column == 0;
            if (atLineStart && depth == 0)
                atLineStart = false;
            const qsizetype quote = stringStart();
            if (quote >= 0) {
                auto s = readString(quote);
                if (!s)
                    return s.error();
                t.kind = Token::String;
                t.text = *s;
            } else if (c.isLetter() || c == u'_') {
                const qsizetype start = m_pos;
                while (m_pos < m_text.size() &&
                       (m_text[m_pos].isLetterOrNumber() || m_text[m_pos] == u'_'))
                    ++m_pos;
                t.kind = Token::Name;
                t.text = m_text.mid(start, m_pos - start);
            } else {
                if (c == u'(' || c == u'[' || c == u'{')
                    ++depth;
                else if ((c == u')' || c == u']' || c == u'}') && depth > 0)
                    --depth;
                t.kind = (c == u'=' || c == u':' || c == u',' || c == u'(' || c == u')' ||
                          c == u'[' || c == u']' || c == u'{' || c == u'}')
                             ? Token::Op
                             : Token::Other;
                // `==`, `:=` and friends are not assignments.
                if (c == u'=' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == u'=') {
                    t.kind = Token::Other;
                    ++m_pos;
                }
                t.text = c;
                ++m_pos;
            }
            ++column;
            tokens.append(t);
        }
        if (!atLineStart)
            tokens.append({Token::LineEnd, {}, m_line, false});
        return tokens;
    }

private:
    // Position of the opening quote if a string literal (with optional prefix) starts here.
    qsizetype stringStart() const
    {
        qsizetype p = m_pos;
        for (int i = 0; i < 2 && p < m_text.size(); ++i) {
            if (QStringLiteral("rRbBuUfF").contains(m_text[p]))
                ++p;
            else
                break;
        }
        if (p < m_text.size() && (m_text[p] == u'\'' || m_text[p] == u'"'))
            return p;
        return -1;
    }

    Result<QString> readString(qsizetype quotePos)
    {
        const QString prefix = m_text.mid(m_pos, quotePos - m_pos).toLower();
        const bool raw = prefix.contains(u'r');
        const QChar q = m_text[quotePos];
        const bool triple =
            quotePos + 2 < m_text.size() && m_text[quotePos + 1] == q && m_text[quotePos + 2] == q;
        const int startLine = m_line;
        m_pos = quotePos + (triple ? 3 : 1);
        QString out;
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos];
            if (c == q && (!triple || (m_pos + 2 < m_text.size() && m_text[m_pos + 1] == q &&
                                       m_text[m_pos + 2] == q))) {
                m_pos += triple ? 3 : 1;
                return out;
            }
            if (c == u'\n') {
                if (!triple)
                    break;
                ++m_line;
            }
            if (c == u'\\' && m_pos + 1 < m_text.size()) {
                const QChar n = m_text[m_pos + 1];
                if (n == u'\n')
                    ++m_line;
                if (raw) {
                    out += c;
                    out += n;
                } else if (n == u'n') {
                    out += u'\n';
                } else if (n == u't') {
                    out += u'\t';
                } else if (n != u'\n') {
                    out += n;
                }
                m_pos += 2;
                continue;
            }
            out += c;
            ++m_pos;
        }
        Error e = Error::source(
            m_file, QStringLiteral("unterminated string starting on line %1").arg(startLine));
        e.line = startLine;
        return e;
    }

    QString m_text;
    QString m_file;
    qsizetype m_pos = 0;
    int m_line = 1;
};

struct Value {
    bool ok = false;
    bool none = false;
    QStringList strings;
    bool single = false; // one string, not a sequence
};

// A value: None, "a" "b" (concatenated), ("a", "b"), ["a"], or a bare "a", "b".
Value parseValue(const QList<Token> &v)
{
    Value out;
    if (v.size() == 1 && v[0].kind == Token::Name && v[0].text == QLatin1String("None")) {
        out.ok = out.none = true;
        return out;
    }
    qsizetype i = 0;
    qsizetype end = v.size();
    bool bracketed = false;
    if (!v.isEmpty() && v[0].kind == Token::Op && (v[0].text == u"(" || v[0].text == u"[")) {
        const QString close = v[0].text == u"(" ? QStringLiteral(")") : QStringLiteral("]");
        if (v.last().kind != Token::Op || v.last().text != close)
            return out;
        i = 1;
        end = v.size() - 1;
        bracketed = true;
    }
    bool expectItem = true;
    bool sawComma = false;
    while (i < end) {
        const Token &t = v[i];
        if (t.kind == Token::String) {
            if (!expectItem && !out.strings.isEmpty() && v[i - 1].kind == Token::String)
                out.strings.last() += t.text; // implicit concatenation
            else if (expectItem)
                out.strings << t.text;
            else
                return out;
            expectItem = false;
        } else if (t.kind == Token::Op && t.text == u"," && !expectItem) {
            expectItem = true;
            sawComma = true;
        } else {
            return out;
        }
        ++i;
    }
    if (out.strings.isEmpty() && !bracketed)
        return out;
    out.ok = true;
    out.single = !bracketed && !sawComma;
    return out;
}

} // namespace

Result<AlembicRevision> AlembicRevisionReader::parse(const QByteArray &content, const QString &file)
{
    QString text = QString::fromUtf8(content);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(u'\r', u'\n');
    auto tokens = Lexer(text, file).run();
    if (!tokens)
        return tokens.error();

    AlembicRevision rev;
    rev.file = file;
    bool haveRevision = false;
    bool firstStatement = true;
    qsizetype i = 0;
    while (i < tokens->size()) {
        // One logical line: tokens up to LineEnd.
        qsizetype end = i;
        while (end < tokens->size() && (*tokens)[end].kind != Token::LineEnd)
            ++end;
        const QList<Token> line = tokens->mid(i, end - i);
        i = end + 1;
        if (line.isEmpty())
            continue;
        const bool isFirst = firstStatement;
        firstStatement = false;
        if (isFirst && std::all_of(line.begin(), line.end(),
                                   [](const Token &t) { return t.kind == Token::String; })) {
            QString doc;
            for (const Token &t : line)
                doc += t.text;
            const QStringList lines = doc.split(u'\n');
            for (const QString &l : lines) {
                if (rev.message.isEmpty() && !l.trimmed().isEmpty())
                    rev.message = l.trimmed();
                static const QRegularExpression date(QStringLiteral("^\\s*Create Date:\\s*(.*)$"));
                if (auto m = date.match(l); m.hasMatch())
                    rev.createDate = m.captured(1).trimmed();
            }
            continue;
        }
        if (!line[0].lineStart || line[0].kind != Token::Name || line.size() < 3)
            continue;
        const QString name = line[0].text;
        if (name != QLatin1String("revision") && name != QLatin1String("down_revision") &&
            name != QLatin1String("branch_labels") && name != QLatin1String("depends_on"))
            continue;
        // `name = value` or `name: Annotation = value`.
        qsizetype eq = -1;
        if (line[1].kind == Token::Op && line[1].text == u"=") {
            eq = 1;
        } else if (line[1].kind == Token::Op && line[1].text == u":") {
            int depth = 0;
            for (qsizetype k = 2; k < line.size(); ++k) {
                const Token &t = line[k];
                if (t.kind == Token::Op && (t.text == u"(" || t.text == u"[" || t.text == u"{"))
                    ++depth;
                else if (t.kind == Token::Op &&
                         (t.text == u")" || t.text == u"]" || t.text == u"}"))
                    --depth;
                else if (depth == 0 && t.kind == Token::Op && t.text == u"=") {
                    eq = k;
                    break;
                }
            }
        }
        if (eq < 0)
            continue; // an annotation without a value, or not an assignment
        const Value value = parseValue(line.mid(eq + 1));
        if (!value.ok) {
            Error e = Error::source(
                file, QStringLiteral("`%1` on line %2 is not a string, None or a tuple of "
                                     "strings; Strata reads revision files without running them")
                          .arg(name)
                          .arg(line[0].line));
            e.line = line[0].line;
            return e;
        }
        if (name == QLatin1String("revision")) {
            if (value.none || !value.single || value.strings.first().trimmed().isEmpty()) {
                Error e = Error::source(
                    file, QStringLiteral("`revision` on line %1 must be one non-empty string")
                              .arg(line[0].line));
                e.line = line[0].line;
                return e;
            }
            rev.id = value.strings.first().trimmed();
            haveRevision = true;
        } else if (name == QLatin1String("down_revision")) {
            rev.downRevisions = value.strings;
        } else if (name == QLatin1String("branch_labels")) {
            rev.branchLabels = value.strings;
        } else {
            rev.dependsOn = value.strings;
        }
    }
    if (!haveRevision)
        return Error::source(
            file,
            QStringLiteral("no `revision = \"...\"` assignment: not an Alembic revision file"));
    for (const QString &parent : std::as_const(rev.downRevisions)) {
        if (parent.trimmed().isEmpty() || parent == rev.id)
            return Error::source(
                file, QStringLiteral("revision %1 names %2 as its own parent")
                          .arg(rev.id, parent.isEmpty() ? QStringLiteral("an empty id") : parent));
    }
    return rev;
}

} // namespace strata
