#include "serverconfig.h"

#include <QDir>
#include <QThread>

#include <sys/resource.h>

namespace SignalGate::Server {

namespace {

// Files the server opens besides client sockets: listeners, database, its
// journal, audit log, key files, the event loop's own descriptors.
constexpr int ReservedDescriptors = 64;

}   // namespace

int ServerConfig::effectiveMaxConns() const
{
    if (maxConns >= 0)
        return maxConns;
    rlimit files{};
    if (::getrlimit(RLIMIT_NOFILE, &files) != 0 || files.rlim_cur == RLIM_INFINITY)
        return 1000000;
    return int(qBound<rlim_t>(1, files.rlim_cur > ReservedDescriptors ? files.rlim_cur - ReservedDescriptors : 1,
                              1000000));
}

int ServerConfig::effectiveMaxPendingLogins() const
{
    return maxPendingLogins >= 0 ? maxPendingLogins : 4 * qMax(1, QThread::idealThreadCount());
}

int ServerConfig::effectiveThreads() const
{
    return threads > 0 ? threads : qMax(1, QThread::idealThreadCount());
}

QString ServerConfig::databasePath() const
{
    return databaseUrl.isEmpty() ? QDir(dataDir).filePath(QStringLiteral("signalgate.db")) : databaseUrl;
}

QString ServerConfig::effectiveAuditLogPath() const
{
    return auditLogPath.isEmpty() ? QDir(dataDir).filePath(QStringLiteral("audit.log")) : auditLogPath;
}

QString ServerConfig::defaultSecretPath() const
{
    return QDir(dataDir).filePath(QStringLiteral("jwt-secret"));
}

QString ServerConfig::listenText() const
{
    const QString host = listenAddress.protocol() == QAbstractSocket::IPv6Protocol
            ? QLatin1Char('[') + listenAddress.toString() + QLatin1Char(']')
            : listenAddress.toString();
    return host + QLatin1Char(':') + QString::number(listenPort);
}

}   // namespace SignalGate::Server
