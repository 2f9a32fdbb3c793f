#include "ReadinessWorker.h"

#include "migration/MigrationSource.h"

namespace strata {

void registerReadinessMetatypes()
{
    registerUiMetatypes();
    qRegisterMetaType<ReadinessResult>();
}

// Forwards the core's progress as queued signals and answers its cancel polls from the flag.
class ReadinessWorker::Forwarder final : public Progress {
public:
    explicit Forwarder(ReadinessWorker &worker) : m_worker(worker) {}
    void report(int done, int total, const QString &label) override
    {
        emit m_worker.progressed(done, total, label);
    }
    bool cancelled() const override { return m_worker.m_cancel.load(); }

private:
    ReadinessWorker &m_worker;
};

void ReadinessWorker::check(const QString &folder, const ConnectionSpec &server)
{
    auto set = MigrationSource::read(folder);
    if (!set) {
        emit failed(set.error());
        return;
    }
    Forwarder progress(*this);
    auto result = ReadinessCheck::run(*set, server, &progress);
    if (!result) {
        emit failed(result.error());
        return;
    }
    emit checked(*result);
}

} // namespace strata
