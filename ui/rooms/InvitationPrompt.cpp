#include "InvitationPrompt.h"

#include "client/ClientAccount.h"
#include "common/Icons.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace flint::ui {

InvitationPrompt::InvitationPrompt(ClientAccount &account, const RoomInvitation &invitation,
                                   QWidget *parent)
    : QDialog(parent), m_account(account), m_invitation(invitation), m_icon(new QLabel(this)),
      m_text(new QLabel(this)), m_reason(new QLabel(this)), m_join(new QPushButton(this)),
      m_decline(new QPushButton(this))
{
    setObjectName(u"invitationPrompt"_s);
    setModal(false);
    m_text->setObjectName(u"invitationLabel"_s);
    m_reason->setObjectName(u"invitationReasonLabel"_s);
    m_join->setObjectName(u"joinButton"_s);
    m_decline->setObjectName(u"declineButton"_s);

    const int em = fontMetrics().height();
    m_icon->setAlignment(Qt::AlignTop);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_reason->setWordWrap(true);
    m_reason->setTextFormat(Qt::PlainText);
    m_reason->setForegroundRole(QPalette::PlaceholderText);
    QFont italic = m_reason->font();
    italic.setItalic(true);
    m_reason->setFont(italic);
    m_reason->setText(invitation.reason.trimmed());
    m_reason->setVisible(!invitation.reason.trimmed().isEmpty());
    m_join->setDefault(true);
    m_decline->setAutoDefault(false);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_join);
    buttons->addWidget(m_decline);
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(em, em, em, em);
    layout->setHorizontalSpacing(em);
    layout->setVerticalSpacing(em / 2);
    layout->addWidget(m_icon, 0, 0, 2, 1);
    layout->addWidget(m_text, 0, 1);
    layout->addWidget(m_reason, 1, 1);
    layout->addLayout(buttons, 2, 0, 1, 2);
    layout->setColumnStretch(1, 1);
    m_text->setMinimumWidth(em * 20);

    connect(m_join, &QPushButton::clicked, this, [this] {
        Q_EMIT joinRequested(m_invitation);
        accept();
    });
    connect(m_decline, &QPushButton::clicked, this, &InvitationPrompt::decline);
    applyIcons();
    retranslateUi();
}

void InvitationPrompt::decline()
{
    m_account.rooms().declineInvitation(m_invitation);
    reject();
}

void InvitationPrompt::applyIcons()
{
    const int side = fontMetrics().height() * 2;
    m_icon->setPixmap(icon(u"room"_s).pixmap(QSize(side, side), devicePixelRatioF()));
    m_join->setIcon(icon(u"tick"_s));
    m_decline->setIcon(icon(u"close"_s));
}

void InvitationPrompt::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::PaletteChange)
        applyIcons();
    QDialog::changeEvent(event);
}

void InvitationPrompt::retranslateUi()
{
    const QString inviter = m_account.displayName(m_invitation.inviter);
    const QString room = m_invitation.room;
    setWindowTitle(tr("Invitation to %1").arg(room.section(u'@', 0, 0)));
    m_text->setText(tr("%1 invites you to the room %2")
                        .arg(u"<b>%1</b>"_s.arg(inviter.toHtmlEscaped()),
                             u"<b>%1</b>"_s.arg(room.section(u'@', 0, 0).toHtmlEscaped())));
    m_text->setToolTip(tr("%1 invites you to %2").arg(m_invitation.inviter, room));
    m_join->setText(tr("&Join"));
    m_join->setToolTip(tr("Join the room now"));
    m_decline->setText(tr("&Decline"));
    m_decline->setToolTip(tr("Tell %1 you will not join").arg(inviter));
    setAccessibleName(tr("Invitation from %1 to %2").arg(inviter, room));
}

} // namespace flint::ui
