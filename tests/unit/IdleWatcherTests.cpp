// Automatic away with an injected idle time: away after the threshold with the custom text kept,
// back on activity, and never over a status the user chose.
#include "client/AccountSession.h"
#include "client/CertificateTrust.h"
#include "client/IdleWatcher.h"
#include "client/PresenceManager.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace flint;
using namespace flint::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// A PresenceManager on a session that never connects: statuses are only recorded.
struct Presence {
    QTemporaryDir dir;
    CertificateTrust trust{dir.filePath(u"pins"_s)};
    AccountSession session{trust};
    PresenceManager presence{session};
};

// The idle time the watcher reads, set by the test.
struct FakeIdle {
    std::optional<std::chrono::milliseconds> idle = 0ms;
    IdleWatcher::IdleSource source()
    {
        return [this] { return idle; };
    }
};

// Sets (or with a null value unsets) an environment variable until the end of the scope.
class EnvironmentScope {
public:
    EnvironmentScope(const char *name, const QByteArray &value)
        : m_name(name), m_had(qEnvironmentVariableIsSet(name)), m_previous(qgetenv(name))
    {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }
    ~EnvironmentScope()
    {
        if (m_had)
            qputenv(m_name, m_previous);
        else
            qunsetenv(m_name);
    }

private:
    const char *m_name;
    bool m_had;
    QByteArray m_previous;
};

PresenceStatus::Availability availability(const PresenceManager &presence)
{
    return presence.status().availability;
}

} // namespace

TEST_CASE("Idle past the threshold makes an online user away, activity brings them back",
          "[unit][presence][idle]")
{
    Presence fixture;
    PresenceManager &presence = fixture.presence;
    REQUIRE(presence.setStatus({PresenceStatus::Online, u"at the desk"_s}));
    FakeIdle fake;
    IdleWatcher watcher(presence, fake.source());
    watcher.setPollInterval(10ms);
    watcher.setAwayAfter(200ms);
    QSignalSpy autoAway(&watcher, &IdleWatcher::autoAwayChanged);

    fake.idle = 150ms;
    CHECK_FALSE(waitFor([&] { return watcher.isAutoAway(); }, 100));
    CHECK(availability(presence) == PresenceStatus::Online);

    fake.idle = 250ms;
    REQUIRE(waitFor([&] { return watcher.isAutoAway(); }, 2000));
    CHECK(presence.status() == PresenceStatus{PresenceStatus::Away, u"at the desk"_s});
    REQUIRE(autoAway.count() == 1);
    CHECK(autoAway.first().first().toBool());

    // Still idle: nothing more happens.
    fake.idle = 5s;
    CHECK_FALSE(waitFor([&] { return autoAway.count() > 1; }, 100));

    fake.idle = 20ms;
    REQUIRE(waitFor([&] { return !watcher.isAutoAway(); }, 2000));
    CHECK(presence.status() == PresenceStatus{PresenceStatus::Online, u"at the desk"_s});
    REQUIRE(autoAway.count() == 2);
    CHECK_FALSE(autoAway.last().first().toBool());

    // Free for chat is restored as such.
    REQUIRE(presence.setStatus({PresenceStatus::FreeForChat, {}}));
    fake.idle = 1s;
    REQUIRE(waitFor([&] { return watcher.isAutoAway(); }, 2000));
    CHECK(availability(presence) == PresenceStatus::Away);
    fake.idle = 0ms;
    REQUIRE(waitFor([&] { return !watcher.isAutoAway(); }, 2000));
    CHECK(availability(presence) == PresenceStatus::FreeForChat);
}

TEST_CASE("Automatic away leaves a chosen busy or away status alone", "[unit][presence][idle]")
{
    Presence fixture;
    PresenceManager &presence = fixture.presence;
    FakeIdle fake;
    IdleWatcher watcher(presence, fake.source());
    watcher.setPollInterval(10ms);
    watcher.setAwayAfter(100ms);
    fake.idle = 10min;

    for (const auto chosen :
         {PresenceStatus::DoNotDisturb, PresenceStatus::ExtendedAway, PresenceStatus::Away}) {
        REQUIRE(presence.setStatus({chosen, u"chosen"_s}));
        CHECK_FALSE(waitFor([&] { return watcher.isAutoAway(); }, 100));
        CHECK(presence.status() == PresenceStatus{chosen, u"chosen"_s});
    }
}

