#pragma once
// A transfer plan decided from sampled profiles (TransferPlanner::planFromSample). It keeps
// what the planner knew, so that a table can be decided again from the full profile the loader
// gathers while it copies every row: the loader commits a table only when that full profile
// leads to the same table (same types, transforms, collations, identity position and keys).
// When it does not, the table is rolled back and the transfer re-planned from full profiles
// (Transfer::planAndRun). Every committed table is therefore exactly what a full plan makes.

#include "transfer/TargetSchema.h"
#include <memory>

namespace strata {

class SampledPlan {
public:
    SampledPlan(std::shared_ptr<const PlanInput> in, std::shared_ptr<const TargetBuilder> built,
                QList<ManualWork> schemaManual)
        : m_in(std::move(in)), m_built(std::move(built)), m_manual(std::move(schemaManual))
    {
    }

    // Empty when `full` (every row of the table) gives the decision `used`; otherwise what
    // differs, for people ("column note: bigint from the sample, text from every row").
    QString differences(const TableDecision &used, const TableProfile &full) const;
    // The plan a full profiling pass would give, from the loaders' full profiles (tables
    // missing from `full` keep their sampled profiles).
    Result<TransferPlan> rebuild(const QHash<QString, TableProfile> &full) const;

private:
    std::shared_ptr<const PlanInput> m_in;
    std::shared_ptr<const TargetBuilder> m_built; // named and decided from the samples
    QList<ManualWork> m_manual;                   // found while reading the schema
};

} // namespace strata
