#include "transfer/TargetMatch.h"

namespace strata::transfer {

namespace {

// The one name among `names` that is `name`: the exact one, else the only case-insensitive one.
// `ambiguous` is set when several match case-insensitively and none exactly.
template <typename T, typename NameOf>
const T *byName(const QList<T> &items, const QString &name, NameOf nameOf, bool *ambiguous)
{
    const T *folded = nullptr;
    int foldedCount = 0;
    for (const T &item : items) {
        if (nameOf(item) == name)
            return &item;
        if (nameOf(item).compare(name, Qt::CaseInsensitive) == 0)
            folded = &item, ++foldedCount;
    }
    *ambiguous = foldedCount > 1;
    return foldedCount == 1 ? folded : nullptr;
}

bool contains(const QStringList &names, const QString &name)
{
    return names.contains(name, Qt::CaseInsensitive);
}

} // namespace

TargetMatch matchTarget(const Schema &source, const Schema &target, const QString &targetSchema,
                        const QStringList &skip, const QStringList &only)
{
    TargetMatch out;
    QList<Table> targets;
    for (const Table &t : target.tables) {
        if (t.schema == targetSchema)
            targets << t;
    }
    auto tableName = [](const Table &t) { return t.name; };
    auto columnName = [](const Column &c) { return c.name; };
    QStringList used; // target tables some SQLite table loads
    for (const Table &s : source.tables) {
        if (contains(skip, s.name) || (!only.isEmpty() && !contains(only, s.name)))
            continue;
        bool ambiguous = false;
        const Table *t = byName(targets, s.name, tableName, &ambiguous);
        if (!t) {
            out.errors << (ambiguous ? QStringLiteral("SQLite table %1 matches several tables of "
                                                      "the migrations' schema by case")
                                           .arg(s.name)
                                     : QStringLiteral("SQLite table %1 has no table in the "
                                                      "schema the migrations build")
                                           .arg(s.name));
            continue;
        }
        used << t->name;
        TableDecision d;
        d.sourceName = s.name;
        d.targetName = t->name;
        QList<ValueFit> fits;
        QStringList filled; // target columns some SQLite column loads
        for (const Column &c : s.columns) {
            const Column *tc = byName(t->columns, c.name, columnName, &ambiguous);
            if (!tc) {
                if (!c.generatedExpr.isEmpty())
                    continue; // computed on SQLite: nothing stored to move
                out.errors << (ambiguous ? QStringLiteral("SQLite column %1.%2 matches several "
                                                          "columns of %3 by case")
                                               .arg(s.name, c.name, t->name)
                                         : QStringLiteral("SQLite column %1.%2 has no column in "
                                                          "the migrations' table %3")
                                               .arg(s.name, c.name, t->name));
                continue;
            }
            filled << tc->name;
            ColumnDecision cd;
            cd.sourceName = c.name;
            cd.targetName = tc->name;
            cd.declaredType = c.declaredType;
            cd.targetType = tc->declaredType.isEmpty() ? tc->type : tc->declaredType;
            cd.reason = QStringLiteral("declared by the migrations");
            // A column PostgreSQL computes (or SQLite computed) is not copied; a computed one
            // on the target is filled by PostgreSQL from the copied ones.
            cd.generated = !tc->generatedExpr.isEmpty() || !c.generatedExpr.isEmpty();
            if (!cd.generated)
                fits << ValueFit(cd.targetType, tc->notNull);
            d.columns << cd;
        }
        for (const Column &tc : t->columns) {
            if (contains(filled, tc.name) || !tc.generatedExpr.isEmpty())
                continue;
            const bool filledByDefault =
                !tc.defaultExpr.isEmpty() || tc.identity != IdentityKind::None;
            if (tc.notNull && !filledByDefault)
                out.errors << QStringLiteral("column %1.%2 of the migrations' schema is NOT NULL "
                                             "without a default, and no SQLite column fills it")
                                  .arg(t->name, tc.name);
            else
                out.notes << QStringLiteral("column %1.%2 has no SQLite column: loaded rows get %3")
                                 .arg(t->name, tc.name,
                                      filledByDefault ? QStringLiteral("its default")
                                                      : QStringLiteral("NULL"));
        }
        out.tables << d;
        out.fits << fits;
    }
    for (const Table &t : std::as_const(targets)) {
        if (!used.contains(t.name) && only.isEmpty())
            out.notes << QStringLiteral("table %1 of the migrations' schema has no SQLite table: "
                                        "it keeps what the migrations put in it")
                             .arg(t.name);
    }
    return out;
}

} // namespace strata::transfer
