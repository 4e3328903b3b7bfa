#pragma once

#include "accesstokenverifier.h"
#include "clock.h"
#include "closecodes.h"
#include "framewriter.h"
#include "ratelimit.h"
#include "servermessages.h"
#include "tokenbucket.h"

#include <QHostAddress>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace SignalGate::Protocol {
struct ClientMessage;
}
class QTcpSocket;
class QWebSocket;

namespace SignalGate::Server {

class AuditLog;
class ExpiryQueue;
class Broker;
class Metrics;
class RevocationList;
class ThreadInbox;

// One authenticated connection. Owns its socket; enforces the per-connection
// limits (message rate with its penalty ladder, message size, binary frames,
// outbound queue); follows its token's lifetime (expiry warning, expiry,
// in-band refresh); answers resume, ping and publish; tells the pool when it
// is gone.
//
// Made on the main thread, it runs on the thread of the pool shard it was
// given to; what it shares with other threads (audit log, metrics,
// revocations, history, broker) is safe to call from there.
class Session : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        RateLimit messageRate;
        int maxMessageBytes = 0;       // 0: Qt's default
        qint64 maxOutboundBytes = 0;   // 0: unbounded
        int refreshAttempts = 3;       // per token lifetime
        qint64 leewaySeconds = 0;
        AuditLog *audit = nullptr;
        Metrics *metrics = nullptr;
        const Jose::AccessTokenVerifier *verifier = nullptr;
        const RevocationList *revocations = nullptr;
        // Publishes, and holds the history a resume replays.
        Broker *broker = nullptr;
        ThreadInbox *brokerThread = nullptr;   // where publish() runs
        const SignalGate::Clock *clock = nullptr;
    };
    // The third dropped message inside one rate window closes the connection.
    static constexpr int ViolationsBeforeClose = 3;
    static constexpr qint64 ExpiryWarningSeconds = 60;

    // Qt's own size checks close with Qt's reason text, not the contract's.
    // Ours run first (per frame, so a fragmented message is stopped early);
    // Qt's are set well above them and only bound memory against one giant
    // frame, on sessions and on sockets not yet (or never) admitted.
    static quint64 qtSizeCap(int maxMessageBytes);

    // transport: the TCP (or TLS) socket under socket, for pre-built frames.
    Session(QWebSocket *socket, QTcpSocket *transport, Jose::AccessTokenClaims claims, QString id, quint64 joinSeq,
            const Settings &settings, QObject *parent = nullptr);
    ~Session() override;

    QString id() const { return m_id; }
    const Jose::AccessTokenClaims &claims() const { return m_claims; }
    QHostAddress peerAddress() const { return m_peer; }
    bool isClosing() const { return m_closing; }

    // Sends unless closing; closes 1013 when the unsent bytes pass the limit.
    void sendText(const QString &frame);
    // One message of the contract, encoded once.
    void send(const QJsonObject &message);
    // Live signals in seq order, written with one write() unless the client
    // has stopped reading; held (within the same limit) while a resume's
    // replay is still going out, so signals arrive in seq order.
    void sendSignals(const SignalBatch &batch);
    void close(const Protocol::CloseSpec &spec);
    // Sends welcome, records the open and starts following the token's
    // expiry with expiry (the shard's queue). Called once, on the shard's thread.
    void open(const QJsonObject &welcome, ExpiryQueue *expiry);
    // Called by the expiry queue at the deadline it was given.
    void onDeadline();

Q_SIGNALS:
    // Emitted once, when the socket has disconnected; the session deletes itself afterwards.
    void finished(Session *session);

private:
    void writeSignals(const SignalBatch &batch);
    // Closes 1013 when the unsent bytes (plus heldBytes) pass the limit.
    void checkOutbound(qint64 heldBytes);
    void onTextFrame(const QString &frame, bool isLastFrame);
    void onTextMessage(const QString &message);
    void onDisconnected();
    bool admitMessage();
    void handleRefresh(const Protocol::ClientMessage &message);
    void handleResume(const Protocol::ClientMessage &message);
    void continueReplay();
    void finishReplay();
    bool overOutboundLimit(qint64 heldBytes) const;
    void handlePublish(const Protocol::ClientMessage &message);
    void sendError(const SignalGate::Protocol::ErrorFrame &error) { send(error.toJson()); }
    void scheduleExpiry();
    void audit(const QString &event, const QString &reason, int code = 0);

    QWebSocket *m_socket;
    ExpiryQueue *m_expiry = nullptr;   // set by open()
    FrameWriter m_writer;
    Jose::AccessTokenClaims m_claims;
    QString m_id;
    Settings m_settings;
    QHostAddress m_peer;
    quint64 m_joinSeq;   // last seq before this session saw signals live
    TokenBucket m_messageBucket;
    QList<qint64> m_violations;   // monotonic ms of recent drops, at most ViolationsBeforeClose
    qint64 m_messageBytes = 0;    // UTF-8 bytes of the message being received
    // A resume being delivered: replayed from the history as the client reads,
    // never more than half the outbound limit queued at once.
    struct Replay
    {
        quint64 after = 0;   // last seq replayed (or skipped as lost)
        quint64 upTo = 0;    // the last seq this session did not get live
        quint64 from = 0;    // first seq replayed, 0 before any
        quint64 to = 0;      // last seq replayed
        int count = 0;
        QJsonValue id;
    };
    std::optional<Replay> m_replay;
    SignalBatch m_heldSignals;   // live signals that arrived during the replay
    qint64 m_heldBytes = 0;
    int m_refreshAttemptsUsed = 0;   // in the current token lifetime
    bool m_expiryWarned = false;
    int m_closeCode = 0;   // the code we closed with, 0 if the peer closed
    bool m_closing = false;
};

}   // namespace SignalGate::Server
