#include "configloader.h"

#include "servercommands.h"
#include "serveroptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QMap>
#include <QSettings>
#include <QStandardPaths>

namespace SignalGate::Server {

namespace {

QString flagError(const QString &flag, const QString &value, const QString &expected)
{
    return QStringLiteral("--%1: expected %2, got '%3'").arg(flag, expected, value);
}

// What no single option can judge alone. given: the options that were set,
// with their values.
QString crossCheck(const ServerConfig &config, const QMap<QString, QStringList> &given)
{
    if (config.dev && !config.listenAddress.isLoopback())
        return QStringLiteral("--dev binds loopback only; use --listen 127.0.0.1:PORT (or drop --dev)");
    // Dev mode's demo users must never reach a database production reads (PROTOCOL.md 10.3).
    if (config.dev && !config.databaseUrl.isEmpty())
        return QStringLiteral("--dev keeps its users in <data-dir>/dev; it cannot use --database (drop one of them)");
    if (!config.databasePasswordFile.isEmpty() && config.databaseUrl.isEmpty())
        return QStringLiteral("--database-password-file needs --database postgresql://...");
    if (!config.brokerPasswordFile.isEmpty() && config.brokerUrl.isEmpty())
        return QStringLiteral("--broker-password-file needs --broker redis://...");
    if (config.dataDir.trimmed().isEmpty())
        return QStringLiteral("no data directory: pass --data-dir DIR");
    // A key file the algorithm ignores would look configured but do nothing: refuse it.
    if (config.jwtAlgorithm == QLatin1String("HS256")) {
        if (given.contains(QStringLiteral("jwt-private-key")) || given.contains(QStringLiteral("jwt-public-key")))
            return QStringLiteral("--jwt-private-key and --jwt-public-key need --jwt-alg RS256, ES256 or EdDSA; "
                                  "HS256 uses --jwt-secret-file");
    } else if (given.contains(QStringLiteral("jwt-secret-file"))) {
        return QStringLiteral(
                       "--jwt-secret-file is for HS256; --jwt-alg %1 uses --jwt-private-key and/or --jwt-public-key")
                .arg(config.jwtAlgorithm);
    } else if (config.jwtPrivateKeyFile.trimmed().isEmpty() && config.jwtPublicKeyFile.trimmed().isEmpty()) {
        return QStringLiteral("--jwt-alg %1 needs --jwt-private-key FILE (to issue tokens) and/or "
                              "--jwt-public-key FILE (to verify them)")
                .arg(config.jwtAlgorithm);
    }
    if (config.issuer.trimmed().isEmpty() || config.audience.trimmed().isEmpty())
        return QStringLiteral("--issuer and --audience must not be empty");
    // One without the other would silently serve plain HTTP: refuse instead.
    if (config.tlsCertFile.isEmpty() != config.tlsKeyFile.isEmpty())
        return QStringLiteral(
                "--tls-cert and --tls-key go together; pass both (gen-dev-cert DIR makes a pair) or neither");
    return {};
}

// The subcommand the positional arguments name, and the flags only it takes.
QString readCommand(const QCommandLineParser &parser, ServerConfig *config)
{
    const QStringList positional = parser.positionalArguments();
    const ServerCommand *chosen = nullptr;
    for (const ServerCommand &command : serverCommands()) {
        if (positional.mid(0, command.words.size()) == command.words) {
            chosen = &command;
            break;
        }
    }
    if (!positional.isEmpty() && !chosen) {
        QStringList usages;
        for (const ServerCommand &command : serverCommands())
            usages << QLatin1Char('\'') + command.usage() + QLatin1Char('\'');
        return QStringLiteral("unknown command '%1'; expected one of %2")
                .arg(positional.join(QLatin1Char(' ')), usages.join(QStringLiteral(", ")));
    }
    // A flag that belongs to another subcommand would be silently ignored.
    for (const ServerOption &option : serverOptions()) {
        if (option.read || option.name == QLatin1String("config") || !parser.isSet(option.name)
            || (chosen && chosen->flags.contains(option.name)))
            continue;
        QStringList takers;
        for (const ServerCommand &command : serverCommands()) {
            if (command.flags.contains(option.name))
                takers << QLatin1Char('\'') + command.words.join(QLatin1Char(' ')) + QLatin1Char('\'');
        }
        return QStringLiteral("--%1 only goes with %2").arg(option.name, takers.join(QStringLiteral(" or ")));
    }
    if (!chosen)
        return {};
    const int arguments = chosen->argument.isEmpty() ? 0 : 1;
    if (positional.size() != chosen->words.size() + arguments || (arguments && positional.last().trimmed().isEmpty()))
        return QStringLiteral("%1 takes %2: %3")
                .arg(chosen->words.join(QLatin1Char(' ')),
                     arguments ? QStringLiteral("one %1").arg(chosen->argument) : QStringLiteral("no argument"),
                     chosen->usage());
    for (const QString &flag : chosen->required) {
        if (!parser.isSet(flag))
            return flag == QLatin1String("password-stdin")
                    ? QStringLiteral(
                            "user add needs --password-stdin (passwords are never taken from the command line)")
                    : QStringLiteral("%1 needs --%2: %3")
                              .arg(chosen->words.join(QLatin1Char(' ')), flag, chosen->usage());
    }
    config->command = chosen->command;
    if (arguments) {
        config->userName = positional.last();
        config->devCertDir = positional.last();
    }
    config->userScope = parser.value(QStringLiteral("scope")).simplified();
    config->tokenSubject = parser.value(QStringLiteral("sub"));
    config->tokenClaims = parser.values(QStringLiteral("claim"));
    config->verifyToken = parser.isSet(QStringLiteral("verify"));
    if (parser.isSet(QStringLiteral("ttl"))) {
        bool ok = false;
        config->tokenTtlSeconds = parser.value(QStringLiteral("ttl")).toLongLong(&ok);
        if (!ok || config->tokenTtlSeconds < 1 || config->tokenTtlSeconds > 365LL * 24 * 3600)
            return QStringLiteral("--ttl: expected an integer from 1 to %1, got '%2'")
                    .arg(365LL * 24 * 3600)
                    .arg(parser.value(QStringLiteral("ttl")));
    }
    return {};
}

}   // namespace

ConfigLoader::Result ConfigLoader::load(const QStringList &arguments)
{
    Result result;
    ServerConfig &config = result.config;

    QCommandLineParser parser;
    QString description = QStringLiteral(
            "SignalGate server: JWT-gated live signals over WebSocket, with HTTP auth endpoints.\nSubcommands:");
    for (const ServerCommand &command : serverCommands())
        description += QStringLiteral("\n  ") + command.usage();
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addVersionOption();
    for (const ServerOption &option : serverOptions())
        parser.addOption(option.commandLineOption());
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("Optional: one of the subcommands above."));

