// Logging categories, one per area (enable with QT_LOGGING_RULES or the config's log level).
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcStream)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcRouter)
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcTls)
Q_DECLARE_LOGGING_CATEGORY(lcRoster)
Q_DECLARE_LOGGING_CATEGORY(lcPresence)
Q_DECLARE_LOGGING_CATEGORY(lcProxy65)
Q_DECLARE_LOGGING_CATEGORY(lcUpload)
Q_DECLARE_LOGGING_CATEGORY(lcPrivateStorage)
Q_DECLARE_LOGGING_CATEGORY(lcMuc)
Q_DECLARE_LOGGING_CATEGORY(lcClientHistory)
Q_DECLARE_LOGGING_CATEGORY(lcClientAccount)
Q_DECLARE_LOGGING_CATEGORY(lcClientRegistration)
Q_DECLARE_LOGGING_CATEGORY(lcClientProfile)
Q_DECLARE_LOGGING_CATEGORY(lcClientDirectory)
Q_DECLARE_LOGGING_CATEGORY(lcClientRoster)
Q_DECLARE_LOGGING_CATEGORY(lcClientPresence)
Q_DECLARE_LOGGING_CATEGORY(lcClientConversation)
Q_DECLARE_LOGGING_CATEGORY(lcClientTransfer)
Q_DECLARE_LOGGING_CATEGORY(lcClientRooms)

namespace flint {
// Applies a level name (debug, info, warning, error) to every flint.* category.
bool setLogLevel(const QString &level);
} // namespace flint
