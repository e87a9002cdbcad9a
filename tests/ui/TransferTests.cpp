// The file transfer screens driven like a user would, two app instances (alice and bob) in one
// process against a real flint-server: a file dropped on the chat or chosen with "Send file…" is
// offered in bob's receive prompt, accepted or declined there, followed in both transfers windows
// to the end (the file on disk equal to the one sent) or cancelled from them; a file sent to bob
// while he is offline goes by upload and shows as a card with Download in his chat afterwards;
// the whole app (AppController) prompts for an offer and brings up its transfers window.
#include "AppController.h"
#include "UiTestSupport.h"
#include "chat/ChatTab.h"
#include "chat/ChatWindow.h"
#include "chat/MessageDelegate.h"
#include "chat/TranscriptView.h"
#include "client/ClientAccount.h"
#include "client/Conversation.h"
#include "client/ConversationManager.h"
#include "client/HistoryStore.h"
#include "client/MessageListModel.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "client/TransferService.h"
#include "common/LanguageManager.h"
#include "login/LoginController.h"
#include "login/LoginDialog.h"
#include "roster/MainWindow.h"
#include "transfers/ReceivePrompt.h"
#include "transfers/TransfersWindow.h"

#include <catch2/catch.hpp>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QPointer>
#include <QProgressBar>
#include <QRandomGenerator>
#include <QTest>
#include <QToolButton>
#include <QUrl>

using namespace flint;
using namespace flint::test;
using namespace flint::ui;
using namespace Qt::StringLiterals;

namespace {

// What QDesktopServices would open, caught instead of starting a desktop application.
class OpenedUrls : public QObject {
    Q_OBJECT
public:
    OpenedUrls() { QDesktopServices::setUrlHandler(u"file"_s, this, "open"); }
    ~OpenedUrls() override { QDesktopServices::unsetUrlHandler(u"file"_s); }
    QList<QUrl> urls;

public Q_SLOTS:
    void open(const QUrl &url) { urls.append(url); }
};

// Makes `a` and `b` mutual contacts.
bool befriend(ClientAccount &a, ClientAccount &b)
{
    QObject::connect(&b.roster(), &RosterManager::subscriptionRequestReceived, &b.roster(),
                     [&b](const QString &jid) { b.roster().acceptSubscription(jid); });
    a.roster().addContact(b.bareJid(), {});
    return waitFor([&] {
        return a.roster().model().contact(b.bareJid()).subscription == RosterContact::Both &&
               b.roster().model().contact(a.bareJid()).subscription == RosterContact::Both;
    });
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(20261124);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char(generator.generate() & 0xff);
    return data;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &data)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
        return {};
    return path;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every offer bob receives gets its prompt, as the app's controller does it.
class Prompts {
public:
    explicit Prompts(TestAccount &account)
    {
        QObject::connect(&account.account().transfers(), &TransferService::offerReceived,
                         &account.account(), [this, &account](Transfer *transfer) {
                             auto *prompt = new ReceivePrompt(account.account(), *transfer);
                             prompt->setAttribute(Qt::WA_DeleteOnClose);
                             prompt->show();
                             m_prompts.append(prompt);
                         });
    }
    ~Prompts() { qDeleteAll(m_prompts); }
    ReceivePrompt *last() const { return m_prompts.isEmpty() ? nullptr : m_prompts.last().get(); }
    qsizetype count() const { return m_prompts.size(); }

private:
    QList<QPointer<ReceivePrompt>> m_prompts;
};

QString labelText(const QWidget *widget, const QString &name)
{
    const auto *label = widget->findChild<QLabel *>(name);
    return label ? label->text() : QString();
}

// The row of the transfer of `fileName` in a transfers window, or null.
TransferRow *rowOf(const TransfersWindow &window, const QString &fileName)
{
    for (TransferRow *row : window.rows()) {
        if (row->transfer() && row->transfer()->fileName() == fileName)
            return row;
    }
    return nullptr;
}

Transfer::State stateOf(const TransfersWindow &window, const QString &fileName)
{
    const TransferRow *row = rowOf(window, fileName);
    return row && row->transfer() ? row->transfer()->state() : Transfer::State::Offered;
}

bool buttonShown(const TransferRow *row, const QString &name)
{
    const auto *button = row->findChild<QToolButton *>(name);
    return button && button->isVisibleTo(const_cast<TransferRow *>(row));
}

void drop(QWidget *target, const QStringList &paths)
{
    QMimeData data;
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls.append(QUrl::fromLocalFile(path));
    data.setUrls(urls);
    const QPoint centre = target->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    REQUIRE(enter.isAccepted());
    QDropEvent dropped(QPointF(centre), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropped);
    CHECK(dropped.isAccepted());
}

// The newest message of `messages` that carries a file, or -1.
int lastFileRow(const MessageListModel &messages)
{
    for (int row = messages.rowCount() - 1; row >= 0; --row) {
        if (messages.message(row).attachment)
            return row;
    }
    return -1;
}

} // namespace

