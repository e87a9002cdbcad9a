// The user's own availability and custom status text, as picked at the top of the main window;
// follows the account's status when it changes elsewhere (automatic away, the tray menu).
#pragma once

#include "client/PresenceManager.h"

#include <QWidget>

class QComboBox;
class QLineEdit;

namespace flint::ui {

class StatusSelector : public QWidget {
    Q_OBJECT
public:
    explicit StatusSelector(PresenceManager &presence, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void showStatus(const PresenceStatus &status);
    void apply();

    PresenceManager &m_presence;
    QComboBox *m_availability;
    QLineEdit *m_text;
};

} // namespace flint::ui
