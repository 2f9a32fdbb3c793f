#include "transfer/Polling.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace strata::transfer {

void runPolling(const std::function<void()> &work, std::atomic<bool> &cancel, Progress *progress,
                const std::function<void()> &tick)
{
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
    std::thread t([&] {
        work();
        std::lock_guard lock(m);
        done = true;
        cv.notify_all();
    });
    for (;;) {
        {
            std::unique_lock lock(m);
            if (cv.wait_for(lock, std::chrono::milliseconds(200), [&] { return done; }))
                break;
        }
        if (progress && progress->cancelled())
            cancel = true;
        tick();
        if (progress && progress->cancelled()) // a cancel decided while showing progress
            cancel = true;
    }
    t.join();
    tick();
}

} // namespace strata::transfer