TEST_CASE("A file dropped on the chat is offered, accepted and arrives whole", "[ui][transfers]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    const QString aliceJid = server.jid(u"alice"_s);
    const QString bobJid = server.jid(u"bob"_s);
    TestAccount alice(server, u"alice"_s);
    TestAccount bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    REQUIRE(befriend(alice.account(), bob.account()));
    QTemporaryDir sources;
    QTemporaryDir downloads;
    bob.account().transfers().setDownloadsDirectory(downloads.path());
    const QByteArray data = randomBytes(3 * 1024 * 1024 + 17);
    const QString path = writeFile(sources, u"Quarterly report.pdf"_s, data);
    REQUIRE(!path.isEmpty());

    Prompts prompts(bob);
    TransfersWindow aliceTransfers(alice.account());
    TransfersWindow bobTransfers(bob.account());
    aliceTransfers.show();
    bobTransfers.show();
    CHECK(aliceTransfers.findChild<QLabel *>(u"emptyLabel"_s)->isVisible());
    ChatWindow chat(alice.account(), alice.settings());
    chat.openConversation(bobJid);
    ChatTab *tab = chat.tab(bobJid);
    REQUIRE(tab);

    // Dragging files over the chat shows where they go; dropping them sends them.
    QMimeData files;
    files.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(tab->rect().center(), Qt::CopyAction, &files, Qt::LeftButton,
                          Qt::NoModifier);
    QApplication::sendEvent(tab, &enter);
    CHECK(enter.isAccepted());
    const auto *target = tab->findChild<QLabel *>(u"dropTarget"_s);
    REQUIRE(target);
    CHECK(target->isVisible());
    saveGrab(chat, u"transfers-drop-target"_s);
    QDragLeaveEvent leave;
    QApplication::sendEvent(tab, &leave);
    CHECK(!target->isVisible());
    drop(tab, {path});

    REQUIRE(waitFor([&] { return prompts.last() && prompts.last()->isVisible(); }, 20000));
    ReceivePrompt *prompt = prompts.last();
    CHECK(labelText(prompt, u"fileNameLabel"_s) == u"Quarterly report.pdf"_s);
    CHECK(labelText(prompt, u"fileSizeLabel"_s).contains(QLocale().formattedDataSize(data.size())));
    CHECK(labelText(prompt, u"senderLabel"_s) == u"alice wants to send you a file"_s);
    CHECK(labelText(prompt, u"senderJidLabel"_s) == aliceJid);
    CHECK(labelText(prompt, u"destinationLabel"_s)
              .contains(QDir::toNativeSeparators(downloads.path())));
    REQUIRE(waitFor([&] {
        return stateOf(aliceTransfers, u"Quarterly report.pdf"_s) == Transfer::State::Waiting;
    }));
    TransferRow *sending = rowOf(aliceTransfers, u"Quarterly report.pdf"_s);
    CHECK(labelText(sending, u"peerLabel"_s).startsWith(u"To bob"_s));
    CHECK(buttonShown(sending, u"cancelButton"_s));
    CHECK(!buttonShown(sending, u"openButton"_s));
    saveGrab(*prompt, u"transfers-receive-prompt"_s);

    QTest::mouseClick(prompt->findChild<QAbstractButton *>(u"acceptButton"_s), Qt::LeftButton);
    REQUIRE(waitFor([&] { return !prompts.last() || !prompts.last()->isVisible(); }));

    REQUIRE(waitFor(
        [&] {
            return stateOf(aliceTransfers, u"Quarterly report.pdf"_s) ==
                       Transfer::State::Finished &&
                   stateOf(bobTransfers, u"Quarterly report.pdf"_s) == Transfer::State::Finished;
        },
        60000));
    const QString received = QDir(downloads.path()).filePath(u"Quarterly report.pdf"_s);
    CHECK(readFile(received) == data);
    TransferRow *receiving = rowOf(bobTransfers, u"Quarterly report.pdf"_s);
    REQUIRE(receiving);
    CHECK(labelText(receiving, u"peerLabel"_s).startsWith(u"From alice"_s));
    CHECK(labelText(receiving, u"stateLabel"_s).startsWith(u"Received"_s));
    CHECK(buttonShown(receiving, u"openButton"_s));
    CHECK(buttonShown(receiving, u"showInFolderButton"_s));
    CHECK(!buttonShown(receiving, u"cancelButton"_s));
    CHECK(receiving->findChild<QLabel *>(u"verifiedLabel"_s)->isVisibleTo(receiving));
    sending = rowOf(aliceTransfers, u"Quarterly report.pdf"_s);
    CHECK(labelText(sending, u"stateLabel"_s).startsWith(u"Sent"_s));
    saveGrab(bobTransfers, u"transfers-window-finished"_s);

    // Open and Show in Folder hand the file to the desktop.
    OpenedUrls opened;
    QTest::mouseClick(receiving->findChild<QToolButton *>(u"openButton"_s), Qt::LeftButton);
    QTest::mouseClick(receiving->findChild<QToolButton *>(u"showInFolderButton"_s), Qt::LeftButton);
    REQUIRE(opened.urls.size() == 2);
    CHECK(QFileInfo(opened.urls.at(0).toLocalFile()) == QFileInfo(received));
    CHECK(QFileInfo(opened.urls.at(1).toLocalFile()) == QFileInfo(downloads.path()));

    // The file is in bob's conversation afterwards, as a card he can open.
    ChatWindow bobChat(bob.account(), bob.settings());
    bobChat.openConversation(aliceJid);
    ChatTab *bobTab = bobChat.tab(aliceJid);
    REQUIRE(bobTab);
    const MessageListModel &messages = bobTab->conversation().messages();
    REQUIRE(waitFor([&] { return lastFileRow(messages) >= 0; }));
    const qint64 fileMessage = messages.message(lastFileRow(messages)).id;
    TranscriptView *view = bobTab->transcript();
    REQUIRE(waitFor([&] {
        return !view->fileActionRect(fileMessage, MessageDelegate::FileAction::Open).isNull();
    }));
    CHECK(view->fileActionRect(fileMessage, MessageDelegate::FileAction::Download).isNull());
    QTest::mouseClick(
        view->viewport(), Qt::LeftButton, Qt::NoModifier,
        view->fileActionRect(fileMessage, MessageDelegate::FileAction::Open).center());
    REQUIRE(opened.urls.size() == 3);
    CHECK(QFileInfo(opened.urls.at(2).toLocalFile()) == QFileInfo(received));
    saveGrab(bobChat, u"transfers-chat-card"_s);

    // Clear Finished empties the list.
    auto *clear = aliceTransfers.findChild<QAbstractButton *>(u"clearFinishedButton"_s);
    CHECK(clear->isEnabled());
    QTest::mouseClick(clear, Qt::LeftButton);
    CHECK(aliceTransfers.rows().isEmpty());
    CHECK(aliceTransfers.findChild<QLabel *>(u"emptyLabel"_s)->isVisible());
}

