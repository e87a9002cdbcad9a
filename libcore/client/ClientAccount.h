// Everything one account of the desktop app uses, wired together: the session and one object per
// concern (roster, presence, conversations with their local history, profiles, directory, idle
// watch), sharing the account's data directory. The UI observes these objects; it never sees QXmpp.
#pragma once

#include "client/AccountSession.h"
#include "client/HistoryStore.h"

#include <QObject>
#include <QString>

#include <memory>

namespace flint {

class CertificateTrust;
class ConversationListModel;
class ConversationManager;
class DirectorySearch;
class IdleWatcher;
class PresenceManager;
class ProfileManager;
class RoomService;
class RosterManager;
class TransferService;

class ClientAccount : public QObject {
    Q_OBJECT
public:
    // `bareJid` names the account; its files live in `dataRoot`/<bareJid>/ and its history is
    // opened at once. `trust` is shared by every account of the app and must outlive this one.
    ClientAccount(const QString &bareJid, const QString &dataRoot, CertificateTrust &trust,
                  QObject *parent = nullptr);
    ~ClientAccount() override;

    // Why the local history could not be opened (None: it is open). Without it everything else
    // works, but messages are not kept.
    HistoryStore::Error historyError() const { return m_historyError; }
    QString bareJid() const { return m_bareJid; }
    QString dataDirectory() const { return m_directory; }

    CertificateTrust &trust() const { return m_trust; }
    AccountSession &session() const { return *m_session; }
    HistoryStore &history() const { return *m_history; }
    RosterManager &roster() const { return *m_roster; }
    PresenceManager &presence() const { return *m_presence; }
    ConversationManager &conversations() const { return *m_conversations; }
    ConversationListModel &conversationList() const { return *m_conversationList; }
    ProfileManager &profiles() const { return *m_profiles; }
    DirectorySearch &directory() const { return *m_directorySearch; }
    RoomService &rooms() const { return *m_rooms; }
    TransferService &transfers() const { return *m_transfers; }
    IdleWatcher &idle() const { return *m_idle; }

    // How the UI names someone: the roster name, else the full name on their cached card, else
    // the JID's local part; a room by its name, someone in a room as "nick (room name)".
    QString displayName(const QString &jid) const;
    // The user's own name: the full name on their card, else the JID's local part.
    QString ownDisplayName() const;

    // Logs in as this account; see AccountSession::connectToServer.
    void logIn(const AccountSettings &settings);
    // Logs out and stays offline.
    void logOut();

private:
    QString m_bareJid;
    QString m_directory;
    CertificateTrust &m_trust;
    std::unique_ptr<HistoryStore> m_history;
    HistoryStore::Error m_historyError;
    AccountSession *m_session;
    RosterManager *m_roster;
    PresenceManager *m_presence;
    ConversationManager *m_conversations;
    ConversationListModel *m_conversationList;
    ProfileManager *m_profiles;
    DirectorySearch *m_directorySearch;
    RoomService *m_rooms;
    TransferService *m_transfers;
    IdleWatcher *m_idle;
};

} // namespace flint
