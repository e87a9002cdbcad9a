#include "server/ServerConfig.h"

#include <catch2/catch.hpp>

using namespace flint;

TEST_CASE("the shipped example configuration is valid and states the defaults", "[config]")
{
    QStringList errors;
    const ServerConfig config =
        ServerConfig::load(QStringLiteral(FLINT_SOURCE_DIR "/packaging/flint-server.ini"), &errors);
    INFO(errors.join(QLatin1Char('\n')).toStdString());
    CHECK(errors.isEmpty());
    const ServerConfig defaults;
    CHECK(config.domain == defaults.domain);
    CHECK(config.registrationPolicy == defaults.registrationPolicy);
    CHECK(config.maxStanzaSize == defaults.maxStanzaSize);
    CHECK(config.connectionsPerIp == defaults.connectionsPerIp);
    CHECK(config.idleTimeoutSeconds == defaults.idleTimeoutSeconds);
    CHECK(config.stanzasPerSecond == defaults.stanzasPerSecond);
    CHECK(config.offlineQuota == defaults.offlineQuota);
    CHECK(config.scramIterations == defaults.scramIterations);
    CHECK(config.tlsRequired == defaults.tlsRequired);
    CHECK(config.proxy65.enabled == defaults.proxy65.enabled);
    CHECK(config.proxy65.address == defaults.proxy65.address);
    CHECK(config.proxy65.port == defaults.proxy65.port);
    CHECK(config.proxy65.idleTimeoutSeconds == defaults.proxy65.idleTimeoutSeconds);
    CHECK(config.proxy65.maxStreams == defaults.proxy65.maxStreams);
    CHECK(config.proxy65.maxBytesPerSecondPerUser == defaults.proxy65.maxBytesPerSecondPerUser);
    CHECK(config.upload.enabled == defaults.upload.enabled);
    CHECK(config.upload.address == defaults.upload.address);
    CHECK(config.upload.port == defaults.upload.port);
    CHECK(config.upload.publicHost == defaults.upload.publicHost);
    CHECK(config.upload.maxFileSize == defaults.upload.maxFileSize);
    CHECK(config.upload.quotaPerUser == defaults.upload.quotaPerUser);
    CHECK(config.upload.minFreeSpace == defaults.upload.minFreeSpace);
    CHECK(config.upload.idleTimeoutSeconds == defaults.upload.idleTimeoutSeconds);
    CHECK(config.upload.expireDays == defaults.upload.expireDays);
    CHECK(config.muc.enabled == defaults.muc.enabled);
    CHECK(config.muc.domain == defaults.muc.domain);
    CHECK(config.muc.roomCreation == defaults.muc.roomCreation);
    CHECK(config.muc.maxHistory == defaults.muc.maxHistory);
    CHECK(config.muc.maxOccupants == defaults.muc.maxOccupants);
    CHECK(config.muc.maxRoomsPerUser == defaults.muc.maxRoomsPerUser);
}