TEST_CASE("A declined file says so on the sender's side", "[ui][transfers]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    const QString aliceJid = server.jid(u"alice"_s);
    const QString bobJid = server.jid(u"bob"_s);
    TestAccount alice(server, u"alice"_s);
    TestAccount bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    REQUIRE(befriend(alice.account(), bob.account()));
    QTemporaryDir sources;
    const QString path = writeFile(sources, u"notes.txt"_s, randomBytes(4096));

    Prompts prompts(bob);
    TransfersWindow aliceTransfers(alice.account());
    aliceTransfers.show();
    ChatWindow chat(alice.account(), alice.settings());
    chat.openConversation(bobJid);
    ChatTab *tab = chat.tab(bobJid);
    REQUIRE(tab);

    // "Send file…" opens a file dialog; the chosen file is sent.
    QTest::mouseClick(tab->findChild<QToolButton *>(u"sendFileButton"_s), Qt::LeftButton);
    QFileDialog *dialog = tab->sendFileDialog();
    REQUIRE(dialog);
    dialog->selectFile(path);
    static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept() is protected

    REQUIRE(waitFor([&] { return prompts.last() && prompts.last()->isVisible(); }, 20000));
    CHECK(labelText(prompts.last(), u"fileNameLabel"_s) == u"notes.txt"_s);
    QTest::mouseClick(prompts.last()->findChild<QAbstractButton *>(u"declineButton"_s),
                      Qt::LeftButton);
    REQUIRE(waitFor(
        [&] { return stateOf(aliceTransfers, u"notes.txt"_s) == Transfer::State::Failed; }));
    TransferRow *row = rowOf(aliceTransfers, u"notes.txt"_s);
    const QString declined = describe(TransferError{.kind = TransferError::Declined});
    CHECK(labelText(row, u"stateLabel"_s).startsWith(declined));
    CHECK(!buttonShown(row, u"cancelButton"_s));
    CHECK(!buttonShown(row, u"openButton"_s));
    // The chat says it too, where send errors go.
    const auto *notice = tab->findChild<QWidget *>(u"sendErrorNotice"_s);
    REQUIRE(waitFor([&] { return notice->isVisible(); }));
    CHECK(labelText(tab, u"sendErrorNoticeLabel"_s) ==
          u"Could not send notes.txt: %1"_s.arg(declined));

    // A file that cannot be read is refused at once, in the same place.
    tab->sendFiles({sources.filePath(u"missing.txt"_s)});
    CHECK(labelText(tab, u"sendErrorNoticeLabel"_s).startsWith(u"Could not send missing.txt: "_s));
}