TEST_CASE("A status the user picks while automatically away stays after activity",
          "[unit][presence][idle]")
{
    Presence fixture;
    PresenceManager &presence = fixture.presence;
    FakeIdle fake;
    IdleWatcher watcher(presence, fake.source());
    watcher.setPollInterval(10ms);
    watcher.setAwayAfter(100ms);
    QSignalSpy autoAway(&watcher, &IdleWatcher::autoAwayChanged);

    fake.idle = 1s;
    REQUIRE(waitFor([&] { return watcher.isAutoAway(); }, 2000));
    REQUIRE(presence.setStatus({PresenceStatus::DoNotDisturb, u"call"_s}));
    CHECK_FALSE(watcher.isAutoAway());
    REQUIRE(autoAway.count() == 2);

    fake.idle = 0ms;
    CHECK_FALSE(waitFor([&] { return autoAway.count() > 2; }, 100));
    CHECK(presence.status() == PresenceStatus{PresenceStatus::DoNotDisturb, u"call"_s});
}

TEST_CASE("Automatic away can be switched off, and an unknown idle time changes nothing",
          "[unit][presence][idle]")
{
    Presence fixture;
    PresenceManager &presence = fixture.presence;
    FakeIdle fake;
    IdleWatcher watcher(presence, fake.source());
    watcher.setPollInterval(10ms);
    watcher.setAwayAfter(100ms);

    fake.idle = std::nullopt;
    CHECK_FALSE(waitFor([&] { return watcher.isAutoAway(); }, 100));

    fake.idle = 1s;
    REQUIRE(waitFor([&] { return watcher.isAutoAway(); }, 2000));
    // Switching it off while away returns to the previous status.
    watcher.setAwayAfter(0ms);
    CHECK_FALSE(watcher.isAutoAway());
    CHECK(availability(presence) == PresenceStatus::Online);
    CHECK_FALSE(waitFor([&] { return watcher.isAutoAway(); }, 100));

    // An idle time that cannot be read keeps the current state.
    watcher.setAwayAfter(100ms);
    REQUIRE(waitFor([&] { return watcher.isAutoAway(); }, 2000));
    fake.idle = std::nullopt;
    CHECK_FALSE(waitFor([&] { return !watcher.isAutoAway(); }, 100));

    // Offline is logging out, not a status.
    CHECK_FALSE(presence.setStatus({PresenceStatus::Offline, {}}));
}

TEST_CASE("Without a display there is no system idle source and the watcher stays idle",
          "[unit][presence][idle]")
{
    // Every Windows session has an idle time.
#ifndef Q_OS_WIN
    if (!qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return; // a desktop session: the source is real and its readings are not ours to pick
    CHECK_FALSE(IdleWatcher::systemIdleSource());
    Presence fixture;
    IdleWatcher watcher(fixture.presence);
    watcher.setPollInterval(1ms);
    watcher.setAwayAfter(1ms);
    CHECK_FALSE(waitFor([&] { return watcher.isAutoAway(); }, 50));
    CHECK(availability(fixture.presence) == PresenceStatus::Online);
#endif
}

TEST_CASE("On X11 the idle time comes from the XScreenSaver extension", "[unit][presence][idle]")
{
#ifdef Q_OS_LINUX
    const QString xvfb = QStandardPaths::findExecutable(u"Xvfb"_s);
    REQUIRE_FALSE(xvfb.isEmpty()); // the test command installs xvfb and libxss-dev
    // A private X server; it prints the display number it picked.
    QProcess server;
    server.start(xvfb, {u"-displayfd"_s, u"1"_s, u"-nolisten"_s, u"tcp"_s});
    REQUIRE(waitFor([&] { return server.canReadLine(); }, 10000));
    const QByteArray display = ':' + server.readLine().trimmed();
    {
        EnvironmentScope displayVariable("DISPLAY", display);
        EnvironmentScope sessionType("XDG_SESSION_TYPE", QByteArray());
        const IdleWatcher::IdleSource source = IdleWatcher::systemIdleSource();
        REQUIRE(source);
        // Nobody touches this server: its idle time only grows.
        const auto first = source();
        REQUIRE(first.has_value());
        CHECK_FALSE(waitFor([] { return false; }, 200));
        const auto second = source();
        REQUIRE(second.has_value());
        CHECK(*second - *first >= 150ms);

        Presence fixture;
        IdleWatcher watcher(fixture.presence);
        watcher.setPollInterval(10ms);
        watcher.setAwayAfter(100ms);
        REQUIRE(waitFor([&] { return watcher.isAutoAway(); }, 5000));
        CHECK(availability(fixture.presence) == PresenceStatus::Away);
    }
    // Every display connection is closed by now: Xlib exits the process when its server dies.
    server.terminate();
    CHECK(server.waitForFinished(5000));
#endif
}
