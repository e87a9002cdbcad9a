// Edits the user's own profile card: name, organisation, title, email, phone and the avatar
// (chosen from a file, cropped square, published as PNG).
#pragma once

#include <QByteArray>
#include <QDialog>
#include <QImage>
#include <QString>

#include <functional>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace flint {
class ClientAccount;
struct Profile;
struct ProfileResult;
} // namespace flint

namespace flint::ui {

class ProfileDialog : public QDialog {
    Q_OBJECT
public:
    explicit ProfileDialog(ClientAccount &account, QWidget *parent = nullptr);

    // Takes `image` as the new avatar: its centre square, scaled down to at most 256 pixels.
    void setPicture(const QImage &image);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void fill(const Profile &profile);
    void save();
    void handleSaved(const ProfileResult &result);
    void choosePicture();
    void cropPicture(const QString &path);
    void removePicture();
    void updateHeader();
    void updateEnabled();
    // Texts are kept as functions so a language change re-renders them.
    void showStatus(std::function<QString()> text, bool error, bool busy = false);

    ClientAccount &m_account;
    QLabel *m_avatar;
    QLabel *m_name;
    QLabel *m_jid;
    QPushButton *m_changePicture;
    QPushButton *m_removePicture;
    QFormLayout *m_form;
    QLineEdit *m_fullName;
    QLineEdit *m_organization;
    QLineEdit *m_title;
    QLineEdit *m_email;
    QLineEdit *m_phone;
    QProgressBar *m_progress;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QByteArray m_photo;
    QString m_photoType;
    QImage m_photoImage;
    std::function<QString()> m_statusText;
    bool m_loaded = false;
    bool m_saving = false;
};

} // namespace flint::ui
