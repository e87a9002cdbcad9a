#include "JobRunner.h"

#include <QEventLoop>
#include <QTimer>

#include <memory>

namespace flint::bench {
namespace {

struct JobState {
    QEventLoop *loop = nullptr;
    StartJob start;
    int count = 0;
    int concurrency = 0;
    int next = 0;
    int running = 0;
    int finished = 0;
};

void fill(const std::shared_ptr<JobState> &state)
{
    while (state->loop && state->running < state->concurrency && state->next < state->count) {
        ++state->running;
        const int job = state->next++;
        auto called = std::make_shared<bool>(false);
        state->start(job, [state, called] {
            if (*called || !state->loop)
                return;
            *called = true;
            --state->running;
            ++state->finished;
            // Queued, so a job finishing inside start() does not recurse into fill().
            QTimer::singleShot(0, state->loop, [state] {
                if (state->finished == state->count)
                    state->loop->quit();
                else
                    fill(state);
            });
        });
    }
}

} // namespace

bool runJobs(int count, int concurrency, const StartJob &start, int timeoutMs)
{
    QEventLoop loop;
    auto state = std::make_shared<JobState>();
    state->loop = &loop;
    state->start = start;
    state->count = count;
    state->concurrency = concurrency;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    deadline.start(timeoutMs);
    fill(state);
    if (state->finished < count)
        loop.exec();
    state->loop = nullptr;
    return state->finished == count;
}

bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (condition())
            loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    if (condition())
        return true;
    poll.start(20);
    deadline.start(timeoutMs);
    loop.exec();
    return condition();
}

} // namespace flint::bench
