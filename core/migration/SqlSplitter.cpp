#include "migration/SqlSplitter.h"

// One pass over the script, one character at a time; every inner loop only moves forward, so the
// whole split is linear in the script's length.
//
// The statement text is a verbatim slice of the script (from its first significant character to
// the character before its ';', trailing whitespace trimmed), so "\r\n" line endings keep their
// '\r' inside a statement. Lines are counted by '\n' only: "\r\n" is one line break, a lone '\r'
// is not one.

namespace strata {

namespace {

enum class Keyword { None, Create, Temp, Trigger, Begin, Atomic, Case, End };

bool isWordStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

// PostgreSQL and SQLite both allow '$' inside an identifier (not at its start): "a$b$" is one
// identifier, not the start of a dollar quote.
bool isWordPart(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

// Dollar-quote tags follow identifier rules but cannot contain '$'.
bool isTagPart(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

Keyword keyword(QStringView word)
{
    static const struct {
        const char *text;
        Keyword keyword;
    } table[] = {
        {"create", Keyword::Create},   {"temp", Keyword::Temp},   {"temporary", Keyword::Temp},
        {"trigger", Keyword::Trigger}, {"begin", Keyword::Begin}, {"atomic", Keyword::Atomic},
        {"case", Keyword::Case},       {"end", Keyword::End},
    };
    if (word.size() > 9)
        return Keyword::None;
    for (const auto &entry : table) {
        if (word.compare(QLatin1String(entry.text), Qt::CaseInsensitive) == 0)
            return entry.keyword;
    }
    return Keyword::None;
}

// What we know about the statement being read; reset at every split.
struct Statement {
    qsizetype start = -1; // index of the first significant character, -1 while there is none
    enum { Start, AfterCreate, Body } head = Start; // reading CREATE [TEMP|TEMPORARY] TRIGGER
    bool isTrigger = false;
    bool afterBegin = false; // previous token was the word BEGIN (for BEGIN ATOMIC)
    bool afterDot = false;   // previous token was '.', so a word is a qualified name, not a keyword
    int depth = 0;           // open BEGIN/CASE blocks inside a trigger or BEGIN ATOMIC body
};

class Splitter {
public:
    Splitter(const QString &script, int firstLine)
        : s(script.constData()), n(script.size()), line(firstLine)
    {
    }

    QList<SqlStatement> run()
    {
        while (i < n) {
            const QChar c = s[i];
            if (c.isSpace()) {
                ++i;
            } else if (c == u'-' && at(i + 1) == u'-') {
                while (i < n && s[i] != u'\n')
                    ++i;
            } else if (c == u'/' && at(i + 1) == u'*') {
                skipBlockComment();
            } else if (c == u';' && st.depth == 0) {
                finish(i);
                ++i;
            } else {
                if (st.start < 0)
                    st.start = i;
                token();
            }
        }
        finish(n);
        return out;
    }

private:
    QChar at(qsizetype k) const { return k < n ? s[k] : QChar(); }

    // Reads one significant token starting at s[i] (comments and whitespace are handled by run()).
    void token()
    {
        const QChar c = s[i];
        if (isWordStart(c)) {
            const qsizetype begin = i;
            while (i < n && isWordPart(s[i]))
                ++i;
            const QStringView word(s + begin, i - begin);
            if (word.size() == 1 && (c == u'E' || c == u'e') && at(i) == u'\'') {
                skipQuoted(u'\'', true); // E'...': backslash escapes, E'it\'s' is one string
                onOther(c);
            } else {
                onWord(word);
            }
            return;
        }
        if (c.isDigit()) {
            // A number such as 1e5 or a suffix such as 2end is never a keyword.
            while (i < n && isWordPart(s[i]))
                ++i;
        } else if (c == u'\'' || c == u'"' || c == u'`') {
            skipQuoted(c, false);
        } else if (c == u'$') {
            if (!skipDollarQuote()) {
                // $1 (PostgreSQL parameter) or $name (SQLite parameter): '$' and what follows.
                ++i;
                while (i < n && isTagPart(s[i]))
                    ++i;
            }
        } else {
            ++i;
        }
        onOther(c);
    }

    void onWord(QStringView text)
    {
        const Keyword k = st.afterDot ? Keyword::None : keyword(text);
        if (st.head == Statement::Start) {
            st.head = k == Keyword::Create ? Statement::AfterCreate : Statement::Body;
        } else if (st.head == Statement::AfterCreate) {
            if (k == Keyword::Trigger) {
                st.isTrigger = true;
                st.head = Statement::Body;
            } else if (k != Keyword::Temp) {
                st.head = Statement::Body;
            }
        }
        if (st.depth > 0) {
            // Inside a body, CASE ... END nests; the body's own END closes the last level.
            if (k == Keyword::Begin || k == Keyword::Case)
                ++st.depth;
            else if (k == Keyword::End)
                --st.depth;
        } else if ((k == Keyword::Begin && st.isTrigger) ||
                   (k == Keyword::Atomic && st.afterBegin)) {
            // SQLite trigger body or PostgreSQL BEGIN ATOMIC body. A plain BEGIN (transaction)
            // opens nothing, and an END outside a body (PostgreSQL's COMMIT) closes nothing.
            st.depth = 1;
        }
        st.afterBegin = k == Keyword::Begin;
        st.afterDot = false;
    }

    void onOther(QChar c)
    {
        st.head = Statement::Body;
        st.afterBegin = false;
        st.afterDot = c == u'.';
    }

    // s[i] is the opening quote; doubled quotes escape it. An unterminated quote runs to the end.
    void skipQuoted(QChar quote, bool backslashEscapes)
    {
        ++i;
        while (i < n) {
            if (backslashEscapes && s[i] == u'\\') {
                i += 2;
            } else if (s[i] == quote) {
                ++i;
                if (at(i) != quote)
                    return;
                ++i;
            } else {
                ++i;
            }
        }
        i = n;
    }

    // Block comments nest in PostgreSQL: /* a /* b */ still a comment */.
    void skipBlockComment()
    {
        int level = 0;
        do {
            if (s[i] == u'/' && at(i + 1) == u'*') {
                ++level;
                i += 2;
            } else if (s[i] == u'*' && at(i + 1) == u'/') {
                --level;
                i += 2;
            } else {
                ++i;
            }
        } while (level > 0 && i < n);
    }

    // s[i] is '$'. If it opens $$ or $tag$, skips past the matching close and returns true.
    bool skipDollarQuote()
    {
        qsizetype end = i + 1;
        if (end < n && isWordStart(s[end])) {
            while (end < n && isTagPart(s[end]))
                ++end;
        }
        if (at(end) != u'$')
            return false;
        const QStringView delimiter(s + i, end + 1 - i);
        // Candidates are tried only at '$'; a tag holds no '$', so a failed comparison never
        // reads past the next '$' and the scan stays linear (also for huge tags).
        for (qsizetype k = end + 1; k < n; ++k) {
            if (s[k] != u'$')
                continue;
            qsizetype m = 1;
            while (m < delimiter.size() && k + m < n && s[k + m] == delimiter[m])
                ++m;
            if (m == delimiter.size()) {
                i = k + m;
                return true;
            }
        }
        i = n;
        return true;
    }

    void finish(qsizetype end)
    {
        if (st.start >= 0) {
            while (end > st.start && s[end - 1].isSpace())
                --end;
            // Starts only move forward, so counting newlines from the last start is linear.
            for (; counted < st.start; ++counted) {
                if (s[counted] == u'\n')
                    ++line;
            }
            out.append({QString(s + st.start, end - st.start), line});
        }
        st = Statement();
    }

    const QChar *s;
    const qsizetype n;
    qsizetype i = 0;
    qsizetype counted = 0; // newlines before this index are already added to `line`
    int line;
    Statement st;
    QList<SqlStatement> out;
};

} // namespace

QList<SqlStatement> SqlSplitter::split(const QString &script, int firstLine)
{
    return Splitter(script, firstLine).run();
}

} // namespace strata
