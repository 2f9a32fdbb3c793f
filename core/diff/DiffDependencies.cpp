// The parts of a plan that follow from dependencies between objects: schemas, enums and
// sequences; FKs and views that must be recreated around other changes; view order.

#include "diff/DiffMatcher.h"

#include <QHash>
#include <QSet>
#include <functional>

namespace strata::diff {

namespace {

// A sequence behind an identity column is the column's business, not an object of its own.
bool isIdentitySequence(const Schema &s, const Sequence &q)
{
    for (qsizetype dot = q.ownedBy.indexOf(u'.'); dot > 0; dot = q.ownedBy.indexOf(u'.', dot + 1)) {
        const Table *t = s.table(q.schema, q.ownedBy.left(dot));
        const Column *c = t ? t->column(q.ownedBy.mid(dot + 1)) : nullptr;
        if (c && (c->identity == IdentityKind::Always || c->identity == IdentityKind::ByDefault))
            return true;
    }
    return false;
}

} // namespace

void compareTypes(const Schema &a, const Schema &b, DiffPlan &plan)
{
    for (const QString &s : b.schemas) {
        if (!a.schemas.contains(s))
            plan.schemasCreated << s;
    }
    for (const QString &s : a.schemas) {
        if (!b.schemas.contains(s))
            plan.schemasDropped << s;
    }
    QHash<QString, QString> commentsA, commentsB;
    for (const auto &[s, c] : a.schemaComments)
        commentsA.insert(s, c);
    for (const auto &[s, c] : b.schemaComments)
        commentsB.insert(s, c);
    for (const QString &s : b.schemas) {
        if (a.schemas.contains(s) && commentsA.value(s) != commentsB.value(s))
            plan.schemaComments << SchemaComment{s, commentsA.value(s), commentsB.value(s)};
    }
    const Matcher m(a, b, false, {});
    for (const EnumType &e : b.enums) {
        const EnumType *old = m.find(a.enums, e.schema, e.name);
        if (!old)
            plan.enumsCreated << e;
        else if (!(*old == e))
            plan.enumsAltered << Pair<EnumType>{*old, e};
    }
    for (const EnumType &e : a.enums) {
        if (!m.find(b.enums, e.schema, e.name))
            plan.enumsDropped << e;
    }
    for (const Sequence &q : b.sequences) {
        if (isIdentitySequence(b, q))
            continue;
        const Sequence *old = m.find(a.sequences, q.schema, q.name);
        if (old && isIdentitySequence(a, *old))
            old = nullptr;
        if (!old)
            plan.sequencesCreated << q;
        else if (!(*old == q))
            plan.sequencesAltered << Pair<Sequence>{*old, q};
    }
    for (const Sequence &q : a.sequences) {
        const Sequence *now = m.find(b.sequences, q.schema, q.name);
        if (!isIdentitySequence(a, q) && (!now || isIdentitySequence(b, *now)))
            plan.sequencesDropped << q;
    }
}

static TableDelta *deltaFor(DiffPlan &plan, const QString &schema, const QString &name)
{
    for (TableDelta &d : plan.tablesAltered) {
        if (d.from.schema == schema && d.from.name == name)
            return &d;
    }
    return nullptr;
}

// PostgreSQL: an unchanged FK that points at a primary key or unique constraint being dropped
// (to be re-added) must be dropped first and re-added after.
void recreateDependentForeignKeys(const Matcher &m, DiffPlan &plan)
{
    QList<QPair<QString, QStringList>> droppedKeys; // ("schema.table", columns)
    for (const TableDelta &d : plan.tablesAltered) {
        if (d.droppedPk)
            droppedKeys << qMakePair(qualifiedKey(d.from.schema, d.from.name),
                                     d.droppedPk->columns);
        for (const UniqueConstraint &u : d.droppedUniques)
            droppedKeys << qMakePair(qualifiedKey(d.from.schema, d.from.name), u.columns);
    }
    for (const Table &ta : plan.a.tables) {
        const Table *tb = m.find(plan.b.tables, ta.schema, ta.name);
        if (!tb)
            continue;
        for (const ForeignKey &fk : ta.foreignKeys) {
            const QString target =
                qualifiedKey(fk.refSchema.isEmpty() ? ta.schema : fk.refSchema, fk.refTable);
            const QStringList cols = m.refColumns(plan.a, ta, fk);
            if (!droppedKeys.contains(qMakePair(target, cols)))
                continue;
            TableDelta *d = deltaFor(plan, ta.schema, ta.name);
            if (d && d->droppedFks.contains(fk))
                continue;
            for (const ForeignKey &same : tb->foreignKeys) {
                if (!m.fksEqual(ta, fk, *tb, same))
                    continue;
                if (!d) {
                    plan.tablesAltered << TableDelta();
                    d = &plan.tablesAltered.last();
                    d->from = ta;
                    d->to = *tb;
                }
                d->droppedFks << fk;
                d->addedFks << same;
                break;
            }
        }
    }
}

// Views whose definition mentions a column being dropped or retyped, and views reading views
// that are dropped, are dropped and created again (PostgreSQL refuses otherwise).
void recreateDependentViews(const Matcher &m, DiffPlan &plan)
{
    QHash<QString, QStringList> breaking; // "schema.table" -> column names
    for (const TableDelta &d : plan.tablesAltered) {
        QStringList &cols = breaking[qualifiedKey(d.from.schema, d.from.name)];
        for (const Column &c : d.droppedColumns)
            cols << c.name;
        for (const ColumnPair &p : d.alteredColumns) {
            if (Matcher::typeOf(p.from) != Matcher::typeOf(p.to) ||
                p.from.collation != p.to.collation || p.from.generatedExpr != p.to.generatedExpr)
                cols << p.from.name;
        }
    }
    QSet<QString> dropped;
    for (const View &v : plan.viewsDropped)
        dropped.insert(qualifiedKey(v.schema, v.name));
    for (bool grew = true; grew;) {
        grew = false;
        for (const View &v : plan.a.views) {
            const QString key = qualifiedKey(v.schema, v.name);
            if (dropped.contains(key))
                continue;
            bool affected = false;
            for (const QString &dep : v.dependsOn) {
                affected = affected || dropped.contains(dep);
                for (const QString &col : breaking.value(dep))
                    affected = affected || mentionsIdentifier(v.definition, col);
            }
            const View *now = affected ? m.find(plan.b.views, v.schema, v.name) : nullptr;
            if (now) {
                dropped.insert(key);
                plan.viewsDropped << v;
                plan.viewsCreated << *now;
                grew = true;
            }
        }
    }
}

QList<View> dependencyOrder(const QList<View> &views)
{
    QHash<QString, qsizetype> index;
    for (qsizetype i = 0; i < views.size(); ++i)
        index.insert(qualifiedKey(views[i].schema, views[i].name), i);
    QList<int> state(views.size(), 0); // 0 new, 1 visiting, 2 done
    QList<View> ordered;
    std::function<void(qsizetype)> visit = [&](qsizetype i) {
        if (state[i] != 0)
            return; // done, or a cycle (views cannot have one; keep going)
        state[i] = 1;
        for (const QString &dep : views[i].dependsOn) {
            if (const auto it = index.constFind(dep); it != index.constEnd())
                visit(*it);
        }
        state[i] = 2;
        ordered << views[i];
    };
    for (qsizetype i = 0; i < views.size(); ++i)
        visit(i);
    return ordered;
}

} // namespace strata::diff
