#include "TransferWorker.h"

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

void TransferWorker::plan(const QString &sqlitePath, const TransferOptions &options)
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
    auto plan = TransferPlanner::plan(**session, options, &progress);
    if (!plan) {
        emit planFailed(plan.error());
        return;
    }
    emit planned(*plan);
}

void TransferWorker::run(const QString &sqlitePath, const ConnectionSpec &postgres,
                         const TransferPlan &plan, const RunOptions &options)
{
    ConnectionSpec sqlite;
    sqlite.engine = Engine::Sqlite;
    sqlite.path = sqlitePath;
    Forwarder progress(*this);
    emit finished(Transfer::run(sqlite, postgres, plan, options, &progress));
}

} // namespace strata
