#include "IdleWatcher.h"

#include "common/Logging.h"

#include <QtGlobal>

#include <algorithm>
#include <memory>

// Last: X11's headers define macros (None, Status, Bool…) that would clash with Qt's.
#if defined(FLINT_HAVE_XSS)
#include <X11/Xlib.h>
#include <X11/extensions/scrnsaver.h>
#elif defined(Q_OS_WIN)
#define NOMINMAX
#include <windows.h>
#endif

using namespace std::chrono_literals;

namespace flint {
namespace {

constexpr std::chrono::milliseconds DefaultAwayAfter = 5min;
constexpr std::chrono::milliseconds DefaultPollInterval = 5s;

#if defined(FLINT_HAVE_XSS)
IdleWatcher::IdleSource x11IdleSource()
{
    // Under Wayland, XWayland only sees input to X clients: the idle time would keep growing
    // while the user types elsewhere.
    if (qEnvironmentVariable("XDG_SESSION_TYPE") == QLatin1String("wayland"))
        return {};
    Display *opened = XOpenDisplay(nullptr);
    if (!opened)
        return {};
    std::shared_ptr<Display> display(opened, [](Display *d) { XCloseDisplay(d); });
    int eventBase = 0;
    int errorBase = 0;
    if (!XScreenSaverQueryExtension(display.get(), &eventBase, &errorBase))
        return {};
    std::shared_ptr<XScreenSaverInfo> info(XScreenSaverAllocInfo(),
                                           [](XScreenSaverInfo *i) { XFree(i); });
    if (!info)
        return {};
    return [display, info]() -> std::optional<std::chrono::milliseconds> {
        if (!XScreenSaverQueryInfo(display.get(), DefaultRootWindow(display.get()), info.get()))
            return std::nullopt;
        return std::chrono::milliseconds(info->idle);
    };
}
#endif

} // namespace

IdleWatcher::IdleSource IdleWatcher::systemIdleSource()
{
#if defined(FLINT_HAVE_XSS)
    return x11IdleSource();
#elif defined(Q_OS_WIN)
    return []() -> std::optional<std::chrono::milliseconds> {
        LASTINPUTINFO info{sizeof(LASTINPUTINFO), 0};
        if (!GetLastInputInfo(&info))
            return std::nullopt;
        // Unsigned subtraction stays right across the tick counter's 49-day wrap.
        return std::chrono::milliseconds(GetTickCount() - info.dwTime);
    };
#else
    return {};
#endif
}

IdleWatcher::IdleWatcher(PresenceManager &presence, IdleSource source, QObject *parent)
    : QObject(parent), m_presence(presence), m_source(std::move(source)),
      m_awayAfter(DefaultAwayAfter)
{
    m_timer.setInterval(DefaultPollInterval);
    connect(&m_timer, &QTimer::timeout, this, &IdleWatcher::poll);
    connect(&presence, &PresenceManager::statusChanged, this, [this](const PresenceStatus &status) {
        if (m_autoAway && status != m_away) {
            // The user chose a status while away: theirs stands, nothing to restore later.
            m_autoAway = false;
            Q_EMIT autoAwayChanged(false);
        }
    });
    updateTimer();
}

IdleWatcher::~IdleWatcher() = default;

void IdleWatcher::setAwayAfter(std::chrono::milliseconds delay)
{
    m_awayAfter = std::max(delay, 0ms);
    if (m_awayAfter == 0ms && m_autoAway)
        restore();
    updateTimer();
}

void IdleWatcher::setPollInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(std::max(interval, 1ms));
}

void IdleWatcher::updateTimer()
{
    if (m_source && m_awayAfter > 0ms)
        m_timer.start();
    else
        m_timer.stop();
}

void IdleWatcher::poll()
{
    const auto idle = m_source();
    if (!idle)
        return;
    if (m_autoAway) {
        if (*idle < m_awayAfter)
            restore();
        return;
    }
    const PresenceStatus current = m_presence.status();
    // Only someone who reads as present is made away; busy or already away stays as chosen.
    if (*idle < m_awayAfter || (current.availability != PresenceStatus::Online &&
                                current.availability != PresenceStatus::FreeForChat))
        return;
    m_previous = current;
    m_away = {PresenceStatus::Away, current.text};
    m_autoAway = true;
    qCInfo(lcClientPresence) << "idle for" << idle->count() << "ms: away";
    m_presence.setStatus(m_away);
    Q_EMIT autoAwayChanged(true);
}

void IdleWatcher::restore()
{
    m_autoAway = false;
    if (m_presence.status() == m_away) {
        qCInfo(lcClientPresence) << "activity: back to" << m_previous.availability;
        m_presence.setStatus(m_previous);
    }
    Q_EMIT autoAwayChanged(false);
}

} // namespace flint
