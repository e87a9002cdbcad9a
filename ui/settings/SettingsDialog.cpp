#include "SettingsDialog.h"

#include "client/ClientSettings.h"
#include "common/Icons.h"
#include "common/LanguageManager.h"
#include "common/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFontInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

// Smaller sizes are unreadable; the spin box jumps between "Default" (0) and this.
constexpr int MinFontSize = 6;
constexpr int MaxFontSize = 36;
constexpr int MaxAutoAwayMinutes = 480;

QFormLayout *formLayout(int em)
{
    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setHorizontalSpacing(em);
    form->setVerticalSpacing(em * 2 / 3);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    return form;
}

QLabel *hintLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

// A form row whose label is the field's buddy, so its shortcut letter focuses the field.
void addRow(QFormLayout *form, QWidget *buddy, QLayout *field = nullptr)
{
    auto *label = new QLabel(buddy->parentWidget());
    label->setBuddy(buddy);
    if (field)
        form->addRow(label, field);
    else
        form->addRow(label, buddy);
}

void setLabelText(QWidget *buddy, const QString &text)
{
    const auto labels = buddy->parentWidget()->findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->buddy() == buddy)
            label->setText(text);
    }
}

} // namespace

SettingsDialog::SettingsDialog(ClientSettings &settings, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_pageList(new QListWidget(this)),
      m_pages(new QStackedWidget(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(u"settingsDialog"_s);
    const int em = fontMetrics().height();

    m_pageList->setObjectName(u"pageList"_s);
    m_pageList->setIconSize(QSize(em * 5 / 4, em * 5 / 4));
    m_pageList->setSpacing(em / 5);
    m_pageList->setFixedWidth(em * 10);
    m_pageList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_pageList->setFrameShape(QFrame::NoFrame);
    // The list reads as the dialog's sidebar rather than as a data view.
    m_pageList->viewport()->setBackgroundRole(QPalette::Window);
    m_pages->setObjectName(u"pages"_s);
    connect(m_pageList, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    // General
    auto *general = new QWidget;
    auto *generalForm = formLayout(em);
    general->setLayout(generalForm);
    m_language = new QComboBox(general);
    m_language->setObjectName(u"languageCombo"_s);
    // Follows the texts' widths, which change with the language.
    m_language->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_language->addItem(QString(), QString());
    for (const QString &language : LanguageManager::availableLanguages())
        m_language->addItem(LanguageManager::nativeName(language), language);
    m_language->setCurrentIndex(qMax(0, m_language->findData(settings.language())));
    connect(m_language, &QComboBox::currentIndexChanged, this,
            [this] { m_settings.setLanguage(m_language->currentData().toString()); });
    m_startOnLogin = new QCheckBox(general);
    m_startOnLogin->setObjectName(u"startOnLoginCheck"_s);
    m_startOnLogin->setChecked(settings.startOnLogin());
    connect(m_startOnLogin, &QCheckBox::toggled, this, &SettingsDialog::setStartOnLogin);
    m_startOnLoginError = new QLabel(general);
    m_startOnLoginError->setObjectName(u"startOnLoginError"_s);
    m_startOnLoginError->setWordWrap(true);
    QPalette errorPalette = m_startOnLoginError->palette();
    errorPalette.setColor(QPalette::WindowText, errorColor());
    m_startOnLoginError->setPalette(errorPalette);
    m_startOnLoginError->hide();
    m_closeToTray = new QCheckBox(general);
    m_closeToTray->setObjectName(u"closeToTrayCheck"_s);
    m_closeToTray->setChecked(settings.closeToTray());
    connect(m_closeToTray, &QCheckBox::toggled, &settings, &ClientSettings::setCloseToTray);
    addRow(generalForm, m_language);
    generalForm->addRow(m_startOnLogin);
    generalForm->addRow(m_startOnLoginError);
    generalForm->addRow(m_closeToTray);

    // Appearance
    auto *appearance = new QWidget;
    auto *appearanceForm = formLayout(em);
    appearance->setLayout(appearanceForm);
    m_theme = new QComboBox(appearance);
    m_theme->setObjectName(u"themeCombo"_s);
    m_theme->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (ClientSettings::Theme theme :
         {ClientSettings::Theme::System, ClientSettings::Theme::Light, ClientSettings::Theme::Dark})
        m_theme->addItem(QString(), int(theme));
    m_theme->setCurrentIndex(qMax(0, m_theme->findData(int(settings.theme()))));
    connect(m_theme, &QComboBox::currentIndexChanged, this,
            [this] { m_settings.setTheme(ClientSettings::Theme(m_theme->currentData().toInt())); });
    m_fontSize = new QSpinBox(appearance);
    m_fontSize->setObjectName(u"fontSizeSpin"_s);
    m_fontSize->setRange(0, MaxFontSize);
    m_fontSize->setKeyboardTracking(false);
    m_lastFontSize = settings.fontPointSize();
    m_fontSize->setValue(m_lastFontSize);
    connect(m_fontSize, &QSpinBox::valueChanged, this, &SettingsDialog::setFontSize);
    addRow(appearanceForm, m_theme);
    addRow(appearanceForm, m_fontSize);

    // Notifications
    auto *notifications = new QWidget;
    auto *notificationsLayout = new QVBoxLayout(notifications);
    notificationsLayout->setContentsMargins(0, 0, 0, 0);
    notificationsLayout->setSpacing(em * 2 / 3);
    m_notifications = new QCheckBox(notifications);
    m_notifications->setObjectName(u"notificationsCheck"_s);
    m_notifications->setChecked(settings.notificationsEnabled());
    m_sounds = new QCheckBox(notifications);
    m_sounds->setObjectName(u"soundsCheck"_s);
    m_sounds->setChecked(settings.soundsEnabled());
    // Sounds go with the notification; without one there is nothing to play.
    m_sounds->setEnabled(m_notifications->isChecked());
    connect(m_notifications, &QCheckBox::toggled, this, [this](bool enabled) {
        m_settings.setNotificationsEnabled(enabled);
        m_sounds->setEnabled(enabled);
    });
    connect(m_sounds, &QCheckBox::toggled, &settings, &ClientSettings::setSoundsEnabled);
    m_openChat = new QCheckBox(notifications);
    m_openChat->setObjectName(u"openChatCheck"_s);
    m_openChat->setChecked(settings.openChatOnMessage());
    connect(m_openChat, &QCheckBox::toggled, &settings, &ClientSettings::setOpenChatOnMessage);
    notificationsLayout->addWidget(m_notifications);
    notificationsLayout->addWidget(m_sounds);
    notificationsLayout->addWidget(m_openChat);

    // Presence
    auto *presence = new QWidget;
    auto *presenceForm = formLayout(em);
    presence->setLayout(presenceForm);
    m_autoAway = new QSpinBox(presence);
    m_autoAway->setObjectName(u"autoAwaySpin"_s);
    m_autoAway->setRange(0, MaxAutoAwayMinutes);
    m_autoAway->setKeyboardTracking(false);
    m_autoAway->setValue(settings.autoAwayMinutes());
    connect(m_autoAway, &QSpinBox::valueChanged, &settings, &ClientSettings::setAutoAwayMinutes);
    m_autoAwayHint = hintLabel(presence);
    addRow(presenceForm, m_autoAway);
    presenceForm->addRow(m_autoAwayHint);

    // Files
    auto *files = new QWidget;
    auto *filesForm = formLayout(em);
    filesForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    files->setLayout(filesForm);
    m_downloads = new QLineEdit(files);
    m_downloads->setObjectName(u"downloadsEdit"_s);
    m_downloads->setText(settings.downloadsFolder());
    connect(m_downloads, &QLineEdit::editingFinished, this,
            [this] { setDownloadsFolder(m_downloads->text()); });
    m_browse = new QPushButton(files);
    m_browse->setObjectName(u"browseButton"_s);
    m_browse->setIcon(icon(u"folder"_s));
    m_browse->setAutoDefault(false);
    connect(m_browse, &QPushButton::clicked, this, &SettingsDialog::browseDownloads);
    auto *downloadsRow = new QHBoxLayout;
    downloadsRow->addWidget(m_downloads, 1);
    downloadsRow->addWidget(m_browse);
    addRow(filesForm, m_downloads, downloadsRow);

    m_headings = {addPage(u"settings"_s, general), addPage(u"palette"_s, appearance),
                  addPage(u"bell"_s, notifications), addPage(u"clock"_s, presence),
                  addPage(u"folder"_s, files)};

    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_buttons->button(QDialogButtonBox::Close)->setObjectName(u"closeButton"_s);

    auto *body = new QHBoxLayout;
    body->setSpacing(em * 3 / 2);
    body->addWidget(m_pageList);
    body->addWidget(m_pages, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em, em, em, em);
    layout->setSpacing(em);
    layout->addLayout(body, 1);
    layout->addWidget(m_buttons);
    resize(em * 38, em * 22);

    retranslateUi();
    m_pageList->setCurrentRow(GeneralPage);
    m_pageList->setFocus();
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

QLabel *SettingsDialog::addPage(const QString &iconName, QWidget *content)
{
    const int em = fontMetrics().height();
    auto *page = new QWidget;
    auto *heading = new QLabel(page);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(QFontInfo(headingFont).pointSizeF() * 1.3);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, em / 4, 0, 0);
    layout->setSpacing(em);
    layout->addWidget(heading);
    layout->addWidget(content);
    layout->addStretch();
    m_pages->addWidget(page);
    new QListWidgetItem(icon(iconName), QString(), m_pageList);
    return heading;
}

void SettingsDialog::retranslateUi()
{
    setWindowTitle(tr("Settings"));
    const QString pageNames[] = {tr("General"), tr("Appearance"), tr("Notifications"),
                                 tr("Presence"), tr("Files")};
    for (int page = GeneralPage; page <= FilesPage; ++page) {
        m_pageList->item(page)->setText(pageNames[page]);
        m_headings.at(page)->setText(pageNames[page]);
    }
    m_pageList->setAccessibleName(tr("Settings pages"));

    setLabelText(m_language, tr("&Language"));
    m_language->setItemText(0, tr("System default"));
    m_language->setAccessibleName(tr("Language"));
    m_startOnLogin->setText(tr("Start Flint when I log in"));
    m_startOnLoginError->setText(
        tr("Flint could not change whether it starts when you log in to the computer."));
    m_closeToTray->setText(tr("Keep running in the tray when the window is closed"));

    setLabelText(m_theme, tr("&Theme"));
    m_theme->setItemText(0, tr("Same as the system"));
    m_theme->setItemText(1, tr("Light"));
    m_theme->setItemText(2, tr("Dark"));
    m_theme->setAccessibleName(tr("Theme"));
    setLabelText(m_fontSize, tr("&Font size"));
    m_fontSize->setSpecialValueText(tr("Default"));
    m_fontSize->setSuffix(tr(" pt"));
    m_fontSize->setAccessibleName(tr("Font size"));

    m_notifications->setText(tr("Show a notification when a message arrives"));
    m_sounds->setText(tr("Play a sound with the notification"));
    m_openChat->setText(tr("Open the chat window when a new conversation starts"));

    setLabelText(m_autoAway, tr("Set me &away after"));
    m_autoAway->setSpecialValueText(tr("Never"));
    m_autoAway->setSuffix(tr(" min"));
    m_autoAway->setAccessibleName(tr("Minutes until away"));
    m_autoAwayHint->setText(tr("Your status changes to Away when you have not used the keyboard "
                               "or mouse for this long, and back when you return."));

    setLabelText(m_downloads, tr("Save &downloads to"));
    m_downloads->setAccessibleName(tr("Downloads folder"));
    m_browse->setText(tr("&Browse…"));
}

void SettingsDialog::setFontSize(int points)
{
    if (points > 0 && points < MinFontSize) {
        points = m_lastFontSize == 0 ? MinFontSize : 0;
        const QSignalBlocker blocker(m_fontSize);
        m_fontSize->setValue(points);
    }
    m_lastFontSize = points;
    m_settings.setFontPointSize(points);
}

void SettingsDialog::setStartOnLogin(bool enabled)
{
    const bool changed = m_settings.setStartOnLogin(enabled);
    if (!changed) {
        const QSignalBlocker blocker(m_startOnLogin);
        m_startOnLogin->setChecked(!enabled);
    }
    m_startOnLoginError->setVisible(!changed);
}

void SettingsDialog::browseDownloads()
{
    auto *dialog = new QFileDialog(this, tr("Choose the Downloads Folder"), m_downloads->text());
    dialog->setObjectName(u"downloadsFileDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this, &SettingsDialog::setDownloadsFolder);
    dialog->open();
}

void SettingsDialog::setDownloadsFolder(const QString &folder)
{
    const QString trimmed = folder.trimmed();
    if (trimmed.isEmpty()) {
        m_downloads->setText(m_settings.downloadsFolder());
        return;
    }
    m_downloads->setText(trimmed);
    m_settings.setDownloadsFolder(trimmed);
}

} // namespace flint::ui
