#pragma once
// Internal to the diff: deciding whether two objects are the same and equal, within one engine
// (exact, after trimming) or across engines (by meaning: TypeEquivalence). Shared by
// DiffMatch.cpp (tables, views) and DiffDependencies.cpp (types, dependent objects).

#include "diff/DiffPlan.h"
#include "diff/TypeEquivalence.h"

#include <QHash>
#include <type_traits>

namespace strata::diff {

namespace matchdetail {

inline QString simplifiedSql(QString text)
{
    text = text.trimmed();
    while (text.endsWith(u';'))
        text.chop(1);
    return text.simplified();
}

inline QString unquoted(QString name)
{
    return name.remove(u'"');
}

inline QString upperOr(const QString &text, const char *fallback)
{
    return text.isEmpty() ? QString::fromLatin1(fallback) : text.toUpper();
}

} // namespace matchdetail

class Matcher {
public:
    Matcher(const Schema &a, const Schema &b, bool cross, const QStringList &rowidColumns)
        : a(a), b(b), cross(cross), rowidColumns(rowidColumns)
    {
        // Tables are looked up by name all the time: index them (2,000-table schemas).
        for (const Table &t : a.tables)
            m_tablesA.insert(key(t.schema, t.name), &t);
        // Across engines an enum column of `a` is text to the other side (b is translated).
        for (const EnumType &e : a.enums)
            m_enumsA << e.name << e.schema + u'.' + e.name;
        for (const Table &t : b.tables)
            m_tablesB.insert(key(t.schema, t.name), &t);
    }

