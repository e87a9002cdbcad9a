#include "ClientAccount.h"

#include "client/ConversationListModel.h"
#include "client/ConversationManager.h"
#include "client/DirectorySearch.h"
#include "client/IdleWatcher.h"
#include "client/PresenceManager.h"
#include "client/ProfileManager.h"
#include "client/RoomService.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "client/TransferService.h"
#include "common/Jid.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

HistoryStore::Error openHistory(HistoryStore &history, const QString &directory)
{
    QDir().mkpath(directory);
    return history.open(QDir(directory).filePath(u"history.sqlite"_s));
}

QString localPartOf(const QString &jid)
{
    const qsizetype at = jid.indexOf(u'@');
    return at > 0 ? jid.left(at) : jid;
}

} // namespace

ClientAccount::ClientAccount(const QString &bareJid, const QString &dataRoot,
                             CertificateTrust &trust, QObject *parent)
    : QObject(parent), m_bareJid(Jid::parse(bareJid) ? Jid::parse(bareJid)->bareString() : bareJid),
      m_directory(QDir(dataRoot).filePath(m_bareJid)), m_trust(trust),
      m_history(std::make_unique<HistoryStore>()),
      m_historyError(openHistory(*m_history, m_directory)),
      m_session(new AccountSession(trust, this))
{
    m_roster = new RosterManager(*m_session, this);
    m_presence = new PresenceManager(*m_session, this);
    m_conversations = new ConversationManager(*m_session, *m_history, this);
    m_conversationList = new ConversationListModel(*m_conversations, this);
    m_profiles = new ProfileManager(*m_session, QDir(m_directory).filePath(u"cards"_s), this);
    m_directorySearch = new DirectorySearch(*m_session, this);
    m_rooms = new RoomService(*m_session, *m_history, this);
    m_conversations->setRoomService(m_rooms);
    m_transfers = new TransferService(*m_session, *m_conversations, *m_rooms, this);
    m_idle = new IdleWatcher(*m_presence, IdleWatcher::systemIdleSource(), this);
    connect(m_profiles, &ProfileManager::ownPhotoHashChanged, m_presence,
            &PresenceManager::setAvatarHash);

    // The roster shows each contact's unread count: what history holds now, then every change.
    for (const HistoryConversation &conversation : m_history->conversations())
        m_roster->model().setUnreadCount(conversation.peer, conversation.unreadCount);
    connect(m_conversations, &ConversationManager::conversationUpdated, this,
            [this](const QString &peer) {
                m_roster->model().setUnreadCount(peer, m_history->unreadCount(peer));
            });
    // Rooms are conversations too (GroupChatRole), kept current as their messages arrive.
    connect(m_rooms, &RoomService::roomAdded, this, [this](Room *room) {
        const auto update = [this, peer = room->jid()] {
            m_conversationList->updateConversation(peer);
        };
        connect(room, &Room::messageAdded, m_conversationList, update);
        connect(room, &Room::unreadCountChanged, m_conversationList, update);
    });
}

ClientAccount::~ClientAccount()
{
    // The objects that use the history go before it.
    delete m_transfers;
    delete m_rooms;
    delete m_conversationList;
    delete m_conversations;
}

QString ClientAccount::displayName(const QString &jid) const
{
    // A room by its name, someone in it (a private conversation) by the nick and the room.
    if (m_rooms->isRoom(jid)) {
        const qsizetype slash = jid.indexOf(u'/');
        const Room *room = m_rooms->room(jid);
        QString roomName = room ? room->name() : QString();
        // A room the user is not in now by the name its bookmark gives it.
        for (const RoomBookmark &bookmark : m_rooms->bookmarks()) {
            if (roomName.isEmpty() &&
                bookmark.jid.compare(jid.left(slash), Qt::CaseInsensitive) == 0)
                roomName = bookmark.name.trimmed();
        }
        if (roomName.isEmpty())
            roomName = localPartOf(jid);
        return slash > 0 ? tr("%1 (%2)", "someone in a room: nickname (room name)")
                               .arg(jid.mid(slash + 1), roomName)
                         : roomName;
    }
    const RosterModel &roster = m_roster->model();
    if (roster.contains(jid) && !roster.contact(jid).name.trimmed().isEmpty())
        return roster.contact(jid).name;
    if (const auto card = m_profiles->cachedProfile(jid);
        card && !card->fullName.trimmed().isEmpty())
        return card->fullName.trimmed();
    return localPartOf(jid);
}

QString ClientAccount::ownDisplayName() const
{
    const auto &card = m_profiles->ownProfile();
    if (card && !card->fullName.trimmed().isEmpty())
        return card->fullName.trimmed();
    return localPartOf(m_bareJid);
}

void ClientAccount::logIn(const AccountSettings &settings)
{
    m_session->connectToServer(settings);
}

void ClientAccount::logOut()
{
    m_session->cancel();
}

} // namespace flint