    if (!parser.parse(arguments)) {
        result.error = parser.errorText() + QStringLiteral("; see --help");
        return result;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        result.helpText = parser.helpText();
        return result;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        result.helpText = QCoreApplication::applicationName() + QLatin1Char(' ')
                + QCoreApplication::applicationVersion() + QLatin1Char('\n');
        return result;
    }

    if (const QString problem = readCommand(parser, &config); !problem.isEmpty()) {
        result.error = problem;
        return result;
    }

    // INI first, flags over it: the last value of each option wins, and
    // given on the command line, a repeatable option's list replaces the file's.
    QMap<QString, QStringList> values;
    if (parser.isSet(QStringLiteral("config"))) {
        const QString file = parser.value(QStringLiteral("config"));
        const QFileInfo info(file);
        if (!info.isFile() || !info.isReadable()) {
            result.error = QStringLiteral("--config: cannot read '%1'; check the path and its permissions").arg(file);
            return result;
        }
        QSettings ini(file, QSettings::IniFormat);
        // QSettings reads lazily: the status means something only after a read.
        const QStringList keys = ini.allKeys();
        if (ini.status() != QSettings::NoError) {
            result.error =
                    QStringLiteral("--config: '%1' is not a valid INI file (every line must be key=value)").arg(file);
            return result;
        }
        for (const QString &key : keys) {
            const ServerOption *option = findServerOption(key);
            if (!option || option->where == ServerOption::Where::FlagOnly) {
                result.error =
                        QStringLiteral("--config: %1: unknown key '%2'; keys are the long flag names without dashes")
                                .arg(file, key);
                return result;
            }
            // QSettings turns an unquoted comma into a list; for a single value
            // that would silently lose it, so say so instead.
            if (ini.value(key).userType() == QMetaType::QStringList && !option->repeatable) {
                result.error =
                        QStringLiteral(
                                "--config: %1: the value of '%2' (--%2) has an unquoted comma; put it in double quotes")
                                .arg(file, key);
                return result;
            }
            values.insert(key,
                          option->repeatable ? ini.value(key).toStringList() : QStringList{ini.value(key).toString()});
        }
    }
    for (const ServerOption &option : serverOptions()) {
        if (option.read && parser.isSet(option.name))
            values.insert(option.name,
                          option.isSwitch() ? QStringList{QStringLiteral("true")} : parser.values(option.name));
    }

    config.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    for (const ServerOption &option : serverOptions()) {
        const QStringList given = values.value(option.name);
        // A single-valued flag given twice: the last one counts, as QCommandLineParser::value() reads it.
        const QStringList read = option.repeatable ? given : given.mid(given.size() - 1);
        if (!read.isEmpty())
            result.given.insert(option.name, read);
        for (const QString &value : read) {
            const QString expected = option.read(config, value);
            if (!expected.isEmpty()) {
                result.error = flagError(option.name, value, expected);
                return result;
            }
        }
    }
    if (const QString problem = crossCheck(config, values); !problem.isEmpty())
        result.error = problem;
    return result;
}

}   // namespace SignalGate::Server
