#include "JoinRoomDialog.h"

#include "client/ClientAccount.h"
#include "common/Theme.h"

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

JoinRoomDialog::JoinRoomDialog(ClientAccount &account, const QString &roomJid,
                               bool passwordProtected, QWidget *parent)
    : QDialog(parent), m_account(account), m_roomLabel(new QLabel(this)),
      m_roomEdit(new QLineEdit(this)), m_nickLabel(new QLabel(this)), m_nick(new QLineEdit(this)),
      m_passwordLabel(new QLabel(this)), m_password(new QLineEdit(this)),
      m_bookmark(new QCheckBox(this)), m_status(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)),
      m_joinButton(m_buttons->button(QDialogButtonBox::Ok))
{
    setObjectName(u"joinRoomDialog"_s);
    m_roomEdit->setObjectName(u"roomEdit"_s);
    m_nick->setObjectName(u"nickEdit"_s);
    m_password->setObjectName(u"passwordEdit"_s);
    m_bookmark->setObjectName(u"bookmarkCheck"_s);
    m_status->setObjectName(u"statusLabel"_s);
    m_joinButton->setObjectName(u"joinButton"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_roomEdit->setText(roomJid);
    m_nick->setText(account.rooms().defaultNick());
    m_roomLabel->setBuddy(m_roomEdit);
    m_nickLabel->setBuddy(m_nick);
    m_passwordLabel->setBuddy(m_password);
    m_status->setWordWrap(true);
    m_status->hide();
    m_passwordLabel->setVisible(passwordProtected);
    m_password->setVisible(passwordProtected);

    const int em = fontMetrics().height();
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(m_roomLabel, m_roomEdit);
    form->addRow(m_nickLabel, m_nick);
    form->addRow(m_passwordLabel, m_password);
    form->addRow(m_bookmark);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em, em, em, em);
    layout->setSpacing(em * 2 / 3);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    m_roomEdit->setMinimumWidth(em * 20);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &JoinRoomDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &JoinRoomDialog::reject);
    connect(m_roomEdit, &QLineEdit::textChanged, this, &JoinRoomDialog::validate);
    connect(m_nick, &QLineEdit::textChanged, this, &JoinRoomDialog::validate);
    connect(&account.rooms(), &RoomService::serviceDiscovered, this, &JoinRoomDialog::validate);
    retranslateUi();
    validate();
    if (roomJid.isEmpty())
        m_roomEdit->setFocus();
    else if (passwordProtected)
        m_password->setFocus();
    else
        m_nick->setFocus();
}

QString JoinRoomDialog::roomJid() const
{
    const QString text = m_roomEdit->text().trimmed();
    if (text.isEmpty() || text.contains(u' '))
        return {};
    if (text.contains(u'@'))
        return text.section(u'/', 0, 0).toLower();
    const QString service = m_account.rooms().serviceJid();
    return service.isEmpty() ? QString() : text.toLower() + u'@' + service;
}

void JoinRoomDialog::setNick(const QString &nick)
{
    if (!nick.isEmpty())
        m_nick->setText(nick);
}

void JoinRoomDialog::setPassword(const QString &password)
{
    m_password->setText(password);
    if (!password.isEmpty()) {
        m_passwordLabel->show();
        m_password->show();
    }
}

void JoinRoomDialog::validate()
{
    m_joinButton->setEnabled(!m_busy && !roomJid().isEmpty() &&
                             !m_nick->text().trimmed().isEmpty());
}

void JoinRoomDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *field : {static_cast<QWidget *>(m_roomEdit), static_cast<QWidget *>(m_nick),
                           static_cast<QWidget *>(m_password), static_cast<QWidget *>(m_bookmark)})
        field->setEnabled(!busy);
    if (busy) {
        m_status->setPalette(palette());
        m_status->setText(tr("Joining %1…").arg(roomJid()));
        m_status->show();
    }
    validate();
}

void JoinRoomDialog::accept()
{
    join();
}

void JoinRoomDialog::join()
{
    const QString jid = roomJid();
    if (m_busy || jid.isEmpty() || m_nick->text().trimmed().isEmpty())
        return;
    if (Room *existing = m_account.rooms().room(jid);
        existing && existing->state() == Room::State::Joined) {
        joined(existing);
        return;
    }
    for (const QMetaObject::Connection &connection : std::as_const(m_pending))
        disconnect(connection);
    m_pending.clear();
    setBusy(true);
    Room *room = m_account.rooms().join(jid, m_nick->text().trimmed(), m_password->text());
    m_room = room;
    if (!room) {
        showFailure({.kind = RoomError::NotConnected});
        return;
    }
    m_pending << connect(room, &Room::joined, this, [this] {
        if (m_room)
            joined(m_room);
    });
    m_pending << connect(room, &Room::failed, this, [this](const RoomError &error) {
        if (m_busy)
            showFailure(error);
    });
    if (room->state() == Room::State::Joined)
        joined(room);
}

void JoinRoomDialog::joined(Room *room)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_pending))
        disconnect(connection);
    m_pending.clear();
    if (m_bookmark->isChecked())
        m_account.rooms().setBookmark({.jid = room->jid(),
                                       .name = m_roomName.isEmpty() ? room->name() : m_roomName,
                                       .nick = m_nick->text().trimmed(),
                                       .password = m_password->text(),
                                       .autojoin = true});
    m_busy = false;
    Q_EMIT roomJoined(room);
    QDialog::accept();
}

void JoinRoomDialog::showFailure(const RoomError &error)
{
    setBusy(false);
    QPalette red = palette();
    red.setColor(QPalette::WindowText, errorColor());
    m_status->setPalette(red);
    m_status->setText(describe(error));
    m_status->show();
    switch (error.kind) {
    case RoomError::PasswordRequired:
        m_passwordLabel->show();
        m_password->show();
        m_password->setFocus();
        m_password->selectAll();
        break;
    case RoomError::NicknameInUse:
        m_nick->setFocus();
        m_nick->selectAll();
        break;
    default:
        m_roomEdit->setFocus();
        break;
    }
}

void JoinRoomDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void JoinRoomDialog::retranslateUi()
{
    setWindowTitle(tr("Join Room"));
    m_roomLabel->setText(tr("&Room:"));
    m_roomEdit->setAccessibleName(tr("Room name or address"));
    m_roomEdit->setPlaceholderText(tr("Name or address, e.g. planning"));
    m_nickLabel->setText(tr("N&ickname:"));
    m_nick->setAccessibleName(tr("Nickname"));
    m_passwordLabel->setText(tr("&Password:"));
    m_password->setAccessibleName(tr("Room password"));
    m_bookmark->setText(tr("&Bookmark and join automatically"));
    m_joinButton->setText(tr("&Join"));
    if (m_busy)
        m_status->setText(tr("Joining %1…").arg(roomJid()));
}

} // namespace flint::ui
