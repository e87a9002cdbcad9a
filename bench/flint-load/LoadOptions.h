// Command line of flint-load: which phase to run against which server, and its sizes.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace flint::bench {

struct LoadOptions {
    QString phase; // register, login, messages or idle
    QString host;
    quint16 port = 5222;
    QString domain;
    QString prefix;
    QString password;
    int offset = 0;   // first account number used
    int count = 200;  // accounts to register, logins to perform or sessions to hold
    int accounts = 0; // login: cycle over this many accounts (0: as many as logins)
    int concurrency = 20;
    int pairs = 200;
    int messages = 100; // per sender
    int window = 10;    // unanswered messages a sender may have in flight
    int holdSeconds = 20;
    int timeoutSeconds = 300; // the whole phase
    QString mechanism;

    QString user(int index) const;
    QString bareJid(int index) const;

    // Parses the arguments; on a problem, prints it with the usage text and returns nullopt.
    static std::optional<LoadOptions> parse(const QStringList &arguments);
};

} // namespace flint::bench
