#include "CreateRoomDialog.h"

#include "client/ClientAccount.h"
#include "common/Theme.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

// Characters an address's local part may not hold (RFC 7622 §3.3.1).
const QRegularExpression ForbiddenInAddress(u"[\\s\"&'/:<>@]"_s);

// "Weekly Planning" → "weekly-planning".
QString addressFor(const QString &name)
{
    QString address = name.trimmed().toLower();
    address.replace(QRegularExpression(u"\\s+"_s), u"-"_s);
    address.remove(ForbiddenInAddress);
    return address;
}

} // namespace

CreateRoomDialog::CreateRoomDialog(ClientAccount &account, QWidget *parent)
    : QDialog(parent), m_account(account), m_settingsMode(false)
{
    build();
    m_nick->setText(account.rooms().defaultNick());
    setConfig({});
    connect(&account.rooms(), &RoomService::serviceDiscovered, this, &CreateRoomDialog::validate);
    retranslateUi();
    validate();
    m_name->setFocus();
}

CreateRoomDialog::CreateRoomDialog(ClientAccount &account, Room &room, QWidget *parent)
    : QDialog(parent), m_account(account), m_room(&room), m_settingsMode(true)
{
    build();
    m_pending << connect(&room, &Room::configurationReceived, this,
                         [this](const RoomConfig &config) {
                             m_configRead = true;
                             setConfig(config);
                             setBusy(false);
                         });
    m_pending << connect(&room, &Room::failed, this, [this](const RoomError &error) {
        if (m_busy)
            showError(describe(error));
    });
    m_pending << connect(&room, &Room::configured, this, [this] {
        if (m_busy)
            QDialog::accept();
    });
    retranslateUi();
    setBusy(true, tr("Reading the room's settings…"));
    room.requestConfiguration();
}

