// Bookmarks one room (XEP-0048, stored on the server): its name in the Rooms menu, the nick and
// password to join with, and whether to join it automatically at login; or removes the bookmark.
#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace flint {
class RoomService;
}

namespace flint::ui {

class BookmarkDialog : public QDialog {
    Q_OBJECT
public:
    // Starts from the room's bookmark when it has one, else from `name` and `nick`.
    BookmarkDialog(RoomService &rooms, const QString &roomJid, const QString &name,
                   const QString &nick, QWidget *parent = nullptr);

    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void removeBookmark();

    RoomService &m_rooms;
    QString m_roomJid;
    bool m_existing = false;
    QLabel *m_roomLabel;
    QLabel *m_nameLabel;
    QLineEdit *m_name;
    QLabel *m_nickLabel;
    QLineEdit *m_nick;
    QLabel *m_passwordLabel;
    QLineEdit *m_password;
    QCheckBox *m_autojoin;
    QDialogButtonBox *m_buttons;
    QPushButton *m_remove;
};

} // namespace flint::ui
