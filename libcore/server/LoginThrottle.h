// Slows down password guessing: failed logins per IP address and per account earn an
// exponentially growing delay before the failure is answered. A correct password is never
// refused, so the real user is not locked out.
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QString>

namespace flint {

class LoginThrottle {
public:
    LoginThrottle(int failuresBeforeBackoff, int maxBackoffSeconds);

    // Records a failure; returns how long to wait before answering it, in milliseconds.
    int recordFailure(const QHostAddress &address, const QString &username);
    void recordSuccess(const QHostAddress &address, const QString &username);

private:
    struct Failures {
        int count = 0;
        qint64 lastAt = 0;
    };
    int delayFor(Failures &failures, qint64 now) const;
    void forgetOld(qint64 now);

    int m_threshold;
    int m_maxBackoffMs;
    QElapsedTimer m_clock;
    QHash<QString, Failures> m_byAddress;
    QHash<QString, Failures> m_byAccount;
};

} // namespace flint
