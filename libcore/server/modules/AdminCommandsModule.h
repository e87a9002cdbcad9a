// XEP-0133 service administration over XEP-0050 ad-hoc commands: admins add, delete and reset
// accounts and list registered and online users, under every registration policy.
#pragma once

#include "server/ServerModule.h"
#include "server/modules/VCardStore.h"

#include <QHash>

#include <functional>
#include <optional>
#include <vector>

class QXmppDataForm;

namespace flint {

class AdminCommandsModule : public ServerModule {
    Q_OBJECT
public:
    explicit AdminCommandsModule(ServerContext &context);

private:
    struct Outcome;
    struct Command {
        QString node;
        QString name;
        std::function<QXmppDataForm()> form;
        std::function<Outcome(const QXmppDataForm &submitted)> complete;
    };
    struct Pending { // an executing command waiting for its form
        QString node;
        Jid owner;
    };

    bool isAdmin(const C2SSession *session) const;
    const Command *command(const QString &node) const;
    void execute(const StanzaEvent &event);
    bool answerCommandList(const StanzaEvent &event);
    bool answerCommandInfo(const StanzaEvent &event);
    // The username of an account JID of this server, or the failure to report.
    std::optional<QString> accountName(const QString &jid, Outcome *failure) const;

    Outcome addUser(const QXmppDataForm &form);
    Outcome deleteUsers(const QXmppDataForm &form);
    Outcome changeUserPassword(const QXmppDataForm &form);
    Outcome registeredUsers(const QXmppDataForm &form) const;
    Outcome onlineUsers(const QXmppDataForm &form) const;

    VCardStore m_vcards;
    std::vector<Command> m_commands;
    QHash<QString, Pending> m_pending; // by session id
};

} // namespace flint
