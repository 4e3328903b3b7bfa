#include "websocketgate.h"

#include "auth/securerandom.h"
#include "core/logging.h"
#include "pool/closing.h"
#include "pool/session.h"
#include "pool/signalpool.h"
#include "protocol/messages.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QWebSocket>

WebSocketGate::WebSocketGate(const AccessTokenVerifier &verifier, SignalPool *pool, QJsonObject limits,
                             Clock clock, QObject *parent)
    : QObject(parent),
      m_verifier(verifier),
      m_pool(pool),
      m_limits(std::move(limits)),
      m_clock(std::move(clock)),
      m_server(QStringLiteral("signalgate"), QWebSocketServer::NonSecureMode)
{
    m_server.setSupportedSubprotocols({ProtocolName});
    connect(&m_server, &QWebSocketServer::newConnection, this, &WebSocketGate::onNewConnection);
}

void WebSocketGate::handleUpgrade(QTcpSocket *socket, const HttpRequest &request)
{
    const PeerKey key{socket->peerAddress().toString(), socket->peerPort()};
    m_pending.insert(key, TokenExtractor::extract(request));
    socket->setParent(this);
    // If Qt refuses the handshake the socket never becomes a QWebSocket: forget
    // it then. After a successful upgrade the QWebSocket has taken it over.
    connect(socket, &QTcpSocket::disconnected, this, [this, socket, key] {
        m_pending.remove(key);
        if (socket->parent() == this)
            socket->deleteLater();
    });
    qCDebug(lcGate).noquote() << "upgrade" << request.redactedTarget() << "from" << key.first << key.second;
    m_server.handleConnection(socket);
}

void WebSocketGate::onNewConnection()
{
    while (QWebSocket *socket = m_server.nextPendingConnection()) {
        const ExtractedToken extracted = m_pending.take({socket->peerAddress().toString(), socket->peerPort()});
        admit(socket, extracted);
    }
}

void WebSocketGate::admit(QWebSocket *socket, const ExtractedToken &extracted)
{
    const QHostAddress peer = socket->peerAddress();
    auto refuse = [&](const CloseSpec &spec, TokenFailure failure) {
        qCInfo(lcAuth).noquote() << "refused connection from" << peer.toString() << "reason" << tokenFailureReason(failure);
        Q_EMIT authenticationFailed(peer, failure);
        closeGracefully(socket, spec);
    };

    if (extracted.status == ExtractedToken::Status::Missing)
        return refuse(Close::AuthenticationRequired, TokenFailure::Missing);
    if (extracted.status == ExtractedToken::Status::Conflict)
        return refuse(Close::InvalidToken, TokenFailure::Malformed);

    const AccessTokenResult result = m_verifier.verify(extracted.token, m_clock());
    if (!result.ok())
        return refuse(Close::InvalidToken, result.failure);

    const QString sessionId = QString::fromLatin1(SecureRandom::token(12));
    auto *session = new Session(socket, result.claims, sessionId);
    const QJsonObject welcome{{QLatin1String("type"), MessageType::Welcome},
                              {QLatin1String("protocol"), ProtocolName},
                              {QLatin1String("session_id"), sessionId},
                              {QLatin1String("sub"), result.claims.subject},
                              {QLatin1String("exp"), result.claims.expiresAt},
                              {QLatin1String("server_time"), QDateTime::currentMSecsSinceEpoch()},
                              {QLatin1String("last_seq"), qint64(m_pool->lastSeq())},
                              {QLatin1String("limits"), m_limits}};
    // welcome is queued before the session can receive any signal.
    session->sendText(QString::fromUtf8(Messages::encode(welcome)));
    m_pool->join(session);
    qCInfo(lcAuth).noquote() << "session" << sessionId << "opened for" << result.claims.subject << "from" << peer.toString();
    Q_EMIT authenticated(peer, result.claims.subject, sessionId);
}