TEST_CASE("A transfer cancelled in the transfers window stops on both sides", "[ui][transfers]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    const QString aliceJid = server.jid(u"alice"_s);
    const QString bobJid = server.jid(u"bob"_s);
    TestAccount alice(server, u"alice"_s);
    TestAccount bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    REQUIRE(befriend(alice.account(), bob.account()));
    QTemporaryDir sources;
    QTemporaryDir downloads;
    bob.account().transfers().setDownloadsDirectory(downloads.path());
    // In-band only: slow enough to be caught running.
    alice.account().transfers().setSocks5Enabled(false);
    bob.account().transfers().setSocks5Enabled(false);
    const QString path = writeFile(sources, u"big.iso"_s, randomBytes(24 * 1024 * 1024));

    Prompts prompts(bob);
    TransfersWindow aliceTransfers(alice.account());
    TransfersWindow bobTransfers(bob.account());
    aliceTransfers.show();
    bobTransfers.show();
    ChatWindow chat(alice.account(), alice.settings());
    chat.openConversation(bobJid);
    chat.tab(bobJid)->sendFiles({path});
    REQUIRE(waitFor([&] { return prompts.last() && prompts.last()->isVisible(); }, 20000));
    QTest::mouseClick(prompts.last()->findChild<QAbstractButton *>(u"acceptButton"_s),
                      Qt::LeftButton);
    REQUIRE(waitFor([&] {
        const TransferRow *row = rowOf(aliceTransfers, u"big.iso"_s);
        return row && row->transfer()->state() == Transfer::State::Transferring &&
               row->transfer()->bytesTransferred() > 0;
    }));
    TransferRow *sending = rowOf(aliceTransfers, u"big.iso"_s);
    REQUIRE(waitFor([&] {
        return labelText(sending, u"stateLabel"_s).contains(u" of "_s) &&
               sending->findChild<QProgressBar *>(u"progressBar"_s)->value() > 0;
    }));
    CHECK(labelText(sending, u"peerLabel"_s).endsWith(u"in-band"_s));
    saveGrab(aliceTransfers, u"transfers-window-running"_s);

    QTest::mouseClick(sending->findChild<QToolButton *>(u"cancelButton"_s), Qt::LeftButton);
    REQUIRE(waitFor([&] {
        return stateOf(aliceTransfers, u"big.iso"_s) == Transfer::State::Cancelled &&
               stateOf(bobTransfers, u"big.iso"_s) == Transfer::State::Failed;
    }));
    CHECK(labelText(sending, u"stateLabel"_s).startsWith(u"Cancelled"_s));
    TransferRow *receiving = rowOf(bobTransfers, u"big.iso"_s);
    CHECK(labelText(receiving, u"stateLabel"_s)
              .startsWith(describe(TransferError{.kind = TransferError::CancelledByPeer})));
    CHECK(!buttonShown(receiving, u"openButton"_s));
    // The partial file is gone.
    CHECK(QDir(downloads.path()).entryList(QDir::Files).isEmpty());
    saveGrab(bobTransfers, u"transfers-window-failed"_s);
}

