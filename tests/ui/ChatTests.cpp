// The chat window and the history window driven like a user would, two app instances (alice and
// bob, each with a ChatWindow) in one process against a real flint-server: sending with Enter,
// new lines with Shift+Enter, delivery ticks, typing notifications, unread tabs, scrolling back
// through a long history, jumping to an old message, full-text history search, links.
#include "UiTestSupport.h"
#include "chat/ChatTab.h"
#include "chat/ChatWindow.h"
#include "chat/EmojiPicker.h"
#include "chat/MessageDelegate.h"
#include "chat/MessageInput.h"
#include "chat/TranscriptView.h"
#include "client/ClientAccount.h"
#include "client/Conversation.h"
#include "client/ConversationManager.h"
#include "client/HistoryStore.h"
#include "client/MessageListModel.h"
#include "client/ProfileManager.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "history/HistoryWindow.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

using namespace flint;
using namespace flint::test;
using namespace flint::ui;
using namespace Qt::StringLiterals;

namespace {

QTabWidget *tabsOf(const ChatWindow &window)
{
    return window.findChild<QTabWidget *>(u"chatTabs"_s);
}

QString tabText(const ChatWindow &window, const ChatTab *tab)
{
    QTabWidget *tabs = tabsOf(window);
    return tabs->tabText(tabs->indexOf(const_cast<ChatTab *>(tab)));
}

QLabel *typingLabel(const ChatTab *tab)
{
    return tab->findChild<QLabel *>(u"typingIndicator"_s);
}

int deliveryOf(const MessageListModel &messages, int row)
{
    return messages.data(messages.index(row), MessageListModel::DeliveryRole).toInt();
}

// Makes `a` and `b` mutual contacts, `b` known to `a` as `name`.
bool befriend(TestAccount &a, TestAccount &b, const QString &bJid, const QString &aJid,
              const QString &name)
{
    QObject::connect(&b.account().roster(), &RosterManager::subscriptionRequestReceived,
                     &b.account().roster(),
                     [&b](const QString &jid) { b.account().roster().acceptSubscription(jid); });
    a.account().roster().addContact(bJid, name);
    return waitFor([&] {
        return a.account().roster().model().contact(bJid).subscription == RosterContact::Both &&
               b.account().roster().model().contact(aJid).subscription == RosterContact::Both;
    });
}

// Saves `window` with a popup of it drawn where it is on screen, as the user sees both.
void saveGrabWithPopup(QWidget &window, QWidget &popup, const QString &name)
{
    const QString directory = qEnvironmentVariable("FLINT_TEST_SCREENSHOTS");
    if (directory.isEmpty())
        return;
    QPixmap shot = window.grab();
    QPainter painter(&shot);
    painter.drawPixmap(popup.mapToGlobal(QPoint()) - window.mapToGlobal(QPoint()), popup.grab());
    painter.end();
    QDir().mkpath(directory);
    shot.save(QDir(directory).filePath(name + u".png"_s));
}

// A long conversation of alice's with `peer`, oldest first: 490 routine messages two hours
// apart, then a recent exchange with a failed message, a link and offline messages.
QList<HistoryMessage> longConversation(const QString &peer, const QString &self)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime today = QDateTime(QDate::currentDate(), QTime(9, 0)).toUTC();
    QList<HistoryMessage> messages;
    auto add = [&](bool outgoing, const QString &body, const QDateTime &time,
                   DeliveryState delivery = DeliveryState::Delivered, int flags = 0) {
        messages.append(
            {.peer = peer,
             .stanzaId = u"s%1"_s.arg(messages.size()),
             .direction = outgoing ? MessageDirection::Outgoing : MessageDirection::Incoming,
             .sender = outgoing ? self : peer,
             .body = body,
             .timestamp = time,
             .delivery = delivery,
             .flags = flags});
    };
    const QDateTime start = today.addDays(-2).addSecs(-490 * 2 * 3600);
    for (int i = 0; i < 490; ++i) {
        const QString body = i == 20 ? u"The needle is in the haystack, row %1"_s.arg(i)
                                     : u"Routine update number %1 about the weekly report"_s.arg(i);
        add(i % 3 == 0, body, start.addSecs(i * 2 * 3600));
    }
    const QDateTime yesterday = today.addDays(-1);
    add(false, u"Are we still on for the design review tomorrow?"_s, yesterday.addSecs(7 * 3600));
    add(true, u"Yes — 10:00 in the small meeting room."_s, yesterday.addSecs(7 * 3600 + 240));
    add(true, u"I'll bring the printouts."_s, yesterday.addSecs(7 * 3600 + 300));
    add(false, u"Great, thanks!"_s, yesterday.addSecs(7 * 3600 + 900));
    add(true, u"Could you send me the budget sheet before then?"_s,
        yesterday.addSecs(9 * 3600 + 600), DeliveryState::Failed);
    add(false, u"Morning! Sent you the figures while you were away."_s, today.addSecs(-3300),
        DeliveryState::Delivered, HistoryMessage::OfflineDelayed);
    add(false, u"Slides are here: see https://example.com/x (final version)"_s,
        today.addSecs(-3000), DeliveryState::Delivered, HistoryMessage::OfflineDelayed);
    add(true,
        u"Thanks! I'll go through them and leave my comments in the document before lunch, "
        "then we can settle the open questions in the review."_s,
        today.addSecs(1800), DeliveryState::Delivered);
    add(true, u"One more thing: is Dana joining us?"_s, today.addSecs(1900), DeliveryState::Sent);
    add(false, u"Yes, she confirmed 👍"_s, today.addSecs(2100));
    // Keeps the exchange recent when the test runs shortly after midnight.
    for (HistoryMessage &message : messages) {
        if (message.timestamp > now)
            message.timestamp = now.addSecs(-60);
    }
    return messages;
}

} // namespace

