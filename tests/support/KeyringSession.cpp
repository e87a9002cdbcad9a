#include "KeyringSession.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcessEnvironment>
#include <QThread>

#include <csignal>

using namespace Qt::StringLiterals;

namespace flint::test {

KeyringSession &KeyringSession::shared()
{
    static KeyringSession session;
    return session;
}

KeyringSession::KeyringSession()
    : m_previousAddress(qgetenv("DBUS_SESSION_BUS_ADDRESS")),
      m_previousRuntimeDir(qgetenv("XDG_RUNTIME_DIR"))
{
    // A bus of our own configuration, without the session's service directories: with them, a
    // probe sent before our keyring has claimed its name would have the bus start another
    // gnome-keyring-daemon, with the user's real home and a locked keyring, that then owns the
    // name.
    const QString config = m_dir.filePath(u"bus.conf"_s);
    QFile configFile(config);
    if (!configFile.open(QIODevice::WriteOnly) ||
        configFile.write(
            uR"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=%1/bus</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
)"_s.arg(m_dir.path())
                .toUtf8()) < 0) {
        m_error = u"cannot write the bus configuration: "_s + configFile.errorString();
        return;
    }
    configFile.close();

    QProcess bus;
    bus.start(u"dbus-daemon"_s, {u"--config-file=%1"_s.arg(config), u"--fork"_s, u"--nopidfile"_s,
                                 u"--print-address=1"_s, u"--print-pid=1"_s});
    if (!bus.waitForFinished(10000) || bus.exitCode() != 0) {
        m_error =
            u"dbus-daemon did not start: "_s + QString::fromLocal8Bit(bus.readAllStandardError());
        return;
    }
    const QList<QByteArray> lines = bus.readAllStandardOutput().trimmed().split('\n');
    if (lines.size() < 2) {
        m_error = u"dbus-daemon printed no address"_s;
        return;
    }
    m_busPid = lines.at(1).trimmed().toLongLong();
    qputenv("DBUS_SESSION_BUS_ADDRESS", lines.at(0).trimmed());
    qputenv("XDG_RUNTIME_DIR", m_dir.path().toUtf8());

    // --unlock reads the login password from stdin and creates the default keyring with it.
    QProcess keyring;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, m_dir.path());
    keyring.setProcessEnvironment(environment);
    keyring.start(u"gnome-keyring-daemon"_s,
                  {u"--unlock"_s, u"--daemonize"_s, u"--components=secrets"_s});
    keyring.write("flint test keyring\n");
    keyring.closeWriteChannel();
    if (!keyring.waitForFinished(10000) || keyring.exitCode() != 0) {
        m_error = u"gnome-keyring-daemon did not start: "_s +
                  QString::fromLocal8Bit(keyring.readAllStandardError());
        return;
    }
    for (const QByteArray &line : keyring.readAllStandardOutput().split('\n')) {
        if (line.startsWith("GNOME_KEYRING_PID="))
            m_keyringPid = line.mid(int(qstrlen("GNOME_KEYRING_PID="))).toLongLong();
    }
    // The daemon creates the unlocked "login" collection after it has forked: wait for it.
    QDeadlineTimer deadline(15000);
    QString lastAnswer;
    while (!deadline.hasExpired()) {
        QProcess probe;
        probe.start(u"dbus-send"_s,
                    {u"--session"_s, u"--print-reply"_s, u"--dest=org.freedesktop.secrets"_s,
                     u"/org/freedesktop/secrets/collection/login"_s,
                     u"org.freedesktop.DBus.Properties.Get"_s,
                     u"string:org.freedesktop.Secret.Collection"_s, u"string:Locked"_s});
        if (!probe.waitForFinished(5000)) {
            lastAnswer = u"dbus-send did not answer"_s;
            continue;
        }
        const QByteArray answer = probe.readAllStandardOutput();
        if (probe.exitCode() == 0 && answer.contains("boolean false")) {
            m_running = true;
            return;
        }
        lastAnswer = QString::fromLocal8Bit(answer + probe.readAllStandardError()).simplified();
        QThread::msleep(50);
    }
    m_error = u"the keyring's unlocked login collection did not appear; the last answer was: "_s +
              lastAnswer;
}

KeyringSession::~KeyringSession()
{
    // Daemons, not children: stopped, then waited for so their files can be removed.
    for (qint64 pid : {m_keyringPid, m_busPid}) {
        if (pid <= 0 || ::kill(pid_t(pid), SIGTERM) != 0)
            continue;
        QDeadlineTimer deadline(3000);
        while (::kill(pid_t(pid), 0) == 0 && !deadline.hasExpired())
            QThread::msleep(10);
    }
    if (m_previousAddress.isNull())
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    else
        qputenv("DBUS_SESSION_BUS_ADDRESS", m_previousAddress);
    if (m_previousRuntimeDir.isNull())
        qunsetenv("XDG_RUNTIME_DIR");
    else
        qputenv("XDG_RUNTIME_DIR", m_previousRuntimeDir);
}

} // namespace flint::test
