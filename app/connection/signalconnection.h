#pragma once

#include "clock.h"
#include "closecodeinfo.h"
#include "connectiontoken.h"
#include "keepalive.h"
#include "reconnectpolicy.h"
#include "refreshtracker.h"
#include "servermessagereader.h"
#include "signaldelivery.h"

#include <QAbstractSocket>
#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>
#include <QTimer>
#include <QUrl>

class QWebSocket;

namespace SignalGate::Client {

// One WebSocket session with one server for one user (PROTOCOL.md
// sections 3 to 5). GUI-free: the window, the test console and the tests all
// drive this same object.
//
// It never decides on its own to sign in or refresh: it holds the access
// token the owner gives it and asks (needsToken, needsRefresh, needsSignIn)
// when that is not enough. What it decides on its own:
//  - it opens a socket only while the token has at least MinTokenLifetimeMs
//    left by the injected clock ("waits for auth"): a token the server would
//    close within seconds is not worth a connection, and without a token
//    there is no reconnect loop at all;
//  - after a close, ReconnectPolicy says what comes next;
//  - after a reconnect it resumes from the last seq it delivered, and never
//    delivers a seq twice.
//
// No token ever reaches a log line or a signal: the owner passed it in and
// already has it.
class SignalConnection : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Idle,              // not started
        WaitingForToken,   // started, but no usable token: asked the owner for one
        Connecting,        // socket opening, handshake, or waiting for welcome
        Open,              // welcome received
        Reconnecting,      // counting down to the next attempt
        Stopped,           // stop() or a close after which the policy says Stop
    };
    Q_ENUM(State)

    using Transport = ConnectionToken::Transport;

    static constexpr qint64 MinTokenLifetimeMs = 30 * 1000;
    // From opening the socket to welcome; the server's own limit is 5 s.
    static constexpr int DefaultHandshakeTimeoutMs = 10 * 1000;
    static constexpr int ResumeTimeoutMs = SignalDelivery::ResumeTimeoutMs;
    static constexpr int DefaultKeepAliveMs = KeepAlive::DefaultIntervalMs;
    static constexpr qint64 MaxIncomingMessageBytes = 1024 * 1024;

    explicit SignalConnection(QObject *parent = nullptr);
    ~SignalConnection() override;

    // ws:// or wss://host:port; the path defaults to /ws. A different server
    // forgets the seq history (seqs are per server).
    void setServer(const QUrl &server);
    QUrl server() const { return m_server; }
    void setTransport(Transport transport) { m_transport = transport; }
    Transport transport() const { return m_transport; }

    // The current access token (after sign-in or an HTTP refresh). exp and iat
    // are read unverified; a token that cannot be read counts as none. While
    // waiting for a token this (re)starts the connection.
    void setAccessToken(const QByteArray &token);
    void clearAccessToken() { m_token.clear(); }
    bool hasToken() const { return !m_token.isEmpty(); }
    qint64 tokenExpiresAt() const { return m_token.expiresAt(); }   // Unix seconds, 0 without a token
    // A token with at least MinTokenLifetimeMs left that the server has not refused yet.
    bool hasUsableToken() const;

    // Token lifetimes are judged on this clock (the system clock unless set); it must outlive the connection.
    void setClock(const SignalGate::Clock &clock) { m_clock = &clock; }
    void setReconnectPolicy(const ReconnectPolicy &policy) { m_policy = policy; }
    // TLS: Qt's default configuration (system CAs) unless replaced here.
    // Certificate errors are reported (sslErrors) and never ignored.
    void setSslConfiguration(const QSslConfiguration &configuration) { m_sslConfiguration = configuration; }
    void setCaCertificates(const QList<QSslCertificate> &certificates);
    QSslConfiguration sslConfiguration() const { return m_sslConfiguration; }
    void setHandshakeTimeoutMs(int ms) { m_handshakeTimeoutMs = ms; }
    void setKeepAliveMs(int ms) { m_keepAlive.setIntervalMs(ms); }   // 0 turns keep-alive pings off

    State state() const { return m_state; }
    // The highest seq delivered (or the welcome's last_seq on the first connect); 0 before any.
    qint64 lastSeq() const { return m_delivery.lastSeq(); }
    QJsonObject lastWelcome() const { return m_welcome; }
    // For the countdown: ms until the next attempt, -1 when none is scheduled.
    qint64 reconnectRemainingMs() const;
    // The certificate chain and protocol of the open TLS connection (for the lock icon).
    QSslConfiguration sessionSslConfiguration() const;

