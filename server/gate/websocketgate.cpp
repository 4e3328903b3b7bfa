#include "websocketgate.h"

#include "auditevents.h"
#include "auditlog.h"
#include "broker.h"
#include "closing.h"
#include "logging.h"
#include "messages.h"
#include "metrics.h"
#include "revocationlist.h"
#include "securerandom.h"
#include "servermessages.h"
#include "session.h"
#include "signalpool.h"

#include <QTcpSocket>
#include <QWebSocket>

using namespace SignalGate::Protocol;
using namespace SignalGate::Jose;

namespace SignalGate::Server {

WebSocketGate::WebSocketGate(const AccessTokenVerifier &verifier, SignalPool *pool, Settings settings, QObject *parent)
    : QObject(parent)
    , m_verifier(verifier)
    , m_pool(pool)
    , m_settings(std::move(settings))
    , m_server(QStringLiteral("signalgate"), QWebSocketServer::NonSecureMode)
{
    m_server.setSupportedSubprotocols({ProtocolName});
    connect(&m_server, &QWebSocketServer::newConnection, this, &WebSocketGate::onNewConnection);
}

void WebSocketGate::handleUpgrade(QTcpSocket *socket, const HttpRequest &request)
{
    const PeerKey key{socket->peerAddress().toString(), socket->peerPort()};
    m_pending.insert(key, {TokenExtractor::extract(request), socket});
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
        // Qt's default lets a socket buffer a frame of up to 2 GiB, even one
        // whose token is about to be refused. QWebSocketServer 6.4 has no
        // setting for it, but newConnection comes before Qt reads any frame.
        if (m_settings.session.maxMessageBytes > 0) {
            socket->setMaxAllowedIncomingFrameSize(Session::qtSizeCap(m_settings.session.maxMessageBytes));
            socket->setMaxAllowedIncomingMessageSize(Session::qtSizeCap(m_settings.session.maxMessageBytes));
        }
        const PendingUpgrade upgrade = m_pending.take({socket->peerAddress().toString(), socket->peerPort()});
        // Qt 6.4 leaves the TCP socket's parent as it was (this gate): make it
        // the QWebSocket's child, so it goes where the QWebSocket goes (a pool
        // thread) and is deleted with it, whoever of the two owns it in Qt.
        if (upgrade.transport) {
            disconnect(upgrade.transport, nullptr, this, nullptr);
            upgrade.transport->setParent(socket);
        }
        admit(socket, upgrade.token, upgrade.transport);
    }
}

void WebSocketGate::admit(QWebSocket *socket, const ExtractedToken &extracted, QTcpSocket *transport)
{
    const QHostAddress peer = socket->peerAddress();
    AuditLog *audit = m_settings.session.audit;
    Metrics *metrics = m_settings.session.metrics;
    auto refuse = [&](const CloseSpec &spec, TokenFailure failure) {
        const QString reason = tokenFailureReason(failure);
        qCInfo(lcAuth).noquote() << "refused connection from" << peer.toString() << "reason" << reason;
        metrics->countAuthFailure(reason);
        metrics->countClose(spec.code);
        audit->record({AuditEvents::AuthFailure, peer, {}, {}, reason, spec.code});
        closeGracefully(socket, spec);
    };

    if (extracted.status == ExtractedToken::Status::Missing)
        return refuse(Close::AuthenticationRequired, TokenFailure::Missing);
    if (extracted.status == ExtractedToken::Status::Conflict)
        return refuse(Close::InvalidToken, TokenFailure::Malformed);

    AccessTokenResult result = m_verifier.verify(extracted.token, m_settings.session.clock->wallSeconds());
    if (result.ok() && m_settings.session.revocations->isRevoked(result.claims))
        result.failure = TokenFailure::Revoked;
    if (!result.ok())
        return refuse(Close::InvalidToken, result.failure);

    const QString &subject = result.claims.subject;
    if (m_settings.maxConnectionsPerUser > 0 && m_pool->countFor(subject) >= m_settings.maxConnectionsPerUser) {
        qCInfo(lcAuth).noquote() << "refused connection for" << subject << ": too many connections";
        metrics->countRateLimitRejection(QStringLiteral("user_connections"));
        metrics->countClose(Close::TooManyConnections.code);
        audit->record({AuditEvents::RateLimitConnection,
                       peer,
                       subject,
                       {},
                       QStringLiteral("too_many_connections"),
                       Close::TooManyConnections.code});
        closeGracefully(socket, Close::TooManyConnections);
        return;
    }

    const QString sessionId = QString::fromLatin1(SecureRandom::token(12));
    audit->record({AuditEvents::AuthSuccess, peer, subject, sessionId, {}, 0});
    const quint64 joinSeq = m_pool->lastSeq();
    auto *session = new Session(socket, transport, result.claims, sessionId, joinSeq, m_settings.session);
    const SignalGate::Protocol::Welcome welcome{
            sessionId,       subject,           result.claims.expiresAt, m_settings.session.clock->wallMs(),
            qint64(joinSeq), m_settings.limits, m_settings.nodeId,       m_settings.session.broker->epoch()};
    // The shard sends welcome before any signal after joinSeq (SignalPool).
    m_pool->join(session, welcome.toJson());
}

}   // namespace SignalGate::Server
