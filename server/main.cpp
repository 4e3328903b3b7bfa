#include "configcheck.h"
#include "configloader.h"
#include "devcertificate.h"
#include "logging.h"
#include "server.h"
#include "tokencommands.h"
#include "unixsignalwatcher.h"
#include "usercommands.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <sys/resource.h>

using namespace SignalGate::Server;

int main(int argc, char *argv[])
{
    // Qt's own UNIX event dispatcher fans out about three times faster than
    // glib's with thousands of sockets (measured on Qt 6.4.2).
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");

    if (!qEnvironmentVariableIsSet("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(Logging::messagePattern(Logging::stderrIsJournal()));
    // Each client is a file descriptor; the usual soft limit of 1024 would
    // refuse connections long before memory or CPU run short.
    rlimit files{};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &files);
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("signalgate-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SIGNALGATE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    const ConfigLoader::Result loaded = ConfigLoader::load(QCoreApplication::arguments());
    if (!loaded.helpText.isEmpty()) {
        out << loaded.helpText;
        return 0;
    }
    if (!loaded.ok()) {
        err << "signalgate-server: error: " << loaded.error << '\n';
        return 2;
    }
    const ServerConfig &config = loaded.config;
    // The password of user add and the token of token inspect come on stdin.
    QFile input;
    const bool readsInput =
            config.command == ServerConfig::Command::UserAdd || config.command == ServerConfig::Command::TokenInspect;
    if (readsInput && !input.open(stdin, QIODevice::ReadOnly)) {
        err << "signalgate-server: error: cannot read standard input\n";
        return 2;
    }

    switch (config.command) {
    case ServerConfig::Command::UserAdd:
        return UserCommands::add(config, input, out, err);
    case ServerConfig::Command::UserDel:
        return UserCommands::remove(config, out, err);
    case ServerConfig::Command::GenDevCert:
        return DevCertificate::run(config.devCertDir, out, err);
    case ServerConfig::Command::TokenMint:
        return TokenCommands::mint(config, out, err);
    case ServerConfig::Command::TokenInspect:
        return TokenCommands::inspect(config, input, out, err);
    case ServerConfig::Command::ConfigCheck:
        return ConfigCheck::run(loaded, out, err);
    case ServerConfig::Command::Run:
        break;
    }

    Server server(config);
    QString error;
    if (!server.start(&error)) {
        err << "signalgate-server: error: " << error << '\n';
        return 2;
    }
    // http -> ws, https -> wss
    out << "SignalGate server listening on " << server.baseUrl()
        << "  (WebSocket: " << QString(server.baseUrl()).replace(0, 4, QLatin1String("ws")) << "/ws)\n";
    if (server.metricsPort())
        out << "operations endpoints (/metrics, /healthz, /readyz, no token) on http://"
            << (config.metricsListenAddress.protocol() == QAbstractSocket::IPv6Protocol
                        ? QLatin1Char('[') + config.metricsListenAddress.toString() + QLatin1Char(']')
                        : config.metricsListenAddress.toString())
            << ':' << server.metricsPort() << '\n';
    if (config.dev)
        out << "dev mode: users demo/demo and admin/admin; POST /dev/token mints test tokens\n";
    out.flush();

    UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &server, &Server::shutdown);
    // systemctl reload: what can change live is read again from the same
    // flags and INI file; a configuration that no longer loads changes nothing.
    QObject::connect(&signalWatcher, &UnixSignalWatcher::reloadRequested, &server, [&server] {
        const ConfigLoader::Result reloaded = ConfigLoader::load(QCoreApplication::arguments());
        if (!reloaded.ok())
            qCWarning(lcServer).noquote() << "reload refused:" << reloaded.error << "; the running settings stay";
        else
            server.reload(reloaded.config);
    });
    QObject::connect(&server, &Server::stopped, &app, [] { QCoreApplication::exit(0); });
    return app.exec();
}
