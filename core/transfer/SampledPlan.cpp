#include "transfer/SampledPlan.h"

#include "schema/SqliteDdlParser.h"
#include "transfer/TransferPlanner.h"

namespace strata {

namespace {

QString transformed(const ColumnDecision &c)
{
    return c.transform == ValueTransform::None
               ? c.targetType
               : QStringLiteral("%1 (%2)").arg(c.targetType, valueTransformName(c.transform));
}

bool hasNulls(const TableDecision &d, const QString &column)
{
    const ColumnDecision *c = d.column(column);
    return c && c->profile.nulls > 0;
}

} // namespace

QString SampledPlan::differences(const TableDecision &used, const TableProfile &full) const
{
    const Table *table = nullptr;
    for (const Table *t : m_in->tables) {
        if (sqliteddl::sameName(t->name, used.sourceName))
            table = t;
    }
    if (!table)
        return QStringLiteral("table %1 is not in the plan").arg(used.sourceName);
    Result<TargetBuilder::TableChoice> again = m_built->decideTable(*table, full);
    if (!again)
        return again.error().message;
    const TableDecision &d = again->decision;
    QStringList diff;
    if (d.columns.size() != used.columns.size())
        return QStringLiteral("the columns differ");
    const QStringList usedCollations = m_built->collations(table->name);
    for (qsizetype i = 0; i < d.columns.size(); ++i) {
        const ColumnDecision &a = used.columns[i], &b = d.columns[i];
        if (a.targetName != b.targetName || a.targetType != b.targetType ||
            a.transform != b.transform || a.generated != b.generated)
            diff << QStringLiteral("column %1: %2 from the sample, %3 from every row")
                        .arg(a.sourceName, transformed(a), transformed(b));
        else if (usedCollations.value(i) != again->collations.value(i))
            diff << QStringLiteral("column %1: collation %2 from the sample, %3 from every row")
                        .arg(a.sourceName, usedCollations.value(i), again->collations.value(i));
    }
    if (d.identityColumn != used.identityColumn || d.sequenceStart != used.sequenceStart)
        diff << QStringLiteral("identity %1 from %2 from the sample, %3 from %4 from every row")
                    .arg(used.identityColumn)
                    .arg(used.sequenceStart)
                    .arg(d.identityColumn)
                    .arg(d.sequenceStart);
    if (table->primaryKey) { // a key column holding NULLs becomes a UNIQUE constraint
        for (const QString &c : table->primaryKey->columns) {
            if (hasNulls(used, c) != hasNulls(d, c))
                diff << QStringLiteral("primary key column %1 %2 NULLs")
                            .arg(c, hasNulls(d, c) ? "holds" : "holds no");
        }
    }
    return diff.join(QStringLiteral("; "));
}

Result<TransferPlan> SampledPlan::rebuild(const QHash<QString, TableProfile> &full) const
{
    auto in = std::make_shared<PlanInput>();
    in->source = m_in->source;
    for (const Table *t : m_in->tables) {
        for (const Table &mine : in->source.tables) {
            if (mine.name == t->name)
                in->tables << &mine;
        }
    }
    in->profiles = m_in->profiles;
    for (auto it = full.cbegin(); it != full.cend(); ++it)
        in->profiles.insert(it.key(), it.value());
    in->sqliteSequence = m_in->sqliteSequence;
    in->viewSql = m_in->viewSql;
    in->mapping = m_in->mapping;
    in->options = m_in->options;
    return TransferPlanner::build(std::move(in), m_manual);
}

} // namespace strata
