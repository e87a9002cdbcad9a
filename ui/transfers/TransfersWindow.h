// Every file transfer of the session (flow H), newest first: per transfer the file, the peer and
// direction, how it goes (direct, proxy, in-band, upload), a progress bar with speed and time
// left, its state (the error when it failed, a tick when the hash was checked), and Cancel while
// it runs or Open / Show in Folder once it is done. "Clear Finished" empties the list of the rest.
#pragma once

#include <QFrame>
#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QToolButton;
class QVBoxLayout;

namespace flint {
class ClientAccount;
class Transfer;
} // namespace flint

namespace flint::ui {

// One transfer's row.
class TransferRow : public QFrame {
    Q_OBJECT
public:
    TransferRow(ClientAccount &account, Transfer &transfer, QWidget *parent = nullptr);

    Transfer *transfer() const { return m_transfer; }
    void refresh();
    void retranslateUi();
    void applyIcons();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    ClientAccount &m_account;
    QPointer<Transfer> m_transfer;
    QLabel *m_icon;
    QLabel *m_name;
    QLabel *m_directionIcon;
    QLabel *m_peer;
    QProgressBar *m_progress;
    QLabel *m_verified;
    QLabel *m_state;
    QToolButton *m_cancel;
    QToolButton *m_open;
    QToolButton *m_showInFolder;
};

class TransfersWindow : public QWidget {
    Q_OBJECT
public:
    explicit TransfersWindow(ClientAccount &account, QWidget *parent = nullptr);
    ~TransfersWindow() override;

    // The row of a transfer, or null.
    TransferRow *row(const Transfer *transfer) const { return m_rows.value(transfer); }
    QList<TransferRow *> rows() const;

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void retranslateUi();
    // Makes the rows match the service's list: new transfers get one, removed ones lose theirs.
    void sync();
    void refreshAll();

    ClientAccount &m_account;
    QScrollArea *m_scroll;
    QWidget *m_list;
    QVBoxLayout *m_listLayout;
    QLabel *m_empty;
    QPushButton *m_clear;
    QPushButton *m_downloads;
    QPushButton *m_close;
    QHash<const Transfer *, TransferRow *> m_rows;
    // Progress is shown a few times a second, not at every block that arrives.
    QTimer m_ticker;
};

} // namespace flint::ui
