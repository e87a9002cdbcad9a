#include "ContactCardDialog.h"

#include "client/ClientAccount.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "common/Icons.h"
#include "common/Theme.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFontInfo>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

QLabel *detailLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

} // namespace

ContactCardDialog::ContactCardDialog(ClientAccount &account, const QString &jid, QWidget *parent)
    : QDialog(parent), m_account(account), m_jid(jid.section(u'/', 0, 0).trimmed().toLower()),
      m_avatar(new QLabel(this)), m_name(new QLabel(this)), m_address(new QLabel(this)),
      m_presenceIcon(new QLabel(this)), m_presence(new QLabel(this)),
      m_statusText(new QLabel(this)), m_form(new QFormLayout),
      m_organization(detailLabel(this, u"organizationLabel"_s)),
      m_title(detailLabel(this, u"titleLabel"_s)), m_email(detailLabel(this, u"emailLabel"_s)),
      m_phone(detailLabel(this, u"phoneLabel"_s)), m_empty(new QLabel(this)),
      m_progress(new QProgressBar(this)), m_status(new QLabel(this)),
      m_refresh(new QPushButton(this)), m_chat(new QPushButton(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(u"contactCardDialog"_s);
    const int em = fontMetrics().height();

    m_avatar->setObjectName(u"avatarLabel"_s);
    m_avatar->setFixedSize(em * 5, em * 5);
    m_name->setObjectName(u"nameLabel"_s);
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(QFontInfo(nameFont).pointSizeF() * 1.4);
    nameFont.setBold(true);
    m_name->setFont(nameFont);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_address->setObjectName(u"jidLabel"_s);
    m_address->setText(m_jid);
    m_address->setForegroundRole(QPalette::PlaceholderText);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_presence->setObjectName(u"presenceLabel"_s);
    m_statusText->setObjectName(u"statusTextLabel"_s);
    m_statusText->setWordWrap(true);
    QFont statusFont = m_statusText->font();
    statusFont.setItalic(true);
    m_statusText->setFont(statusFont);

    m_email->setTextFormat(Qt::RichText);
    m_email->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_email->setOpenExternalLinks(true);
    for (QLabel *field : {m_organization, m_title, m_email, m_phone}) {
        auto *label = new QLabel(this);
        label->setForegroundRole(QPalette::PlaceholderText);
        m_form->addRow(label, field);
    }
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_form->setHorizontalSpacing(em);
    m_form->setVerticalSpacing(em / 2);
    m_empty->setObjectName(u"emptyLabel"_s);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->hide();

    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(em * 4);
    m_progress->setMaximumHeight(em / 2);
    m_progress->hide();
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);

    m_refresh->setObjectName(u"refreshButton"_s);
    m_chat->setObjectName(u"chatButton"_s);
    m_chat->setIcon(icon(u"chat"_s));
    m_buttons->addButton(m_refresh, QDialogButtonBox::ResetRole);
    m_buttons->addButton(m_chat, QDialogButtonBox::AcceptRole);
    m_chat->setDefault(true);
    connect(m_refresh, &QPushButton::clicked, this, &ContactCardDialog::refresh);
    connect(m_chat, &QPushButton::clicked, this, [this] {
        Q_EMIT chatRequested(m_jid);
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *presenceRow = new QHBoxLayout;
    presenceRow->setSpacing(em / 3);
    presenceRow->addWidget(m_presenceIcon);
    presenceRow->addWidget(m_presence, 1);
    auto *identity = new QVBoxLayout;
    identity->setSpacing(em / 4);
    identity->addStretch();
    identity->addWidget(m_name);
    identity->addWidget(m_address);
    identity->addSpacing(em / 3);
    identity->addLayout(presenceRow);
    identity->addWidget(m_statusText);
    identity->addStretch();
    auto *header = new QHBoxLayout;
    header->setSpacing(em);
    header->addWidget(m_avatar, 0, Qt::AlignTop);
    header->addLayout(identity, 1);

    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_status, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em * 3 / 2, em * 3 / 2, em * 3 / 2, em);
    layout->setSpacing(em);
    layout->addLayout(header);
    layout->addWidget(line);
    layout->addLayout(m_form);
    layout->addWidget(m_empty);
    layout->addLayout(statusRow);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(em * 24);

    ProfileManager &profiles = account.profiles();
    connect(&profiles, &ProfileManager::profileReceived, this,
            [this](const QString &bareJid, const Profile &profile) {
                if (isThisContact(bareJid))
                    showProfile(profile);
            });
    connect(&profiles, &ProfileManager::profileRequestFailed, this,
            [this](const QString &bareJid, const ProfileResult &result) {
                if (isThisContact(bareJid))
                    showFailure(result);
            });
    RosterModel &roster = account.roster().model();
    connect(&roster, &QAbstractItemModel::dataChanged, this, &ContactCardDialog::updatePresence);
    connect(&roster, &QAbstractItemModel::modelReset, this, &ContactCardDialog::updatePresence);
    connect(&roster, &QAbstractItemModel::rowsInserted, this, &ContactCardDialog::updatePresence);
    connect(&roster, &QAbstractItemModel::rowsRemoved, this, &ContactCardDialog::updatePresence);

    m_profile = profiles.cachedProfile(m_jid);
    retranslateUi();
    updatePresence();
    refresh();
}

void ContactCardDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ContactCardDialog::retranslateUi()
{
    const std::pair<QLabel *, QString> rows[] = {
        {m_organization, tr("Organisation")},
        {m_title, tr("Title")},
        {m_email, tr("Email")},
        {m_phone, tr("Phone")},
    };
    for (const auto &[field, text] : rows) {
        static_cast<QLabel *>(m_form->labelForField(field))->setText(text);
        field->setAccessibleName(text);
    }
    m_avatar->setAccessibleName(tr("Picture"));
    m_empty->setText(tr("This contact has not filled in a profile."));
    m_refresh->setText(tr("&Refresh"));
    m_chat->setText(tr("&Chat"));
    m_progress->setAccessibleName(tr("Loading"));
    if (m_statusMessage)
        m_status->setText(m_statusMessage());
    updateHeader();
    updatePresence();
}

void ContactCardDialog::refresh()
{
    m_loading = true;
    m_refresh->setEnabled(false);
    m_progress->show();
    m_statusMessage = [] { return tr("Loading the profile…"); };
    m_status->setText(m_statusMessage());
    m_status->setPalette(palette());
    m_status->show();
    updateDetails();
    m_account.profiles().requestProfile(m_jid, ProfileManager::FetchPolicy::Refresh);
}

void ContactCardDialog::showProfile(const Profile &profile)
{
    m_profile = profile;
    m_loading = false;
    m_refresh->setEnabled(true);
    m_progress->hide();
    m_statusMessage = {};
    m_status->hide();
    updateHeader();
    updateDetails();
}

void ContactCardDialog::showFailure(const ProfileResult &result)
{
    m_loading = false;
    m_refresh->setEnabled(true);
    m_progress->hide();
    m_statusMessage = [result] { return describe(result); };
    m_status->setText(m_statusMessage());
    QPalette palette = this->palette();
    palette.setColor(QPalette::WindowText, errorColor());
    m_status->setPalette(palette);
    m_status->show();
    updateDetails();
}

void ContactCardDialog::updateHeader()
{
    const RosterModel &roster = m_account.roster().model();
    QString name = m_profile ? m_profile->fullName.trimmed() : QString();
    if (name.isEmpty() && roster.contains(m_jid))
        name = RosterModel::displayName(roster.contact(m_jid));
    if (name.isEmpty())
        name = m_jid.section(u'@', 0, 0);
    m_name->setText(name);
    setWindowTitle(tr("Profile of %1").arg(name));

    QImage picture;
    if (m_profile)
        picture = QImage::fromData(m_profile->photo);
    if (picture.isNull() && roster.contains(m_jid))
        picture = m_account.profiles().avatars().image(roster.contact(m_jid).avatarHash);
    m_avatar->setPixmap(avatarPixmap(picture, name, m_jid, m_avatar->width(), devicePixelRatioF()));
}

void ContactCardDialog::updatePresence()
{
    const RosterModel &roster = m_account.roster().model();
    const int iconSize = fontMetrics().height();
    if (!roster.contains(m_jid)) {
        m_presenceIcon->setPixmap(statusIcon(PresenceStatus::Offline)
                                      .pixmap(QSize(iconSize, iconSize), devicePixelRatioF()));
        m_presence->setText(tr("Not in your contacts"));
        m_statusText->hide();
        return;
    }
    const RosterContact contact = roster.contact(m_jid);
    const PresenceStatus status =
        contact.resources.isEmpty() ? PresenceStatus{} : contact.resources.constFirst().status;
    m_presenceIcon->setPixmap(
        statusIcon(status.availability).pixmap(QSize(iconSize, iconSize), devicePixelRatioF()));
    m_presence->setText(availabilityName(status.availability));
    m_statusText->setText(status.text);
    m_statusText->setVisible(!status.text.isEmpty());
}

void ContactCardDialog::updateDetails()
{
    const Profile profile = m_profile.value_or(Profile{});
    m_organization->setText(profile.organization);
    m_title->setText(profile.title);
    const QString email = profile.email.trimmed();
    m_email->setText(
        email.isEmpty()
            ? QString()
            : u"<a href=\"%1\">%2</a>"_s.arg(
                  QUrl(u"mailto:"_s + email).toString(QUrl::FullyEncoded).toHtmlEscaped(),
                  email.toHtmlEscaped()));
    m_phone->setText(profile.phone);
    bool anyDetail = false;
    for (QLabel *field : {m_organization, m_title, m_email, m_phone}) {
        const bool shown = !field->text().isEmpty();
        m_form->setRowVisible(field, shown);
        anyDetail = anyDetail || shown;
    }
    m_empty->setVisible(!anyDetail && m_profile && !m_loading);
}

bool ContactCardDialog::isThisContact(const QString &bareJid) const
{
    return bareJid.compare(m_jid, Qt::CaseInsensitive) == 0;
}

} // namespace flint::ui
