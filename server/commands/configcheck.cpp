#include "configcheck.h"

#include "cluster.h"
#include "frontdoor.h"
#include "keyloader.h"
#include "serveroptions.h"

#include <QDir>
#include <QFileInfo>

namespace SignalGate::Server::ConfigCheck {

namespace {

// A directory a start creates when missing: it, or the deepest part of its
// path that exists, must be a directory this user can write.
QString checkWritableDirectory(const QString &option, const QString &path)
{
    QFileInfo info(QDir::cleanPath(QDir(path).absolutePath()));
    while (!info.exists() && !info.isRoot())
        info.setFile(info.absolutePath());
    if (!info.isDir())
        return QStringLiteral("--%1: %2 is not a directory; pass a directory").arg(option, info.filePath());
    if (!info.isWritable())
        return QStringLiteral("--%1: %2 is not writable by this user; fix its owner or mode")
                .arg(option, info.filePath());
    return {};
}

// The line names the option, as every ConfigLoader error does.
QString naming(const QString &option, const QString &error)
{
    return error.contains(QStringLiteral("--") + option) ? error : QStringLiteral("--%1: %2").arg(option, error);
}

QString firstProblem(const ServerConfig &config)
{
    if (QString problem = checkWritableDirectory(QStringLiteral("data-dir"), config.dataDir); !problem.isEmpty())
        return problem;
    if (!config.auditLogPath.isEmpty()) {
        QString problem =
                checkWritableDirectory(QStringLiteral("audit-log"), QFileInfo(config.auditLogPath).absolutePath());
        if (!problem.isEmpty())
            return problem;
    }
    QString error;
    // HS256 without a key file: the first start makes <data-dir>/jwt-secret.
    const bool keyMadeAtStart = config.jwtAlgorithm == QLatin1String("HS256") && config.jwtSecretFile.isEmpty()
            && !QFileInfo::exists(config.defaultSecretPath());
    if (!keyMadeAtStart && !KeyLoader::load(config, KeyLoader::Missing::Refuse, &error)) {
        const QString option = config.jwtAlgorithm == QLatin1String("HS256")
                ? QStringLiteral("jwt-secret-file")
                : (error.contains(QLatin1String("--jwt-public-key")) ? QStringLiteral("jwt-public-key")
                                                                     : QStringLiteral("jwt-private-key"));
        return naming(option, error);
    }
    if (config.tlsEnabled() && !FrontDoor::loadTlsConfiguration(config.tlsCertFile, config.tlsKeyFile, &error))
        return naming(error.contains(QLatin1String("certificate ")) && !error.contains(QLatin1String("TLS key"))
                              ? QStringLiteral("tls-cert")
                              : QStringLiteral("tls-key"),
                      error);
    for (const auto &[option, path] :
         {std::pair{QStringLiteral("broker-password-file"), config.brokerPasswordFile},
          std::pair{QStringLiteral("database-password-file"), config.databasePasswordFile}}) {
        if (!path.isEmpty() && !Cluster::readPassword(path, QStringLiteral("--") + option, &error))
            return naming(option, error);
    }
    return {};
}

}   // namespace

int run(const ConfigLoader::Result &loaded, QTextStream &out, QTextStream &err)
{
    if (const QString problem = firstProblem(loaded.config); !problem.isEmpty()) {
        err << "signalgate-server: error: " << problem << '\n';
        return 2;
    }
    out << "configuration ok; effective settings:\n";
    for (const ServerOption &option : serverOptions()) {
        if (option.where != ServerOption::Where::FlagOrIni)
            continue;
        const QStringList given = loaded.given.value(option.name);
        if (!given.isEmpty()) {
            for (const QString &value : given)
                out << option.name << " = " << value << '\n';
        } else if (option.name == QLatin1String("data-dir")) {
            out << option.name << " = " << loaded.config.dataDir << "  # default\n";
        } else {
            out << option.name << " = " << option.defaultText << "  # default\n";
        }
    }
    return 0;
}

}   // namespace SignalGate::Server::ConfigCheck
