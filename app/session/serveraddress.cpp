#include "serveraddress.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>

namespace SignalGate::Client {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SignalGate::Client::ServerAddress", text);
}

}   // namespace

ServerAddress ServerAddress::parse(const QString &input)
{
    ServerAddress address;
    QString text = input.trimmed();
    if (text.isEmpty()) {
        address.m_error = tr("Enter the server address, for example http://127.0.0.1:8765.");
        return address;
    }
    if (!text.contains(QLatin1String("://"))) {
        // "host:port" is fine; "word:" followed by anything but a port is a
        // scheme typed wrong ("htp:/x", "http:/host"), not a host named "htp".
        static const QRegularExpression mistypedScheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:(?!\\d)"));
        if (mistypedScheme.match(text).hasMatch()) {
            address.m_error =
                    tr("\"%1\" looks like a mistyped address: write http://host:port or https://host:port.").arg(text);
            return address;
        }
        text.prepend(QLatin1String("http://"));
    }
    QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty()) {
        address.m_error =
                tr("\"%1\" is not a server address. Use http://host:port or https://host:port.").arg(input.trimmed());
        return address;
    }
    if (scheme == QLatin1String("ws"))
        url.setScheme(QStringLiteral("http"));
    else if (scheme == QLatin1String("wss"))
        url.setScheme(QStringLiteral("https"));
    else if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        address.m_error = tr("The address must start with http://, https://, ws:// or wss:// (not %1://).").arg(scheme);
        return address;
    }
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) {
        address.m_error = tr("The server address must not contain a user name, a query or a fragment.");
        return address;
    }
    if (url.port() == -1 && url.scheme() == QLatin1String("http") && !input.contains(QLatin1String("://")))
        url.setPort(DefaultPort);   // "localhost" means the bundled server's port
    // A pasted WebSocket URL ends in /ws: the auth endpoints live beside it.
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path.endsWith(QLatin1String("/ws")))
        path.chop(3);
    url.setPath(path);
    address.m_http = url;
    return address;
}

QUrl ServerAddress::webSocketUrl() const
{
    if (!isValid())
        return {};
    QUrl url = m_http;
    url.setScheme(isTls() ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(m_http.path() + QLatin1String("/ws"));
    return url;
}

bool ServerAddress::isLoopback() const
{
    const QString host = m_http.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

}   // namespace SignalGate::Client
