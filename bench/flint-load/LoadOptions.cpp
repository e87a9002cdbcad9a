#include "LoadOptions.h"

#include <QCommandLineParser>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace flint::bench {

QString LoadOptions::user(int index) const
{
    return prefix + QString::number(offset + index);
}

QString LoadOptions::bareJid(int index) const
{
    return user(index) + u'@' + domain;
}

std::optional<LoadOptions> LoadOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Load generator for XMPP servers. Phases: register (in-band, XEP-0077), login, "
        "messages, idle. Prints one line 'result phase=... key=value...' per phase."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"phase"_s, u"register, login, messages or idle"_s);
    const auto option = [&](const QString &name, const QString &description,
                            const QString &defaultValue) {
        parser.addOption(QCommandLineOption(name, description, u"value"_s, defaultValue));
    };
    option(u"host"_s, u"Server address."_s, u"127.0.0.1"_s);
    option(u"port"_s, u"Client-to-server port."_s, u"5222"_s);
    option(u"domain"_s, u"XMPP domain."_s, {});
    option(u"prefix"_s, u"Account names are PREFIX0, PREFIX1, ..."_s, u"load"_s);
    option(u"password"_s, u"Password of every account."_s, {});
    option(u"offset"_s, u"First account number."_s, u"0"_s);
    option(u"count"_s, u"Registrations, logins or idle sessions."_s, u"200"_s);
    option(u"accounts"_s, u"login: cycle over this many accounts."_s, u"0"_s);
    option(u"concurrency"_s, u"Connections being set up at the same time."_s, u"20"_s);
    option(u"pairs"_s, u"messages: sender/receiver pairs."_s, u"200"_s);
    option(u"messages"_s, u"messages: messages per sender."_s, u"100"_s);
    option(u"window"_s, u"messages: in-flight messages per sender."_s, u"10"_s);
    option(u"hold"_s, u"idle: seconds to hold the sessions."_s, u"20"_s);
    option(u"timeout"_s, u"Seconds the whole phase may take."_s, u"300"_s);
    option(u"mechanism"_s, u"Preferred SASL mechanism."_s, u"SCRAM-SHA-256"_s);
    parser.process(arguments);

    const auto fail = [&](const QString &problem) -> std::optional<LoadOptions> {
        std::fprintf(stderr, "flint-load: %s\n\n%s", qPrintable(problem),
                     qPrintable(parser.helpText()));
        return std::nullopt;
    };
    const auto number = [&](const QString &name, int minimum, int *target) {
        bool ok = false;
        const int value = parser.value(name).toInt(&ok);
        if (!ok || value < minimum)
            return false;
        *target = value;
        return true;
    };

    LoadOptions options;
    if (parser.positionalArguments().size() != 1)
        return fail(u"exactly one phase expected"_s);
    options.phase = parser.positionalArguments().constFirst();
    const QStringList phases = {u"register"_s, u"login"_s, u"messages"_s, u"idle"_s};
    if (!phases.contains(options.phase))
        return fail(u"unknown phase: "_s + options.phase);
    options.host = parser.value(u"host"_s);
    options.domain = parser.value(u"domain"_s);
    options.prefix = parser.value(u"prefix"_s);
    options.password = parser.value(u"password"_s);
    options.mechanism = parser.value(u"mechanism"_s);
    if (options.domain.isEmpty() || options.password.isEmpty())
        return fail(u"--domain and --password are required"_s);
    int port = 0;
    const bool numbersValid =
        number(u"port"_s, 1, &port) && port <= 65535 && number(u"offset"_s, 0, &options.offset) &&
        number(u"count"_s, 1, &options.count) && number(u"accounts"_s, 0, &options.accounts) &&
        number(u"concurrency"_s, 1, &options.concurrency) &&
        number(u"pairs"_s, 1, &options.pairs) && number(u"messages"_s, 1, &options.messages) &&
        number(u"window"_s, 1, &options.window) && number(u"hold"_s, 0, &options.holdSeconds) &&
        number(u"timeout"_s, 1, &options.timeoutSeconds);
    if (!numbersValid)
        return fail(u"a numeric option is out of range"_s);
    options.port = quint16(port);
    return options;
}

} // namespace flint::bench
