#include "ServerCli.h"

#include "common/Jid.h"
#include "common/Logging.h"
#include "server/AccountStore.h"
#include "server/Server.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTextStream>

#include <csignal>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace flint {
namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QString defaultConfigPath()
{
    const QString env = qEnvironmentVariable("FLINT_CONFIG");
    if (!env.isEmpty())
        return env;
    return QFileInfo::exists(u"flint-server.ini"_s) ? u"flint-server.ini"_s : QString();
}

bool loadConfig(const QString &path, ServerConfig *config)
{
    QStringList errors;
    if (path.isEmpty()) {
        *config = ServerConfig();
        config->dataDirectory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        config->storage.sqlitePath = config->resolvePath(u"flint.db"_s);
        config->admins = {u"admin@"_s + config->domain};
        config->listen = {{QHostAddress(QHostAddress::LocalHost), 5222},
                          {QHostAddress(QHostAddress::LocalHostIPv6), 5222}};
    } else {
        *config = ServerConfig::load(path, &errors);
    }
    for (const QString &error : errors)
        err() << path << ": " << error << Qt::endl;
    return errors.isEmpty();
}

// Reads a password: from the terminal without echo (asked twice), or one line of stdin.
std::optional<QString> readPassword(const QString &prompt)
{
    QTextStream in(stdin);
#ifdef Q_OS_UNIX
    if (isatty(STDIN_FILENO)) {
        termios saved{};
        tcgetattr(STDIN_FILENO, &saved);
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &silent);
        out() << prompt << Qt::flush;
        const QString first = in.readLine();
        out() << Qt::endl << QCoreApplication::translate("cli", "Repeat: ") << Qt::flush;
        const QString second = in.readLine();
        out() << Qt::endl;
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        if (first != second) {
            err() << QCoreApplication::translate("cli", "The passwords differ.") << Qt::endl;
            return std::nullopt;
        }
        return first;
    }
#else
    out() << prompt << Qt::flush;
#endif
    const QString line = in.readLine();
    if (line.isNull())
        return std::nullopt;
    return line;
}

int runUserCommand(const ServerConfig &config, const QStringList &args, bool admin)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("cli", text); };
    if (args.isEmpty()) {
        err() << tr("usage: flint-server user add|del|passwd|list [NAME] [--admin]") << Qt::endl;
        return 2;
    }
    Server server(config);
    QString error;
    if (!server.openStorage(&error)) {
        err() << tr("storage: ") << error << Qt::endl;
        return 1;
    }
    AccountStore &accounts = server.accounts();
    const QString command = args.value(0);
    if (command == u"list"_s) {
        for (const QString &name : accounts.list()) {
            const bool isAdmin =
                accounts.isAdmin(name) || config.isAdmin(name + u'@' + config.domain);
            if (!admin || isAdmin)
                out() << name << u'@' << config.domain << (isAdmin ? u" (admin)"_s : QString())
                      << Qt::endl;
        }
        return 0;
    }
    if (args.size() != 2) {
        err() << tr("usage: flint-server user %1 NAME").arg(command) << Qt::endl;
        return 2;
    }
    // NAME or NAME@DOMAIN; an address of another domain is not an account here.
    QString name = args.value(1);
    if (name.contains(u'@')) {
        const auto jid = Jid::parse(name);
        if (!jid || !jid->isBare() || jid->domain() != config.domain) {
            err() << tr("%1 is not an account of %2").arg(name, config.domain) << Qt::endl;
            return 1;
        }
        name = jid->local();
    }
    AccountStore::Result result;
    if (command == u"add"_s || command == u"passwd"_s) {
        const auto password = readPassword(tr("Password for %1: ").arg(name));
        if (!password) {
            err() << tr("No password given.") << Qt::endl;
            return 1;
        }
        result = command == u"add"_s ? accounts.create(name, *password, admin)
                                     : accounts.setPassword(name, *password);
    } else if (command == u"del"_s) {
        result = accounts.remove(name);
    } else {
        err() << tr("unknown user command: %1").arg(command) << Qt::endl;
        return 2;
    }
    if (result != AccountStore::Result::Ok) {
        err() << name << u": "_s << AccountStore::describe(result) << Qt::endl;
        return 1;
    }
    out() << name << u"@"_s << config.domain << u": "_s << AccountStore::describe(result)
          << Qt::endl;
    return 0;
}

