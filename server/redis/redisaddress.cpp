#include "redisaddress.h"

#include <QUrl>

namespace SignalGate::Server {

std::optional<RedisAddress> RedisAddress::parse(const QString &url, QString *error)
{
    const QUrl parsed(url.trimmed(), QUrl::StrictMode);
    const QString expected = QStringLiteral("expected redis://[user@]HOST:PORT[/DB]");
    if (parsed.scheme() == QLatin1String("rediss")) {
        *error = QStringLiteral("rediss:// (TLS) is not supported by Debian's hiredis 0.14; "
                                "reach Redis over a private network or a TLS tunnel (stunnel, spiped)");
        return std::nullopt;
    }
    if (!parsed.isValid() || parsed.scheme() != QLatin1String("redis") || parsed.host().isEmpty() || parsed.hasQuery()
        || parsed.hasFragment()) {
        *error = QStringLiteral("%1, got '%2'").arg(expected, url);
        return std::nullopt;
    }
    if (!parsed.password().isEmpty()) {
        *error = QStringLiteral("put the Redis password in a file and name it with --broker-password-file, "
                                "not in the URL");
        return std::nullopt;
    }
    RedisAddress address;
    address.host = parsed.host();
    address.user = parsed.userName();
    address.port = quint16(parsed.port(6379));
    const QString path = parsed.path();
    if (!path.isEmpty() && path != QLatin1String("/")) {
        bool ok = false;
        address.database = path.mid(1).toInt(&ok);
        if (!ok || address.database < 0) {
            *error = QStringLiteral("%1 with DB a number from 0, got '%2'").arg(expected, url);
            return std::nullopt;
        }
    }
    return address;
}

QString RedisAddress::toString() const
{
    return QStringLiteral("redis://%1%2:%3/%4")
            .arg(user.isEmpty() ? QString() : user + QLatin1Char('@'), host)
            .arg(port)
            .arg(database);
}

}   // namespace SignalGate::Server
