// SQLite functions in PostgreSQL (see ExprWriter.h): same-name functions pass, a few are
// renamed or rewritten, date/time functions become timestamp expressions, the rest is refused
// with a reason. Date and time functions are in DateFunctions.cpp.

#include "transfer/ExprWriter.h"

#include "schema/SqliteDdlParser.h"
#include "transfer/TypeMapper.h"

namespace strata::expr {

namespace {

using sqliteddl::asciiLower;

const QSet<QString> &sameName()
{
    static const QSet<QString> names = {
        "abs",          "coalesce",  "nullif",  "lower",       "upper",      "trim",
        "ltrim",        "rtrim",     "replace", "count",       "sum",        "avg",
        "sign",         "ceil",      "ceiling", "floor",       "sqrt",       "power",
        "exp",          "ln",        "log10",   "log",         "mod",        "pi",
        "concat",       "concat_ws", "length",  "row_number",  "rank",       "dense_rank",
        "ntile",        "lag",       "lead",    "first_value", "last_value", "nth_value",
        "percent_rank", "cume_dist", "sin",     "cos",         "tan",        "asin",
        "acos",         "atan",      "atan2",   "degrees",     "radians",    "trunc"};
    return names;
}

} // namespace

QString functionCall(Writer &w, qsizetype nameToken, qsizetype open)
{
    const SqlTokens &t = w.tokens();
    const QString fn = asciiLower(t[nameToken].text);
    const auto ranges = t.items(open);
    const qsizetype n = ranges.size();
    if (isDateFunction(fn)) {
        const auto c = timeCall(w, nameToken);
        return c ? c->natural(w) : QString();
    }
    QStringList a;
    for (const auto &[b, e] : ranges)
        a << w.range(b, e).trimmed();
    // SQLite sums, averages and orders 0/1; PostgreSQL has no sum(boolean) or max(boolean).
    static const QSet<QString> numericAggregates = {"sum", "total", "avg", "min", "max"};
    if (n == 1 && numericAggregates.contains(fn)) {
        const QList<Item> arg = w.items(ranges[0].first, ranges[0].second);
        if (arg.size() == 1 &&
            (w.isBooleanColumn(arg[0]) || w.operand(arg[0]).family == Family::Boolean))
            a[0] = u'(' + a[0] + QStringLiteral(")::integer");
    }
    const auto call = [&](const QString &name) {
        return name + u'(' + a.join(QStringLiteral(", ")) + u')';
    };
    if (fn == QLatin1String("ifnull") && n == 2)
        return call(QStringLiteral("coalesce"));
    if (fn == QLatin1String("iif") && n == 3)
        return QStringLiteral("(CASE WHEN %1 THEN %2 ELSE %3 END)").arg(a[0], a[1], a[2]);
    if (fn == QLatin1String("instr") && n == 2)
        return call(QStringLiteral("strpos"));
    if ((fn == QLatin1String("substr") || fn == QLatin1String("substring")) && (n == 2 || n == 3))
        return call(QStringLiteral("substr"));
    if ((fn == QLatin1String("max") || fn == QLatin1String("min")) && n >= 2)
        return call(fn == QLatin1String("max") ? QStringLiteral("greatest")
                                               : QStringLiteral("least"));
    if (fn == QLatin1String("group_concat") && (n == 1 || n == 2)) {
        QString value = a[0], distinct;
        if (t.isKeyword(ranges[0].first, "DISTINCT")) {
            distinct = QStringLiteral("DISTINCT ");
            value = w.range(ranges[0].first + 1, ranges[0].second).trimmed();
        }
        if (value.contains(QLatin1String("ORDER BY"), Qt::CaseInsensitive))
            w.fail(QStringLiteral("group_concat(... ORDER BY ...) is not translated"));
        return QStringLiteral("string_agg(%1(%2)::text, %3)")
            .arg(distinct, value, n == 2 ? a[1] : QStringLiteral("','"));
    }
    if (fn == QLatin1String("total") && n == 1)
        return QStringLiteral("coalesce(sum(%1), 0)").arg(a[0]);
    if (fn == QLatin1String("round") && n == 2)
        return QStringLiteral("round((%1)::numeric, %2)").arg(a[0], a[1]);
    if (fn == QLatin1String("pow") && n == 2)
        return call(QStringLiteral("power"));
    if (fn == QLatin1String("unicode") && n == 1)
        return call(QStringLiteral("ascii"));
    if (fn == QLatin1String("char") && n >= 1) {
        QStringList chars;
        for (const QString &code : std::as_const(a))
            chars << QStringLiteral("chr(%1)").arg(code);
        return u'(' + chars.join(QStringLiteral(" || ")) + u')';
    }
    if ((fn == QLatin1String("likely") || fn == QLatin1String("unlikely")) && n == 1)
        return a[0];
    if (fn == QLatin1String("likelihood") && n == 2)
        return a[0];
    const bool aggregate = (fn == QLatin1String("max") || fn == QLatin1String("min")) && n == 1;
    if (sameName().contains(fn) || (fn == QLatin1String("round") && n == 1) || aggregate)
        return call(fn);
    w.fail(QStringLiteral("function %1() has no PostgreSQL equivalent Strata knows")
               .arg(t[nameToken].text));
    return {};
}

QString castType(const QString &sqliteType)
{
    const DeclaredType d = DeclaredType::parse(sqliteType);
    switch (d.affinity) {
    case Affinity::Integer:
        return QStringLiteral("bigint");
    case Affinity::Text:
        return QStringLiteral("text");
    case Affinity::Real:
        return QStringLiteral("double precision");
    case Affinity::Numeric:
        return QStringLiteral("numeric");
    case Affinity::Blob:
        break;
    }
    return QStringLiteral("bytea");
}

} // namespace strata::expr