#ifdef Q_OS_UNIX
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[0], &byte, 1);
}
#endif

// On the very first start, the admins named in the configuration get accounts with random
// passwords, printed once.
void createFirstAdmins(Server &server)
{
    AccountStore &accounts = server.accounts();
    if (accounts.count() > 0)
        return;
    for (const QString &admin : server.config().admins) {
        const QString name = admin.section(u'@', 0, 0);
        const QString password =
            QString::fromLatin1(randomBytes(12).toBase64(QByteArray::Base64UrlEncoding));
        if (accounts.create(name, password, true) == AccountStore::Result::Ok)
            out() << QCoreApplication::translate(
                         "cli", "Created the first admin account %1 with password %2 "
                                "(change it with: flint-server user passwd %3)")
                         .arg(admin, password, name)
                  << Qt::endl;
    }
}

int runServer(const ServerConfig &config)
{
    Server server(config);
#ifdef Q_OS_UNIX
    // Handlers go in before the server listens: a SIGTERM during start-up still stops it cleanly.
    socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe);
    QSocketNotifier notifier(g_signalPipe[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &server, [&server, &notifier] {
        char byte;
        [[maybe_unused]] const auto read = ::read(g_signalPipe[1], &byte, 1);
        notifier.setEnabled(false);
        server.shutdown();
    });
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
#endif
    QString error;
    if (!server.start(&error)) {
        err() << QCoreApplication::translate("cli", "flint-server cannot start: ") << error
              << Qt::endl;
        return 1;
    }
    createFirstAdmins(server);
    // Said once the first admins exist, so whoever waits for it finds them.
    qCInfo(lcServer).noquote() << "serving" << config.domain << "with" << server.accounts().count()
                               << "accounts";
    QObject::connect(&server, &Server::stopped, qApp, &QCoreApplication::quit,
                     Qt::QueuedConnection);
    const int code = QCoreApplication::exec();
    qCInfo(lcServer) << "stopped";
    return code;
}

} // namespace

int runServerCli(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli",
        "Flint XMPP server.\n\nCommands:\n"
        "  (none)                     run the server\n"
        "  user add NAME [--admin]    create an account (password from the terminal or stdin)\n"
        "  user passwd NAME           change a password\n"
        "  user del NAME              delete an account and its data\n"
        "  user list [--admin]        list accounts (only admins with --admin)"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(
        {u"c"_s, u"config"_s},
        QCoreApplication::translate("cli", "Configuration file (default: $FLINT_CONFIG, "
                                           "./flint-server.ini, or built-in defaults)."),
        u"FILE"_s);
    const QCommandLineOption checkOption(
        u"check-config"_s, QCoreApplication::translate("cli", "Check the configuration and exit."));
    const QCommandLineOption adminOption(
        u"admin"_s, QCoreApplication::translate("cli", "With user add/list: administrators."));
    parser.addOptions({configOption, checkOption, adminOption});
    parser.addPositionalArgument(u"command"_s,
                                 QCoreApplication::translate("cli", "user, or nothing to run"));
    parser.process(arguments);

    const QString configPath =
        parser.isSet(configOption) ? parser.value(configOption) : defaultConfigPath();
    ServerConfig config;
    const bool valid = loadConfig(configPath, &config);
    setLogLevel(config.logLevel);
    if (parser.isSet(checkOption)) {
        if (valid)
            out() << config.describe() << Qt::endl
                  << QCoreApplication::translate("cli", "Configuration OK.") << Qt::endl;
        return valid ? 0 : 1;
    }
    if (!valid)
        return 1;
    const QStringList positional = parser.positionalArguments();
    if (positional.value(0) == u"user"_s)
        return runUserCommand(config, positional.mid(1), parser.isSet(adminOption));
    if (!positional.isEmpty()) {
        err()
            << QCoreApplication::translate("cli", "unknown command: %1").arg(positional.join(u' '))
            << Qt::endl;
        return 2;
    }
    return runServer(config);
}

} // namespace flint