TEST_CASE("A file sent to an offline contact is a card with Download in their chat",
          "[ui][transfers]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    const QString aliceJid = server.jid(u"alice"_s);
    const QString bobJid = server.jid(u"bob"_s);
    TestAccount alice(server, u"alice"_s);
    TestAccount bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    REQUIRE(befriend(alice.account(), bob.account()));
    bob.account().logOut();
    REQUIRE(waitFor(
        [&] { return alice.account().roster().model().contact(bobJid).resources.isEmpty(); }));
    QTemporaryDir sources;
    QTemporaryDir downloads;
    bob.account().transfers().setDownloadsDirectory(downloads.path());
    const QByteArray data = randomBytes(700 * 1024);
    const QString path = writeFile(sources, u"holiday photo.jpg"_s, data);

    TransfersWindow aliceTransfers(alice.account());
    aliceTransfers.show();
    ChatWindow chat(alice.account(), alice.settings());
    chat.openConversation(bobJid);
    drop(chat.tab(bobJid), {path});
    REQUIRE(waitFor(
        [&] {
            return stateOf(aliceTransfers, u"holiday photo.jpg"_s) == Transfer::State::Finished;
        },
        30000));
    TransferRow *sent = rowOf(aliceTransfers, u"holiday photo.jpg"_s);
    CHECK(sent->transfer()->method() == Transfer::Method::HttpUpload);
    CHECK(labelText(sent, u"peerLabel"_s).endsWith(u"upload"_s));

    // Bob logs in: the link arrives with his offline messages and shows as a card.
    REQUIRE(bob.logIn());
    ChatWindow bobChat(bob.account(), bob.settings());
    TransfersWindow bobTransfers(bob.account());
    bobTransfers.show();
    REQUIRE(waitFor([&] {
        return bob.account().conversations().conversation(aliceJid) &&
               lastFileRow(bob.account().conversations().conversation(aliceJid)->messages()) >= 0;
    }));
    bobChat.openConversation(aliceJid);
    ChatTab *tab = bobChat.tab(aliceJid);
    const MessageListModel &messages = tab->conversation().messages();
    const HistoryMessage message = messages.message(lastFileRow(messages));
    CHECK(message.attachment->name == u"holiday photo.jpg"_s);
    CHECK(message.attachment->size == data.size());
    TranscriptView *view = tab->transcript();
    REQUIRE(waitFor([&] {
        return !view->fileActionRect(message.id, MessageDelegate::FileAction::Download).isNull();
    }));
    CHECK(view->fileActionRect(message.id, MessageDelegate::FileAction::Open).isNull());
    saveGrab(bobChat, u"transfers-chat-card-download"_s);

    QTest::mouseClick(
        view->viewport(), Qt::LeftButton, Qt::NoModifier,
        view->fileActionRect(message.id, MessageDelegate::FileAction::Download).center());
    const QString received = QDir(downloads.path()).filePath(u"holiday photo.jpg"_s);
    REQUIRE(waitFor(
        [&] {
            return !view->fileActionRect(message.id, MessageDelegate::FileAction::Open).isNull();
        },
        30000));
    CHECK(readFile(received) == data);
    CHECK(view->fileActionRect(message.id, MessageDelegate::FileAction::Download).isNull());
    REQUIRE(waitFor([&] {
        return stateOf(bobTransfers, u"holiday photo.jpg"_s) == Transfer::State::Finished;
    }));
    TransferRow *downloaded = rowOf(bobTransfers, u"holiday photo.jpg"_s);
    CHECK(downloaded->transfer()->verified());
    CHECK(labelText(downloaded, u"stateLabel"_s).endsWith(u"verified"_s));
    CHECK(labelText(downloaded, u"peerLabel"_s).endsWith(u"download"_s));
    saveGrab(bobChat, u"transfers-chat-card-downloaded"_s);
}

