#include "session.h"

#include "auditevents.h"
#include "auditlog.h"
#include "broker.h"
#include "clientmessage.h"
#include "closing.h"
#include "expiryqueue.h"
#include "history.h"
#include "jsonkeys.h"
#include "logging.h"
#include "messages.h"
#include "metrics.h"
#include "revocationlist.h"
#include "threadinbox.h"

#include <QWebSocket>

using namespace SignalGate::Jose;

namespace SignalGate::Server {

using namespace SignalGate::Protocol;

Session::Session(QWebSocket *socket, QTcpSocket *transport, AccessTokenClaims claims, QString id, quint64 joinSeq,
                 const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_writer(socket, transport)
    , m_claims(std::move(claims))
    , m_id(std::move(id))
    , m_settings(settings)
    , m_peer(socket->peerAddress())
    , m_joinSeq(joinSeq)
    , m_messageBucket(settings.messageRate, settings.clock->monotonicMs())
{
    m_socket->setParent(this);
    if (m_settings.maxMessageBytes > 0) {
        m_socket->setMaxAllowedIncomingFrameSize(qtSizeCap(m_settings.maxMessageBytes));
        m_socket->setMaxAllowedIncomingMessageSize(qtSizeCap(m_settings.maxMessageBytes));
    }
    connect(m_socket, &QWebSocket::textFrameReceived, this, &Session::onTextFrame);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &Session::onTextMessage);
    // At the first binary frame, without waiting for (or buffering) the rest.
    connect(m_socket, &QWebSocket::binaryFrameReceived, this, [this] { close(Close::UnsupportedData); });
    connect(m_socket, &QWebSocket::disconnected, this, &Session::onDisconnected);
    // A replay continues as the client reads what was queued.
    connect(m_socket, &QWebSocket::bytesWritten, this, [this] {
        if (m_replay)
            continueReplay();
    });
}

Session::~Session()
{
    if (m_expiry)
        m_expiry->cancel(this);
    // Destroyed while open only when the whole server goes away without a
    // shutdown(). Qt 6.4 would start a closing handshake from the socket's
    // destructor (and leak its reason string); drop the connection instead.
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
}

quint64 Session::qtSizeCap(int maxMessageBytes)
{
    return qMax<quint64>(quint64(maxMessageBytes) * 4, 1024 * 1024);
}

void Session::audit(const QString &event, const QString &reason, int code)
{
    m_settings.audit->record({event, m_peer, m_claims.subject, m_id, reason, code});
}

bool Session::overOutboundLimit(qint64 heldBytes) const
{
    return m_settings.maxOutboundBytes > 0 && m_socket->bytesToWrite() + heldBytes > m_settings.maxOutboundBytes;
}

void Session::checkOutbound(qint64 heldBytes)
{
    if (!overOutboundLimit(heldBytes))
        return;
    qCInfo(lcPool).noquote() << "session" << m_id << "is not reading:" << m_socket->bytesToWrite() << "bytes unsent,"
                             << heldBytes << "held; closing 1013";
    m_settings.metrics->countSlowConsumerClose();
    close(Close::SlowConsumer);
}

void Session::sendText(const QString &frame)
{
    if (m_closing)
        return;
    m_socket->sendTextMessage(frame);
    checkOutbound(m_heldBytes);
}

void Session::writeSignals(const SignalBatch &batch)
{
    if (m_closing)
        return;
    m_writer.write(batch);
    checkOutbound(m_heldBytes);
}

void Session::sendSignals(const SignalBatch &batch)
{
    if (m_closing)
        return;
    if (!m_replay)
        return writeSignals(batch);
    // A client that never reads its replay would hold signals forever: they
    // count toward the same limit.
    m_heldSignals.append(batch);
    m_heldBytes += batch.frames.size();
    checkOutbound(m_heldBytes);
}

void Session::send(const QJsonObject &message)
{
    sendText(QString::fromUtf8(Messages::encode(message)));
}

void Session::close(const CloseSpec &spec)
{
    if (m_closing)
        return;
    m_closing = true;
    m_closeCode = spec.code;
    if (m_expiry)
        m_expiry->cancel(this);
    qCDebug(lcPool).noquote() << "closing session" << m_id << spec.code << spec.reason;
    audit(AuditEvents::ConnClose, spec.reasonText(), spec.code);
    closeGracefully(m_socket, spec);
}

void Session::open(const QJsonObject &welcome, ExpiryQueue *expiry)
{
    m_expiry = expiry;
    send(welcome);
    scheduleExpiry();
    audit(AuditEvents::ConnOpen, {});
    qCInfo(lcAuth).noquote() << "session" << m_id << "opened for" << m_claims.subject << "from" << m_peer.toString();
}

void Session::scheduleExpiry()
{
    if (m_closing)
        return;
    const qint64 now = m_settings.clock->wallMs();
    const qint64 warnAt = (m_claims.expiresAt - ExpiryWarningSeconds) * 1000;
    const qint64 closeAt = (m_claims.expiresAt + m_settings.leewaySeconds) * 1000;
    if (!m_expiryWarned && now >= warnAt) {
        m_expiryWarned = true;
        send(Expiring{m_claims.expiresAt, qMax<qint64>(0, m_claims.expiresAt - now / 1000)}.toJson());
    }
    m_expiry->schedule(this, m_expiryWarned ? closeAt : warnAt);
}

void Session::onDeadline()
{
    if (m_closing)
        return;
    if (m_settings.clock->wallMs() >= (m_claims.expiresAt + m_settings.leewaySeconds) * 1000) {
        close(Close::TokenExpired);
        return;
    }
    scheduleExpiry();
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
    const qint64 now = m_settings.clock->monotonicMs();
    if (m_messageBucket.tryTake(now))
        return true;

    const qint64 windowMs = qint64(m_settings.messageRate.windowSeconds) * 1000;
    while (!m_violations.isEmpty() && now - m_violations.first() >= windowMs)
        m_violations.removeFirst();
    m_violations.append(now);
    m_settings.metrics->countRateLimitRejection(QStringLiteral("message"));
    audit(AuditEvents::RateLimitMessage, QStringLiteral("message_rate"));
    if (m_violations.size() >= ViolationsBeforeClose) {
        close(Close::RateLimitExceeded);
        return false;
    }
    ErrorFrame error{ErrorCode::RateLimited, QStringLiteral("Too many messages; this one was dropped")};
    error.retryAfterMs = qMax<qint64>(1, m_messageBucket.retryAfterMs(now));
    sendError(error);
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
        return sendError({ErrorCode::BadRequest, parsed.error, parsed.id});
    case ClientMessage::Kind::Unknown:
        return sendError({ErrorCode::UnknownType, QStringLiteral("Unknown message type"), parsed.id});
    case ClientMessage::Kind::Ping:
        return send(Pong{parsed.id, m_settings.clock->wallMs()}.toJson());
    case ClientMessage::Kind::AuthRefresh:
        return handleRefresh(parsed);
    case ClientMessage::Kind::Resume:
        return handleResume(parsed);
    case ClientMessage::Kind::Publish:
        return handlePublish(parsed);
    }
}

