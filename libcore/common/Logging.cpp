#include "Logging.h"

Q_LOGGING_CATEGORY(lcServer, "flint.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStream, "flint.server.stream", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "flint.server.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRouter, "flint.server.router", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStorage, "flint.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTls, "flint.tls", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRoster, "flint.server.roster", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPresence, "flint.server.presence", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProxy65, "flint.server.proxy65", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUpload, "flint.server.upload", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPrivateStorage, "flint.server.private", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMuc, "flint.server.muc", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientHistory, "flint.client.history", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientAccount, "flint.client.account", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientRegistration, "flint.client.registration", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientProfile, "flint.client.profile", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientDirectory, "flint.client.directory", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientRoster, "flint.client.roster", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientPresence, "flint.client.presence", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientConversation, "flint.client.conversation", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientTransfer, "flint.client.transfer", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientRooms, "flint.client.rooms", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace flint {

bool setLogLevel(const QString &level)
{
    static const QStringList levels = {u"debug"_s, u"info"_s, u"warning"_s, u"error"_s};
    const auto index = levels.indexOf(level.toLower());
    if (index < 0)
        return false;
    QStringList rules;
    const QStringList names = {u"debug"_s, u"info"_s, u"warning"_s, u"critical"_s};
    for (int i = 0; i < names.size(); ++i)
        rules << u"flint.*.%1=%2"_s.arg(names[i], i >= index ? u"true"_s : u"false"_s)
              << u"flint.%1=%2"_s.arg(names[i], i >= index ? u"true"_s : u"false"_s);
    QLoggingCategory::setFilterRules(rules.join(u'\n'));
    return true;
}

} // namespace flint
