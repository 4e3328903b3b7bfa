#include "proberequest.h"

#include "redactor.h"

#include <QRandomGenerator>
#include <QUrlQuery>

namespace SignalGate::Scenarios {

void ProbeRequest::carryAs(const TargetProfile &profile)
{
    placement = profile.tokenIn;
    tokenName = profile.tokenName;
    subprotocolPrefix = profile.subprotocolPrefix;
    offerSubprotocols = profile.offerSubprotocols;
}

QUrl ProbeRequest::effectiveUrl() const
{
    QUrl result = url;
    if (result.path().isEmpty())
        result.setPath(QStringLiteral("/ws"));
    if (tokenMode != TokenMode::None && placement == Placement::Query) {
        QUrlQuery query(result);
        query.removeAllQueryItems(tokenName);
        // Encoded by hand: a custom token may hold anything, and must arrive as typed.
        QString encoded = query.query(QUrl::FullyEncoded);
        if (!encoded.isEmpty())
            encoded += QLatin1Char('&');
        encoded += QString::fromLatin1(tokenName.toUtf8().toPercentEncoding()) + QLatin1Char('=')
                + QString::fromLatin1(tokenMode == TokenMode::Value ? token.toPercentEncoding() : QByteArray());
        result.setQuery(encoded, QUrl::StrictMode);
    }
    return result;
}

QNetworkRequest ProbeRequest::networkRequest() const
{
    QNetworkRequest request(effectiveUrl());
    request.setSslConfiguration(sslConfiguration);
    if (tokenMode != TokenMode::None && placement == Placement::Header)
        request.setRawHeader("Authorization", "Bearer " + (tokenMode == TokenMode::Value ? token : QByteArray()));
    return request;
}

QStringList ProbeRequest::subprotocols() const
{
    QStringList list = offerSubprotocols;
    const QString value = QString::fromLatin1(tokenMode == TokenMode::Value ? token : QByteArray());
    if (tokenMode != TokenMode::None && placement == Placement::Subprotocol)
        list.append(subprotocolPrefix + value);
    // An empty entry is not a subprotocol at all: an empty bare token offers nothing.
    if (placement == Placement::SubprotocolBare && !value.isEmpty())
        list.prepend(value);
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
            + key.toBase64() + "\r\n";
    if (const QStringList offered = subprotocols(); !offered.isEmpty())
        request += "Sec-WebSocket-Protocol: " + offered.join(QStringLiteral(", ")).toLatin1() + "\r\n";
    if (tokenMode != TokenMode::None && placement == Placement::Header)
        request += "Authorization: Bearer " + (tokenMode == TokenMode::Value ? token : QByteArray()) + "\r\n";
    if (!origin.isEmpty())
        request += "Origin: " + origin.toUtf8() + "\r\n";
    return request + "\r\n";
}

QString ProbeRequest::shownUrl() const
{
    // The query parameter may have any name: compose with the mark in the token's place.
    ProbeRequest hidden = *this;
    if (!token.isEmpty())
        hidden.token = Redactor::Mark.latin1();
    QUrl shown = hidden.effectiveUrl();
    shown.setUserInfo({});
    const QString encodedMark = QString::fromLatin1(QByteArray(Redactor::Mark.latin1()).toPercentEncoding());
    return Redactor().redact(shown.toString().replace(encodedMark, Redactor::Mark));
}

}   // namespace SignalGate::Scenarios
