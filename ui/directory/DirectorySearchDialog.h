// "Find colleagues": searches the server's user directory by part of a name, username or email
// address, and adds a result to the contacts or opens a chat with it.
#pragma once

#include "client/DirectorySearch.h"

#include <QDialog>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>

class QImage;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace flint {
class ClientAccount;
struct RosterResult;
} // namespace flint

namespace flint::ui {

class DirectorySearchDialog : public QDialog {
    Q_OBJECT
public:
    explicit DirectorySearchDialog(ClientAccount &account, QWidget *parent = nullptr);

Q_SIGNALS:
    void chatRequested(const QString &jid);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void search();
    void showResults(const QList<DirectoryEntry> &entries);
    void showFailure(const DirectorySearchResult &result);
    // The picture from the card when there is one, otherwise initials.
    void showAvatar(int row, const QImage &picture);
    void addSelected();
    void chatWith(int row);
    void handleRosterResult(const RosterResult &result);
    // The "In contacts" column and the buttons, after the roster or the selection changed.
    void updateRows();
    void updateButtons();
    // Texts are kept as functions so a language change re-renders them.
    void showStatus(std::function<QString()> text, bool error, bool busy = false);

    ClientAccount &m_account;
    QLabel *m_hint;
    QLineEdit *m_query;
    QPushButton *m_search;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTableWidget *m_results;
    QPushButton *m_add;
    QPushButton *m_chat;
    QPushButton *m_close;
    QList<DirectoryEntry> m_entries;
    QSet<QString> m_adding; // lowercase JIDs whose addition is under way
    std::function<QString()> m_statusText;
};

} // namespace flint::ui