void CreateRoomDialog::build()
{
    setObjectName(u"createRoomDialog"_s);
    const int em = fontMetrics().height();
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_name = new QLineEdit(this);
    m_name->setObjectName(u"roomNameEdit"_s);
    m_address = new QLineEdit(this);
    m_address->setObjectName(u"roomAddressEdit"_s);
    m_serviceLabel = new QLabel(this);
    m_serviceLabel->setObjectName(u"serviceLabel"_s);
    m_serviceLabel->setForegroundRole(QPalette::PlaceholderText);
    m_description = new QLineEdit(this);
    m_description->setObjectName(u"roomDescriptionEdit"_s);
    m_nick = new QLineEdit(this);
    m_nick->setObjectName(u"nickEdit"_s);
    m_password = new QLineEdit(this);
    m_password->setObjectName(u"roomPasswordEdit"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_history = new QSpinBox(this);
    m_history->setObjectName(u"historySpin"_s);
    m_history->setRange(0, 500);
    m_max = new QSpinBox(this);
    m_max->setObjectName(u"maxOccupantsSpin"_s);
    m_max->setRange(0, 10000);
    m_persistent = new QCheckBox(this);
    m_persistent->setObjectName(u"persistentCheck"_s);
    m_public = new QCheckBox(this);
    m_public->setObjectName(u"publicCheck"_s);
    m_membersOnly = new QCheckBox(this);
    m_membersOnly->setObjectName(u"membersOnlyCheck"_s);
    m_moderated = new QCheckBox(this);
    m_moderated->setObjectName(u"moderatedCheck"_s);
    m_realJids = new QCheckBox(this);
    m_realJids->setObjectName(u"realJidsCheck"_s);
    m_mayInvite = new QCheckBox(this);
    m_mayInvite->setObjectName(u"mayInviteCheck"_s);
    m_maySetSubject = new QCheckBox(this);
    m_maySetSubject->setObjectName(u"maySetSubjectCheck"_s);
    m_status = new QLabel(this);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);
    m_status->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_okButton = m_buttons->button(QDialogButtonBox::Ok);
    m_okButton->setObjectName(u"okButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CreateRoomDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CreateRoomDialog::reject);

    m_nameLabel = new QLabel(this);
    m_nameLabel->setBuddy(m_name);
    m_addressLabel = new QLabel(this);
    m_addressLabel->setBuddy(m_address);
    m_descriptionLabel = new QLabel(this);
    m_descriptionLabel->setBuddy(m_description);
    m_nickLabel = new QLabel(this);
    m_nickLabel->setBuddy(m_nick);
    m_passwordLabel = new QLabel(this);
    m_passwordLabel->setBuddy(m_password);
    m_historyLabel = new QLabel(this);
    m_historyLabel->setBuddy(m_history);
    m_maxLabel = new QLabel(this);
    m_maxLabel->setBuddy(m_max);

    auto *addressRow = new QHBoxLayout;
    addressRow->setSpacing(em / 4);
    addressRow->addWidget(m_address, 1);
    addressRow->addWidget(m_serviceLabel);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->addRow(m_nameLabel, m_name);
    m_form->addRow(m_addressLabel, addressRow);
    m_form->addRow(m_descriptionLabel, m_description);
    m_form->addRow(m_nickLabel, m_nick);
    m_form->addRow(m_passwordLabel, m_password);
    m_form->addRow(m_historyLabel, m_history);
    m_form->addRow(m_maxLabel, m_max);
    auto *checks = new QVBoxLayout;
    checks->setSpacing(em / 4);
    for (QCheckBox *check : {m_persistent, m_public, m_membersOnly, m_moderated, m_realJids,
                             m_mayInvite, m_maySetSubject})
        checks->addWidget(check);
    m_form->addRow(checks);
    if (m_settingsMode) {
        m_address->setReadOnly(true);
        m_nickLabel->hide();
        m_nick->hide();
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em, em, em, em);
    layout->setSpacing(em * 2 / 3);
    layout->addWidget(m_intro);
    layout->addLayout(m_form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    m_name->setMinimumWidth(em * 20);

    connect(m_name, &QLineEdit::textEdited, this, &CreateRoomDialog::nameEdited);
    connect(m_address, &QLineEdit::textEdited, this, [this] {
        m_addressEdited = !m_address->text().isEmpty();
        validate();
    });
    connect(m_nick, &QLineEdit::textChanged, this, &CreateRoomDialog::validate);
    connect(m_name, &QLineEdit::textChanged, this, &CreateRoomDialog::validate);
}

RoomConfig CreateRoomDialog::config() const
{
    return {.name = m_name->text().trimmed(),
            .description = m_description->text().trimmed(),
            .persistent = m_persistent->isChecked(),
            .isPublic = m_public->isChecked(),
            .membersOnly = m_membersOnly->isChecked(),
            .moderated = m_moderated->isChecked(),
            .password = m_password->text(),
            .realJidsVisible = m_realJids->isChecked(),
            .occupantsMayInvite = m_mayInvite->isChecked(),
            .occupantsMayChangeSubject = m_maySetSubject->isChecked(),
            .historyLength = m_history->value(),
            .maxOccupants = m_max->value()};
}

void CreateRoomDialog::setConfig(const RoomConfig &config)
{
    m_name->setText(config.name);
    m_description->setText(config.description);
    m_persistent->setChecked(config.persistent);
    m_public->setChecked(config.isPublic);
    m_membersOnly->setChecked(config.membersOnly);
    m_moderated->setChecked(config.moderated);
    m_password->setText(config.password);
    m_realJids->setChecked(config.realJidsVisible);
    m_mayInvite->setChecked(config.occupantsMayInvite);
    m_maySetSubject->setChecked(config.occupantsMayChangeSubject);
    m_history->setValue(config.historyLength);
    m_max->setValue(config.maxOccupants);
    if (m_settingsMode && m_room) {
        const QString jid = m_room->jid();
        m_address->setText(jid.section(u'@', 0, 0));
        m_serviceLabel->setText(u"@"_s + jid.section(u'@', 1));
    }
}

QString CreateRoomDialog::roomJid() const
{
    if (m_settingsMode)
        return m_room ? m_room->jid() : QString();
    const QString service = m_account.rooms().serviceJid();
    const QString local = m_address->text().trimmed();
    if (service.isEmpty() || local.isEmpty() || local.contains(ForbiddenInAddress))
        return {};
    return local + u'@' + service;
}

void CreateRoomDialog::nameEdited(const QString &name)
{
    if (!m_addressEdited && !m_settingsMode)
        m_address->setText(addressFor(name));
}

void CreateRoomDialog::validate()
{
    if (!m_settingsMode) {
        const QString service = m_account.rooms().serviceJid();
        m_serviceLabel->setText(service.isEmpty() ? QString() : u"@"_s + service);
        if (service.isEmpty() && !m_busy)
            showError(describe(RoomError{.kind = RoomError::NoService}));
        else if (!m_busy)
            m_status->hide();
    }
    const bool complete = m_settingsMode
                              ? m_configRead
                              : !m_name->text().trimmed().isEmpty() && !roomJid().isEmpty() &&
                                    !m_nick->text().trimmed().isEmpty();
    m_okButton->setEnabled(complete && !m_busy);
}

void CreateRoomDialog::setBusy(bool busy, const QString &status)
{
    m_busy = busy;
    for (QWidget *field :
         {static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_description),
          static_cast<QWidget *>(m_nick), static_cast<QWidget *>(m_password),
          static_cast<QWidget *>(m_history), static_cast<QWidget *>(m_max),
          static_cast<QWidget *>(m_persistent), static_cast<QWidget *>(m_public),
          static_cast<QWidget *>(m_membersOnly), static_cast<QWidget *>(m_moderated),
          static_cast<QWidget *>(m_realJids), static_cast<QWidget *>(m_mayInvite),
          static_cast<QWidget *>(m_maySetSubject)})
        field->setEnabled(!busy);
    m_address->setEnabled(!busy);
    if (busy) {
        m_status->setForegroundRole(QPalette::WindowText);
        m_status->setPalette(palette());
        m_status->setText(status);
        m_status->setVisible(!status.isEmpty());
    }
    validate();
}

void CreateRoomDialog::showError(const QString &text)
{
    setBusy(false);
    QPalette red = palette();
    red.setColor(QPalette::WindowText, errorColor());
    m_status->setPalette(red);
    m_status->setText(text);
    m_status->show();
}

void CreateRoomDialog::accept()
{
    if (!m_okButton->isEnabled())
        return;
    if (m_settingsMode)
        save();
    else
        create();
}

void CreateRoomDialog::create()
{
    const QString jid = roomJid();
    if (Room *existing = m_account.rooms().room(jid);
        existing && existing->state() != Room::State::Left) {
        showError(tr("You are already in %1.").arg(jid));
        return;
    }
    for (const QMetaObject::Connection &connection : std::as_const(m_pending))
        disconnect(connection);
    m_pending.clear();
    setBusy(true, tr("Creating %1…").arg(jid));
    Room *room = m_account.rooms().create(jid, m_nick->text().trimmed(), config());
    m_room = room;
    if (!room) {
        showError(describe(RoomError{.kind = RoomError::NotConnected}));
        return;
    }
    m_pending << connect(room, &Room::failed, this, [this](const RoomError &error) {
        if (m_busy)
            showError(describe(error));
    });
    m_pending << connect(room, &Room::configured, this, [this] {
        if (!m_busy || !m_room)
            return;
        Q_EMIT roomJoined(m_room);
        QDialog::accept();
    });
}

void CreateRoomDialog::save()
{
    if (!m_room) {
        showError(describe(RoomError{.kind = RoomError::NotConnected}));
        return;
    }
    setBusy(true, tr("Saving the settings…"));
    m_room->configure(config());
}

void CreateRoomDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void CreateRoomDialog::retranslateUi()
{
    if (m_settingsMode) {
        setWindowTitle(tr("Room Settings — %1").arg(m_room ? m_room->name() : QString()));
        m_intro->setText(tr("Only the room's owners may change these settings."));
        m_okButton->setText(tr("&Save"));
        if (m_busy && !m_configRead)
            m_status->setText(tr("Reading the room's settings…"));
    } else {
        setWindowTitle(tr("Create Room"));
        m_intro->setText(tr("A room for a team or a topic. You become its owner."));
        m_okButton->setText(tr("C&reate"));
    }
    m_nameLabel->setText(tr("&Name:"));
    m_name->setAccessibleName(tr("Room name"));
    m_name->setPlaceholderText(tr("e.g. Weekly Planning"));
    m_addressLabel->setText(tr("&Address:"));
    m_address->setAccessibleName(tr("Room address"));
    m_descriptionLabel->setText(tr("&Description:"));
    m_description->setAccessibleName(tr("Room description"));
    m_description->setPlaceholderText(tr("What the room is for"));
    m_nickLabel->setText(tr("Your n&ickname:"));
    m_nick->setAccessibleName(tr("Your nickname"));
    m_passwordLabel->setText(tr("&Password:"));
    m_password->setAccessibleName(tr("Room password"));
    m_password->setPlaceholderText(tr("None: anyone allowed may join"));
    m_historyLabel->setText(tr("&History for newcomers:"));
    m_history->setAccessibleName(tr("Messages shown to newcomers"));
    m_history->setSuffix(tr(" messages"));
    m_maxLabel->setText(tr("&Maximum people:"));
    m_max->setAccessibleName(tr("Maximum number of people"));
    m_max->setSpecialValueText(tr("No limit"));
    m_persistent->setText(tr("&Keep the room when everyone has left"));
    m_public->setText(tr("&List the room in the room directory"));
    m_membersOnly->setText(tr("Only &members may join"));
    m_moderated->setText(tr("M&oderated: newcomers need a voice to speak"));
    m_realJids->setText(tr("&Everyone sees participants' addresses (else moderators only)"));
    m_mayInvite->setText(tr("Participants may &invite others"));
    m_maySetSubject->setText(tr("Participants may change the s&ubject"));
    validate();
}

} // namespace flint::ui
