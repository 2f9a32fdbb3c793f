#pragma once
// Decides how an SQLite database becomes a PostgreSQL one: profiles every column's data, picks
// target types and transforms, translates defaults/checks/indexes/views/triggers, folds names,
// applies the user's mapping file, and writes the target DDL. Touches nothing.

#include "connection/DatabaseSession.h"
#include "transfer/TransferPlan.h"
#include "util/Progress.h"
#include <memory>

namespace strata {

struct PlanInput;
class TargetBuilder;

class TransferPlanner {
public:
    // Profiles every row of every table (several passes at a time) before deciding: what
    // --plan shows and the wizard previews.
    static Result<TransferPlan> plan(DatabaseSession &sqlite, const TransferOptions &options,
                                     Progress *progress = nullptr);
    // Decides from a sample of each big table's rows (ColumnProfiler::profileSample) and sets
    // TransferPlan::sampled, so the loader can confirm every table against the full profile
    // it gathers while copying (see SampledPlan.h). Saves the separate profiling pass.
    static Result<TransferPlan> planFromSample(DatabaseSession &sqlite,
                                               const TransferOptions &options,
                                               Progress *progress = nullptr);
    // The plan from gathered input (schema, profiles, options, mapping); `builtOut` receives
    // the decided builder. Used by the two above and SampledPlan::rebuild.
    static Result<TransferPlan> build(std::shared_ptr<const PlanInput> in,
                                      const QList<ManualWork> &schemaManual,
                                      std::shared_ptr<const TargetBuilder> *builtOut = nullptr);
};

} // namespace strata
