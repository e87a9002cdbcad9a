// The roster protocol (RFC 6121 §2–3, flows D, E, F): keeps RosterModel in step with the
// server's roster and the contacts' presence, runs add / remove / rename / regroup with typed
// results, and answers subscription requests (pending ones listed in SubscriptionRequestModel).
// Owns the client's QXmppRosterManager.
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

class QXmppRosterManager;
class QXmppPresence;
struct QXmppError;

namespace flint {

class AccountSession;
class RosterModel;
class SubscriptionRequestModel;

struct RosterResult {
    Q_GADGET
public:
    enum Operation { AddContact, RemoveContact, RenameContact, SetGroups };
    Q_ENUM(Operation)
    enum Kind {
        Done,
        AlreadyInRoster, // flow E: the contact is already there, and nothing was sent
        NoSuchUser,      // the server has no such account (item-not-found)
        NotInRoster,     // remove, rename or regroup of someone who is not a contact
        InvalidJid,      // not a bare JID, or the user's own
        NotConnected,    // no session, or its roster has not arrived yet
        NotAllowed,      // the server refused the change (forbidden, not-acceptable, …)
        Failed,          // any other error, or the session ended before an answer
    };
    Q_ENUM(Kind)
    Operation operation = AddContact;
    QString jid; // normalised when it parsed, as typed otherwise
    Kind kind = Failed;
    QString detail; // the server's own words, for logs
};

// The one place roster results become user-facing text.
QString describe(const RosterResult &result);

class RosterManager : public QObject {
    Q_OBJECT
public:
    explicit RosterManager(AccountSession &session, QObject *parent = nullptr);
    ~RosterManager() override;

    RosterModel &model() const { return *m_model; }
    SubscriptionRequestModel &requests() const { return *m_requests; }
    bool isRosterReceived() const;

    // Flow E: a JID already in the roster finishes with AlreadyInRoster without sending
    // anything; otherwise the item is added and a subscription request follows.
    void addContact(const QString &jid, const QString &name = {}, const QStringList &groups = {});
    // Flow F: the server removes the item and cancels the subscriptions both ways.
    void removeContact(const QString &jid);
    void renameContact(const QString &jid, const QString &name);
    void setGroups(const QString &jid, const QStringList &groups);
    // Lets `jid` see the user's presence and, unless already done, asks to see theirs.
    void acceptSubscription(const QString &jid);
    void denySubscription(const QString &jid);

Q_SIGNALS:
    // The model holds the server's roster (each new session, not after a resumption).
    void rosterReceived();
    void operationFinished(const flint::RosterResult &result);
    // Someone asks to see the user's presence; the request is in requests() until answered.
    // Requests from contacts the user asked to subscribe to are approved without asking.
    void subscriptionRequestReceived(const QString &jid, const QString &message);
    // `jid` refused the user's request, or stopped sharing their presence.
    void subscriptionCancelled(const QString &jid);

private:
    // The normalised bare JID, or nullopt after finishing `operation` with InvalidJid or
    // NotConnected.
    std::optional<QString> checkedJid(RosterResult::Operation operation, const QString &jid);
    void finish(const RosterResult &result);
    void finishLater(const RosterResult &result);
    void sendItemUpdate(RosterResult::Operation operation, const QString &jid, const QString &name,
                        const QStringList &groups);
    RosterResult resultOf(RosterResult::Operation operation, const QString &jid,
                          const QXmppError &error) const;
    void fillModel();
    void updateItem(const QString &jid);
    void updatePresence(const QString &jid, const QString &resource);
    void handleSubscriptionRequest(const QString &jid, const QXmppPresence &presence);
    void handlePresence(const QXmppPresence &presence);

    AccountSession &m_session;
    QXmppRosterManager *m_roster;
    RosterModel *m_model;
    SubscriptionRequestModel *m_requests;
};

} // namespace flint

Q_DECLARE_METATYPE(flint::RosterResult)