    bool sameName(const QString &x, const QString &y) const
    {
        return x.compare(y, cross ? Qt::CaseInsensitive : Qt::CaseSensitive) == 0;
    }
    bool sameNames(const QStringList &x, const QStringList &y) const
    {
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!sameName(x[i], y[i]))
                return false;
        }
        return true;
    }
    template <typename T>
    const T *find(const QList<T> &items, const QString &schema, const QString &name) const
    {
        if constexpr (std::is_same_v<T, Table>) {
            const QHash<QString, const Table *> *index = &items == &a.tables   ? &m_tablesA
                                                         : &items == &b.tables ? &m_tablesB
                                                                               : nullptr;
            if (const Table *t = index ? index->value(key(schema, name)) : nullptr; t || !cross)
                return index ? t : findIn(items, schema, name);
        }
        return findIn(items, schema, name);
    }
    template <typename T>
    const T *findIn(const QList<T> &items, const QString &schema, const QString &name) const
    {
        for (const T &item : items) {
            if (item.schema == schema && item.name == name)
                return &item;
        }
        if (cross) {
            for (const T &item : items) {
                if (sameName(item.schema, schema) && sameName(item.name, name))
                    return &item;
            }
        }
        return nullptr;
    }
    const Column *findColumn(const Table &t, const QString &name) const
    {
        if (const Column *c = t.column(name))
            return c;
        for (const Column &c : t.columns) {
            if (cross && sameName(c.name, name))
                return &c;
        }
        return nullptr;
    }

    static QString typeOf(const Column &c)
    {
        return (c.declaredType.isEmpty() ? c.type : c.declaredType).toLower().simplified();
    }
    static bool inPk(const Table &t, const QString &column)
    {
        return t.primaryKey && t.primaryKey->columns.contains(column);
    }
    static IdentityKind sameEngineIdentity(IdentityKind k)
    {
        return k == IdentityKind::Serial ? IdentityKind::None : k;
    }

    bool columnsEqual(const Table &ta, const Column &ca, const Table &tb, const Column &cb) const
    {
        if (!cross) {
            return typeOf(ca) == typeOf(cb) && ca.notNull == cb.notNull &&
                   ca.defaultExpr.trimmed() == cb.defaultExpr.trimmed() &&
                   sameEngineIdentity(ca.identity) == sameEngineIdentity(cb.identity) &&
                   ca.generatedExpr.trimmed() == cb.generatedExpr.trimmed() &&
                   (ca.generatedExpr.isEmpty() || ca.generatedStored == cb.generatedStored) &&
                   matchdetail::unquoted(ca.collation)
                           .compare(matchdetail::unquoted(cb.collation),
                                    a.engine == Engine::Sqlite ? Qt::CaseInsensitive
                                                               : Qt::CaseSensitive) == 0;
        }
        const QString typeA = m_enumsA.contains(QString(typeOf(ca)).remove(u'"'))
                                  ? QStringLiteral("text")
                                  : typeOf(ca);
        if (!typesEquivalent(typeA, a.engine, typeOf(cb), b.engine))
            return false;
        const auto effectiveNotNull = [](const Table &t, const Column &c) {
            return c.notNull || inPk(t, c.name) || c.identity != IdentityKind::None;
        };
        if (effectiveNotNull(ta, ca) != effectiveNotNull(tb, cb))
            return false;
        const bool rowid = ca.identity == IdentityKind::Rowid ||
                           rowidColumns.contains(tb.schema + u'.' + tb.name + u'.' + cb.name);
        const bool autoA = isAutoIncrementing(ca), autoB = isAutoIncrementing(cb);
        if (!rowid && autoA != autoB)
            return false;
        const QString family = canonicalType(typeOf(ca), a.engine).family;
        if (!autoA && !autoB &&
            normaliseDefault(ca.defaultExpr, family) != normaliseDefault(cb.defaultExpr, family))
            return false;
        return normaliseExpression(ca.generatedExpr) == normaliseExpression(cb.generatedExpr) &&
               normaliseCollation(ca.collation) == normaliseCollation(cb.collation);
    }

    QStringList refColumns(const Schema &s, const Table &t, const ForeignKey &fk) const
    {
        if (!fk.refColumns.isEmpty())
            return fk.refColumns;
        // SQLite's REFERENCES t without columns means t's primary key.
        const Table *target =
            find(s.tables, fk.refSchema.isEmpty() ? t.schema : fk.refSchema, fk.refTable);
        return target && target->primaryKey ? target->primaryKey->columns : QStringList();
    }
    static QString matchOf(const ForeignKey &fk)
    {
        const QString m = fk.match.toUpper();
        return m == QLatin1String("SIMPLE") || m == QLatin1String("NONE") ? QString() : m;
    }
    bool fksEqual(const Table &ta, const ForeignKey &fa, const Table &tb,
                  const ForeignKey &fb) const
    {
        return sameNames(fa.columns, fb.columns) &&
               sameName(fa.refSchema.isEmpty() ? ta.schema : fa.refSchema,
                        fb.refSchema.isEmpty() ? tb.schema : fb.refSchema) &&
               sameName(fa.refTable, fb.refTable) &&
               sameNames(refColumns(a, ta, fa), refColumns(b, tb, fb)) &&
               matchdetail::upperOr(fa.onUpdate, "NO ACTION") ==
                   matchdetail::upperOr(fb.onUpdate, "NO ACTION") &&
               matchdetail::upperOr(fa.onDelete, "NO ACTION") ==
                   matchdetail::upperOr(fb.onDelete, "NO ACTION") &&
               matchOf(fa) == matchOf(fb) && fa.deferrable == fb.deferrable &&
               fa.initiallyDeferred == fb.initiallyDeferred;
    }
    QString expression(const QString &e) const
    {
        return cross ? normaliseExpression(e) : matchdetail::simplifiedSql(e);
    }

    bool indexesEqual(const Index &x, const Index &y) const
    {
        if (x.unique != y.unique || x.columns.size() != y.columns.size() ||
            expression(x.where) != expression(y.where))
            return false;
        for (qsizetype i = 0; i < x.columns.size(); ++i) {
            const IndexColumn &p = x.columns[i], &q = y.columns[i];
            const bool same =
                cross ? normaliseExpression(p.expression) == normaliseExpression(q.expression) &&
                            normaliseCollation(p.collation) == normaliseCollation(q.collation)
                      : p == q;
            if (!same || p.descending != q.descending || p.nulls.toUpper() != q.nulls.toUpper())
                return false;
        }
        if (cross)
            return true;
        const auto method = [](const Index &i) {
            return i.method.isEmpty() ? QStringLiteral("btree") : i.method;
        };
        // PostgreSQL renders the definition itself: it also shows what the model leaves out.
        const bool definitions =
            a.engine == Engine::Postgres && !x.definition.isEmpty() && !y.definition.isEmpty();
        return method(x) == method(y) && (!definitions || x.definition == y.definition);
    }

    const Schema &a;
    const Schema &b;
    bool cross;
    QStringList rowidColumns;

private:
    static QString key(const QString &schema, const QString &name)
    {
        return schema + QChar(0x1f) + name;
    }
    QHash<QString, const Table *> m_tablesA, m_tablesB;
    QStringList m_enumsA;
};

// Schemas, enums and sequences (same engine only: SQLite has none of them).
void compareTypes(const Schema &a, const Schema &b, DiffPlan &plan);
// PostgreSQL: FKs pointing at a key that is dropped and re-added are dropped and re-added too.
void recreateDependentForeignKeys(const Matcher &m, DiffPlan &plan);
// Views reading a column that is dropped or retyped, or a view that is dropped, are recreated.
void recreateDependentViews(const Matcher &m, DiffPlan &plan);
// Dependencies first (dependsOn within the list), otherwise in the list's order.
QList<View> dependencyOrder(const QList<View> &views);

} // namespace strata::diff
