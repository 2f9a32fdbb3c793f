// Types in expressions, for ExpressionTranslator (see ExprWriter.h): what PostgreSQL type an
// operand has after the transfer (columns as the transfer typed them, literals, functions),
// an operand rewritten by the coercion ExprCompare.cpp chose, and a whole expression as a
// value of a column's type (defaults, generated columns). The rules are in
// docs/TRANSFER.md, "Types in expressions".

#include "transfer/ExprWriter.h"

#include "schema/SqliteDdlParser.h"
#include "transfer/TypeMapper.h"
#include <cmath>

namespace strata::expr {

namespace {

using sqliteddl::asciiLower;
using sqliteddl::asciiUpper;

// How SQLite writes a number it turns into text (TEXT affinity): integers as digits, reals
// with at least one decimal ("%!.15g").
QString sqliteNumberText(const QString &literal, bool *ok)
{
    bool isInt = false;
    const qint64 i = literal.toLongLong(&isInt);
    if (isInt)
        return *ok = true, QString::number(i);
    const double d = literal.toDouble(ok);
    if (!*ok || !std::isfinite(d))
        return *ok = false, QString();
    QString s = QString::number(d, 'g', 15);
    const qsizetype e = s.indexOf(u'e');
    QString mantissa = e < 0 ? s : s.left(e), exponent = e < 0 ? QString() : s.mid(e);
    if (!mantissa.contains(u'.'))
        mantissa += QStringLiteral(".0");
    if (!exponent.isEmpty()) {
        const QChar sign = exponent[1];
        QString digits = exponent.mid(2);
        while (digits.size() > 2 && digits.startsWith(u'0'))
            digits.remove(0, 1);
        exponent = QStringLiteral("e") + sign + digits;
    }
    return mantissa + exponent;
}

} // namespace

bool numeric(Family f)
{
    return f == Family::Integer || f == Family::Float;
}

bool temporal(Family f)
{
    return f == Family::Timestamp || f == Family::TimestampTz || f == Family::Date ||
           f == Family::Time;
}

const char *familyName(Family f)
{
    switch (f) {
    case Family::Text:
        return "text";
    case Family::Integer:
    case Family::Float:
        return "a number";
    case Family::Boolean:
        return "boolean";
    case Family::Timestamp:
    case Family::TimestampTz:
        return "a timestamp";
    case Family::Date:
        return "a date";
    case Family::Time:
        return "a time of day";
    case Family::Bytea:
        return "bytea";
    default:
        break;
    }
    return "another type";
}

Family familyOf(const QString &type)
{
    const QString t = type.trimmed().toLower();
    if (t == QLatin1String("boolean") || t == QLatin1String("bool"))
        return Family::Boolean;
    if (t == QLatin1String("bigint") || t == QLatin1String("integer") ||
        t == QLatin1String("smallint") || t == QLatin1String("int") || t == QLatin1String("int4") ||
        t == QLatin1String("int8") || t == QLatin1String("int2"))
        return Family::Integer;
    if (t == QLatin1String("double precision") || t == QLatin1String("real") ||
        t == QLatin1String("float8") || t == QLatin1String("float4") ||
        t.startsWith(QLatin1String("numeric")) || t.startsWith(QLatin1String("decimal")))
        return Family::Float;
    if (t == QLatin1String("timestamptz") || t.startsWith(QLatin1String("timestamptz(")) ||
        (t.startsWith(QLatin1String("timestamp")) && t.endsWith(QLatin1String("with time zone")) &&
         !t.endsWith(QLatin1String("without time zone"))))
        return Family::TimestampTz;
    if (t.startsWith(QLatin1String("timestamp")))
        return Family::Timestamp;
    if (t == QLatin1String("date"))
        return Family::Date;
    if (t.startsWith(QLatin1String("time")) && !t.contains(QLatin1String("with time zone")))
        return Family::Time;
    if (TypeMapper::isTextType(t) || t.startsWith(QLatin1String("varchar")) ||
        t.startsWith(QLatin1String("char")))
        return Family::Text;
    if (t == QLatin1String("bytea"))
        return Family::Bytea;
    return t.isEmpty() ? Family::Unknown : Family::Other;
}

Operand Writer::operand(const Item &item)
{
    Operand o;
    if (item.kind != ItemKind::Atom)
        return o;
    const qsizetype b = item.core, e = item.collate >= 0 ? item.collate : item.e;
    const auto &tk = m_t[b];
    if (item.core != item.b) { // a unary sign: a number stays a number
        if (tk.kind == TokenKind::Number && e == b + 1) {
            o.family = tk.text.contains(u'.') || tk.text.contains(u'e', Qt::CaseInsensitive)
                           ? Family::Float
                           : Family::Integer;
            o.numberLiteral = m_t.isPunct(item.b, u'-') || m_t.isPunct(item.b, u'+');
            o.literal = m_t.text(item.b, e).remove(u' ');
        }
        return o;
    }
    if (m_t.isPunct(b, u'(')) {
        const qsizetype close = m_t.closeOf(b);
        if (close < m_t.size()) {
            const QList<Item> inner = items(b + 1, close);
            if (inner.size() == 1)
                return operand(inner.first());
        }
        return o;
    }
    if (tk.kind == TokenKind::String) {
        o.family = m_sql[tk.begin] == u'\'' ? Family::Untyped : Family::Bytea;
        return o;
    }
    if (tk.kind == TokenKind::Number) {
        const bool hex = tk.text.startsWith(QLatin1String("0x"), Qt::CaseInsensitive);
        o.family = !hex && (tk.text.contains(u'.') || tk.text.contains(u'e', Qt::CaseInsensitive))
                       ? Family::Float
                       : Family::Integer;
        o.numberLiteral = !hex;
        o.literal = tk.text;
        return o;
    }
    const QString upper = asciiUpper(tk.text);
    if (tk.kind == TokenKind::Word && e == b + 1 &&
        (upper == QLatin1String("CURRENT_TIMESTAMP") || upper == QLatin1String("CURRENT_DATE") ||
         upper == QLatin1String("CURRENT_TIME"))) {
        o.family = upper.endsWith(QLatin1String("DATE"))   ? Family::Date
                   : upper.endsWith(QLatin1String("TIME")) ? Family::Time
                                                           : Family::Timestamp;
        o.timeCall = true;
        return o;
    }
    if (tk.kind == TokenKind::Word &&
        (upper == QLatin1String("TRUE") || upper == QLatin1String("FALSE")))
        return o; // SQLite's 1 and 0: written as they are, PostgreSQL's booleans
    if (tk.kind == TokenKind::Word && upper == QLatin1String("CAST") && m_t.isPunct(b + 1, u'(')) {
        const qsizetype open = b + 1, close = m_t.closeOf(open);
        for (qsizetype j = open + 1; j < close; ++j) {
            if (m_t[j].depth == tk.depth + 1 && m_t.isKeyword(j, "AS"))
                o.family = familyOf(castType(m_t.text(j + 1, close)));
        }
        return o;
    }
    if (m_t.isPunct(b + 1, u'(') && e == m_t.closeOf(b + 1) + 1) {
        const QString fn = asciiLower(tk.text);
        static const QSet<QString> text = {
            "lower", "upper", "trim",  "ltrim",        "rtrim",  "replace", "substr", "substring",
            "char",  "hex",   "quote", "group_concat", "printf", "format",  "typeof"};
        static const QSet<QString> integer = {"length", "instr", "count", "unicode"};
        if (isDateFunction(fn)) {
            const QString saved = m_problem; // typing only: a failure is reported when written
            const auto c = timeCall(*this, b);
            m_problem = saved;
            if (c) {
                o.timeCall = true;
                o.strftime = c->strftime;
                switch (c->shape) {
                case TimeCall::Shape::Epoch:
                    o.family = Family::Integer;
                    break;
                case TimeCall::Shape::Julian:
                    o.family = Family::Float;
                    break;
                default:
                    o.family = c->strftime                         ? Family::Text
                               : c->shape == TimeCall::Shape::Date ? Family::Date
                               : c->shape == TimeCall::Shape::Time ? Family::Time
                                                                   : Family::Timestamp;
                    o.timeShape = c->shape;
                }
            }
        } else if (text.contains(fn)) {
            o.family = Family::Text;
        } else if (integer.contains(fn)) {
            o.family = Family::Integer;
        }
        return o;
    }
    if (const ColumnFacts *f = facts(b, e)) {
        o.column = f;
        o.family = familyOf(f->type);
        o.rowReference = m_c.triggerBody && e == b + 3 && m_t[b].kind == TokenKind::Word &&
                         (upper == QLatin1String("NEW") || upper == QLatin1String("OLD"));
    }
    return o;
}

QString Writer::coerced(const Item &item, const Coercion &c)
{
    switch (c.kind) {
    case Coercion::Kind::None:
        break;
    case Coercion::Kind::SqliteNumberText: {
        bool ok = false;
        const QString text = sqliteNumberText(operand(item).literal, &ok);
        if (!ok)
            fail(QStringLiteral("cannot write %1 as SQLite's text").arg(m_t.text(item.b, item.e)));
        return literal(text);
    }
    case Coercion::Kind::ToText:
        return u'(' + atom(item) + QStringLiteral(")::text");
    case Coercion::Kind::ToInteger:
        return u'(' + atom(item) + QStringLiteral(")::integer");
    case Coercion::Kind::ToType:
        return u'(' + atom(item) + QStringLiteral(")::") + c.type;
    case Coercion::Kind::SqliteTimeText:
    case Coercion::Kind::TypedTime: {
        qsizetype core = item.core;
        while (m_t.isPunct(core, u'(') && m_t.closeOf(core) == item.e - 1)
            ++core;
        const auto call = timeCall(*this, core);
        if (!call)
            break;
        if (c.kind == Coercion::Kind::SqliteTimeText)
            return call->asText(*this);
        QString problem;
        const QString value = call->as(*this, c.type, c.transform, &problem);
        if (!problem.isEmpty())
            fail(problem);
        return value;
    }
    case Coercion::Kind::NumberToTime: {
        const QString n = atom(item);
        const QString seconds = c.transform == ValueTransform::EpochMillis
                                    ? QStringLiteral("(%1) / 1000.0").arg(n)
                                : c.transform == ValueTransform::JulianDay
                                    ? QStringLiteral("((%1) - 2440587.5) * 86400").arg(n)
                                    : n;
        return familyOf(c.type) == Family::TimestampTz
                   ? QStringLiteral("to_timestamp(%1)").arg(seconds)
                   : QStringLiteral("(to_timestamp(%1) AT TIME ZONE 'UTC')").arg(seconds);
    }
    }
    return atom(item);
}

Translation Writer::valueAs(const QString &type, ValueTransform transform)
{
    Translation out;
    qsizetype b = 0, e = m_t.size();
    while (e - b >= 2 && m_t.isPunct(b, u'(') && m_t.closeOf(b) == e - 1)
        ++b, --e;
    const QList<Item> list = items(b, e);
    if (list.size() == 1 && list[0].kind == ItemKind::Atom && list[0].core == list[0].b) {
        if (const auto call = timeCall(*this, list[0].b); call && list[0].e == e) {
            QString problem;
            out.sql = call->as(*this, type, transform, &problem);
            fail(problem);
            out.problem = m_problem;
            return out;
        }
    }
    out.sql = range(0, m_t.size()).trimmed();
    const Operand value = list.size() == 1 ? operand(list[0]) : Operand();
    const Family to = familyOf(type);
    Family from = value.family;
    if (list.size() > 1) {
        for (const Item &it : list) // a || b is text whatever else is in it
            from =
                it.kind == ItemKind::Operator && it.op == QLatin1String("||") ? Family::Text : from;
    }
    // What PostgreSQL cannot assign without an explicit cast (any value goes into text).
    const bool fits =
        from == Family::Unknown || from == Family::Untyped || from == to || to == Family::Text ||
        to == Family::Other || to == Family::Unknown || (numeric(from) && numeric(to)) ||
        (temporal(from) && temporal(to) && from != Family::Time && to != Family::Time) ||
        (from == Family::Time && to == Family::Time);
    if (!fits)
        fail(QStringLiteral("the value is %1, which PostgreSQL cannot store in %2")
                 .arg(QLatin1String(familyName(from)), type));
    out.problem = m_problem;
    return out;
}

bool isComparisonOp(const QString &op)
{
    static const QSet<QString> ops = {"=", "==", "!=", "<>", "<", "<=", ">", ">="};
    return ops.contains(op);
}

} // namespace strata::expr
