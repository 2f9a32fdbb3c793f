// Comparisons whose two sides PostgreSQL would refuse to compare after the transfer (see
// ExprWriter.h): for =, <>, <, ..., IN lists, BETWEEN and CASE x WHEN, the coercion that keeps
// SQLite's meaning (SQLite compares by affinity, https://sqlite.org/datatype3.html section
// 4.2), or a refusal that says why there is none. The rules are in docs/TRANSFER.md, "Types
// in expressions".

#include "transfer/ExprWriter.h"

#include "transfer/TypeMapper.h"

namespace strata::expr {

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

} // namespace strata::expr
