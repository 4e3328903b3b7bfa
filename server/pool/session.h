#pragma once

#include "auth/accesstokenverifier.h"
#include "config/ratelimit.h"
#include "gate/tokenbucket.h"
#include "protocol/closecodes.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class AuditLog;
class Metrics;
class QWebSocket;

// One authenticated connection. Owns its socket; enforces the per-connection
// limits (message rate with its penalty ladder, message size, binary frames,
// outbound queue); answers the client's control messages; tells the pool
// when it is gone.
class Session : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        RateLimit messageRate;
        int maxMessageBytes = 0;        // 0: Qt's default
        qint64 maxOutboundBytes = 0;    // 0: unbounded
        AuditLog *audit = nullptr;
        Metrics *metrics = nullptr;
        std::function<qint64()> monotonicMs;
    };
    // The third dropped message inside one rate window closes the connection.
    static constexpr int ViolationsBeforeClose = 3;

    Session(QWebSocket *socket, AccessTokenClaims claims, QString id, const Settings &settings,
            QObject *parent = nullptr);
    ~Session() override;

    QString id() const { return m_id; }
    const AccessTokenClaims &claims() const { return m_claims; }
    QHostAddress peerAddress() const { return m_peer; }
    bool isClosing() const { return m_closing; }

    // Sends unless closing; closes 1013 when the unsent bytes pass the limit.
    void sendText(const QString &frame);
    void close(const CloseSpec &spec);

Q_SIGNALS:
    // Emitted once, when the socket has disconnected; the session deletes itself afterwards.
    void finished(Session *session);

private:
    void onTextFrame(const QString &frame, bool isLastFrame);
    void onTextMessage(const QString &message);
    void onDisconnected();
    bool admitMessage();

    QWebSocket *m_socket;
    AccessTokenClaims m_claims;
    QString m_id;
    Settings m_settings;
    QHostAddress m_peer;
    TokenBucket m_messageBucket;
    QList<qint64> m_violations;     // monotonic ms of recent drops, at most ViolationsBeforeClose
    qint64 m_messageBytes = 0;      // UTF-8 bytes of the message being received
    int m_closeCode = 0;            // the code we closed with, 0 if the peer closed
    bool m_closing = false;
};
