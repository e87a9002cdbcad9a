#include "ProfileDialog.h"

#include "client/AvatarCache.h"
#include "client/ClientAccount.h"
#include "client/ProfileManager.h"
#include "common/Icons.h"
#include "common/Theme.h"
#include "profile/AvatarCropDialog.h"

#include <QBuffer>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

// Large enough for a sharp avatar at 200 %, small enough for the server's vCard limit.
constexpr int MaxPictureSize = 256;

QLineEdit *lineEdit(QWidget *parent, const QString &objectName)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    return edit;
}

} // namespace

ProfileDialog::ProfileDialog(ClientAccount &account, QWidget *parent)
    : QDialog(parent), m_account(account), m_avatar(new QLabel(this)), m_name(new QLabel(this)),
      m_jid(new QLabel(this)), m_changePicture(new QPushButton(this)),
      m_removePicture(new QPushButton(this)), m_form(new QFormLayout),
      m_fullName(lineEdit(this, u"fullNameEdit"_s)),
      m_organization(lineEdit(this, u"organizationEdit"_s)),
      m_title(lineEdit(this, u"titleEdit"_s)), m_email(lineEdit(this, u"emailEdit"_s)),
      m_phone(lineEdit(this, u"phoneEdit"_s)), m_progress(new QProgressBar(this)),
      m_status(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"profileDialog"_s);
    const int em = fontMetrics().height();

    m_avatar->setObjectName(u"avatarLabel"_s);
    m_avatar->setFixedSize(em * 5, em * 5);
    m_name->setObjectName(u"nameLabel"_s);
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(QFontInfo(nameFont).pointSizeF() * 1.4);
    nameFont.setBold(true);
    m_name->setFont(nameFont);
    m_jid->setObjectName(u"jidLabel"_s);
    m_jid->setText(account.bareJid());
    m_jid->setForegroundRole(QPalette::PlaceholderText);
    m_jid->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_changePicture->setObjectName(u"changePictureButton"_s);
    m_changePicture->setIcon(icon(u"avatar"_s));
    m_removePicture->setObjectName(u"removePictureButton"_s);
    m_removePicture->setIcon(icon(u"remove"_s));
    for (QPushButton *button : {m_changePicture, m_removePicture})
        button->setAutoDefault(false);
    connect(m_changePicture, &QPushButton::clicked, this, &ProfileDialog::choosePicture);
    connect(m_removePicture, &QPushButton::clicked, this, &ProfileDialog::removePicture);
    connect(m_fullName, &QLineEdit::textChanged, this, &ProfileDialog::updateHeader);

    m_email->setInputMethodHints(Qt::ImhEmailCharactersOnly);
    m_phone->setInputMethodHints(Qt::ImhDialableCharactersOnly);
    for (QLineEdit *edit : {m_fullName, m_organization, m_title, m_email, m_phone}) {
        edit->setMinimumWidth(em * 16);
        auto *label = new QLabel(this);
        label->setBuddy(edit);
        m_form->addRow(label, edit);
    }
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_form->setHorizontalSpacing(em);
    m_form->setVerticalSpacing(em / 2);

    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(em * 4);
    m_progress->setMaximumHeight(em / 2);
    m_progress->hide();
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);

    m_buttons->button(QDialogButtonBox::Save)->setObjectName(u"saveButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ProfileDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *pictureButtons = new QHBoxLayout;
    pictureButtons->addWidget(m_changePicture);
    pictureButtons->addWidget(m_removePicture);
    pictureButtons->addStretch();
    auto *headerText = new QVBoxLayout;
    headerText->setSpacing(em / 4);
    headerText->addStretch();
    headerText->addWidget(m_name);
    headerText->addWidget(m_jid);
    headerText->addSpacing(em / 2);
    headerText->addLayout(pictureButtons);
    headerText->addStretch();
    auto *header = new QHBoxLayout;
    header->setSpacing(em);
    header->addWidget(m_avatar);
    header->addLayout(headerText, 1);

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_status, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em * 3 / 2, em * 3 / 2, em * 3 / 2, em);
    layout->setSpacing(em);
    layout->addLayout(header);
    layout->addLayout(m_form);
    layout->addLayout(statusRow);
    layout->addStretch();
    layout->addWidget(m_buttons);

    setTabOrder(m_changePicture, m_removePicture);
    setTabOrder(m_removePicture, m_fullName);
    setTabOrder(m_fullName, m_organization);
    setTabOrder(m_organization, m_title);
    setTabOrder(m_title, m_email);
    setTabOrder(m_email, m_phone);
    setTabOrder(m_phone, m_buttons);

    ProfileManager &profiles = account.profiles();
    connect(&profiles, &ProfileManager::ownProfileChanged, this, [this](const Profile &profile) {
        if (!m_loaded)
            fill(profile);
    });
    connect(&profiles, &ProfileManager::profileSaved, this, &ProfileDialog::handleSaved);

    retranslateUi();
    if (const auto &own = profiles.ownProfile()) {
        fill(*own);
    } else if (account.session().state() == AccountSession::Connected) {
        showStatus([] { return tr("Loading your profile…"); }, false, true);
    } else {
        showStatus([] { return describe(ProfileResult{ProfileResult::NotConnected, {}}); }, true);
    }
    updateHeader();
    updateEnabled();
    m_fullName->setFocus();
}

