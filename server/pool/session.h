#pragma once

#include "auth/accesstokenverifier.h"
#include "config/ratelimit.h"
#include "feed/signal.h"
#include "gate/tokenbucket.h"
#include "protocol/closecodes.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class AuditLog;
class ClientMessage;
class ExpiryQueue;
class History;
class Metrics;
class QWebSocket;
class RevocationList;

// One authenticated connection. Owns its socket; enforces the per-connection
// limits (message rate with its penalty ladder, message size, binary frames,
// outbound queue); follows its token's lifetime (expiry warning, expiry,
// in-band refresh); answers resume, ping and publish; tells the pool when it
// is gone.
class Session : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        RateLimit messageRate;
        int maxMessageBytes = 0;        // 0: Qt's default
        qint64 maxOutboundBytes = 0;    // 0: unbounded
        int refreshAttempts = 3;        // per token lifetime
        qint64 leewaySeconds = 0;
        AuditLog *audit = nullptr;
        Metrics *metrics = nullptr;
        const AccessTokenVerifier *verifier = nullptr;
        const RevocationList *revocations = nullptr;
        const History *history = nullptr;
        ExpiryQueue *expiry = nullptr;
        std::function<qint64()> monotonicMs;
        std::function<qint64()> wallMs;     // Unix milliseconds
        std::function<qint64()> nowSeconds; // the verifier's clock
        std::function<quint64(Signal)> publish;  // returns the seq given
    };
    // The third dropped message inside one rate window closes the connection.
    static constexpr int ViolationsBeforeClose = 3;
    static constexpr qint64 ExpiryWarningSeconds = 60;

    Session(QWebSocket *socket, AccessTokenClaims claims, QString id, quint64 joinSeq, const Settings &settings,
            QObject *parent = nullptr);
    ~Session() override;

    QString id() const { return m_id; }
    const AccessTokenClaims &claims() const { return m_claims; }
    QHostAddress peerAddress() const { return m_peer; }
    bool isClosing() const { return m_closing; }

    // Sends unless closing; closes 1013 when the unsent bytes pass the limit.
    void sendText(const QString &frame);
    void close(const CloseSpec &spec);
    // Starts following the token's expiry; call once the session is in the pool.
    void startExpiry();
    // Called by the expiry queue at the deadline it was given.
    void onDeadline();

Q_SIGNALS:
    // Emitted once, when the socket has disconnected; the session deletes itself afterwards.
    void finished(Session *session);

private:
    void onTextFrame(const QString &frame, bool isLastFrame);
    void onTextMessage(const QString &message);
    void onDisconnected();
    bool admitMessage();
    void handleRefresh(const ClientMessage &message);
    void handleResume(const ClientMessage &message);
    void handlePublish(const ClientMessage &message);
    void sendError(QLatin1String code, const QString &message, const QJsonValue &id,
                   const QJsonObject &extra = {});
    void scheduleExpiry();
    void audit(const QString &event, const QString &reason, int code = 0);

    QWebSocket *m_socket;
    AccessTokenClaims m_claims;
    QString m_id;
    Settings m_settings;
    QHostAddress m_peer;
    quint64 m_joinSeq;              // last seq before this session saw signals live
    TokenBucket m_messageBucket;
    QList<qint64> m_violations;     // monotonic ms of recent drops, at most ViolationsBeforeClose
    qint64 m_messageBytes = 0;      // UTF-8 bytes of the message being received
    qint64 m_replayBacklog = 0;     // bytes a resume queued at once, on top of the outbound limit
    int m_refreshAttemptsUsed = 0;  // in the current token lifetime
    bool m_expiryWarned = false;
    int m_closeCode = 0;            // the code we closed with, 0 if the peer closed
    bool m_closing = false;
};
