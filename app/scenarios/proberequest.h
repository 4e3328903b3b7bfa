#pragma once

#include "targetprofile.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace SignalGate::Scenarios {

// One hand-composed WebSocket upgrade (PROTOCOL.md section 3, or a target
// profile's own conventions): where the token goes, whether there is one at
// all, the subprotocols offered, the Origin. Both probes build their request
// from this, so a scenario and the manual console compose the same way.
struct ProbeRequest
{
    enum class TokenMode {
        None,    // no token anywhere
        Empty,   // "Authorization: Bearer ", "bearer." or "?token=" (nothing for subprotocol-bare)
        Value,   // token as given (any text)
    };
    using Placement = TargetProfile::TokenPlacement;

    QUrl url;   // ws:// or wss://host:port/path
    TokenMode tokenMode = TokenMode::None;
    QByteArray token;
    Placement placement = Placement::Header;
    QString tokenName = QStringLiteral("token");   // the query parameter
    QString subprotocolPrefix = QStringLiteral("bearer.");
    QStringList offerSubprotocols{QStringLiteral("signalgate.v1")};
    QString origin;   // empty: no Origin header (a native client)
    QSslConfiguration sslConfiguration = QSslConfiguration::defaultConfiguration();

    // Placement, query name, prefix and offered subprotocols as the profile says.
    void carryAs(const TargetProfile &profile);

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

}   // namespace SignalGate::Scenarios