void Session::handleRefresh(const ClientMessage &message)
{
    ++m_refreshAttemptsUsed;
    if (m_refreshAttemptsUsed > m_settings.refreshAttempts) {
        audit(AuditEvents::RefreshFailure, QStringLiteral("attempts_exhausted"), Close::RefreshRejected.code);
        close(Close::RefreshRejected);
        return;
    }
    const QByteArray token = message.object.value(Key::Token).toString().toUtf8();
    AccessTokenResult result = m_settings.verifier->verify(token, m_settings.clock->wallSeconds());
    if (result.ok() && m_settings.revocations->isRevoked(result.claims))
        result.failure = TokenFailure::Revoked;
    if (result.ok() && result.claims.subject != m_claims.subject) {
        // Someone else's valid token on this connection: not a mistake to retry.
        audit(AuditEvents::RefreshFailure, QStringLiteral("other_subject"), Close::RefreshRejected.code);
        close(Close::RefreshRejected);
        return;
    }
    QString reason = tokenFailureReason(result.failure);
    if (result.ok() && result.claims.expiresAt <= m_claims.expiresAt)
        reason = QStringLiteral("not_later");
    if (!reason.isEmpty()) {
        const int left = m_settings.refreshAttempts - m_refreshAttemptsUsed;
        audit(AuditEvents::RefreshFailure, reason);
        ErrorFrame error{ErrorCode::RefreshFailed,
                         reason == QLatin1String("not_later")
                                 ? QStringLiteral("The new token must expire later than the current one")
                                 : QStringLiteral("The new token was refused (%1)").arg(reason),
                         message.id};
        error.attemptsLeft = left;
        return sendError(error);
    }

    m_claims = result.claims;
    m_refreshAttemptsUsed = 0;
    m_expiryWarned = false;
    audit(AuditEvents::RefreshSuccess, QStringLiteral("in_band"));
    send(Refreshed{m_claims.expiresAt, m_settings.refreshAttempts, message.id}.toJson());
    scheduleExpiry();
}

