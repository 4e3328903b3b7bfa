#pragma once

#include "accesstokenverifier.h"
#include "httprequest.h"
#include "session.h"
#include "tokenextractor.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QWebSocketServer>

#include <functional>

class QTcpSocket;
class QWebSocket;

namespace SignalGate::Server {

class SignalPool;

// Turns upgraded connections into sessions. The token is taken from the
// request head the front door already parsed (every header, duplicates
// included); after the upgrade it is verified, and a failure is answered by
// accept-then-close (1008) before the connection can join the pool.
class WebSocketGate : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        QJsonObject limits;              // welcome.limits
        int maxConnectionsPerUser = 0;   // 0: no cap
        QString nodeId;                  // welcome.node
        Session::Settings session;
    };

    // Time is settings.session.clock's.
    WebSocketGate(const Jose::AccessTokenVerifier &verifier, SignalPool *pool, Settings settings,
                  QObject *parent = nullptr);

    // Takes ownership of socket.
    void handleUpgrade(QTcpSocket *socket, const HttpRequest &request);

private:
    using PeerKey = QPair<QString, quint16>;

    void onNewConnection();
    void admit(QWebSocket *socket, const ExtractedToken &extracted, QTcpSocket *transport);

    const Jose::AccessTokenVerifier &m_verifier;
    SignalPool *m_pool;
    Settings m_settings;
    QWebSocketServer m_server;
    // What the upgrade request carried, and the socket it came on (for the
    // session's pre-built frames), until Qt hands over the QWebSocket.
    struct PendingUpgrade
    {
        ExtractedToken token;
        QPointer<QTcpSocket> transport;
    };
    QHash<PeerKey, PendingUpgrade> m_pending;
};

}   // namespace SignalGate::Server
