#include "scenarios/proberequest.h"

#include "protocol/messages.h"
#include "scenarios/redactor.h"

#include <QRandomGenerator>
#include <QUrlQuery>

ProbeRequest ProbeRequest::withToken(const QUrl &url, const QByteArray &token, Transport transport)
{
    ProbeRequest request;
    request.url = url;
    request.tokenMode = TokenMode::Value;
    request.token = token;
    request.transport = transport;
    return request;
}

QUrl ProbeRequest::effectiveUrl() const
{
    QUrl result = url;
    if (result.path().isEmpty())
        result.setPath(QStringLiteral("/ws"));
    if (tokenMode != TokenMode::None && transport == Transport::Query) {
        QUrlQuery query(result);
        query.removeAllQueryItems(QStringLiteral("token"));
        // Encoded by hand: a custom token may hold anything, and must arrive as typed.
        QString encoded = query.query(QUrl::FullyEncoded);
        if (!encoded.isEmpty())
            encoded += QLatin1Char('&');
        encoded += QStringLiteral("token=")
                + QString::fromLatin1(tokenMode == TokenMode::Value ? token.toPercentEncoding() : QByteArray());
        result.setQuery(encoded, QUrl::StrictMode);
    }
    return result;
}

QNetworkRequest ProbeRequest::networkRequest() const
{
    QNetworkRequest request(effectiveUrl());
    request.setSslConfiguration(sslConfiguration);
    if (tokenMode != TokenMode::None && transport == Transport::Header)
        request.setRawHeader("Authorization", "Bearer " + (tokenMode == TokenMode::Value ? token : QByteArray()));
    return request;
}

QStringList ProbeRequest::subprotocols() const
{
    QStringList list{QString(ProtocolName)};
    if (tokenMode != TokenMode::None && transport == Transport::Subprotocol)
        list.append(QStringLiteral("bearer.") + QString::fromLatin1(tokenMode == TokenMode::Value ? token : QByteArray()));
    return list;
}

QByteArray ProbeRequest::rawUpgrade() const
{
    const QUrl target = effectiveUrl();
    QByteArray key(16, '\0');
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(key.data()), 4);
    const int defaultPort = target.scheme() == QLatin1String("wss") ? 443 : 80;
    QByteArray request = "GET " + target.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment)
            + " HTTP/1.1\r\nHost: " + target.host(QUrl::FullyEncoded).toLatin1();
    if (target.port(defaultPort) != defaultPort)
        request += ':' + QByteArray::number(target.port());
    request += "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
            + key.toBase64() + "\r\nSec-WebSocket-Protocol: " + subprotocols().join(QStringLiteral(", ")).toLatin1() + "\r\n";
    if (tokenMode != TokenMode::None && transport == Transport::Header)
        request += "Authorization: Bearer " + (tokenMode == TokenMode::Value ? token : QByteArray()) + "\r\n";
    if (!origin.isEmpty())
        request += "Origin: " + origin.toUtf8() + "\r\n";
    return request + "\r\n";
}

QString ProbeRequest::shownUrl() const
{
    QUrl shown = effectiveUrl();
    shown.setUserInfo({});
    Redactor redactor;
    return redactor.redact(shown.toString());
}
