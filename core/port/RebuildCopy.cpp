#include "port/RebuildCopy.h"

#include "dialect/Dialect.h"
#include "schema/SqliteDdlTokenizer.h"

namespace strata {

using sqliteddl::SqlTokens;

namespace {

// `x`, `"x"`, `t.x`: the column name a select item plainly refers to, else empty.
QString plainReference(const SqlTokens &t, qsizetype b, qsizetype e)
{
    if (e - b == 1)
        return t.name(b);
    if (e - b == 3 && t.isPunct(b + 1, u'.'))
        return t.name(b + 2);
    return {};
}

} // namespace

QList<ComputedValue> RebuildCopy::computedValues(const SqliteStatement &copy,
                                                 const QStringList &columns)
{
    QList<ComputedValue> out;
    const SqlTokens t(copy.sql);
    qsizetype i = 0;
    while (i < t.size() && !t.isKeyword(i, "INTO"))
        ++i;
    i += t.isPunct(i + 2, u'.') ? 4 : 2; // past the table name
    QStringList targets = columns;
    if (t.isPunct(i, u'(')) {
        targets.clear();
        for (qsizetype k = i + 1; k < t.closeOf(i); ++k) {
            if (!t.isPunct(k, u','))
                targets << t.name(k);
        }
        i = t.closeOf(i) + 1;
    }
    if (!t.isKeyword(i, "SELECT"))
        return out;
    qsizetype from = i + 1;
    while (from < t.size() && !(t[from].depth == 0 && t.isKeyword(from, "FROM")))
        ++from;
    // The select items, split at top-level commas; `AS alias` dropped.
    int n = 0;
    qsizetype start = i + 1;
    for (qsizetype k = i + 1; k <= from; ++k) {
        if (k < from && !(t[k].depth == 0 && t.isPunct(k, u',')))
            continue;
        qsizetype end = k;
        if (end - start >= 2 && t.isKeyword(end - 2, "AS"))
            end -= 2;
        if (t.isPunct(start, u'*') && end - start == 1)
            return {}; // SELECT *: every column as it is
        if (n < targets.size()) {
            const QString ref = plainReference(t, start, end);
            if (ref.compare(targets[n], Qt::CaseInsensitive) != 0)
                out.append({targets[n], t.text(start, end), copy.line});
        }
        ++n;
        start = k + 1;
    }
    return out;
}

QStringList RebuildCopy::apply(QStringList generated, const QList<ComputedValue> &values,
                               const QString &table, const QStringList &existing,
                               const TranslationContext &context, bool foldLowerCase,
                               QList<PortNote> &notes)
{
    const auto pg = Dialect::create(Engine::Postgres);
    const ExpressionTranslator translator(context);
    QStringList before, after;
    for (const ComputedValue &v : values) {
        const Translation tr = translator.translate(v.expression);
        if (!tr.ok()) {
            notes.append({PortNoteKind::Manual, v.line, v.expression,
                          QStringLiteral("the rebuild computes column %1 with an expression that "
                                         "cannot be translated (%2); the variant keeps its values")
                              .arg(v.column, tr.problem)});
            continue;
        }
        const QString expression = StatementPort::unqualified(tr.sql, context.schema);
        const QString column = foldLowerCase ? v.column.toLower() : v.column;
        const QString alter = QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 TYPE ")
                                  .arg(pg->quoteIdentifier(table), pg->quoteIdentifier(column));
        bool converted = false;
        for (QString &sql : generated) {
            const qsizetype using_ = sql.indexOf(QLatin1String(" USING "));
            if (!sql.startsWith(alter) || using_ < 0)
                continue;
            const QString type = sql.mid(alter.size(), using_ - alter.size());
            sql = sql.left(using_) + QStringLiteral(" USING (%1)::%2").arg(expression, type);
            converted = true;
        }
        if (converted)
            continue;
        const QString update =
            QStringLiteral("UPDATE %1 SET %2 = %3")
                .arg(pg->quoteIdentifier(table), pg->quoteIdentifier(column), expression);
        (existing.contains(column) ? before : after) << update;
    }
    return before + generated + after;
}

} // namespace strata
