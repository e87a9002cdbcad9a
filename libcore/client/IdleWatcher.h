// Automatic away: after a while without keyboard or mouse input an "online" user becomes "away"
// (the custom text stays) and returns to the previous status on activity. The idle time comes
// from X11's XScreenSaver extension or Windows' GetLastInputInfo; elsewhere, or without a
// display, the watcher does nothing. Tests inject their own idle source.
#pragma once

#include "client/PresenceManager.h"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

namespace flint {

class IdleWatcher : public QObject {
    Q_OBJECT
public:
    // How long the user has not touched keyboard or mouse; nullopt when it cannot be told now.
    using IdleSource = std::function<std::optional<std::chrono::milliseconds>()>;

    // The platform's idle time, or an empty function where there is none to read.
    static IdleSource systemIdleSource();

    explicit IdleWatcher(PresenceManager &presence, IdleSource source = systemIdleSource(),
                         QObject *parent = nullptr);
    ~IdleWatcher() override;

    std::chrono::milliseconds awayAfter() const { return m_awayAfter; }
    // Zero turns automatic away off (and ends one in progress).
    void setAwayAfter(std::chrono::milliseconds delay);
    // How often the idle time is read.
    void setPollInterval(std::chrono::milliseconds interval);
    bool isAutoAway() const { return m_autoAway; }

Q_SIGNALS:
    void autoAwayChanged(bool autoAway);

private:
    void poll();
    void restore();
    void updateTimer();

    PresenceManager &m_presence;
    IdleSource m_source;
    std::chrono::milliseconds m_awayAfter;
    QTimer m_timer;
    bool m_autoAway = false;
    PresenceStatus m_previous; // what to return to on activity
    PresenceStatus m_away;     // what was set; a different status means the user took over
};

} // namespace flint
