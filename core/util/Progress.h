#pragma once
// A small progress/cancel hook for long core calls: the CLI prints it, the GUI shows a bar.

#include <QString>

namespace strata {

class Progress {
public:
    virtual ~Progress() = default;
    // `done` of `total` units finished; `label` says what is running now.
    virtual void report(int done, int total, const QString &label)
    {
        Q_UNUSED(done);
        Q_UNUSED(total);
        Q_UNUSED(label);
    }
    // A one-off remark about the run (e.g. waiting for another migrator's lock).
    virtual void note(const QString &text) { Q_UNUSED(text); }
    // Polled between units of work; true stops the call, which leaves the database as it was.
    virtual bool cancelled() const { return false; }
};

} // namespace strata
