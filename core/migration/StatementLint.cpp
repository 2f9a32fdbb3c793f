#include "migration/StatementLint.h"

#include <QRegularExpression>

namespace strata {

namespace {

// Strings and comments are blanked first so that words inside them do not trigger rules.
QString codeOnly(const QString &sql)
{
    QString out = sql;
    enum { Code, Single, Double, Line, Block } state = Code;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const QChar c = out[i];
        const QChar next = i + 1 < out.size() ? out[i + 1] : QChar();
        switch (state) {
        case Code:
            if (c == u'\'')
                state = Single;
            else if (c == u'"')
                state = Double;
            else if (c == u'-' && next == u'-')
                state = Line;
            else if (c == u'/' && next == u'*')
                state = Block;
            continue;
        case Single:
            if (c == u'\'')
                state = Code;
            break;
        case Double:
            if (c == u'"')
                state = Code;
            else
                out[i] = u'x'; // keep identifiers as words
            continue;
        case Line:
            if (c == u'\n')
                state = Code;
            break;
        case Block:
            if (c == u'*' && next == u'/') {
                out[i] = out[i + 1] = u' ';
                ++i;
                state = Code;
                continue;
            }
            break;
        }
        out[i] = u' ';
    }
    return out.simplified().toUpper();
}

struct Rule {
    QRegularExpression pattern;
    QString warning;
    bool postgresOnly = false;
};

const QList<Rule> &rules()
{
    static const QList<Rule> list = {
        {QRegularExpression(QStringLiteral(R"(^DROP\s+TABLE\b)")),
         QStringLiteral("drops a table and all its rows")},
        {QRegularExpression(QStringLiteral(R"(^ALTER\s+TABLE\b.*\bDROP\s+(COLUMN\s+)?(?!CONSTRAINT\b|DEFAULT\b|NOT\b|IDENTITY\b|EXPRESSION\b)\w)")),
         QStringLiteral("drops a column and its data")},
        {QRegularExpression(QStringLiteral(R"(^TRUNCATE\b)")), QStringLiteral("deletes every row of the table")},
        {QRegularExpression(QStringLiteral(R"(^DELETE\s+FROM\s+\S+\s*$)")),
         QStringLiteral("DELETE without WHERE deletes every row")},
        {QRegularExpression(QStringLiteral(R"(^UPDATE\s+\S+\s+SET\b(?!.*\bWHERE\b))")),
         QStringLiteral("UPDATE without WHERE changes every row")},
        {QRegularExpression(QStringLiteral(R"(^DROP\s+(SCHEMA|DATABASE)\b)")),
         QStringLiteral("drops a whole schema or database")},
        {QRegularExpression(QStringLiteral(R"(\bADD\s+(COLUMN\s+)?\w+\s+[^,]*\bNOT\s+NULL\b(?![^,]*\bDEFAULT\b))")),
         QStringLiteral("adds a NOT NULL column without a default: fails on a table that has rows")},
        {QRegularExpression(QStringLiteral(R"(\bALTER\s+COLUMN\s+\w+\s+(SET\s+DATA\s+)?TYPE\b)")),
         QStringLiteral("changes a column type: rewrites the table under an exclusive lock and may "
                        "truncate values"), true},
        {QRegularExpression(QStringLiteral(R"(\bALTER\s+COLUMN\s+\w+\s+SET\s+NOT\s+NULL\b)")),
         QStringLiteral("SET NOT NULL scans the whole table under an exclusive lock"), true},
        {QRegularExpression(QStringLiteral(R"(^CREATE\s+(UNIQUE\s+)?INDEX\s+(?!CONCURRENTLY\b))")),
         QStringLiteral("CREATE INDEX without CONCURRENTLY blocks writes to the table while it builds"), true},
        {QRegularExpression(QStringLiteral(R"(\bADD\s+(CONSTRAINT\s+\w+\s+)?FOREIGN\s+KEY\b(?!.*\bNOT\s+VALID\b))")),
         QStringLiteral("adding a foreign key without NOT VALID checks every row under a lock"), true},
    };
    return list;
}

} // namespace

QStringList StatementLint::check(const QString &sql, Engine engine)
{
    const QString code = codeOnly(sql);
    QStringList warnings;
    for (const Rule &rule : rules()) {
        if (rule.postgresOnly && engine != Engine::Postgres)
            continue;
        if (rule.pattern.match(code).hasMatch())
            warnings << rule.warning;
    }
    return warnings;
}

} // namespace strata
