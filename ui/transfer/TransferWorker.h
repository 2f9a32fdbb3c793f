#pragma once
// The transfer wizard's worker: lives in its own QThread and runs the planner (which profiles
// the SQLite data) and Transfer::run there. Per-table progress leaves as queued signals a few
// times a second; cancel() only sets a flag the core polls.

#include "transfer/Transfer.h"
#include "workspace/WorkspaceWorker.h" // Error's metatype

#include <QObject>
#include <atomic>

namespace strata {

class TransferWorker : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Requests, called in the worker's thread (QMetaObject::invokeMethod from the wizard).
    // With TransferOptions::migrations the plan builds the folder on `postgres` inside a
    // transaction it rolls back and reads every row (MigrationsTransfer::plan), and the run
    // builds, loads and commits at once; otherwise `postgres` is not used by the plan.
    void plan(const QString &sqlitePath, const strata::TransferOptions &options,
              const strata::ConnectionSpec &postgres);
    void run(const QString &sqlitePath, const strata::ConnectionSpec &postgres,
             const strata::TransferPlan &plan, const strata::RunOptions &options,
             const strata::TransferOptions &transferOptions);
    // Thread-safe.
    void cancel() { m_cancel.store(true); }
    void resetCancel() { m_cancel.store(false); }

signals:
    void planned(const strata::TransferPlan &plan);
    void planFailed(const strata::Error &error);
    void step(int done, int total, const QString &label);
    void tablesProgress(const QList<strata::TableProgress> &tables, qint64 elapsedMs);
    void finished(const strata::TransferResult &result);

private:
    class Forwarder;
    std::atomic<bool> m_cancel{false};
};

void registerTransferMetatypes();

} // namespace strata

Q_DECLARE_METATYPE(strata::TransferPlan)
Q_DECLARE_METATYPE(strata::TransferResult)
Q_DECLARE_METATYPE(strata::TableProgress)
