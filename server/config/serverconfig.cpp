#include "serverconfig.h"

#include <QDir>

QString ServerConfig::databasePath() const
{
    return QDir(dataDir).filePath(QStringLiteral("signalgate.db"));
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
