// The app's preferences, one page per topic (general, appearance, notifications, presence,
// files); every change is saved and applied at once, so there is only a Close button.
#pragma once

#include <QDialog>
#include <QList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace flint {
class ClientSettings;
} // namespace flint

namespace flint::ui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(ClientSettings &settings, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    enum Page { GeneralPage, AppearancePage, NotificationsPage, PresencePage, FilesPage };

    void retranslateUi();
    // A page with its heading; the heading is returned for retranslation.
    QLabel *addPage(const QString &iconName, QWidget *content);
    void setFontSize(int points);
    void setStartOnLogin(bool enabled);
    void browseDownloads();
    void setDownloadsFolder(const QString &folder);

    ClientSettings &m_settings;
    QListWidget *m_pageList;
    QStackedWidget *m_pages;
    QList<QLabel *> m_headings;

    QComboBox *m_language;
    QCheckBox *m_startOnLogin;
    QLabel *m_startOnLoginError;
    QCheckBox *m_closeToTray;

    QComboBox *m_theme;
    QSpinBox *m_fontSize;
    int m_lastFontSize = 0;

    QCheckBox *m_notifications;
    QCheckBox *m_sounds;
    QCheckBox *m_openChat;

    QSpinBox *m_autoAway;
    QLabel *m_autoAwayHint;

    QLineEdit *m_downloads;
    QPushButton *m_browse;

    QDialogButtonBox *m_buttons;
};

} // namespace flint::ui
