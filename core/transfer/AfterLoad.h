#pragma once
// The transaction that finishes a transfer: what plan.afterLoad still holds after the tables'
// own load transactions (foreign keys, views, triggers, ...), then dropping the bookkeeping
// table. A view or a trigger (with its function) runs under its own SAVEPOINT: when PostgreSQL
// refuses its translated SQL (a datetime kept as text compared with now(), a function it lacks)
// it is rolled back to the savepoint and listed as manual work with its SQLite SQL and the
// server's error, and the rest goes on. Any other failure rolls the whole transaction back.

#include "transfer/PgConnection.h"
#include "transfer/TransferPlan.h"
#include <functional>

namespace strata::transfer {

struct AfterLoadOutcome {
    std::optional<Error> error;
    QList<ManualWork> refused; // views and triggers rolled back to their savepoints
};

// Views and triggers among `statements`: plan.translatedObjects, or for a plan without them,
// each CREATE VIEW / FUNCTION / TRIGGER statement on its own.
QList<TranslatedObject> objectsOf(const TransferPlan &plan, const QStringList &statements);

// Runs BEGIN, `statements`, `closing`, COMMIT. `step` is called before each statement with
// its text (for progress). `cancel` interrupts the statement running.
AfterLoadOutcome runAfterLoad(PgConnection &pg, const QStringList &statements,
                              const QList<TranslatedObject> &objects, const QStringList &closing,
                              const std::atomic<bool> &cancel,
                              const std::function<void(const QString &)> &step);

// A statement that turns hash joins off for the rest of the transaction when the foreign key
// (its quoted name) is validated faster by a merge anti-join (see AfterLoad.cpp); reset with
// SET LOCAL enable_hashjoin TO DEFAULT after the VALIDATE.
QString mergeJoinForValidate(const QString &quotedConstraint);

} // namespace strata::transfer
