#pragma once

#include "connection/signalconnection.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>
#include <QUrl>

// One hand-composed WebSocket upgrade (PROTOCOL.md section 3): where the
// token goes, whether there is one at all, the Origin. Both probes build
// their request from this, so a scenario and the manual console compose the
// same way.
struct ProbeRequest
{
    enum class TokenMode {
        None,    // no token anywhere
        Empty,   // "Authorization: Bearer ", "bearer." or "?token="
        Value,   // token as given (any text)
    };
    using Transport = SignalConnection::Transport;

    QUrl url;                 // ws:// or wss://host:port/ws
    TokenMode tokenMode = TokenMode::None;
    QByteArray token;
    Transport transport = Transport::Header;
    QString origin;           // empty: no Origin header (a native client)
    QSslConfiguration sslConfiguration = QSslConfiguration::defaultConfiguration();

    static ProbeRequest withToken(const QUrl &url, const QByteArray &token, Transport transport);

    // For QWebSocket: the request (URL, headers) and the subprotocols to offer.
    QNetworkRequest networkRequest() const;
    QStringList subprotocols() const;
    // The whole HTTP/1.1 upgrade request, byte for byte (HandshakeProbe).
    QByteArray rawUpgrade() const;
    // The URL with the token (or any query value) hidden, for logs and frames.
    QString shownUrl() const;

private:
    QUrl effectiveUrl() const;
};
