#include "diff/Lint.h"

#include "diff/TypeEquivalence.h"

namespace strata::diff {

void raiseRisk(Change &change, Risk risk)
{
    if (int(risk) > int(change.risk))
        change.risk = risk;
}

Lint::Lint(const DiffPlan &plan, const DiffOptions &options) : m_plan(plan), m_options(options) {}

bool Lint::isBig(const QString &schema, const QString &table) const
{
    const QString key = qualifiedKey(schema, table);
    for (const auto &[name, rows] : m_options.tableRows) {
        if ((name == key || name == table) && rows > bigTableRows)
            return true;
    }
    return false;
}

void Lint::blocking(Change &change, const QString &schema, const QString &table,
                    const QString &what) const
{
    if (!isBig(schema, table))
        return;
    raiseRisk(change, Risk::Blocking);
    change.warnings << QStringLiteral("%1 %2, which holds more than %3 rows, under a lock")
                           .arg(what, qualifiedKey(schema, table))
                           .arg(bigTableRows);
}

void Lint::dropTable(Change &change, const Table &table) const
{
    raiseRisk(change, Risk::Destructive);
    change.warnings << QStringLiteral(
                           "drops table %1 and all its rows; the inverse recreates it empty")
                           .arg(qualifiedKey(table.schema, table.name));
}

void Lint::dropColumn(Change &change, const Table &table, const Column &column) const
{
    const QString where = qualifiedKey(table.schema, table.name) + u'.' + column.name;
    raiseRisk(change, Risk::Destructive);
    change.warnings
        << QStringLiteral("drops column %1 and its data; the inverse re-adds it empty").arg(where);
    // What still uses the column in `a`: its indexes and the views reading the table.
    for (const Index &index : table.indexes) {
        bool uses = mentionsIdentifier(index.where, column.name);
        for (const IndexColumn &ic : index.columns)
            uses = uses || (ic.isExpression ? mentionsIdentifier(ic.expression, column.name)
                                            : ic.expression == column.name);
        if (uses)
            change.warnings
                << QStringLiteral("column %1 is still used by index %2").arg(where, index.name);
    }
    const QString key = qualifiedKey(table.schema, table.name);
    for (const View &view : m_plan.a.views) {
        if (view.dependsOn.contains(key) && mentionsIdentifier(view.definition, column.name))
            change.warnings << QStringLiteral("column %1 is still used by view %2")
                                   .arg(where, qualifiedKey(view.schema, view.name));
    }
}

void Lint::addColumn(Change &change, const Table &table, const Column &column) const
{
    const QString where = qualifiedKey(table.schema, table.name) + u'.' + column.name;
    if (column.notNull && column.defaultExpr.isEmpty() && column.identity == IdentityKind::None &&
        column.generatedExpr.isEmpty()) {
        change.warnings
            << QStringLiteral(
                   "adds NOT NULL column %1 without a default: fails when the table has rows")
                   .arg(where);
    }
    if (m_plan.a.engine == Engine::Postgres &&
        (column.identity == IdentityKind::Always || column.identity == IdentityKind::ByDefault ||
         (!column.generatedExpr.isEmpty() && column.generatedStored)))
        blocking(change, table.schema, table.name, QStringLiteral("adding %1 rewrites").arg(where));
}

void Lint::alterColumn(Change &change, const Table &table, const ColumnPair &pair) const
{
    const Column &from = pair.from;
    const Column &to = pair.to;
    const QString where = qualifiedKey(table.schema, table.name) + u'.' + to.name;
    const Engine engine = m_plan.a.engine;
    const bool typeChanged = from.declaredType.compare(to.declaredType, Qt::CaseInsensitive) != 0;
    if (typeChanged && isNarrowing(from.declaredType, to.declaredType, engine)) {
        raiseRisk(change, Risk::Destructive);
        change.warnings << QStringLiteral("narrows %1 from %2 to %3: existing values may not fit")
                               .arg(where, from.declaredType, to.declaredType);
    }
    if (typeChanged && engine == Engine::Postgres &&
        typeChangeRewrites(from.declaredType, to.declaredType))
        blocking(change, table.schema, table.name,
                 QStringLiteral("changing the type of %1 rewrites").arg(where));
    if (to.notNull && !from.notNull) {
        change.warnings
            << (to.defaultExpr.isEmpty()
                    ? QStringLiteral(
                          "adds NOT NULL to %1 without a default: fails if any row holds NULL")
                    : QStringLiteral("adds NOT NULL to %1: fails if any row holds NULL"))
                   .arg(where);
        if (engine == Engine::Postgres)
            blocking(change, table.schema, table.name,
                     QStringLiteral("adding NOT NULL to %1 scans").arg(where));
    }
    if (from.generatedExpr.isEmpty() && !to.generatedExpr.isEmpty()) {
        raiseRisk(change, Risk::Destructive);
        change.warnings << QStringLiteral(
                               "turns %1 into a generated column: its stored values are replaced")
                               .arg(where);
    }
}

void Lint::rebuild(Change &change, const TableDelta &delta) const
{
    for (const Column &c : delta.droppedColumns)
        dropColumn(change, delta.from, c);
    for (const Column &c : delta.addedColumns)
        addColumn(change, delta.to, c);
    for (const ColumnPair &p : delta.alteredColumns)
        alterColumn(change, delta.to, p);
    blocking(change, delta.to.schema, delta.to.name, QStringLiteral("rebuilding copies"));
}

void Lint::scansTable(Change &change, const QString &schema, const QString &table) const
{
    blocking(change, schema, table, QStringLiteral("building or validating it reads"));
}

void Lint::dropSequence(Change &change, const Sequence &sequence) const
{
    raiseRisk(change, Risk::Destructive);
    change.warnings << QStringLiteral(
                           "drops sequence %1; the inverse restarts it at its start value")
                           .arg(qualifiedKey(sequence.schema, sequence.name));
}

namespace {

bool sameType(const Column &a, const Column &b, Engine engine)
{
    return canonicalType(a.declaredType, engine) == canonicalType(b.declaredType, engine);
}

} // namespace

QStringList Lint::globalWarnings() const
{
    QStringList warnings;
    const Engine engine = m_plan.a.engine;
    for (const TableDelta &d : m_plan.tablesAltered) {
        for (const Column &dropped : d.droppedColumns) {
            for (const Column &added : d.addedColumns) {
                if (sameType(dropped, added, engine))
                    warnings << QStringLiteral("possible rename of %1.%2 to %3: the diff drops and "
                                               "adds the column, "
                                               "losing its data")
                                    .arg(qualifiedKey(d.from.schema, d.from.name), dropped.name,
                                         added.name);
            }
        }
    }
    for (const Table &dropped : m_plan.tablesDropped) {
        for (const Table &created : m_plan.tablesCreated) {
            if (dropped.columns.size() != created.columns.size() ||
                dropped.schema != created.schema)
                continue;
            bool same = true;
            for (qsizetype i = 0; same && i < dropped.columns.size(); ++i)
                same = dropped.columns[i].name == created.columns[i].name &&
                       sameType(dropped.columns[i], created.columns[i], engine);
            if (same)
                warnings << QStringLiteral("possible rename of table %1 to %2: the diff drops and "
                                           "creates the table, "
                                           "losing its rows")
                                .arg(qualifiedKey(dropped.schema, dropped.name), created.name);
        }
    }
    return warnings;
}

} // namespace strata::diff
