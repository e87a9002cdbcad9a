// Interoperability with slixmpp (a Python XMPP library): in-band registration, SCRAM login,
// roster, subscription handshake, presence and messages with a Flint user on QXmppClient.
#include "client/CertificateTrust.h"
#include "client/ClientAccount.h"
#include "client/TransferService.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QCryptographicHash>
#include <QDomElement>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QXmppClient.h>
#include <QXmppDataForm.h>
#include <QXmppMessage.h>
#include <QXmppMucIq.h>
#include <QXmppPresence.h>
#include <QXmppRosterManager.h>
#include <QXmppTask.h>
#include <algorithm>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

// Debian's slixmpp is installed for the system interpreter.
const QString Python = u"/usr/bin/python3"_s;

// slixmpp_peer.py as a child process: commands on stdin, one report per line on stdout.
class SlixmppPeer {
public:
    SlixmppPeer(const TestServer &server, const QString &jid, const QString &password,
                const QString &mechanism, bool registerAccount)
    {
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process, [this] {
            m_output += m_process.readAllStandardOutput();
            while (m_output.contains('\n')) {
                const qsizetype end = m_output.indexOf('\n');
                m_lines << QString::fromUtf8(m_output.left(end));
                m_output.remove(0, end + 1);
            }
        });
        QStringList arguments = {QStringLiteral(FLINT_TEST_SCRIPTS_DIR "/slixmpp_peer.py"),
                                 u"--port"_s,
                                 QString::number(server.port()),
                                 u"--jid"_s,
                                 jid,
                                 u"--password"_s,
                                 password,
                                 u"--mechanism"_s,
                                 mechanism};
        if (registerAccount)
            arguments << u"--register"_s;
        m_process.start(Python, arguments);
    }

    ~SlixmppPeer()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        command(u"quit"_s);
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }

    bool isAvailable() const { return QFileInfo(Python).isExecutable(); }
    void command(const QString &line) { m_process.write(line.toUtf8() + '\n'); }
    bool hasLine(const QString &line, bool prefix = false) const
    {
        return std::ranges::any_of(m_lines, [&](const QString &received) {
            return prefix ? received.startsWith(line) : received == line;
        });
    }
    bool waitForLine(const QString &line, int timeoutMs = 15000)
    {
        const bool found = waitFor([&] { return hasLine(line); }, timeoutMs);
        if (!found)
            WARN("no \"" << line.toStdString()
                         << "\" from slixmpp; it said: " << m_lines.join(u" | "_s).toStdString()
                         << "\nstderr: " << m_process.readAllStandardError().toStdString());
        return found;
    }

private:
    QProcess m_process;
    QByteArray m_output;
    QStringList m_lines;
};

} // namespace

TEST_CASE("slixmpp registers, logs in with SCRAM and chats with a Flint user", "[interop]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    const QString mechanism = GENERATE(u"SCRAM-SHA-1"_s, u"SCRAM-SHA-256"_s);
    INFO("backend: " << backendName(backend).toStdString() << ", " << mechanism.toStdString());
    TestServer server({.backend = backend, .registrationPolicy = u"open"_s});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"pw-alice"_s));

    QXmppClient alice;
    auto *roster = alice.findExtension<QXmppRosterManager>();
    QObject::connect(roster, &QXmppRosterManager::subscriptionRequestReceived, &alice,
                     [roster](const QString &from, const QXmppPresence &) {
                         roster->acceptSubscription(from);
                         roster->subscribe(from);
                     });
    QList<QXmppMessage> inbox;
    QObject::connect(&alice, &QXmppClient::messageReceived, &alice,
                     [&](const QXmppMessage &message) {
                         if (!message.body().isEmpty())
                             inbox << message;
                     });
    REQUIRE(connectClient(alice, server.clientConfiguration(u"alice"_s, u"pw-alice"_s)));

    SlixmppPeer carol(server, u"carol@flint.test/slix"_s, u"carol's secret"_s, mechanism, true);
    REQUIRE(carol.isAvailable());
    REQUIRE(carol.waitForLine(u"OK registered"_s));
    REQUIRE(carol.waitForLine(u"OK session carol@flint.test/slix "_s + mechanism));
    QString users;
    REQUIRE(server.runCli({u"user"_s, u"list"_s}, {}, &users) == 0);
    CHECK(users.contains(u"carol@flint.test"_s));

    // Subscription handshake, both ways: carol asks, alice approves and asks back.
    carol.command(u"subscribe alice@flint.test"_s);
    REQUIRE(carol.waitForLine(u"OK subscribe alice@flint.test"_s));
    REQUIRE(carol.waitForLine(u"ROSTER alice@flint.test both"_s));
    REQUIRE(waitFor([&] {
        return roster->getRosterEntry(u"carol@flint.test"_s).subscriptionType() ==
               QXmppRosterIq::Item::Both;
    }));

    // Presence flows both ways once subscribed.
    CHECK(carol.waitForLine(u"PRESENCE alice@flint.test/test available"_s));
    CHECK(waitFor([&] { return roster->getResources(u"carol@flint.test"_s).contains(u"slix"_s); }));

    carol.command(u"message alice@flint.test hello from slixmpp"_s);
    REQUIRE(waitFor([&] { return !inbox.isEmpty(); }));
    CHECK(inbox.first().body() == u"hello from slixmpp"_s);
    CHECK(inbox.first().from() == u"carol@flint.test/slix"_s);

    alice.sendMessage(u"carol@flint.test"_s, u"hello from flint"_s);
    CHECK(carol.waitForLine(u"RECV alice@flint.test/test hello from flint"_s));

    // Carol's session ends: alice sees her go offline.
    carol.command(u"quit"_s);
    CHECK(carol.waitForLine(u"BYE"_s));
    CHECK(waitFor([&] { return roster->getResources(u"carol@flint.test"_s).isEmpty(); }));
}

