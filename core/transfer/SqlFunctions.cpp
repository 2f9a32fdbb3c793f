// SQLite functions in PostgreSQL (see ExprWriter.h): same-name functions pass, a few are
// renamed or rewritten, date/time functions become timestamp expressions, the rest is refused
// with a reason. SQLite's 'now' is UTC: it becomes CURRENT_TIMESTAMP AT TIME ZONE 'UTC'.

#include "transfer/ExprWriter.h"

#include "schema/SqliteDdlParser.h"
#include "transfer/TypeMapper.h"
#include <QRegularExpression>

namespace strata::expr {

namespace {

using sqliteddl::asciiLower;

const char *const utcNow = "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')";

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

// strftime() format -> to_char() template; empty when a specifier has no equivalent.
QString toCharFormat(const QString &format, QString *problem)
{
    static const QHash<QChar, QString> specifiers = {{u'd', "DD"},    {u'm', "MM"}, {u'Y', "YYYY"},
                                                     {u'H', "HH24"},  {u'M', "MI"}, {u'S', "SS"},
                                                     {u'f', "SS.MS"}, {u'j', "DDD"}};
    QString out, literal;
    const auto flush = [&] {
        // Letters could be template patterns: quoted. Punctuation and digits are copied as is.
        const bool letters = std::any_of(literal.cbegin(), literal.cend(),
                                         [](QChar c) { return c.isLetter() || c == u'"'; });
        if (letters)
            out += u'"' + QString(literal).replace(u'"', QStringLiteral("\\\"")) + u'"';
        else
            out += literal;
        literal.clear();
    };
    for (qsizetype i = 0; i < format.size(); ++i) {
        if (format[i] != u'%' || i + 1 == format.size()) {
            literal += format[i];
            continue;
        }
        const QChar spec = format[++i];
        if (spec == u'%') {
            literal += spec;
            continue;
        }
        const auto it = specifiers.constFind(spec);
        if (it == specifiers.constEnd()) {
            *problem =
                QStringLiteral("strftime specifier %%1 has no to_char() equivalent").arg(spec);
            return {};
        }
        flush();
        out += *it;
    }
    flush();
    return out;
}

// The time value of a date function: its first argument and modifiers, as a PostgreSQL
// timestamp (without time zone, UTC like SQLite's).
QString timeValue(Writer &w, const QList<std::pair<qsizetype, qsizetype>> &args, int first)
{
    QStringList modifiers;
    for (int k = first + 1; k < args.size(); ++k) {
        const auto m = w.stringLiteral(args[k].first, args[k].second);
        if (!m) {
            w.fail(QStringLiteral("date function modifiers must be literals"));
            return {};
        }
        modifiers << m->trimmed().toLower();
    }
    const bool epoch = modifiers.contains(QStringLiteral("unixepoch"));
    QString base;
    if (first >= args.size()) {
        base = QLatin1String(utcNow);
    } else if (const auto lit = w.stringLiteral(args[first].first, args[first].second)) {
        if (lit->compare(QLatin1String("now"), Qt::CaseInsensitive) == 0)
            base = QLatin1String(utcNow);
        else if (!epoch)
            base = w.literal(*lit) + QStringLiteral("::timestamp");
        else
            base = QStringLiteral("(to_timestamp(%1) AT TIME ZONE 'UTC')").arg(w.literal(*lit));
    } else {
        const QString value = w.range(args[first].first, args[first].second).trimmed();
        const bool number = args[first].second == args[first].first + 1 &&
                            w.tokens()[args[first].first].kind == TokenKind::Number;
        if (epoch)
            base = QStringLiteral("(to_timestamp(%1) AT TIME ZONE 'UTC')").arg(value);
        else if (number)
            w.fail(QStringLiteral("a number as a time value (a Julian day) is not translated"));
        else
            base = u'(' + value + QStringLiteral(")::timestamp");
    }
    static const QRegularExpression shift(
        QStringLiteral(R"(^([+-]?\d+(?:\.\d+)?)\s+(day|hour|minute|second|month|year)s?$)"));
    for (const QString &m : std::as_const(modifiers)) {
        const auto match = shift.match(m);
        if (m == QLatin1String("unixepoch")) {
            continue;
        } else if (match.hasMatch()) {
            base = QStringLiteral("(%1 + interval '%2 %3')")
                       .arg(base, match.captured(1), match.captured(2));
        } else if (m.startsWith(QLatin1String("start of "))) {
            const QString unit = m.mid(9);
            if (unit != QLatin1String("day") && unit != QLatin1String("month") &&
                unit != QLatin1String("year"))
                w.fail(QStringLiteral("date modifier '%1' is not translated").arg(m));
            base = QStringLiteral("date_trunc('%1', %2)").arg(unit, base);
        } else if (m == QLatin1String("localtime")) {
            base =
                QStringLiteral("(%1 AT TIME ZONE 'UTC' AT TIME ZONE current_setting('TimeZone'))")
                    .arg(base);
        } else {
            w.fail(QStringLiteral("date modifier '%1' is not translated").arg(m));
        }
    }
    return base;
}

QString dateFunction(Writer &w, const QString &fn,
                     const QList<std::pair<qsizetype, qsizetype>> &args)
{
    if (fn == QLatin1String("strftime")) {
        const auto format =
            args.isEmpty() ? std::nullopt : w.stringLiteral(args[0].first, args[0].second);
        if (!format) {
            w.fail(QStringLiteral("strftime() with a computed format is not translated"));
            return {};
        }
        const QString t = timeValue(w, args, 1);
        if (*format == QLatin1String("%s"))
            return QStringLiteral("floor(extract(epoch from %1))::bigint").arg(t);
        QString problem;
        const QString pattern = toCharFormat(*format, &problem);
        if (!problem.isEmpty())
            w.fail(problem);
        return QStringLiteral("to_char(%1, %2)").arg(t, w.literal(pattern));
    }
    const QString t = timeValue(w, args, 0);
    if (fn == QLatin1String("date"))
        return QStringLiteral("(%1)::date").arg(t);
    if (fn == QLatin1String("time"))
        return QStringLiteral("(%1)::time(0)").arg(t);
    if (fn == QLatin1String("julianday"))
        return QStringLiteral("(extract(epoch from %1) / 86400.0 + 2440587.5)").arg(t);
    if (fn == QLatin1String("unixepoch"))
        return QStringLiteral("floor(extract(epoch from %1))::bigint").arg(t);
    return QStringLiteral("date_trunc('second', %1)").arg(t); // datetime(): whole seconds
}

} // namespace

QString functionCall(Writer &w, qsizetype nameToken, qsizetype open)
{
    const SqlTokens &t = w.tokens();
    const QString fn = asciiLower(t[nameToken].text);
    const auto ranges = t.items(open);
    const qsizetype n = ranges.size();
    static const QSet<QString> dates = {"date",      "time",      "datetime",
                                        "julianday", "unixepoch", "strftime"};
    if (dates.contains(fn))
        return dateFunction(w, fn, ranges);
    QStringList a;
    for (const auto &[b, e] : ranges)
        a << w.range(b, e).trimmed();
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
    if (sameName().contains(fn) || (fn == QLatin1String("round") && n == 1))
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
