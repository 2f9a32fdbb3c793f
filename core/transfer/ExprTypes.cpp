// Types in expressions, for ExpressionTranslator (see ExprWriter.h): what PostgreSQL type an
// operand has after the transfer (columns as the transfer typed them, literals, functions),
// and, for comparisons, IN lists, BETWEEN and CASE x WHEN whose two sides PostgreSQL would
// refuse to compare, the cast that keeps SQLite's meaning (SQLite compares by affinity, see
// https://sqlite.org/datatype3.html section 4.2) or a refusal that says why there is none.
// The rules are in docs/TRANSFER.md, "Types in expressions".

#include "transfer/ExprWriter.h"

#include "schema/SqliteDdlParser.h"
#include "transfer/TypeMapper.h"
#include <cmath>

namespace strata::expr {

namespace {

using sqliteddl::asciiLower;
using sqliteddl::asciiUpper;

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

// One side of a comparison (x) against the other (y): the coercions that make PostgreSQL
// compare them as SQLite does; false when this order has no rule.
bool Writer::reconcileOrdered(const Operand &x, const Operand &y, bool ordering, Coercion *cx,
                              Coercion *cy, QString *problem) const
{
    const auto affinity = [](const Operand &o) {
        return o.column ? DeclaredType::parse(o.column->declaredType).affinity : Affinity::Blob;
    };
    // A date function (SQLite: text) against text: SQLite compares the texts.
    if (x.timeCall && !x.strftime && y.family == Family::Text) {
        cx->kind = Coercion::Kind::SqliteTimeText;
        return true;
    }
    // strftime() (text) against a date/time column: the value its text stands for.
    if (y.strftime && y.timeShape != TimeCall::Shape::Text && temporal(x.family) && x.column) {
        cy->kind = Coercion::Kind::TypedTime;
        cy->type = x.column->type;
        cy->transform = x.column->transform;
        return true;
    }
    if (x.family == Family::Boolean && numeric(y.family)) {
        if (!ordering && y.numberLiteral &&
            (y.literal == QLatin1String("0") || y.literal == QLatin1String("1")))
            return true; // written true/false
        cx->kind = Coercion::Kind::ToInteger;
        return true;
    }
    if (x.family == Family::Text && numeric(y.family)) {
        // NEW.x and OLD.x have no affinity in SQLite: the stored value is compared as it is.
        const Affinity declared = affinity(x);
        const Affinity applied = x.rowReference ? Affinity::Blob : declared;
        if (x.column && applied == Affinity::Text && y.numberLiteral) {
            cy->kind = Coercion::Kind::SqliteNumberText; // SQLite applies TEXT affinity to it
            return true;
        }
        if (x.column && declared != Affinity::Text && y.numberLiteral && !ordering &&
            y.family == Family::Integer) {
            // Not TEXT affinity: SQLite compares the stored numbers, which the transfer wrote
            // as their text; texts never equal a number, nor do they here.
            cy->kind = Coercion::Kind::SqliteNumberText;
            return true;
        }
        if (x.column && applied == Affinity::Text && y.column && !y.rowReference && !ordering &&
            y.family == Family::Integer &&
            (affinity(y) == Affinity::Integer || affinity(y) == Affinity::Numeric)) {
            cy->kind = Coercion::Kind::ToText; // equal when the text is the number's digits
            return true;
        }
        if (!x.column || (declared == Affinity::Text && !ordering))
            *problem =
                QStringLiteral(
                    "compares text with a number: SQLite never finds them equal (%1), PostgreSQL "
                    "refuses it; CAST one side if that is what is meant")
                    .arg(x.rowReference ? QStringLiteral("NEW and OLD have no affinity")
                                        : QStringLiteral("neither side has an affinity"));
        else
            *problem = ordering ? QStringLiteral("orders a text column against a number: SQLite "
                                                 "puts numbers before texts, PostgreSQL would "
                                                 "compare texts")
                                : QStringLiteral("compares a text column with a number that has "
                                                 "no single text form");
        return true;
    }
    if (temporal(x.family) && x.column && y.family == Family::Text) {
        if (y.column && y.column->isoTexts) {
            cy->kind = Coercion::Kind::ToType;
            cy->type = x.column->type;
            return true;
        }
        *problem = QStringLiteral("compares %1 column with text that is not always a date and "
                                  "time")
                       .arg(QLatin1String(familyName(x.family)));
        return true;
    }
    if ((x.family == Family::Timestamp || x.family == Family::TimestampTz) && x.column &&
        numeric(y.family)) {
        const ValueTransform t = x.column->transform;
        if (t == ValueTransform::EpochSeconds || t == ValueTransform::EpochMillis ||
            t == ValueTransform::JulianDay) {
            cy->kind = Coercion::Kind::NumberToTime;
            cy->type = x.column->type;
            cy->transform = t;
            return true;
        }
        *problem = QStringLiteral("compares a timestamp column with a number");
        return true;
    }
    if ((x.family == Family::Boolean && (y.family == Family::Text || temporal(y.family))) ||
        (x.family == Family::Bytea && y.family != Family::Bytea && y.family != Family::Untyped) ||
        (numeric(x.family) && temporal(y.family) && !x.numberLiteral && x.column)) {
        *problem =
            QStringLiteral("compares %1 with %2")
                .arg(QLatin1String(familyName(x.family)), QLatin1String(familyName(y.family)));
        return true;
    }
    return false;
}

void Writer::reconcile(const QList<Item> &list, qsizetype a, qsizetype b, bool ordering,
                       QHash<qsizetype, Coercion> &out, const Operand *whole)
{
    // `whole`: the operand standing for an expression around b that b is only a part of;
    // b itself is then never rewritten.
    const Operand x = operand(list[a]), y = whole ? *whole : operand(list[b]);
    if (x.family == Family::Unknown || y.family == Family::Unknown || x.family == y.family ||
        (numeric(x.family) && numeric(y.family)))
        return;
    Coercion cx, cy;
    QString problem;
    if (!reconcileOrdered(x, y, ordering, &cx, &cy, &problem))
        reconcileOrdered(y, x, ordering, &cy, &cx, &problem);
    if (!problem.isEmpty()) {
        fail(QStringLiteral("%1 vs %2: %3")
                 .arg(m_t.text(list[a].b, list[a].e),
                      whole ? QStringLiteral("an expression") : m_t.text(list[b].b, list[b].e),
                      problem));
        return;
    }
    if (cx.kind != Coercion::Kind::None)
        out.insert(a, cx);
    if (cy.kind != Coercion::Kind::None && !whole)
        out.insert(b, cy);
}

// Comparisons, BETWEEN and CASE x WHEN in one item list: which operands need a coercion.
QHash<qsizetype, Coercion> Writer::coercions(const QList<Item> &list, bool caseOperand)
{
    QHash<qsizetype, Coercion> out;
    if (m_c.columnFacts.isEmpty())
        return out;
    const auto isAtom = [&](qsizetype k) {
        return k >= 0 && k < list.size() && list[k].kind == ItemKind::Atom;
    };
    const auto binds = [&](qsizetype k) { // an operator binding tighter than a comparison
        return k >= 0 && k < list.size() && list[k].kind == ItemKind::Operator &&
               !isComparisonOp(list[k].op);
    };
    // The operand an arithmetic or || expression stands for (its atoms are not rewritten).
    const auto expression = [&](qsizetype op) {
        Operand o;
        static const QSet<QString> arithmetic = {"+", "-", "*", "/", "%"};
        if (list[op].op == QLatin1String("||"))
            o.family = Family::Text;
        else if (arithmetic.contains(list[op].op))
            o.family = Family::Float;
        return o;
    };
    for (qsizetype k = 0; k < list.size(); ++k) {
        const Item &it = list[k];
        if (it.kind == ItemKind::Operator && isComparisonOp(it.op) && isAtom(k - 1) &&
            isAtom(k + 1)) {
            const bool ordering =
                (it.op.startsWith(u'<') || it.op.startsWith(u'>')) && it.op != QLatin1String("<>");
            const bool left = !binds(k - 2), right = !binds(k + 2);
            if (left && right) {
                reconcile(list, k - 1, k + 1, ordering, out);
            } else if (left) {
                const Operand rest = expression(k + 2);
                reconcile(list, k - 1, k + 1, ordering, out, &rest);
            } else if (right) {
                const Operand rest = expression(k - 2);
                reconcile(list, k + 1, k - 1, ordering, out, &rest);
            }
        } else if (it.kind == ItemKind::Keyword && m_t.isKeyword(it.b, "BETWEEN")) {
            const qsizetype x = m_t.isKeyword(list.value(k - 1).b, "NOT") ? k - 2 : k - 1;
            if (isAtom(x) && !binds(x - 1) && isAtom(k + 1) && isAtom(k + 3) &&
                m_t.isKeyword(list[k + 2].b, "AND") && !binds(k + 4)) {
                reconcile(list, x, k + 1, true, out);
                reconcile(list, x, k + 3, true, out);
            }
        } else if (caseOperand && it.kind == ItemKind::Keyword && m_t.isKeyword(it.b, "WHEN") &&
                   isAtom(k + 1) && k + 2 < list.size() && m_t.isKeyword(list[k + 2].b, "THEN")) {
            reconcile(list, 0, k + 1, false, out);
        }
    }
    return out;
}

// `x [NOT] IN (a, b, ...)`: the list's elements written to compare with x as SQLite does.
std::optional<QString> Writer::coercedList(const Item &x, const Item &list)
{
    if (m_c.columnFacts.isEmpty())
        return std::nullopt;
    const Operand left = operand(x);
    if (left.family == Family::Unknown || left.family == Family::Boolean)
        return std::nullopt;
    const qsizetype open = list.core;
    if (!m_t.isPunct(open, u'(') || m_t.isKeyword(open + 1, "SELECT") ||
        m_t.isKeyword(open + 1, "WITH") || m_t.isKeyword(open + 1, "VALUES"))
        return std::nullopt;
    QStringList values;
    bool changed = false;
    for (const auto &[ib, ie] : m_t.items(open)) {
        const QList<Item> element = items(ib, ie);
        if (element.size() != 1) {
            values << range(ib, ie).trimmed();
            continue;
        }
        const QList<Item> two{x, element.first()};
        QHash<qsizetype, Coercion> c;
        reconcile(two, 0, 1, false, c);
        values << (c.contains(1) ? coerced(element.first(), c.value(1)) : range(ib, ie).trimmed());
        changed = changed || c.contains(1);
    }
    if (!changed)
        return std::nullopt;
    return u'(' + values.join(QStringLiteral(", ")) + u')';
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
