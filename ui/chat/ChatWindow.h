// Spark's "chat rooms": one window with a tab per conversation. Tabs show the peer's name and
// presence and are flagged while they hold unread messages; a conversation is read once its tab
// is on screen in the active window.
#pragma once

#include <QWidget>

class QTabWidget;

namespace flint {
class ClientAccount;
class ClientSettings;
} // namespace flint

namespace flint::ui {

class ChatTab;

class ChatWindow : public QWidget {
    Q_OBJECT
public:
    ChatWindow(ClientAccount &account, ClientSettings &settings, QWidget *parent = nullptr);
    ~ChatWindow() override;

    // activate=false adds the tab (if needed) without raising the window or taking the focus.
    void openConversation(const QString &jid, bool activate = true);
    // Opens the conversation, pages back until the message is loaded, scrolls to it and
    // highlights it.
    void showMessage(const QString &peer, qint64 messageId);
    // Whether the window is active with that conversation's tab current.
    bool isConversationVisible(const QString &peer) const;
    // Shows the window behind the active one, without taking the focus, and asks the desktop
    // to draw attention to it (a flashing taskbar entry).
    void showInBackground();

    ChatTab *tab(const QString &peer) const;
    ChatTab *currentTab() const;

Q_SIGNALS:
    void contactProfileRequested(const QString &jid);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    // Files dropped on the tab bar go to the current conversation.
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void retranslateUi();
    void updateTab(ChatTab *tab);
    void closeTab(int index);
    void switchTab(int step);
    void markCurrentRead();
    void saveWindowGeometry();

    ClientAccount &m_account;
    ClientSettings &m_settings;
    QTabWidget *m_tabs;
};

} // namespace flint::ui
