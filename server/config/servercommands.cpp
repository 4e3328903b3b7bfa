#include "servercommands.h"

#include "serveroptions.h"

namespace SignalGate::Server {

namespace {

QString flagUsage(const QString &name)
{
    const ServerOption *option = findServerOption(name);
    QString text = QStringLiteral("--") + name;
    if (option && !option->isSwitch())
        text += QLatin1Char(' ') + option->valueName;
    return option && option->repeatable ? text + QStringLiteral("...") : text;
}

}   // namespace

QString ServerCommand::usage() const
{
    QStringList parts = words;
    if (!argument.isEmpty())
        parts << argument;
    for (const QString &flag : flags)
        parts << (required.contains(flag) ? flagUsage(flag) : QLatin1Char('[') + flagUsage(flag) + QLatin1Char(']'));
    return parts.join(QLatin1Char(' '));
}

const QList<ServerCommand> &serverCommands()
{
    using C = ServerConfig::Command;
    static const QList<ServerCommand> commands{
            {{QStringLiteral("user"), QStringLiteral("add")},
             QStringLiteral("NAME"),
             C::UserAdd,
             {QStringLiteral("password-stdin"), QStringLiteral("scope")},
             {QStringLiteral("password-stdin")},
             QStringLiteral("Add a user; the password is read from standard input.")},
            {{QStringLiteral("user"), QStringLiteral("del")},
             QStringLiteral("NAME"),
             C::UserDel,
             {},
             {},
             QStringLiteral("Delete a user and revoke everything issued to it.")},
            {{QStringLiteral("token"), QStringLiteral("mint")},
             {},
             C::TokenMint,
             {QStringLiteral("sub"), QStringLiteral("scope"), QStringLiteral("ttl"), QStringLiteral("claim")},
             {QStringLiteral("sub")},
             QStringLiteral("Print one access token signed with the configured private key.")},
            {{QStringLiteral("token"), QStringLiteral("inspect")},
             {},
             C::TokenInspect,
             {QStringLiteral("verify")},
             {},
             QStringLiteral("Read a token on standard input; print its header and claims (never its signature) "
                            "and, with --verify, the server's verdict. Exit 0 ok, 1 refused, 2 bad input.")},
            {{QStringLiteral("config"), QStringLiteral("check")},
             {},
             C::ConfigCheck,
             {},
             {},
             QStringLiteral("Load the flags and the INI file as a run would, check the files they name, print the "
                            "effective settings; exit 0, or 2 with the first problem.")},
            {{QStringLiteral("gen-dev-cert")},
             QStringLiteral("DIR"),
             C::GenDevCert,
             {},
             {},
             QStringLiteral("Write a self-signed certificate and key for 127.0.0.1 and localhost into DIR.")},
    };
    return commands;
}

}   // namespace SignalGate::Server
