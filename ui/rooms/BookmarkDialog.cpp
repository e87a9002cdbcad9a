#include "BookmarkDialog.h"

#include "client/RoomService.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {

BookmarkDialog::BookmarkDialog(RoomService &rooms, const QString &roomJid, const QString &name,
                               const QString &nick, QWidget *parent)
    : QDialog(parent), m_rooms(rooms), m_roomJid(roomJid), m_roomLabel(new QLabel(this)),
      m_nameLabel(new QLabel(this)), m_name(new QLineEdit(this)), m_nickLabel(new QLabel(this)),
      m_nick(new QLineEdit(this)), m_passwordLabel(new QLabel(this)),
      m_password(new QLineEdit(this)), m_autojoin(new QCheckBox(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this)),
      m_remove(new QPushButton(this))
{
    setObjectName(u"bookmarkDialog"_s);
    m_name->setObjectName(u"bookmarkNameEdit"_s);
    m_nick->setObjectName(u"bookmarkNickEdit"_s);
    m_password->setObjectName(u"bookmarkPasswordEdit"_s);
    m_autojoin->setObjectName(u"autojoinCheck"_s);
    m_remove->setObjectName(u"removeBookmarkButton"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_roomLabel->setText(roomJid);
    m_roomLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_roomLabel->setForegroundRole(QPalette::PlaceholderText);

    RoomBookmark bookmark{.jid = roomJid, .name = name, .nick = nick};
    for (const RoomBookmark &existing : rooms.bookmarks()) {
        if (existing.jid.compare(roomJid, Qt::CaseInsensitive) == 0) {
            bookmark = existing;
            m_existing = true;
        }
    }
    m_name->setText(bookmark.name);
    m_nick->setText(bookmark.nick);
    m_password->setText(bookmark.password);
    m_autojoin->setChecked(m_existing ? bookmark.autojoin : true);
    m_nameLabel->setBuddy(m_name);
    m_nickLabel->setBuddy(m_nick);
    m_passwordLabel->setBuddy(m_password);

    m_buttons->addButton(m_remove, QDialogButtonBox::DestructiveRole);
    m_remove->setVisible(m_existing);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &BookmarkDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &BookmarkDialog::reject);
    connect(m_remove, &QPushButton::clicked, this, &BookmarkDialog::removeBookmark);

    const int em = fontMetrics().height();
    auto *form = new QFormLayout;
    form->addRow(m_roomLabel);
    form->addRow(m_nameLabel, m_name);
    form->addRow(m_nickLabel, m_nick);
    form->addRow(m_passwordLabel, m_password);
    form->addRow(m_autojoin);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em, em, em, em);
    layout->setSpacing(em);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    m_name->setMinimumWidth(em * 16);
    retranslateUi();
}

void BookmarkDialog::accept()
{
    m_rooms.setBookmark({.jid = m_roomJid,
                         .name = m_name->text().trimmed(),
                         .nick = m_nick->text().trimmed(),
                         .password = m_password->text(),
                         .autojoin = m_autojoin->isChecked()});
    QDialog::accept();
}

void BookmarkDialog::removeBookmark()
{
    m_rooms.removeBookmark(m_roomJid);
    QDialog::accept();
}

void BookmarkDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void BookmarkDialog::retranslateUi()
{
    setWindowTitle(m_existing ? tr("Edit Bookmark") : tr("Bookmark Room"));
    m_nameLabel->setText(tr("&Name:"));
    m_name->setAccessibleName(tr("Bookmark name"));
    m_nickLabel->setText(tr("N&ickname:"));
    m_nick->setAccessibleName(tr("Nickname"));
    m_passwordLabel->setText(tr("&Password:"));
    m_password->setAccessibleName(tr("Room password"));
    m_password->setPlaceholderText(tr("None"));
    m_autojoin->setText(tr("&Join automatically when I log in"));
    m_remove->setText(tr("&Remove Bookmark"));
}

} // namespace flint::ui