public Q_SLOTS:
    void start();
    // Closes with 1000 "Normal closure" and stays Stopped until start().
    void stop();
    // Skips a reconnect countdown (or starts again after Stopped).
    void reconnectNow();
    // Sends {"type":"auth.refresh","token":...}; the token becomes current
    // when the server answers auth.refreshed. Not open: just setAccessToken().
    void refreshInBand(const QByteArray &newToken);

Q_SIGNALS:
    void stateChanged(SignalConnection::State state);
    void welcomed(const QJsonObject &welcome);
    // Every signal once, in seq order, never one with seq <= an earlier one.
    void signalReceived(const QJsonObject &signal);
    // The same signals in one list per read from the socket (connect to one
    // of the two): a model can insert a batch in one go.
    void signalBatchReceived(const QList<QJsonObject> &batch);
    void expiring(qint64 secondsLeft);
    void refreshed(qint64 expiresAt);
    void refreshFailed(const QString &message, int attemptsLeft);   // -1 when the server did not say
    // Any {"type":"error"} from the server (refresh_failed and resume_gap too).
    void errorMessage(const QString &code, const QString &message);
    // Every end of a connection attempt except an HTTP refusal (handshakeRefused)
    // and stop(). 1006 when it ended without a close frame (reason empty; the
    // cause came in networkError or sslErrors). info is what the code means in
    // general; decision is what this connection does next.
    void closed(quint16 code, const QString &reason, const CloseCodeInfo &info,
                const ReconnectPolicy::Decision &decision);
    // The handshake was answered with an HTTP status instead of 101.
    void handshakeRefused(int httpStatus, const ReconnectPolicy::Decision &decision);
    void networkError(QAbstractSocket::SocketError error, const QString &message);
    void sslErrors(const QList<QSslError> &errors);
    void reconnectScheduled(qint64 delayMs);
    void needsToken();
    void needsRefresh();
    void needsSignIn(const QString &why);
    void stopped(const QString &why);
    // After a reconnect: recovered = replayed signals delivered, lost = the
    // seqs that never came (the server no longer had them: resume_gap, or the
    // resume gave up); lost is -1 when unknown (the server's seq restarted,
    // see sequenceRestarted).
    void resumeResult(qint64 recovered, qint64 lost);
    // While connected, a signal came count seqs after the one before it: the
    // server skipped them, and no resume will bring them.
    void signalsSkipped(qint64 count);
    // The server's seq went backwards (welcome.last_seq < lastSeq): it was
    // restarted and its history, kept in memory, is gone. Seqs start again;
    // whatever the old server sent after previousLastSeq is lost, count unknown.
    void sequenceRestarted(qint64 previousLastSeq, qint64 serverLastSeq);

private:
    enum class Ending { Closed, NetworkError, Refused, TlsFailure, Timeout };

    void setState(State state);
    void attemptConnect();
    void openSocket();
    void dropSocket();
    void onConnected();
    void onDisconnected();
    void onSocketError(QAbstractSocket::SocketError error);
    void onSslErrors(const QList<QSslError> &errors);
    void onTextMessage(const QString &message);
    void onHandshakeTimeout();
    void onSilentPeer();
    void finishConnection(Ending ending, quint16 code, const QString &reason, int httpStatus);
    void apply(const ReconnectPolicy::Decision &decision);
    void enterWaitingForToken();

    void handleWelcome(const QJsonObject &message);
    void handleError(const SignalGate::Protocol::ErrorFrame &error);
    void handleRefreshed(const SignalGate::Protocol::Refreshed &answer);
    void sendJson(const QJsonObject &object);

    const SignalGate::Clock *m_clock = &SignalGate::Clock::system();
    ReconnectPolicy m_policy;
    QUrl m_server;
    Transport m_transport = Transport::Header;
    QSslConfiguration m_sslConfiguration;
    int m_handshakeTimeoutMs = DefaultHandshakeTimeoutMs;

    ConnectionToken m_token;
    RefreshTracker m_refreshes;   // in-band refreshes sent and not answered yet

    State m_state = State::Idle;
    QWebSocket *m_socket = nullptr;
    bool m_socketConnected = false;   // the 101 arrived
    bool m_closeFrameSeen = false;    // the peer sent a close frame
    QString m_lastErrorText;
    QTimer m_handshakeTimer;
    QTimer m_reconnectTimer;
    KeepAlive m_keepAlive;

    QJsonObject m_welcome;
    QString m_epoch;   // of the stream the held seqs came from (several nodes)
    ServerMessageReader m_reader;
    SignalDelivery m_delivery;
};

}   // namespace SignalGate::Client