void ProfileDialog::setPicture(const QImage &image)
{
    const QImage square = squareAvatar(image, MaxPictureSize);
    if (square.isNull())
        return;
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    // Without transparency the PNG is smaller; a photo has none to lose.
    const QImage encoded =
        square.hasAlphaChannel() ? square : square.convertToFormat(QImage::Format_RGB32);
    if (!encoded.save(&buffer, "PNG"))
        return;
    m_photo = png;
    m_photoType = u"image/png"_s;
    m_photoImage = square;
    updateHeader();
    updateEnabled();
}

void ProfileDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ProfileDialog::retranslateUi()
{
    setWindowTitle(tr("My Profile"));
    m_changePicture->setText(tr("Change Picture…"));
    m_removePicture->setText(tr("Remove Picture"));
    m_avatar->setAccessibleName(tr("Your picture"));
    const std::pair<QLineEdit *, QString> rows[] = {
        {m_fullName, tr("&Full name")}, {m_organization, tr("&Organisation")},
        {m_title, tr("&Title")},        {m_email, tr("&Email")},
        {m_phone, tr("&Phone")},
    };
    for (const auto &[edit, text] : rows) {
        static_cast<QLabel *>(m_form->labelForField(edit))->setText(text);
        // Without the mnemonic, also in its Chinese "(&F)" form.
        edit->setAccessibleName(QString(text).remove(QRegularExpression(u"\\(&.\\)|&"_s)));
    }
    m_fullName->setPlaceholderText(tr("How colleagues see your name"));
    m_email->setPlaceholderText(tr("name@example.com"));
    m_progress->setAccessibleName(tr("Working"));
    if (m_statusText)
        m_status->setText(m_statusText());
}

void ProfileDialog::fill(const Profile &profile)
{
    m_loaded = true;
    m_fullName->setText(profile.fullName);
    m_organization->setText(profile.organization);
    m_title->setText(profile.title);
    m_email->setText(profile.email);
    m_phone->setText(profile.phone);
    m_photo = profile.photo;
    m_photoType = profile.photoType;
    m_photoImage = QImage::fromData(profile.photo);
    showStatus({}, false);
    updateHeader();
    updateEnabled();
}

void ProfileDialog::save()
{
    if (!m_loaded || m_saving)
        return;
    Profile profile;
    profile.fullName = m_fullName->text().trimmed();
    profile.organization = m_organization->text().trimmed();
    profile.title = m_title->text().trimmed();
    profile.email = m_email->text().trimmed();
    profile.phone = m_phone->text().trimmed();
    profile.photo = m_photo;
    profile.photoType = m_photoType;
    m_saving = true;
    showStatus([] { return tr("Saving…"); }, false, true);
    updateEnabled();
    m_account.profiles().setProfile(profile);
}

void ProfileDialog::handleSaved(const ProfileResult &result)
{
    if (!m_saving)
        return;
    m_saving = false;
    if (result.kind == ProfileResult::Ok) {
        showStatus({}, false);
        accept();
        return;
    }
    showStatus([result] { return describe(result); }, true);
    updateEnabled();
}

void ProfileDialog::choosePicture()
{
    QStringList patterns;
    for (const QByteArray &format : QImageReader::supportedImageFormats())
        patterns << u"*."_s + QString::fromLatin1(format);
    auto *dialog =
        new QFileDialog(this, tr("Choose a Picture"),
                        QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
                        tr("Images (%1)").arg(patterns.join(u' ')));
    dialog->setObjectName(u"pictureFileDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    connect(dialog, &QFileDialog::fileSelected, this, &ProfileDialog::cropPicture);
    dialog->open();
}

void ProfileDialog::cropPicture(const QString &path)
{
    QImageReader reader(path);
    // Photos from phones are often stored sideways with an orientation tag.
    reader.setAutoTransform(true);
    const QImage image = reader.read();
    if (image.isNull()) {
        const QString name = QFileInfo(path).fileName();
        showStatus([name] { return tr("“%1” could not be opened as a picture.").arg(name); }, true);
        return;
    }
    auto *crop = new AvatarCropDialog(image, this);
    crop->setAttribute(Qt::WA_DeleteOnClose);
    connect(crop, &QDialog::accepted, this, [this, crop] { setPicture(crop->croppedImage()); });
    crop->open();
}

void ProfileDialog::removePicture()
{
    m_photo.clear();
    m_photoType.clear();
    m_photoImage = {};
    updateHeader();
    updateEnabled();
}

void ProfileDialog::updateHeader()
{
    QString name = m_fullName->text().trimmed();
    if (name.isEmpty())
        name = m_account.bareJid().section(u'@', 0, 0);
    m_name->setText(name);
    m_avatar->setPixmap(avatarPixmap(m_photoImage, name, m_account.bareJid(), m_avatar->width(),
                                     devicePixelRatioF()));
}

void ProfileDialog::updateEnabled()
{
    const bool editable = m_loaded && !m_saving;
    for (QWidget *widget : std::initializer_list<QWidget *>{m_fullName, m_organization, m_title,
                                                            m_email, m_phone, m_changePicture})
        widget->setEnabled(editable);
    m_removePicture->setEnabled(editable && !m_photo.isEmpty());
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(editable);
}

void ProfileDialog::showStatus(std::function<QString()> text, bool error, bool busy)
{
    m_statusText = std::move(text);
    m_status->setText(m_statusText ? m_statusText() : QString());
    m_status->setVisible(bool(m_statusText));
    QPalette palette = this->palette();
    if (error)
        palette.setColor(QPalette::WindowText, errorColor());
    m_status->setPalette(palette);
    m_progress->setVisible(busy);
}

} // namespace flint::ui
