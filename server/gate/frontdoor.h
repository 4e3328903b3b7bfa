#pragma once

#include "incomingconnection.h"
#include "originpolicy.h"
#include "ratelimiter.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTcpServer>

class AuditLog;
class Metrics;

// The one listening port. Accepts TCP connections, sorts each into a
// WebSocket upgrade or a plain HTTP request (IncomingConnection), and makes
// the decisions that must be answered before any upgrade: a foreign Origin
// gets 403, an IP over its upgrade rate gets 429 with Retry-After. Only then
// does the untouched socket go on to the WebSocket gate.
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
        // Requests from one address still waiting for their head. Caps what a
        // slow-loris client can hold (sockets, memory) within the handshake timeout.
        int maxPendingPerAddress = 32;
    };

    FrontDoor(const Policy &policy, AuditLog *audit, Metrics *metrics, QObject *parent = nullptr);

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    void close();
    quint16 port() const { return m_server.serverPort(); }
    QHostAddress address() const { return m_server.serverAddress(); }
    const OriginPolicy &originPolicy() const { return m_origins; }
    const RateLimiter &connectionLimiter() const { return m_connectionLimiter; }

Q_SIGNALS:
    // The receiver owns socket; nothing has been read from it.
    void upgradeAdmitted(QTcpSocket *socket, const HttpRequest &request);
    void requestReceived(IncomingConnection *connection, const HttpRequest &request);

private:
    void onNewConnection();
    void onUpgradeRequested(IncomingConnection *connection, const HttpRequest &request);
    void onRequestReceived(IncomingConnection *connection, const HttpRequest &request);
    bool refuseForeignOrigin(IncomingConnection *connection, const HttpRequest &request);

    QTcpServer m_server;
    IncomingConnection::Limits m_limits;
    int m_maxPendingPerAddress;
    QHash<QByteArray, int> m_pendingPerAddress;
    OriginPolicy m_origins;
    RateLimiter m_connectionLimiter;
    AuditLog *m_audit;
    Metrics *m_metrics;
};