TEST_CASE("slixmpp is refused a wrong password", "[interop]")
{
    TestServer server;
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"dave"_s, u"right"_s));
    SlixmppPeer dave(server, u"dave@flint.test/slix"_s, u"wrong"_s, u"SCRAM-SHA-256"_s, false);
    REQUIRE(dave.isAvailable());
    CHECK(dave.waitForLine(u"FAIL auth not-authorized"_s));
    CHECK(dave.waitForLine(u"BYE"_s));
    CHECK_FALSE(dave.hasLine(u"OK session"_s, true));
}

TEST_CASE("slixmpp joins a flint room and exchanges messages with a Flint user", "[muc][interop]")
{
    TestServer server;
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"pw-alice"_s));
    REQUIRE(server.addUser(u"carol"_s, u"pw-carol"_s));
    const QString room = u"talk@conference.flint.test"_s;

    QXmppClient alice;
    QList<QXmppMessage> inbox;
    bool joined = false;
    QObject::connect(&alice, &QXmppClient::messageReceived, &alice,
                     [&](const QXmppMessage &message) {
                         if (!message.body().isEmpty())
                             inbox << message;
                     });
    QObject::connect(&alice, &QXmppClient::presenceReceived, &alice,
                     [&](const QXmppPresence &presence) {
                         joined = joined || presence.mucStatusCodes().contains(110);
                     });
    REQUIRE(connectClient(alice, server.clientConfiguration(u"alice"_s, u"pw-alice"_s)));
    // Alice creates the room (an instant room) and says something before carol comes.
    QXmppPresence join;
    join.setTo(room + u"/Alice"_s);
    join.setMucSupported(true);
    alice.sendPacket(join);
    REQUIRE(waitFor([&] { return joined; }));
    QXmppMucOwnerIq instant;
    instant.setType(QXmppIq::Set);
    instant.setTo(room);
    instant.setForm(QXmppDataForm(QXmppDataForm::Submit));
    bool unlocked = false;
    alice.sendIq(std::move(instant)).then(&alice, [&](QXmppClient::IqResult &&result) {
        unlocked = std::holds_alternative<QDomElement>(result);
    });
    REQUIRE(waitFor([&] { return unlocked; }));
    QXmppMessage early(QString(), room, u"before you came"_s);
    early.setType(QXmppMessage::GroupChat);
    alice.sendPacket(early);
    REQUIRE(waitFor([&] { return !inbox.isEmpty(); }));
    REQUIRE(inbox.first().type() == QXmppMessage::GroupChat);

    SlixmppPeer carol(server, u"carol@flint.test/slix"_s, u"pw-carol"_s, u"SCRAM-SHA-256"_s, false);
    REQUIRE(carol.isAvailable());
    REQUIRE(carol.waitForLine(u"OK session carol@flint.test/slix SCRAM-SHA-256"_s));
    carol.command(u"join %1 Carol"_s.arg(room));
    // slixmpp waits for its own presence, the history (one message) and the subject.
    REQUIRE(carol.waitForLine(u"JOINED %1 Carol 1 -"_s.arg(room)));

    QXmppMessage hello(QString(), room, u"hello slixmpp"_s);
    hello.setType(QXmppMessage::GroupChat);
    alice.sendPacket(hello);
    CHECK(carol.waitForLine(u"GROUPCHAT %1/Alice hello slixmpp"_s.arg(room)));
    carol.command(u"groupchat %1 hello flint"_s.arg(room));
    REQUIRE(waitFor([&] { return inbox.last().body() == u"hello flint"_s; }));
    CHECK(inbox.last().from() == room + u"/Carol"_s);
    CHECK(inbox.last().type() == QXmppMessage::GroupChat);
}

