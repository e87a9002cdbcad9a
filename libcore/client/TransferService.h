// File transfer for one account (flow H). To a contact who is online: XEP-0096 stream initiation
// over SOCKS5 bytestreams (XEP-0065) — direct where the peer can reach us, through the server's
// proxy otherwise — and in-band bytestreams (XEP-0047) after a SOCKS5 failure. To a contact who is
// offline, or into a room: HTTP File Upload (XEP-0363), then a message with the link (XEP-0066)
// and the file's name, size and SHA-256 (XEP-0446), which the recipient's client downloads and
// checks. Every finished file is recorded in its conversation (HistoryMessage::attachment).
// Owns the client's QXmppTransferManager and QXmppHttpUploadManager.
#pragma once

#include "client/HistoryStore.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace flint {

class AccountSession;
class ConversationManager;
class RoomService;

struct TransferError {
    Q_GADGET
public:
    enum Kind {
        NotConnected,
        Declined,          // the recipient said no
        CancelledByPeer,   // the other side cancelled while it ran
        ConnectionLost,    // our connection to the server ended while it ran
        PeerUnavailable,   // went offline, or does not do file transfer
        ConnectionFailed,  // no bytestream could be set up (SOCKS5 and in-band both failed)
        FileTooLarge,      // above the upload service's limit (`limit` holds it)
        QuotaExceeded,     // the user's upload quota is used up
        NoUploadService,   // the server offers no HTTP upload, so no file to offline users
        UploadFailed,      // the PUT or GET failed (HTTP status in `detail`)
        ServerStorage,     // the server could not store the upload (its disk may be full)
        DiskFull,          // no room on this computer: `limit` bytes free in the folder in `detail`
        IntegrityMismatch, // the received file's hash differs from what the sender announced
        LocalFile,         // reading or writing the local file failed (missing, disk full…)
        Other,
    };
    Q_ENUM(Kind)
    Kind kind = Other;
    qint64 limit = -1;
    QString detail; // technical detail, for logs
};
// The one place transfer errors become user-facing text.
QString describe(const TransferError &error);

class Transfer : public QObject {
    Q_OBJECT
public:
    enum class Direction { Incoming, Outgoing };
    Q_ENUM(Direction)
    enum class Method { Undecided, Socks5Direct, Socks5Proxy, InBand, HttpUpload };
    Q_ENUM(Method)
    enum class State {
        Offered,    // incoming: waiting for the user to accept or decline
        Waiting,    // outgoing: waiting for the peer to accept
        Connecting, // negotiating a bytestream or requesting an upload slot
        Transferring,
        Verifying, // hashing the received file
        Finished,
        Failed,
        Cancelled, // by this side
    };
    Q_ENUM(State)

    ~Transfer() override;

    QString id() const;
    Direction direction() const;
    Method method() const;
    State state() const;
    bool isActive() const; // neither finished, failed nor cancelled
    QString peer() const;  // bare JID of the contact, or the room's JID
    bool toRoom() const;
    QString fileName() const;
    qint64 size() const; // -1: unknown (a link without size)
    qint64 bytesTransferred() const;
    double bytesPerSecond() const; // smoothed over the last seconds
    qint64 secondsLeft() const;    // -1: unknown
    QString localPath() const;     // the file sent, or where the received one is written
    QDateTime started() const;
    TransferError error() const; // when Failed
    // Hash checked on completion (SHA-256 for uploads, the SI hash for bytestreams).
    bool verified() const;

    // Incoming offers: accept writing to `path` (the downloads folder's file name when empty;
    // an existing file is never overwritten: " (1)" is added) or decline.
    void accept(const QString &path = {});
    void decline();
    // Stops either direction; the other side is told and partial files are removed.
    void cancel();

Q_SIGNALS:
    void stateChanged(flint::Transfer::State state);
    void progressChanged(qint64 bytesTransferred);
    void methodChanged(flint::Transfer::Method method);

private:
    friend class TransferService;
    struct Private;
    explicit Transfer(QObject *parent);
    std::unique_ptr<Private> d;
};

// Every transfer of this session, newest first, for the transfers window.
class TransferListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { TransferRole = Qt::UserRole + 1 }; // Transfer* as QObject*
    Q_ENUM(Role)
    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Transfer *transfer(int row) const { return m_transfers.value(row); }
    std::optional<int> rowOf(const Transfer *transfer) const;

private:
    friend class TransferService;
    void add(Transfer *transfer);
    void changed(Transfer *transfer);
    void removeFinished();
    QList<Transfer *> m_transfers;
};

class TransferService : public QObject {
    Q_OBJECT
public:
    // Everything passed in must outlive the service.
    TransferService(AccountSession &session, ConversationManager &conversations, RoomService &rooms,
                    QObject *parent = nullptr);
    ~TransferService() override;

    // Where accepted files go when no path is given; the system downloads folder by default.
    QString downloadsDirectory() const;
    void setDownloadsDirectory(const QString &directory);

    // Sends `path` to `jid` (a contact's bare or full JID): by bytestream when a resource is
    // online and offers file transfer, else by upload and link. Null when the file cannot be
    // read (nothing started; LocalFile error in `error`). The transfer may have moved on before
    // it is returned: already Failed when the account is offline, its method already chosen
    // when the server's services are known.
    Transfer *sendFile(const QString &jid, const QString &path, TransferError *error = nullptr);
    // Uploads `path` and posts the link into the joined room `roomJid`; returned already Failed
    // when not in that room, like sendFile() when offline.
    Transfer *sendFileToRoom(const QString &roomJid, const QString &path,
                             TransferError *error = nullptr);
    // Downloads a linked file (a message's attachment) into `path` (downloads folder when empty)
    // and checks its hash; the message's attachment gets the local path when done.
    Transfer *download(qint64 messageId, const FileAttachment &attachment, const QString &peer,
                       const QString &path = {});

    TransferListModel &transfers() const;
    // Removes finished, failed and cancelled transfers from the list.
    void clearFinished();

    // For tests and the "direct connections" setting: offer only the server's proxy as
    // streamhost (no direct connection), and whether SOCKS5 is offered at all (IBB only).
    void setDirectConnectionsAllowed(bool allowed);
    void setSocks5Enabled(bool enabled);

Q_SIGNALS:
    // An incoming offer: prompt the user (Transfer::accept/decline).
    void offerReceived(flint::Transfer *transfer);
    void transferAdded(flint::Transfer *transfer);
    void transferFinished(flint::Transfer *transfer);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace flint

Q_DECLARE_METATYPE(flint::TransferError)
