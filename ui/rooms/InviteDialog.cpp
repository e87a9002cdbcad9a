#include "InviteDialog.h"

#include "client/ClientAccount.h"
#include "client/RoomService.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "common/Icons.h"

#include <QCollator>
#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

bool looksLikeJid(const QString &text)
{
    const qsizetype at = text.indexOf(u'@');
    return at > 0 && at < text.size() - 1 && !text.contains(u' ');
}

} // namespace

InviteDialog::InviteDialog(ClientAccount &account, Room &room, QWidget *parent)
    : QDialog(parent), m_account(account), m_room(&room), m_intro(new QLabel(this)),
      m_jid(new QLineEdit(this)), m_contacts(new QListWidget(this)),
      m_reasonLabel(new QLabel(this)), m_reason(new QLineEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)),
      m_inviteButton(m_buttons->button(QDialogButtonBox::Ok))
{
    setObjectName(u"inviteDialog"_s);
    m_jid->setObjectName(u"inviteJidEdit"_s);
    m_contacts->setObjectName(u"inviteContactList"_s);
    m_reason->setObjectName(u"inviteReasonEdit"_s);
    m_inviteButton->setObjectName(u"inviteButton"_s);
    m_intro->setWordWrap(true);
    m_jid->setClearButtonEnabled(true);
    m_reasonLabel->setBuddy(m_reason);
    const int em = fontMetrics().height();
    m_contacts->setIconSize(QSize(em, em) * 0.8);
    m_contacts->setMinimumHeight(em * 9);
    m_contacts->setUniformItemSizes(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em, em, em, em);
    layout->setSpacing(em / 2);
    layout->addWidget(m_intro);
    layout->addWidget(m_jid);
    layout->addWidget(m_contacts, 1);
    layout->addWidget(m_reasonLabel);
    layout->addWidget(m_reason);
    layout->addSpacing(em / 3);
    layout->addWidget(m_buttons);
    resize(em * 24, em * 22);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &InviteDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &InviteDialog::reject);
    connect(m_jid, &QLineEdit::textEdited, this, &InviteDialog::filterContacts);
    connect(m_jid, &QLineEdit::textChanged, this, &InviteDialog::validate);
    connect(m_contacts, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item && !item->isHidden())
            m_jid->setText(item->data(Qt::UserRole).toString());
    });
    connect(m_contacts, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        m_jid->setText(item->data(Qt::UserRole).toString());
        m_reason->setFocus();
    });
    fillContacts();
    retranslateUi();
    validate();
    m_jid->setFocus();
}

void InviteDialog::fillContacts()
{
    const RosterModel &roster = m_account.roster().model();
    QStringList jids;
    for (int group = 0; group < roster.rowCount(); ++group) {
        const QModelIndex parent = roster.index(group, 0);
        for (int row = 0; row < roster.rowCount(parent); ++row) {
            const QString jid = roster.index(row, 0, parent).data(RosterModel::JidRole).toString();
            if (!jid.isEmpty() && !jids.contains(jid))
                jids << jid;
        }
    }
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    const auto online = [&roster](const QString &jid) {
        return !roster.contact(jid).resources.isEmpty();
    };
    std::sort(jids.begin(), jids.end(), [&](const QString &a, const QString &b) {
        if (online(a) != online(b))
            return online(a);
        return collator.compare(m_account.displayName(a), m_account.displayName(b)) < 0;
    });
    for (const QString &jid : std::as_const(jids)) {
        const RosterContact contact = roster.contact(jid);
        const PresenceStatus::Availability availability =
            contact.resources.isEmpty() ? PresenceStatus::Offline
                                        : contact.resources.first().status.availability;
        auto *item =
            new QListWidgetItem(statusIcon(availability),
                                u"%1  —  %2"_s.arg(m_account.displayName(jid), jid), m_contacts);
        item->setData(Qt::UserRole, jid);
    }
}

void InviteDialog::filterContacts(const QString &text)
{
    const QString needle = text.trimmed();
    for (int row = 0; row < m_contacts->count(); ++row) {
        QListWidgetItem *item = m_contacts->item(row);
        item->setHidden(!needle.isEmpty() && !item->text().contains(needle, Qt::CaseInsensitive));
    }
}

void InviteDialog::validate()
{
    m_inviteButton->setEnabled(m_room && looksLikeJid(m_jid->text().trimmed()));
}

void InviteDialog::accept()
{
    const QString jid = m_jid->text().trimmed();
    if (!m_room || !looksLikeJid(jid))
        return;
    m_room->invite(jid, m_reason->text().trimmed());
    QDialog::accept();
}

void InviteDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void InviteDialog::retranslateUi()
{
    const QString room = m_room ? m_room->name() : QString();
    setWindowTitle(tr("Invite to %1").arg(room));
    m_intro->setText(
        tr("Pick a contact or type an address. They get an invitation to join %1.").arg(room));
    m_jid->setPlaceholderText(tr("Name or address, e.g. alex@example.org"));
    m_jid->setAccessibleName(tr("Address to invite"));
    m_contacts->setAccessibleName(tr("Contacts"));
    m_reasonLabel->setText(tr("&Message (optional):"));
    m_reason->setAccessibleName(tr("Invitation message"));
    m_reason->setPlaceholderText(tr("e.g. We are planning the release"));
    m_inviteButton->setText(tr("&Invite"));
}

} // namespace flint::ui
