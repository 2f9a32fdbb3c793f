#pragma once
// Runs the PostgreSQL readiness check (core/check ReadinessCheck) for a migrations folder off
// the GUI thread: whoever owns it moves it to a worker thread and calls check() there through
// a queued call. Progress counts versions and leaves as queued signals; cancel() only sets a
// flag the core polls between steps (the scratch database is dropped all the same).

#include "check/ReadinessCheck.h"
#include "workspace/WorkspaceWorker.h" // Error's metatype

#include <QObject>
#include <atomic>

namespace strata {

class ReadinessWorker : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Called in the worker's thread: reads `folder` and checks it against `server`.
    void check(const QString &folder, const strata::ConnectionSpec &server);
    // Thread-safe.
    void cancel() { m_cancel.store(true); }
    void resetCancel() { m_cancel.store(false); }

signals:
    void progressed(int done, int total, const QString &label);
    void checked(const strata::ReadinessResult &result);
    void failed(const strata::Error &error); // the check could not start (folder, server)

private:
    class Forwarder;
    std::atomic<bool> m_cancel{false};
};

// ReadinessResult crosses threads in queued signals (Qt 6 needs no Q_DECLARE_METATYPE for it).
void registerReadinessMetatypes();

} // namespace strata