TEST_CASE("Find in links: URIs without the punctuation around them", "[ui][chat]")
{
    const auto links = MessageDelegate::findLinks(
        u"see https://example.com/x. Or (https://example.org/a_(b)), mail mailto:bob@example.com!"
        " and xmpp:alice@example.com?message; not http:// alone"_s);
    REQUIRE(links.size() == 4);
    CHECK(links.at(0).url == u"https://example.com/x"_s);
    CHECK(links.at(1).url == u"https://example.org/a_(b)"_s);
    CHECK(links.at(2).url == u"mailto:bob@example.com"_s);
    CHECK(links.at(3).url == u"xmpp:alice@example.com?message"_s);
}

TEST_CASE("The message field shows its lines whole and grows up to five", "[ui][chat]")
{
    MessageInput input;
    // As in the chat tab: the frame goes after construction.
    input.setFrameShape(QFrame::NoFrame);
    input.resize(input.fontMetrics().height() * 20, input.height());
    input.show();
    REQUIRE(QTest::qWaitForWindowExposed(&input));
    // Chinese glyphs come from a fallback font with taller lines (QTest types ASCII only); one
    // line never scrolls.
    input.insertPlainText(u"Ág 中文"_s);
    QCoreApplication::processEvents();
    CHECK(input.verticalScrollBar()->maximum() == 0);
    CHECK(!input.verticalScrollBar()->isVisible());
    const int oneLine = input.height();

    for (int i = 0; i < 2; ++i) {
        QTest::keyClick(&input, Qt::Key_Return, Qt::ShiftModifier);
        input.insertPlainText(u"中文"_s);
    }
    QCoreApplication::processEvents();
    CHECK(input.height() > oneLine);
    CHECK(input.verticalScrollBar()->maximum() == 0);

    for (int i = 0; i < 2; ++i) {
        QTest::keyClick(&input, Qt::Key_Return, Qt::ShiftModifier);
        input.insertPlainText(u"中文"_s);
    }
    QCoreApplication::processEvents();
    const int fiveLines = input.height();
    CHECK(input.verticalScrollBar()->maximum() == 0);

    for (int i = 0; i < 3; ++i) {
        QTest::keyClick(&input, Qt::Key_Return, Qt::ShiftModifier);
        input.insertPlainText(u"中文"_s);
    }
    QCoreApplication::processEvents();
    CHECK(input.height() == fiveLines);
    CHECK(input.verticalScrollBar()->maximum() == 3);
}