TEST_CASE("slixmpp sends a file to a Flint user through the flint proxy", "[transfers][interop]")
{
    TestServer server;
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"carol"_s, u"carol pw"_s));

    // Alice runs Flint's client core, as the desktop app does.
    QTemporaryDir dir;
    const QString aliceJid = u"alice@flint.test"_s;
    flint::CertificateTrust trust(dir.filePath(u"pinned-certificates"_s));
    REQUIRE(trust.trustCertificate(
        aliceJid,
        QSslCertificate::fromPath(server.dataDirectory() + u"/certificate.pem"_s).value(0)));
    flint::ClientAccount alice(aliceJid, dir.filePath(u"data"_s), trust);
    alice.transfers().setDownloadsDirectory(dir.filePath(u"downloads"_s));
    QList<flint::Transfer *> offers;
    QObject::connect(&alice.transfers(), &flint::TransferService::offerReceived,
                     [&](flint::Transfer *transfer) { offers << transfer; });
    bool loggedIn = false;
    QObject::connect(&alice.session(), &flint::AccountSession::loggedIn, [&] { loggedIn = true; });
    alice.logIn({.jid = aliceJid,
                 .password = u"alice pw"_s,
                 .address = u"127.0.0.1:%1"_s.arg(server.port()),
                 .resource = u"desk"_s,
                 .timeoutSeconds = 10});
    REQUIRE(waitFor([&] { return loggedIn; }, 15000));

    const QString path = dir.filePath(u"from slixmpp.bin"_s);
    QByteArray content(3 * 1024 * 1024 + 11, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(content.data()),
                                          content.size() / 4);
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    REQUIRE(file.write(content) == content.size());
    file.close();

    QProcess carol;
    carol.start(Python, {QStringLiteral(FLINT_TEST_SCRIPTS_DIR "/slixmpp_sender.py"), u"--port"_s,
                         QString::number(server.port()), u"--jid"_s, u"carol@flint.test/slix"_s,
                         u"--password"_s, u"carol pw"_s, u"--to"_s, aliceJid + u"/desk"_s,
                         u"--file"_s, path});
    QString said;
    QObject::connect(&carol, &QProcess::readyReadStandardOutput,
                     [&] { said += QString::fromUtf8(carol.readAllStandardOutput()); });
    if (!waitFor([&] { return !offers.isEmpty(); }, 30000))
        FAIL("no offer; slixmpp said: " << said.toStdString()
                                        << carol.readAllStandardError().toStdString());
    flint::Transfer *received = offers.first();
    CHECK(received->peer() == u"carol@flint.test"_s);
    CHECK(received->fileName() == u"from slixmpp.bin"_s);
    CHECK(received->size() == content.size());
    received->accept();
    REQUIRE(waitFor([&] { return !received->isActive(); }, 60000));
    INFO("slixmpp: " << said.toStdString() << carol.readAllStandardError().toStdString());
    REQUIRE(received->state() == flint::Transfer::State::Finished);
    CHECK(received->method() == flint::Transfer::Method::Socks5Proxy);
    CHECK(received->verified());
    QFile arrived(received->localPath());
    REQUIRE(arrived.open(QIODevice::ReadOnly));
    CHECK(QCryptographicHash::hash(arrived.readAll(), QCryptographicHash::Sha256) ==
          QCryptographicHash::hash(content, QCryptographicHash::Sha256));

    REQUIRE(waitFor([&] { return carol.state() == QProcess::NotRunning; }, 30000));
    CHECK(said.contains(u"OK proxy proxy.flint.test"_s));
    CHECK(said.contains(u"OK accepted http://jabber.org/protocol/bytestreams"_s));
    CHECK(said.contains(u"OK sent %1"_s.arg(content.size())));
}
