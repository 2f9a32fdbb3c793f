#include "TransferWorker.h"

#include "transfer/MigrationsTransfer.h"
#include "transfer/TransferPlanner.h"

namespace strata {

void registerTransferMetatypes()
{
    registerUiMetatypes();
    qRegisterMetaType<TransferPlan>();
    qRegisterMetaType<TransferResult>();
    qRegisterMetaType<QList<TableProgress>>();
}

// Forwards the core's progress as queued signals and answers its cancel polls from the flag.
class TransferWorker::Forwarder final : public TransferProgress {
public:
    explicit Forwarder(TransferWorker &worker) : m_worker(worker) {}
    void report(int done, int total, const QString &label) override
    {
        emit m_worker.step(done, total, label);
    }
    void tables(const QList<TableProgress> &tables, qint64 elapsedMs) override
    {
        emit m_worker.tablesProgress(tables, elapsedMs);
    }
    bool cancelled() const override { return m_worker.m_cancel.load(); }

private:
    TransferWorker &m_worker;
};

void TransferWorker::plan(const QString &sqlitePath, const TransferOptions &options,
                          const ConnectionSpec &postgres)
{
    ConnectionSpec spec;
    spec.engine = Engine::Sqlite;
    spec.path = sqlitePath;
    auto session = DatabaseSession::open(spec);
    if (!session) {
        emit planFailed(session.error());
        return;
    }
    Forwarder progress(*this);
    auto plan = options.migrations.isEmpty()
                    ? TransferPlanner::plan(**session, options, &progress)
                    : MigrationsTransfer::plan(**session, postgres, options, &progress);
    if (!plan) {
        emit planFailed(plan.error());
        return;
    }
    emit planned(*plan);
}

void TransferWorker::run(const QString &sqlitePath, const ConnectionSpec &postgres,
                         const TransferPlan &plan, const RunOptions &options,
                         const TransferOptions &transferOptions)
{
    ConnectionSpec sqlite;
    sqlite.engine = Engine::Sqlite;
    sqlite.path = sqlitePath;
    Forwarder progress(*this);
    if (transferOptions.migrations.isEmpty()) {
        emit finished(Transfer::run(sqlite, postgres, plan, options, &progress));
        return;
    }
    // Built from the migrations: schema, data and history in one transaction, planned again
    // inside it (the plan shown was rolled back).
    auto session = DatabaseSession::open(sqlite);
    if (!session) {
        TransferResult failed;
        failed.error = session.error();
        emit finished(failed);
        return;
    }
    emit finished(
        MigrationsTransfer::run(**session, postgres, transferOptions, options, &progress).result);
}

} // namespace strata
