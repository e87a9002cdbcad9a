#include "SubscriptionPrompt.h"

#include "client/ClientAccount.h"
#include "client/ProfileManager.h"
#include "client/RosterManager.h"
#include "common/Icons.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace flint::ui {

SubscriptionPrompt::SubscriptionPrompt(ClientAccount &account, const QString &jid,
                                       const QString &message, QWidget *parent)
    : QFrame(parent), m_account(account), m_jid(jid), m_avatar(new QLabel(this)),
      m_request(new QLabel(this)), m_message(new QLabel(this)), m_accept(new QPushButton(this)),
      m_deny(new QPushButton(this)), m_later(new QPushButton(this))
{
    setObjectName(u"subscriptionPrompt"_s);
    m_request->setObjectName(u"requestLabel"_s);
    m_message->setObjectName(u"requestMessageLabel"_s);
    m_accept->setObjectName(u"acceptButton"_s);
    m_deny->setObjectName(u"denyButton"_s);
    m_later->setObjectName(u"laterButton"_s);

    const int em = fontMetrics().height();
    const qsizetype at = jid.indexOf(u'@');
    const QString name = at > 0 ? jid.left(at) : jid;
    QImage photo;
    if (const auto card = account.profiles().cachedProfile(jid))
        photo = QImage::fromData(card->photo);
    m_avatar->setPixmap(avatarPixmap(photo, name, jid, em * 2, devicePixelRatioF()));
    m_avatar->setAlignment(Qt::AlignTop);
    m_request->setWordWrap(true);
    m_request->setTextFormat(Qt::RichText);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    QFont italic = m_message->font();
    italic.setItalic(true);
    m_message->setFont(italic);
    setMessage(message);
    m_accept->setDefault(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_accept);
    buttons->addWidget(m_deny);
    buttons->addWidget(m_later);
    buttons->addStretch();
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(em * 2 / 3, em / 2, em * 2 / 3, em / 2);
    layout->setHorizontalSpacing(em * 2 / 3);
    layout->setVerticalSpacing(em / 4);
    layout->addWidget(m_avatar, 0, 0, 3, 1);
    layout->addWidget(m_request, 0, 1);
    layout->addWidget(m_message, 1, 1);
    layout->addLayout(buttons, 2, 1);
    layout->setColumnStretch(1, 1);

    connect(m_accept, &QPushButton::clicked, this,
            [this] { m_account.roster().acceptSubscription(m_jid); });
    connect(m_deny, &QPushButton::clicked, this,
            [this] { m_account.roster().denySubscription(m_jid); });
    connect(m_later, &QPushButton::clicked, this, [this] { Q_EMIT postponed(m_jid); });
    applyIcons();
    retranslateUi();
}

void SubscriptionPrompt::setMessage(const QString &message)
{
    m_message->setText(message.trimmed());
    m_message->setVisible(!message.trimmed().isEmpty());
}

void SubscriptionPrompt::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::PaletteChange)
        applyIcons();
    QFrame::changeEvent(event);
}

void SubscriptionPrompt::applyIcons()
{
    m_accept->setIcon(icon(u"tick"_s));
    m_deny->setIcon(icon(u"close"_s));
    m_later->setIcon(icon(u"clock"_s));
}

void SubscriptionPrompt::paintEvent(QPaintEvent *)
{
    // A soft tint of the accent colour sets the request apart from the contact list.
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor base = palette().color(QPalette::Base);
    const QColor accent = palette().color(QPalette::Highlight);
    QColor fill = base;
    fill.setRgbF(base.redF() * 0.9f + accent.redF() * 0.1f,
                 base.greenF() * 0.9f + accent.greenF() * 0.1f,
                 base.blueF() * 0.9f + accent.blueF() * 0.1f);
    QColor border = accent;
    border.setAlphaF(0.45f);
    const qreal radius = fontMetrics().height() / 2.5;
    painter.setPen(QPen(border, 1));
    painter.setBrush(fill);
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
}

void SubscriptionPrompt::retranslateUi()
{
    m_request->setText(
        tr("%1 wants to see when you are online").arg(u"<b>%1</b>"_s.arg(m_jid.toHtmlEscaped())));
    m_accept->setText(tr("Accept"));
    m_accept->setToolTip(tr("Share your presence and add them to your contacts"));
    m_deny->setText(tr("Deny"));
    m_deny->setToolTip(tr("Do not share your presence"));
    m_later->setText(tr("Later"));
    m_later->setToolTip(tr("Decide at your next login"));
    setAccessibleName(tr("Contact request from %1").arg(m_jid));
}

} // namespace flint::ui
