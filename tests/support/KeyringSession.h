// A private D-Bus session bus with an unlocked GNOME keyring (Secret Service) for the life of
// the object, so tests reach the same keyring path the app uses on a desktop. The environment's
// DBUS_SESSION_BUS_ADDRESS points at it; create it before anything in the process has used the
// session bus. Use shared(): GLib terminates a process whose session bus goes away while its
// event loop still runs, so the bus must outlive the test's event loop.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace flint::test {

class KeyringSession {
public:
    // The process's one keyring session, stopped when the process exits.
    static KeyringSession &shared();
    ~KeyringSession();
    KeyringSession(const KeyringSession &) = delete;
    KeyringSession &operator=(const KeyringSession &) = delete;

    // Whether the bus and the keyring are up; see error() otherwise.
    bool isRunning() const { return m_running; }
    QString error() const { return m_error; }

private:
    KeyringSession();

    QTemporaryDir m_dir;
    qint64 m_busPid = 0;
    qint64 m_keyringPid = 0;
    QByteArray m_previousAddress;
    QByteArray m_previousRuntimeDir;
    bool m_running = false;
    QString m_error;
};

} // namespace flint::test