TEST_CASE("Two chat windows exchange messages, typing notifications and unread flags", "[ui][chat]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    TestAccount alice(server, u"alice"_s);
    TestAccount bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    const QString aliceJid = server.jid(u"alice"_s), bobJid = server.jid(u"bob"_s);
    const QString carolJid = server.jid(u"carol"_s);

    ChatWindow aliceWindow(alice.account(), alice.settings());
    ChatWindow bobWindow(bob.account(), bob.settings());
    // What the AppController does: a tab for every incoming message, without taking the focus.
    QObject::connect(&bob.account().conversations(), &ConversationManager::messageReceived,
                     &bobWindow, [&bobWindow](Conversation *conversation) {
                         bobWindow.openConversation(conversation->peer(), false);
                     });

    aliceWindow.openConversation(bobJid);
    REQUIRE(aliceWindow.isVisible());
    ChatTab *aliceTab = aliceWindow.tab(bobJid);
    REQUIRE(aliceTab);
    CHECK(aliceWindow.windowTitle().startsWith(u"bob"_s));
    auto *input = aliceTab->findChild<MessageInput *>(u"messageInput"_s);
    REQUIRE(input);
    CHECK(input->placeholderText() == u"Type a message"_s);
    CHECK_FALSE(input->accessibleName().isEmpty());
    const MessageListModel &aliceMessages = aliceTab->conversation().messages();

    // Enter sends: the message is in alice's transcript at once, in bob's when it arrives.
    QTest::keyClicks(input, u"Hello Bob"_s);
    QTest::keyClick(input, Qt::Key_Return);
    REQUIRE(aliceMessages.rowCount() == 1);
    CHECK(aliceTab->transcript()->model()->index(0, 0).data().toString() == u"Hello Bob"_s);
    CHECK(input->toPlainText().isEmpty());
    REQUIRE(waitFor([&] { return bobWindow.tab(aliceJid) != nullptr; }));
    CHECK_FALSE(bobWindow.isVisible());
    ChatTab *bobTab = bobWindow.tab(aliceJid);
    QAbstractItemModel *bobTranscript = bobTab->transcript()->model();
    REQUIRE(waitFor([&] { return bobTranscript->rowCount() == 1; }));
    CHECK(bobTranscript->index(0, 0).data().toString() == u"Hello Bob"_s);
    // Bob's client acknowledges it: the double tick on alice's side.
    REQUIRE(waitFor([&] { return deliveryOf(aliceMessages, 0) == int(DeliveryState::Delivered); }));

    // Typing shows in bob's tab; Shift+Enter starts a new line and sends nothing.
    QLabel *bobTyping = typingLabel(bobTab);
    REQUIRE(bobTyping);
    QTest::keyClicks(input, u"line one"_s);
    REQUIRE(waitFor([&] { return bobTyping->text() == u"alice is typing…"_s; }));
    QTest::keyClick(input, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(input, u"line two"_s);
    CHECK(input->toPlainText() == u"line one\nline two"_s);
    CHECK(aliceMessages.rowCount() == 1);
    QTest::keyClick(input, Qt::Key_Return);
    REQUIRE(aliceMessages.rowCount() == 2);
    CHECK(aliceMessages.message(1).body == u"line one\nline two"_s);
    REQUIRE(waitFor([&] { return bobTranscript->rowCount() == 2; }));
    CHECK(bobTranscript->index(1, 0).data().toString() == u"line one\nline two"_s);
    REQUIRE(waitFor([&] { return bobTyping->text().isEmpty(); }));

    // Clearing what was typed takes the notification back.
    QTest::keyClicks(input, u"Wait"_s);
    REQUIRE(waitFor([&] { return bobTyping->text() == u"alice is typing…"_s; }));
    QTest::keyClick(input, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(input, Qt::Key_Backspace);
    CHECK(input->toPlainText().isEmpty());
    REQUIRE(waitFor([&] { return bobTyping->text().isEmpty(); }));

    // Unread: bob looks at another conversation; alice's tab is flagged with the count.
    bobWindow.openConversation(carolJid);
    REQUIRE(waitFor([&] { return bobWindow.isActiveWindow(); }));
    QTabWidget *bobTabs = tabsOf(bobWindow);
    CHECK(bobTabs->currentWidget() == bobWindow.tab(carolJid));
    CHECK(tabText(bobWindow, bobTab) == u"alice (2)"_s);
    aliceTab->conversation().sendMessage(u"Are you there?"_s);
    REQUIRE(waitFor([&] { return tabText(bobWindow, bobTab) == u"alice (3)"_s; }));
    CHECK(bobTabs->tabBar()->tabTextColor(bobTabs->indexOf(bobTab)) ==
          bobWindow.palette().color(QPalette::Highlight));
    CHECK_FALSE(bobWindow.isConversationVisible(aliceJid));
    saveGrab(bobWindow, u"chat-unread-tab"_s);

    // Ctrl+Tab shows it, which reads it.
    QTest::keyClick(&bobWindow, Qt::Key_Tab, Qt::ControlModifier);
    CHECK(bobTabs->currentWidget() == bobTab);
    REQUIRE(waitFor([&] { return tabText(bobWindow, bobTab) == u"alice"_s; }));
    CHECK(bobTab->unreadCount() == 0);
    CHECK(bobWindow.isConversationVisible(aliceJid));
    CHECK(bobWindow.windowTitle().startsWith(u"alice"_s));
    // A message to the conversation on screen is read at once.
    aliceTab->conversation().sendMessage(u"Good, you're here."_s);
    REQUIRE(waitFor([&] { return bobTranscript->rowCount() == 4; }));
    CHECK(tabText(bobWindow, bobTab) == u"alice"_s);
    CHECK(bobTab->unreadCount() == 0);

    // Ctrl+W closes the current tab; closing the last one hides the window.
    QTest::keyClick(&bobWindow, Qt::Key_W, Qt::ControlModifier);
    CHECK(bobTabs->count() == 1);
    CHECK(bobWindow.tab(aliceJid) == nullptr);
    QTest::keyClick(&bobWindow, Qt::Key_W, Qt::ControlModifier);
    CHECK(bobTabs->count() == 0);
    CHECK_FALSE(bobWindow.isVisible());
}

TEST_CASE("A long conversation: scrolling back, jumping to a message, history search, links",
          "[ui][chat]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    TestAccount alice(server, u"alice"_s);
    TestAccount bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    const QString aliceJid = server.jid(u"alice"_s), bobJid = server.jid(u"bob"_s);
    REQUIRE(befriend(alice, bob, bobJid, aliceJid, u"Bob Stone"_s));
    bob.account().presence().setStatus({PresenceStatus::Online, u"Reviewing slides"_s});
    bool saved = false;
    QObject::connect(&alice.account().profiles(), &ProfileManager::profileSaved,
                     [&saved] { saved = true; });
    alice.account().profiles().setProfile({.fullName = u"Alice Martin"_s});
    REQUIRE(waitFor([&] { return saved; }));

    const QList<HistoryMessage> conversation = longConversation(bobJid, aliceJid);
    const auto ids = alice.account().history().addMessages(conversation);
    REQUIRE(ids);
    REQUIRE(ids->size() == 500);
    const qint64 needleId = ids->at(20);
    const qint64 linkId = ids->at(496);

    ChatWindow window(alice.account(), alice.settings());
    window.openConversation(server.jid(u"carol"_s), false);
    window.openConversation(server.jid(u"dana"_s), false);
    window.openConversation(bobJid);
    const int em = window.fontMetrics().height();
    window.resize(em * 34, em * 38);
    ChatTab *tab = window.tab(bobJid);
    REQUIRE(tab);
    TranscriptView *view = tab->transcript();
    const MessageListModel &messages = tab->conversation().messages();
    QScrollBar *bar = view->verticalScrollBar();
    REQUIRE(waitFor([&] { return bar->maximum() > 0 && bar->value() == bar->maximum(); }));
    CHECK(messages.rowCount() == 50);
    CHECK(view->isAtLatest());
    REQUIRE(waitFor([&] {
        return tab->findChild<QLabel *>(u"peerStatus"_s)->text() == u"Online — Reviewing slides"_s;
    }));
    CHECK(tab->findChild<QLabel *>(u"peerName"_s)->text() == u"Bob Stone"_s);

    // Links: the view finds the link under the pointer, and only there.
    const QModelIndex linkIndex = view->model()->index(view->rowOf(linkId), 0);
    view->scrollTo(linkIndex);
    const QRect linkRect = view->visualRect(linkIndex);
    REQUIRE(linkRect.isValid());
    QString found;
    int pointsOnLink = 0;
    for (int y = linkRect.top(); y <= linkRect.bottom(); y += 2) {
        for (int x = linkRect.left(); x <= linkRect.right(); x += 2) {
            const QString link = view->linkAt(QPoint(x, y));
            if (!link.isEmpty()) {
                found = link;
                ++pointsOnLink;
            }
        }
    }
    CHECK(found == u"https://example.com/x"_s);
    CHECK(pointsOnLink > 0);
    CHECK(view->linkAt(linkRect.topLeft()).isEmpty());
    // Ctrl+C copies the selected message.
    view->setCurrentIndex(linkIndex);
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    CHECK(QApplication::clipboard()->text() == conversation.at(496).body);

    // The peer types: the indicator under alice's transcript.
    Conversation *bobSide = bob.account().conversations().conversation(aliceJid);
    bobSide->setTyping(true);
    REQUIRE(waitFor([&] { return typingLabel(tab)->text() == u"Bob Stone is typing…"_s; }));
    view->scrollToLatest();
    saveGrab(window, u"chat-window"_s);

    // Emoji: the picker inserts at the cursor.
    auto *input = tab->findChild<MessageInput *>(u"messageInput"_s);
    QTest::keyClicks(input, u"Sounds good "_s);
    QTest::mouseClick(tab->findChild<QToolButton *>(u"emojiButton"_s), Qt::LeftButton);
    auto *picker = tab->findChild<EmojiPicker *>(u"emojiPicker"_s);
    REQUIRE(picker);
    REQUIRE(picker->isVisible());
    saveGrabWithPopup(window, *picker, u"chat-emoji-picker"_s);
    auto *grid = qobject_cast<QListView *>(picker->findChild<QTabWidget *>()->currentWidget());
    REQUIRE(grid);
    QTest::keyClick(grid, Qt::Key_Right);
    QTest::keyClick(grid, Qt::Key_Return);
    CHECK_FALSE(picker->isVisible());
    CHECK(input->toPlainText() == u"Sounds good 😃"_s);
    bobSide->setTyping(false);
    input->clear();

    // Scrolling to the top reads older pages, fast, without moving what is on screen.
    for (int page = 1; page <= 3; ++page) {
        const int before = messages.rowCount();
        const qint64 topId = messages.message(0).id;
        QElapsedTimer timer;
        timer.start();
        bar->setValue(0);
        CHECK(timer.elapsed() < 1000);
        REQUIRE(messages.rowCount() == before + 50);
        CHECK(bar->value() > 0);
        const QRect moved = view->visualRect(view->model()->index(view->rowOf(topId), 0));
        CHECK(qAbs(moved.top()) < em * 3);
        CHECK_FALSE(view->isAtLatest());
    }

    // A new message leaves the user reading where they are; at the bottom, it scrolls in.
    const int reading = bar->value();
    const int contentEnd = bar->maximum();
    bobSide->sendMessage(u"Are you reading the old stuff?"_s);
    REQUIRE(waitFor([&] { return messages.rowCount() == 201 && bar->maximum() > contentEnd; }));
    CHECK(bar->value() == reading);
    view->scrollToLatest();
    bobSide->sendMessage(u"Back to now."_s);
    REQUIRE(waitFor([&] { return messages.rowCount() == 202; }));
    REQUIRE(waitFor([&] { return view->isAtLatest() && bar->value() == bar->maximum(); }));
    CHECK(view->viewport()->rect().contains(
        view->visualRect(view->model()->index(201, 0)).bottomLeft()));

    // Jumping to an old message reads pages until it is there, then shows it.
    window.showMessage(bobJid, needleId);
    REQUIRE(view->rowOf(needleId) >= 0);
    CHECK(view->currentIndex().row() == view->rowOf(needleId));
    CHECK(view->currentIndex().data(MessageListModel::IdRole).toLongLong() == needleId);
    CHECK(view->viewport()->rect().intersects(view->visualRect(view->currentIndex())));

    // Find in the conversation: Ctrl+F, matches highlighted and counted.
    view->scrollToLatest();
    REQUIRE(waitFor([&] { return window.isActiveWindow(); }));
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    auto *searchField = tab->findChild<QLineEdit *>(u"searchField"_s);
    REQUIRE(searchField->isVisible());
    QTest::keyClicks(searchField, u"slides"_s);
    auto *searchStatus = tab->findChild<QLabel *>(u"searchStatus"_s);
    CHECK(searchStatus->text() == u"1 of 1"_s);
    CHECK(view->currentIndex().data().toString().contains(u"Slides"_s));
    REQUIRE(waitFor([&] { return searchStatus->width() >= searchStatus->sizeHint().width(); }));
    saveGrab(window, u"chat-find-bar"_s);
    QTest::keyClick(searchField, Qt::Key_Escape);
    CHECK_FALSE(searchField->isVisible());

    // The history window finds the old message; activating the hit asks to open it.
    HistoryWindow history(alice.account());
    history.show();
    auto *historySearch = history.findChild<QLineEdit *>(u"historySearchField"_s);
    auto *results = history.findChild<QListView *>(u"historyResults"_s);
    REQUIRE(historySearch);
    REQUIRE(results);
    QTest::keyClicks(historySearch, u"haystack"_s);
    REQUIRE(waitFor([&] { return results->model()->rowCount() > 0 && results->isVisible(); }));
    const QModelIndex hit = results->model()->index(0, 0);
    CHECK(hit.data(HistoryWindow::SnippetHtmlRole).toString().contains(u"<b>haystack</b>"_s));
    CHECK(hit.data(HistoryWindow::PeerRole).toString() == bobJid);
    saveGrab(history, u"history-window"_s);
    QSignalSpy activated(&history, &HistoryWindow::messageActivated);
    results->setCurrentIndex(hit);
    QTest::keyClick(results, Qt::Key_Return);
    REQUIRE(activated.size() == 1);
    CHECK(activated.at(0).at(0).toString() == bobJid);
    CHECK(activated.at(0).at(1).toLongLong() == needleId);
    historySearch->clear();
    auto *conversations = history.findChild<QListView *>(u"historyConversations"_s);
    REQUIRE(conversations->model()->rowCount() == 1);
    conversations->setCurrentIndex(conversations->model()->index(0, 0));
    auto *browsed = history.findChild<TranscriptView *>(u"historyTranscript"_s);
    REQUIRE(waitFor([&] { return browsed->isVisible() && browsed->model()->rowCount() == 50; }));
    saveGrab(history, u"history-conversation"_s);

    // A message that cannot be sent: the reason inline and in the notice.
    alice.account().logOut();
    QTest::keyClicks(input, u"Anyone there?"_s);
    QTest::keyClick(input, Qt::Key_Return);
    const int last = messages.rowCount() - 1;
    CHECK(messages.message(last).body == u"Anyone there?"_s);
    CHECK(deliveryOf(messages, last) == int(DeliveryState::Failed));
    auto *notice = tab->findChild<QLabel *>(u"sendErrorNoticeLabel"_s);
    CHECK(notice->isVisible());
    CHECK(notice->text() == describe(SendError{.kind = SendError::NotConnected, .detail = {}}));
    saveGrab(window, u"chat-send-error"_s);
}
