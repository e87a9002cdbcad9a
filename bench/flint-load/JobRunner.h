// Runs numbered asynchronous jobs with bounded concurrency on the current event loop.
#pragma once

#include <functional>

namespace flint::bench {

// Called by a job exactly once when it is over; later calls are ignored.
using FinishJob = std::function<void()>;
using StartJob = std::function<void(int job, FinishJob finish)>;

// Starts jobs 0..count-1, at most `concurrency` at a time, and returns when all have finished
// (true) or when `timeoutMs` has passed (false). Jobs finishing after that are ignored.
bool runJobs(int count, int concurrency, const StartJob &start, int timeoutMs);

// Runs the event loop until `condition` holds (true) or `timeoutMs` has passed (false).
bool waitUntil(const std::function<bool()> &condition, int timeoutMs);

} // namespace flint::bench
