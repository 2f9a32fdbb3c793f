#pragma once
// Long transfer work runs on a thread of its own while the calling thread reports progress: so
// every Progress call happens on the caller's thread (the GUI's worker, the CLI's main thread),
// and the database work on a thread that owns its connections.

#include "util/Progress.h"
#include <atomic>
#include <functional>

namespace strata::transfer {

// Runs `work` on a new thread; this thread calls `tick` a few times a second and turns
// Progress::cancelled() into the `cancel` flag the work polls. Returns when `work` has.
void runPolling(const std::function<void()> &work, std::atomic<bool> &cancel, Progress *progress,
                const std::function<void()> &tick);

} // namespace strata::transfer
