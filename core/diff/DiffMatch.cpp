// Matching: which objects of `a` and `b` are the same object, and what differs between them.
// Tables, views, sequences and enums match by (schema, name); columns by name; constraints by
// name when both sides name them (same engine), else by content; indexes by name (same engine)
// or content (across engines); triggers by name.

#include "diff/DiffMatcher.h"

#include <QSet>

namespace strata::diff {

namespace {

// Pairs `from` and `to` items: by name where both are named (and names count), then by content.
// Unpaired or changed items land in dropped/added; `matched` sees the pairs that stayed.
template <typename T>
void matchList(const QList<T> &from, const QList<T> &to, bool byName,
               const std::function<bool(const T &, const T &)> &equal, QList<T> &dropped,
               QList<T> &added, const std::function<void(const T &, const T &)> &matched = {})
{
    QList<bool> usedFrom(from.size(), false), usedTo(to.size(), false);
    for (qsizetype j = 0; byName && j < to.size(); ++j) {
        for (qsizetype i = 0; !to[j].name.isEmpty() && i < from.size(); ++i) {
            if (usedFrom[i] || from[i].name != to[j].name)
                continue;
            usedFrom[i] = usedTo[j] = true;
            if (!equal(from[i], to[j])) {
                dropped << from[i];
                added << to[j];
            } else if (matched) {
                matched(from[i], to[j]);
            }
            break;
        }
    }
    for (qsizetype j = 0; j < to.size(); ++j) {
        for (qsizetype i = 0; !usedTo[j] && i < from.size(); ++i) {
            const bool comparable = !byName || from[i].name.isEmpty() || to[j].name.isEmpty();
            if (!usedFrom[i] && comparable && equal(from[i], to[j])) {
                usedFrom[i] = usedTo[j] = true;
                if (matched)
                    matched(from[i], to[j]);
            }
        }
    }
    for (qsizetype i = 0; i < from.size(); ++i) {
        if (!usedFrom[i])
            dropped << from[i];
    }
    for (qsizetype j = 0; j < to.size(); ++j) {
        if (!usedTo[j])
            added << to[j];
    }
}

TableDelta compareTables(const Matcher &m, const Table &ta, const Table &tb)
{
    TableDelta d;
    d.from = ta;
    d.to = tb;
    QSet<QString> seen;
    for (const Column &cb : tb.columns) {
        const Column *ca = m.findColumn(ta, cb.name);
        if (!ca) {
            d.addedColumns << cb;
            continue;
        }
        seen.insert(ca->name);
        if (!m.columnsEqual(ta, *ca, tb, cb))
            d.alteredColumns << ColumnPair{*ca, cb};
        if (!m.cross && ca->comment != cb.comment)
            d.commentedColumns << ColumnPair{*ca, cb};
    }
    for (const Column &ca : ta.columns) {
        if (!seen.contains(ca.name))
            d.droppedColumns << ca;
    }
    const bool pkEqual =
        ta.primaryKey && tb.primaryKey &&
        m.sameNames(ta.primaryKey->columns, tb.primaryKey->columns) &&
        (m.cross || ta.primaryKey->name.isEmpty() || tb.primaryKey->name.isEmpty() ||
         ta.primaryKey->name == tb.primaryKey->name);
    if (!pkEqual) {
        d.droppedPk = ta.primaryKey;
        d.addedPk = tb.primaryKey;
    }
    const bool byName = !m.cross;
    matchList<UniqueConstraint>(
        ta.uniques, tb.uniques, byName,
        [&](const UniqueConstraint &x, const UniqueConstraint &y) {
            return m.sameNames(x.columns, y.columns);
        },
        d.droppedUniques, d.addedUniques);
    matchList<ForeignKey>(
        ta.foreignKeys, tb.foreignKeys, byName,
        [&](const ForeignKey &x, const ForeignKey &y) { return m.fksEqual(ta, x, tb, y); },
        d.droppedFks, d.addedFks);
    matchList<CheckConstraint>(
        ta.checks, tb.checks, byName,
        [&](const CheckConstraint &x, const CheckConstraint &y) {
            return m.expression(x.expression) == m.expression(y.expression);
        },
        d.droppedChecks, d.addedChecks);
    matchList<Index>(
        ta.indexes, tb.indexes, byName,
        [&](const Index &x, const Index &y) { return m.indexesEqual(x, y); }, d.droppedIndexes,
        d.addedIndexes,
        [&](const Index &x, const Index &y) {
            if (!m.cross && x.comment != y.comment)
                d.commentedIndexes << IndexPair{x, y};
        });
    matchList<Trigger>(
        ta.triggers, tb.triggers, true,
        [&](const Trigger &x, const Trigger &y) {
            return m.expression(x.definition) == m.expression(y.definition);
        },
        d.droppedTriggers, d.addedTriggers);
    d.withoutRowidChanged = !m.cross && ta.withoutRowid != tb.withoutRowid;
    d.commentChanged = !m.cross && ta.comment != tb.comment;
    return d;
}

void compareViews(const Matcher &m, DiffPlan &plan)
{
    for (const View &vb : plan.b.views) {
        const View *va = m.find(plan.a.views, vb.schema, vb.name);
        if (!va) {
            plan.viewsCreated << vb;
            continue;
        }
        const bool changed = m.expression(va->definition) != m.expression(vb.definition) ||
                             va->materialized != vb.materialized ||
                             (!m.cross && va->columns != vb.columns);
        if (changed) {
            plan.viewsDropped << *va;
            plan.viewsCreated << vb;
        } else if (va->comment != vb.comment) {
            plan.viewsCommented << Pair<View>{*va, vb};
        }
    }
    for (const View &va : plan.a.views) {
        if (!m.find(plan.b.views, va.schema, va.name))
            plan.viewsDropped << va;
    }
}

void clearComments(Schema &s)
{
    for (Table &t : s.tables) {
        t.comment.clear();
        for (Column &c : t.columns)
            c.comment.clear();
        for (Index &i : t.indexes)
            i.comment.clear();
    }
    for (View &v : s.views)
        v.comment.clear();
}

} // namespace

DiffPlan buildPlan(const Schema &a, const Schema &b, bool crossEngine)
{
    DiffPlan plan;
    plan.crossEngine = crossEngine;
    plan.a = a;
    QStringList rowidColumns;
    plan.b = crossEngine ? translateSchema(b, a.engine, &rowidColumns) : b;
    if (crossEngine) { // SQLite has no comments: they cannot be compared across engines
        clearComments(plan.a);
        clearComments(plan.b);
    }
    const Matcher m(plan.a, plan.b, crossEngine, rowidColumns);
    if (!crossEngine)
        compareTypes(plan.a, plan.b, plan); // schemas, enums and sequences have no SQLite twin
    for (const Table &tb : plan.b.tables) {
        const Table *ta = m.find(plan.a.tables, tb.schema, tb.name);
        if (!ta) {
            plan.tablesCreated << tb;
            continue;
        }
        TableDelta d = compareTables(m, *ta, tb);
        if (!d.isEmpty())
            plan.tablesAltered << d;
    }
    for (const Table &ta : plan.a.tables) {
        if (!m.find(plan.b.tables, ta.schema, ta.name))
            plan.tablesDropped << ta;
    }
    if (a.engine == Engine::Postgres)
        recreateDependentForeignKeys(m, plan);
    compareViews(m, plan);
    recreateDependentViews(m, plan);
    plan.viewsCreated = dependencyOrder(plan.viewsCreated);
    plan.viewsDropped = dependencyOrder(plan.viewsDropped);
    std::reverse(plan.viewsDropped.begin(), plan.viewsDropped.end()); // dependents first
    return plan;
}

} // namespace strata::diff