TEST_CASE("The app prompts for an incoming file and follows it in its transfers window",
          "[ui][transfers]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    const QString aliceJid = server.jid(u"alice"_s);
    const QString bobJid = server.jid(u"bob"_s);
    TestAccount alice(server, u"alice"_s);
    REQUIRE(alice.logIn());

    // Bob runs the app, logged in through its login screen, downloads into a folder of its own.
    QTemporaryDir profile;
    QTemporaryDir downloads;
    ClientSettings settings(profile.filePath(u"flint.ini"_s));
    settings.setDownloadsFolder(downloads.path());
    LoginPreferences preferences;
    preferences.username = u"bob"_s;
    preferences.server = server.server().domain();
    preferences.host = u"127.0.0.1"_s;
    preferences.port = server.server().port();
    settings.setLoginPreferences(preferences);
    CertificateTrust(profile.filePath(u"pinned-certificates"_s))
        .trustCertificate(bobJid, server.certificate());
    LanguageManager languages;
    AppController app(settings, languages, profile.path());
    app.start();
    LoginDialog &login = app.login().dialog();
    login.setCredentials(bobJid, UiServer::password(u"bob"_s));
    QTest::mouseClick(login.findChild<QAbstractButton *>(u"loginButton"_s), Qt::LeftButton);
    REQUIRE(waitFor([&] { return app.account() && app.account()->roster().isRosterReceived(); },
                    20000));
    CHECK(app.account()->transfers().downloadsDirectory() == downloads.path());
    REQUIRE(befriend(alice.account(), *app.account()));
    REQUIRE(waitFor(
        [&] { return !alice.account().roster().model().contact(bobJid).resources.isEmpty(); }));

    QTemporaryDir sources;
    const QByteArray data = randomBytes(256 * 1024);
    const QString path = writeFile(sources, u"minutes.odt"_s, data);
    REQUIRE(alice.account().transfers().sendFile(bobJid, path));
    REQUIRE(waitFor([&] { return app.receivePrompts().size() == 1; }, 20000));
    ReceivePrompt *prompt = app.receivePrompts().first();
    CHECK(labelText(prompt, u"fileNameLabel"_s) == u"minutes.odt"_s);
    CHECK(labelText(prompt, u"senderJidLabel"_s) == aliceJid);
    CHECK(!app.transfersWindow());

    // Enter takes the file: the transfers window comes up and shows it arriving.
    QTest::keyClick(prompt, Qt::Key_Return);
    REQUIRE(waitFor([&] { return app.transfersWindow() && app.transfersWindow()->isVisible(); }));
    REQUIRE(waitFor(
        [&] {
            return stateOf(*app.transfersWindow(), u"minutes.odt"_s) == Transfer::State::Finished;
        },
        30000));
    CHECK(readFile(QDir(downloads.path()).filePath(u"minutes.odt"_s)) == data);
    CHECK(app.receivePrompts().isEmpty());

    // Closed, it comes back from the main window's menu.
    app.transfersWindow()->close();
    REQUIRE(waitFor([&] { return !app.transfersWindow(); }));
    app.mainWindow()->findChild<QAction *>(u"transfersAction"_s)->trigger();
    REQUIRE(app.transfersWindow());
    CHECK(app.transfersWindow()->isVisible());
    CHECK(app.transfersWindow()->rows().size() == 1);

    // Escape on a new offer declines it.
    Transfer *second = alice.account().transfers().sendFile(bobJid, path);
    REQUIRE(second);
    REQUIRE(waitFor([&] { return app.receivePrompts().size() == 1; }, 20000));
    QTest::keyClick(app.receivePrompts().first(), Qt::Key_Escape);
    CHECK(app.receivePrompts().isEmpty());
    REQUIRE(waitFor([&] { return second->state() == Transfer::State::Failed; }));
    CHECK(second->error().kind == TransferError::Declined);
}

#include "TransferTests.moc"
