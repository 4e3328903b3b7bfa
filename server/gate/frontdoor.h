#pragma once

#include "addresskey.h"
#include "incomingconnection.h"
#include "limiterstore.h"
#include "originpolicy.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QTcpServer>

#include <memory>
#include <optional>

namespace SignalGate::Server {

class AuditLog;
class Metrics;

// The listening socket. With a TLS configuration every accepted connection
// is a QSslSocket whose server handshake has already started, so everything
// after accept reads plaintext and never knows the difference. QSslServer
// (6.4) is not used: its handshake timeout and when it queues a socket are
// its own, while ours must count the handshake within the request timeout and
// the per-address cap.
class FrontDoorListener : public QTcpServer
{
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;
    void setTlsConfiguration(const QSslConfiguration &configuration) { m_tls = configuration; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    std::optional<QSslConfiguration> m_tls;
};

// The one listening port. Accepts TCP connections, sorts each into a
// WebSocket upgrade or a plain HTTP request (IncomingConnection), and makes
// the decisions that must be answered before any upgrade: a foreign Origin
// gets 403, an IP over its upgrade rate gets 429 with Retry-After. Only then
// does the untouched socket go on to the WebSocket gate. With TLS the port
// speaks only TLS: the socket is decrypted underneath, the rest is the same.
class FrontDoor : public QObject
{
    Q_OBJECT
public:
    struct Policy
    {
        IncomingConnection::Limits limits;
        QStringList allowedOrigins;
        RateLimit connectionRate;
        qsizetype rateTableMax = RateLimiter::DefaultMaxKeys;
        LimiterFactory limiters;                                         // unset: this process' own buckets
        const SignalGate::Clock *clock = &SignalGate::Clock::system();   // the rate's
        // Requests from one address still waiting for their head. Caps what a
        // slow-loris client can hold (sockets, memory) within the handshake timeout.
        int maxPendingPerAddress = 32;
        // Open WebSockets plus requests in progress (0: no bound). Past it a
        // few more are answered 503 + Retry-After; past those, dropped at accept.
        int maxConnections = 0;
        AddressKey addressKey;
        // Set and not empty: why new upgrades must wait (the shared broker or
        // database is unreachable); they get 503 + Retry-After.
        std::function<QString()> unavailable;
        // False for the operations listener: nothing is upgraded there (404).
        bool acceptUpgrades = true;
        // Set: every connection is TLS (https/wss); unset: plain HTTP.
        std::optional<QSslConfiguration> tls;
    };
    // Sockets answered 503 beyond maxConnections before new ones are dropped unanswered.
    static constexpr int OverCapacityAnswers = 64;

    // The server side of TLS 1.2+ from a PEM certificate (chain after it) and
    // a PEM private key (EC or RSA, unencrypted) that must belong to it. On
    // failure *error is one line naming the file and the fix.
    static std::optional<QSslConfiguration> loadTlsConfiguration(const QString &certificateFile, const QString &keyFile,
                                                                 QString *error);

    FrontDoor(const Policy &policy, AuditLog *audit, Metrics *metrics, QObject *parent = nullptr);

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    void close();
    quint16 port() const { return m_server.serverPort(); }
    QHostAddress address() const { return m_server.serverAddress(); }
    const OriginPolicy &originPolicy() const { return m_origins; }
    // A reload: connections accepted from now on are judged by these, and
    // handshake with this certificate; open ones keep what they had.
    void setAllowedOrigins(const QStringList &origins) { m_origins = OriginPolicy(origins); }
    void setTlsConfiguration(const QSslConfiguration &configuration) { m_server.setTlsConfiguration(configuration); }
    const LimiterStore &connectionLimiter() const { return *m_connectionLimiter; }
    // Open WebSockets plus requests in progress, as counted against maxConnections.
    int openConnections() const { return m_open; }

Q_SIGNALS:
    // The receiver owns socket; nothing has been read from it.
    void upgradeAdmitted(QTcpSocket *socket, const HttpRequest &request);
    void requestReceived(IncomingConnection *connection, const HttpRequest &request);

private:
    void onNewConnection();
    void onUpgradeRequested(IncomingConnection *connection, const HttpRequest &request);
    void onConnectionRateAnswered(IncomingConnection *connection, const HttpRequest &request,
                                  const LimiterStore::Decision &decision);
    void onRequestReceived(IncomingConnection *connection, const HttpRequest &request);
    bool refuseForeignOrigin(IncomingConnection *connection, const HttpRequest &request);
    bool refuseOverCapacity(IncomingConnection *connection);
    // Closed unanswered: answering would cost what the limit protects.
    void dropAtAccept(QTcpSocket *socket, const QString &kind, const QString &why);
    // Counts socket in *counter until it disconnects or is destroyed, whoever owns it by then.
    void countWhileOpen(QTcpSocket *socket, int *counter);

    FrontDoorListener m_server;
    IncomingConnection::Limits m_limits;
    int m_maxPendingPerAddress;
    int m_maxConnections;
    bool m_acceptUpgrades;
    std::function<QString()> m_unavailable;
    AddressKey m_addressKey;
    int m_open = 0;
    int m_overCapacity = 0;
    QSet<const IncomingConnection *> m_refusedForCapacity;
    QHash<QByteArray, int> m_pendingPerAddress;
    OriginPolicy m_origins;
    std::unique_ptr<LimiterStore> m_connectionLimiter;
    AuditLog *m_audit;
    Metrics *m_metrics;
};

}   // namespace SignalGate::Server