void Session::handleResume(const ClientMessage &message)
{
    // One replay at a time: each could otherwise queue a history's worth of
    // frames (PROTOCOL.md section 10.1).
    if (m_replay)
        return sendError({ErrorCode::BadRequest,
                          QStringLiteral("A resume is still being delivered; wait for \"resumed\""), message.id});
    const quint64 since = quint64(message.object.value(Key::Since).toDouble());
    const quint64 retainedFrom = m_settings.broker->history().firstSeq();   // 0: empty
    // A client that names the epoch its seq came from, when the shared
    // stream has had another since, lost what it had (PROTOCOL.md 10.7).
    const QString epoch = message.object.value(Key::Epoch).toString();
    const bool otherEpoch = !epoch.isEmpty() && epoch != m_settings.broker->epoch();
    // Signals after m_joinSeq reached this connection live: never replay them.
    if (otherEpoch || (since < m_joinSeq && (retainedFrom == 0 || retainedFrom > since + 1))) {
        ErrorFrame gap{ErrorCode::ResumeGap,
                       otherEpoch ? QStringLiteral("The signal history of epoch %1 was lost").arg(epoch)
                                  : QStringLiteral("Some signals after %1 are no longer retained").arg(since),
                       message.id};
        gap.firstSeq = qint64(retainedFrom == 0 ? m_joinSeq + 1 : retainedFrom);
        sendError(gap);
    }
    Replay replay;
    replay.after = since;
    replay.upTo = m_joinSeq;
    replay.id = message.id;
    m_replay = replay;
    continueReplay();
}

void Session::continueReplay()
{
    const History &history = m_settings.broker->history();
    // Half the limit queued at a time leaves room for pongs and errors.
    const qint64 watermark = m_settings.maxOutboundBytes / 2;
    while (!m_closing && m_replay->after < m_replay->upTo) {
        if (watermark > 0 && m_socket->bytesToWrite() >= watermark)
            return;   // bytesWritten brings us back
        // One read of the ring: the broker may overwrite it meanwhile.
        const History::Slice slice = history.between(m_replay->after, m_replay->upTo, 16);
        if (slice.retainedFrom > m_replay->after + 1 && m_replay->from != 0) {
            // Overwritten while this slow reader was being replayed to.
            ErrorFrame gap{ErrorCode::ResumeGap,
                           QStringLiteral("Some signals after %1 are no longer retained").arg(m_replay->after),
                           m_replay->id};
            gap.firstSeq = qint64(slice.retainedFrom);
            sendError(gap);
        }
        if (slice.frames.isEmpty())
            break;
        const quint64 first = slice.firstFrameSeq(m_replay->after);
        if (m_replay->from == 0)
            m_replay->from = first;
        quint64 seq = first;
        for (const QString &frame : slice.frames) {
            m_socket->sendTextMessage(frame);
            m_replay->to = m_replay->after = seq++;
            ++m_replay->count;
            if (watermark > 0 && m_socket->bytesToWrite() >= watermark)
                return;
        }
    }
    if (!m_closing)
        finishReplay();
}

void Session::finishReplay()
{
    const Replay replay = *m_replay;
    m_replay.reset();
    const qint64 from = replay.from ? qint64(replay.from) : qint64(replay.after + 1);
    send(Resumed{from, replay.count ? qint64(replay.to) : from - 1, replay.count, replay.id}.toJson());
    const SignalBatch held = std::exchange(m_heldSignals, {});
    m_heldBytes = 0;
    if (!held.isEmpty())
        writeSignals(held);
}

void Session::handlePublish(const ClientMessage &message)
{
    if (!m_claims.hasScope(QStringLiteral("signals:publish")))
        return sendError(
                {ErrorCode::Forbidden, QStringLiteral("Publishing needs the scope signals:publish"), message.id});
    Broker *broker = m_settings.broker;
    const SignalFrame signal =
            SignalFrame::fromPublished(message.object.value(Key::Signal).toObject(), m_settings.clock->wallMs());
    // On the broker's thread, which gives the seq; queued from a pool thread.
    m_settings.brokerThread->post([broker, signal] { broker->publish(signal); });
}

void Session::onDisconnected()
{
    if (m_expiry)
        m_expiry->cancel(this);
    if (!m_closing) {
        // The peer closed (or vanished): record the code it used, 1006 if none.
        const int code = m_socket->closeCode() ? int(m_socket->closeCode()) : 1006;
        m_closeCode = code;
        audit(AuditEvents::ConnClose, QStringLiteral("peer_closed"), code);
    }
    m_closing = true;
    m_settings.metrics->countClose(m_closeCode);
    Q_EMIT finished(this);
    deleteLater();
}

}   // namespace SignalGate::Server
