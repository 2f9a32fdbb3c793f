// SQLite's date and time functions in PostgreSQL (see ExprWriter.h): the time value of a call
// (its first argument and modifiers, as a timestamp without time zone in UTC like SQLite's),
// what SQLite returns for it (always text, a number for julianday/unixepoch/'%s'), and that
// value written as PostgreSQL text (SQLite's exact text, through to_char) or as a value of a
// column's type (date_trunc to the precision the SQLite text keeps). The rules are in
// docs/TRANSFER.md, "Date and time functions".

#include "transfer/ExprWriter.h"

#include "schema/SqliteDdlParser.h"
#include <QRegularExpression>

namespace strata::expr {

namespace {

using sqliteddl::asciiLower;
using sqliteddl::asciiUpper;

const char *const utcNow = "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')";

// strftime() format -> to_char() template; empty with a problem when a specifier has none.
QString toCharFormat(const QString &format, QString *problem)
{
    static const QHash<QChar, QString> specifiers = {
        {u'd', "DD"},         {u'm', "MM"},         {u'Y', "YYYY"},   {u'H', "HH24"}, {u'M', "MI"},
        {u'S', "SS"},         {u'f', "SS.MS"},      {u'j', "DDD"},    {u'I', "HH12"}, {u'p', "AM"},
        {u'P', "am"},         {u'u', "ID"},         {u'G', "IYYY"},   {u'g', "IY"},   {u'V', "IW"},
        {u'F', "YYYY-MM-DD"}, {u'T', "HH24:MI:SS"}, {u'R', "HH24:MI"}};
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

// What a strftime() format writes, when it is a date, a timestamp or a time of day PostgreSQL
// reads back ('2024-05-01', '2024-05-01T10:20:30.123Z', '10:20'): the shape and the unit its
// text keeps; Text otherwise. `digits`: the text is always a number (only digit fields).
struct FormatShape {
    TimeCall::Shape shape = TimeCall::Shape::Text;
    QString unit;
    bool digits = false;
    bool fraction = false; // digits with a decimal point (%f)
};

FormatShape formatShape(const QString &format)
{
    QString shape; // fields as letters, literals as themselves
    bool digits = true, fraction = false;
    static const QString digitFields = QStringLiteral("dmYHMSfjuGgVsJ");
    for (qsizetype i = 0; i < format.size(); ++i) {
        if (format[i] != u'%' || i + 1 == format.size()) {
            shape += format[i];
            digits = digits && (format[i].isDigit() || format[i] == u'.');
            fraction = fraction || format[i] == u'.';
            continue;
        }
        const QChar spec = format[++i];
        shape += spec == u'F'   ? QStringLiteral("Y-m-d")
                 : spec == u'T' ? QStringLiteral("H:M:S")
                 : spec == u'R' ? QStringLiteral("H:M")
                                : QString(spec);
        digits = digits && digitFields.contains(spec);
        fraction = fraction || spec == u'f' || spec == u'J';
    }
    FormatShape out;
    out.digits = digits && !format.isEmpty();
    out.fraction = fraction;
    static const QRegularExpression timestamp(
        QStringLiteral(R"(^(?:Y-m-d|Ymd)(?:[ T](H(?::M(?::[Sf])?)?))?Z?$)"));
    static const QRegularExpression time(QStringLiteral(R"(^H:M(?::[Sf])?$)"));
    const auto unitOf = [](const QString &clock) {
        return clock.endsWith(u'f')   ? QStringLiteral("milliseconds")
               : clock.endsWith(u'S') ? QStringLiteral("second")
               : clock.endsWith(u'M') ? QStringLiteral("minute")
                                      : QStringLiteral("hour");
    };
    if (const auto m = timestamp.match(shape); m.hasMatch()) {
        const QString clock = m.captured(1);
        out.shape = clock.isEmpty() ? TimeCall::Shape::Date : TimeCall::Shape::Timestamp;
        out.unit = clock.isEmpty() ? QStringLiteral("day") : unitOf(clock);
    } else if (time.match(shape).hasMatch()) {
        out.shape = TimeCall::Shape::Time;
        out.unit = unitOf(shape);
    }
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
        if (m == QLatin1String("unixepoch") || m == QLatin1String("utc")) {
            continue; // 'utc' on a UTC value (SQLite's 'now') changes nothing
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

QString trunc(const QString &unit, const QString &value)
{
    return QStringLiteral("date_trunc('%1', %2)").arg(unit, value);
}

} // namespace

bool isDateFunction(const QString &lowerName)
{
    static const QSet<QString> dates = {"date",      "time",      "datetime",
                                        "julianday", "unixepoch", "strftime"};
    return dates.contains(lowerName);
}

std::optional<TimeCall> timeCall(Writer &w, qsizetype nameToken)
{
    const SqlTokens &t = w.tokens();
    TimeCall c;
    if (t[nameToken].kind == TokenKind::Word && !t.isPunct(nameToken + 1, u'(')) {
        const QString word = asciiUpper(t[nameToken].text);
        c.value = QLatin1String(utcNow);
        if (word == QLatin1String("CURRENT_TIMESTAMP"))
            c.shape = TimeCall::Shape::Timestamp, c.unit = QStringLiteral("second"),
            c.sqliteText = QStringLiteral("YYYY-MM-DD HH24:MI:SS");
        else if (word == QLatin1String("CURRENT_DATE"))
            c.shape = TimeCall::Shape::Date, c.unit = QStringLiteral("day"),
            c.sqliteText = QStringLiteral("YYYY-MM-DD");
        else if (word == QLatin1String("CURRENT_TIME"))
            c.shape = TimeCall::Shape::Time, c.unit = QStringLiteral("second"),
            c.sqliteText = QStringLiteral("HH24:MI:SS");
        else
            return std::nullopt;
        return c;
    }
    const QString fn = asciiLower(t[nameToken].text);
    if (!isDateFunction(fn) || !t.isPunct(nameToken + 1, u'('))
        return std::nullopt;
    const auto args = t.items(nameToken + 1);
    if (fn == QLatin1String("strftime")) {
        const auto format =
            args.isEmpty() ? std::nullopt : w.stringLiteral(args[0].first, args[0].second);
        if (!format) {
            w.fail(QStringLiteral("strftime() with a computed format is not translated"));
            return std::nullopt;
        }
        c.value = timeValue(w, args, 1);
        if (*format == QLatin1String("%s")) {
            c.shape = TimeCall::Shape::Epoch;
            return c;
        }
        QString problem;
        c.sqliteText = toCharFormat(*format, &problem);
        if (!problem.isEmpty())
            w.fail(problem);
        const FormatShape s = formatShape(*format);
        c.shape = s.shape;
        c.unit = s.unit;
        c.digits = s.digits;
        c.fraction = s.fraction;
        c.strftime = true;
        return c;
    }
    c.value = timeValue(w, args, 0);
    if (fn == QLatin1String("date"))
        c.shape = TimeCall::Shape::Date, c.unit = QStringLiteral("day"),
        c.sqliteText = QStringLiteral("YYYY-MM-DD");
    else if (fn == QLatin1String("time"))
        c.shape = TimeCall::Shape::Time, c.unit = QStringLiteral("second"),
        c.sqliteText = QStringLiteral("HH24:MI:SS");
    else if (fn == QLatin1String("julianday"))
        c.shape = TimeCall::Shape::Julian;
    else if (fn == QLatin1String("unixepoch"))
        c.shape = TimeCall::Shape::Epoch;
    else
        c.shape = TimeCall::Shape::Timestamp, c.unit = QStringLiteral("second"),
        c.sqliteText = QStringLiteral("YYYY-MM-DD HH24:MI:SS");
    return c;
}

QString TimeCall::natural(const Writer &w) const
{
    switch (shape) {
    case Shape::Text:
        return QStringLiteral("to_char(%1, %2)").arg(value, w.literal(sqliteText));
    case Shape::Timestamp:
        // strftime() is text in both engines; datetime() and CURRENT_TIMESTAMP are timestamps
        // in PostgreSQL, so they compare and compute as the values they stand for.
        return strftime ? QStringLiteral("to_char(%1, %2)").arg(value, w.literal(sqliteText))
                        : trunc(unit, value);
    case Shape::Date:
        return strftime ? QStringLiteral("to_char(%1, %2)").arg(value, w.literal(sqliteText))
                        : QStringLiteral("(%1)::date").arg(value);
    case Shape::Time:
        return strftime ? QStringLiteral("to_char(%1, %2)").arg(value, w.literal(sqliteText))
                        : QStringLiteral("(%1)::time(0)").arg(value);
    case Shape::Julian:
        return QStringLiteral("(extract(epoch from %1) / 86400.0 + 2440587.5)").arg(instant());
    case Shape::Epoch:
        return QStringLiteral("floor(extract(epoch from %1))::bigint").arg(instant());
    }
    return {};
}

QString TimeCall::instant() const
{
    // 'now' itself: the moment, whose epoch is the same in every time zone.
    return value == QLatin1String(utcNow) ? QStringLiteral("CURRENT_TIMESTAMP") : value;
}

QString TimeCall::asText(const Writer &w) const
{
    if (shape == Shape::Julian || shape == Shape::Epoch)
        return u'(' + natural(w) + QStringLiteral(")::text");
    return QStringLiteral("to_char(%1, %2)").arg(value, w.literal(sqliteText));
}

QString TimeCall::as(const Writer &w, const QString &type, ValueTransform transform,
                     QString *problem) const
{
    const Family f = familyOf(type);
    const auto refuse = [&](const char *what) {
        *problem = QStringLiteral("SQLite's value is %1, which does not fit %2")
                       .arg(QLatin1String(what), type);
        return QString();
    };
    const bool clock = shape == Shape::Timestamp || shape == Shape::Date;
    QString ts; // the value as a UTC timestamp without time zone, at SQLite's precision
    if (clock)
        ts = trunc(unit, value);
    else if (shape == Shape::Epoch && transform == ValueTransform::EpochSeconds)
        ts = trunc(QStringLiteral("second"), value);
    else if (shape == Shape::Epoch && transform == ValueTransform::EpochMillis)
        ts = trunc(QStringLiteral("milliseconds"), value);
    else if (shape == Shape::Julian && transform == ValueTransform::JulianDay)
        ts = trunc(QStringLiteral("milliseconds"), value);
    switch (f) {
    case Family::Timestamp:
        if (!ts.isEmpty())
            return type == QLatin1String("timestamp without time zone") ||
                           type == QLatin1String("timestamp")
                       ? ts
                       : QStringLiteral("(%1)::%2").arg(ts, type);
        return refuse(shape == Shape::Time ? "a time of day" : "not a date and time");
    case Family::TimestampTz:
        if (!ts.isEmpty())
            return QStringLiteral("(%1 AT TIME ZONE 'UTC')").arg(ts);
        return refuse(shape == Shape::Time ? "a time of day" : "not a date and time");
    case Family::Date:
        if (!ts.isEmpty())
            return QStringLiteral("(%1)::date").arg(clock ? value : ts);
        return refuse(shape == Shape::Time ? "a time of day" : "not a date");
    case Family::Time:
        if (shape == Shape::Time || shape == Shape::Timestamp)
            return QStringLiteral("(%1)::%2").arg(trunc(unit, value), type);
        return refuse(shape == Shape::Date ? "a date without a time" : "not a time of day");
    case Family::Text:
        return asText(w);
    case Family::Integer:
        if (shape == Shape::Epoch)
            return natural(w);
        if (shape != Shape::Julian && digits && !fraction)
            return QStringLiteral("(%1)::bigint").arg(asText(w));
        return refuse(shape == Shape::Julian ? "a fractional day number"
                                             : "text, not a whole number");
    case Family::Float:
        if (shape == Shape::Epoch || shape == Shape::Julian)
            return natural(w);
        if (digits)
            return QStringLiteral("(%1)::%2").arg(asText(w), type);
        return refuse("text, not a number");
    case Family::Bytea:
        return QStringLiteral("convert_to(%1, 'UTF8')").arg(asText(w));
    default:
        break;
    }
    return refuse(shape == Shape::Epoch || shape == Shape::Julian ? "a number" : "text");
}

} // namespace strata::expr
