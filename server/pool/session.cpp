#include "session.h"

#include "closing.h"
#include "core/logging.h"
#include "observe/auditlog.h"
#include "observe/metrics.h"
#include "protocol/clientmessage.h"
#include "protocol/messages.h"

#include <QDateTime>
#include <QWebSocket>

namespace {

// Qt's own size checks close with Qt's reason text, not the contract's. Ours
// run first (per frame, so a fragmented message is stopped early); Qt's are
// set well above them and only bound memory against a single giant frame.
quint64 qtHardCap(int maxMessageBytes)
{
    return qMax<quint64>(quint64(maxMessageBytes) * 4, 1024 * 1024);
}

} // namespace

Session::Session(QWebSocket *socket, AccessTokenClaims claims, QString id, const Settings &settings, QObject *parent)
    : QObject(parent),
      m_socket(socket),
      m_claims(std::move(claims)),
      m_id(std::move(id)),
      m_settings(settings),
      m_peer(socket->peerAddress()),
      m_messageBucket(settings.messageRate, settings.monotonicMs())
{
    m_socket->setParent(this);
    if (m_settings.maxMessageBytes > 0) {
        m_socket->setMaxAllowedIncomingFrameSize(qtHardCap(m_settings.maxMessageBytes));
        m_socket->setMaxAllowedIncomingMessageSize(qtHardCap(m_settings.maxMessageBytes));
    }
    connect(m_socket, &QWebSocket::textFrameReceived, this, &Session::onTextFrame);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &Session::onTextMessage);
    // At the first binary frame, without waiting for (or buffering) the rest.
    connect(m_socket, &QWebSocket::binaryFrameReceived, this, [this] { close(Close::UnsupportedData); });
    connect(m_socket, &QWebSocket::disconnected, this, &Session::onDisconnected);
}

Session::~Session()
{
    // Destroyed while open only when the whole server goes away without a
    // shutdown(). Qt 6.4 would start a closing handshake from the socket's
    // destructor (and leak its reason string); drop the connection instead.
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
}

void Session::sendText(const QString &frame)
{
    if (m_closing)
        return;
    m_socket->sendTextMessage(frame);
    if (m_settings.maxOutboundBytes > 0 && m_socket->bytesToWrite() > m_settings.maxOutboundBytes) {
        qCInfo(lcPool).noquote() << "session" << m_id << "is not reading:" << m_socket->bytesToWrite()
                                 << "bytes unsent; closing 1013";
        m_settings.metrics->countSlowConsumerClose();
        close(Close::SlowConsumer);
    }
}

void Session::close(const CloseSpec &spec)
{
    if (m_closing)
        return;
    m_closing = true;
    m_closeCode = spec.code;
    qCDebug(lcPool).noquote() << "closing session" << m_id << spec.code << spec.reason;
    m_settings.audit->record({QStringLiteral("conn.close"), m_peer, m_claims.subject, m_id,
                              spec.reasonText(), spec.code});
    closeGracefully(m_socket, spec);
}

void Session::onTextFrame(const QString &frame, bool isLastFrame)
{
    if (m_closing)
        return;
    m_messageBytes += frame.toUtf8().size();
    if (m_settings.maxMessageBytes > 0 && m_messageBytes > m_settings.maxMessageBytes) {
        close(Close::MessageTooBig);
        return;
    }
    if (isLastFrame)
        m_messageBytes = 0;
}

bool Session::admitMessage()
{
    const qint64 now = m_settings.monotonicMs();
    if (m_messageBucket.tryTake(now))
        return true;

    const qint64 windowMs = qint64(m_settings.messageRate.windowSeconds) * 1000;
    while (!m_violations.isEmpty() && now - m_violations.first() >= windowMs)
        m_violations.removeFirst();
    m_violations.append(now);
    m_settings.metrics->countRateLimitRejection(QStringLiteral("message"));
    m_settings.audit->record({QStringLiteral("ratelimit.message"), m_peer, m_claims.subject, m_id,
                              QStringLiteral("message_rate"), 0});
    if (m_violations.size() >= ViolationsBeforeClose) {
        close(Close::RateLimitExceeded);
        return false;
    }
    QJsonObject error{{QLatin1String("type"), MessageType::Error},
                      {QLatin1String("code"), ErrorCode::RateLimited},
                      {QLatin1String("message"), QStringLiteral("Too many messages; this one was dropped")},
                      {QLatin1String("retry_after_ms"), qMax<qint64>(1, m_messageBucket.retryAfterMs(now))}};
    sendText(QString::fromUtf8(Messages::encode(error)));
    return false;
}

void Session::onTextMessage(const QString &message)
{
    if (m_closing)
        return;
    m_settings.metrics->countMessageReceived();
    // Every message counts toward the rate, pings and garbage included.
    if (!admitMessage())
        return;

    const ClientMessage parsed = ClientMessage::parse(message.toUtf8());
    switch (parsed.kind) {
    case ClientMessage::Kind::Invalid:
        sendText(QString::fromUtf8(Messages::error(ErrorCode::BadRequest, parsed.error, parsed.id)));
        return;
    case ClientMessage::Kind::Ping:
        sendText(QString::fromUtf8(Messages::pong(parsed.id, QDateTime::currentMSecsSinceEpoch())));
        return;
    case ClientMessage::Kind::Unknown:
    case ClientMessage::Kind::AuthRefresh:   // in-band refresh, resume and publish
    case ClientMessage::Kind::Resume:        // arrive with the token-lifecycle work
    case ClientMessage::Kind::Publish:
        sendText(QString::fromUtf8(Messages::error(ErrorCode::UnknownType,
                                                   QStringLiteral("Unknown message type"), parsed.id)));
        return;
    }
}

void Session::onDisconnected()
{
    if (!m_closing) {
        // The peer closed (or vanished): record the code it used, 1006 if none.
        const int code = m_socket->closeCode() ? int(m_socket->closeCode()) : 1006;
        m_closeCode = code;
        m_settings.audit->record({QStringLiteral("conn.close"), m_peer, m_claims.subject, m_id,
                                  QStringLiteral("peer_closed"), code});
    }
    m_closing = true;
    m_settings.metrics->countClose(m_closeCode);
    Q_EMIT finished(this);
    deleteLater();
}
