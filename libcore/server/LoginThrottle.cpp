#include "LoginThrottle.h"

#include <algorithm>

namespace flint {
namespace {

constexpr qint64 ForgetAfterMs = 15 * 60 * 1000;

} // namespace

LoginThrottle::LoginThrottle(int failuresBeforeBackoff, int maxBackoffSeconds)
    : m_threshold(failuresBeforeBackoff), m_maxBackoffMs(maxBackoffSeconds * 1000)
{
    m_clock.start();
}

int LoginThrottle::delayFor(Failures &failures, qint64 now) const
{
    failures.count += 1;
    failures.lastAt = now;
    const int excess = failures.count - m_threshold;
    if (excess < 0)
        return 0;
    const qint64 delay = 500LL << std::min(excess, 16);
    return int(std::min<qint64>(delay, m_maxBackoffMs));
}

int LoginThrottle::recordFailure(const QHostAddress &address, const QString &username)
{
    const qint64 now = m_clock.elapsed();
    forgetOld(now);
    int delay = delayFor(m_byAddress[address.toString()], now);
    if (!username.isEmpty())
        delay = std::max(delay, delayFor(m_byAccount[username], now));
    return delay;
}

void LoginThrottle::recordSuccess(const QHostAddress &address, const QString &username)
{
    m_byAddress.remove(address.toString());
    m_byAccount.remove(username);
}

void LoginThrottle::forgetOld(qint64 now)
{
    for (auto *table : {&m_byAddress, &m_byAccount}) {
        table->removeIf(
            [now](const auto &entry) { return now - entry.value().lastAt > ForgetAfterMs; });
    }
}

} // namespace flint
