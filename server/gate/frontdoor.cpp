#include "frontdoor.h"

#include "core/logging.h"
#include "observe/auditlog.h"
#include "observe/metrics.h"

#include <QTcpSocket>

namespace {

// One key per source address. IPv4-mapped IPv6 addresses count as their IPv4
// address, so a dual-stack listener cannot be used to double the budget.
QByteArray addressKey(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QByteArray::number(v4);
    const Q_IPV6ADDR v6 = address.toIPv6Address();
    return QByteArray(reinterpret_cast<const char *>(v6.c), 16);
}

} // namespace

FrontDoor::FrontDoor(const Policy &policy, AuditLog *audit, Metrics *metrics, QObject *parent)
    : QObject(parent),
      m_limits(policy.limits),
      m_maxPendingPerAddress(policy.maxPendingPerAddress),
      m_origins(policy.allowedOrigins),
      m_connectionLimiter(policy.connectionRate, policy.rateTableMax),
      m_audit(audit),
      m_metrics(metrics)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FrontDoor::onNewConnection);
}

bool FrontDoor::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_server.listen(address, port))
        return true;
    QString hint;
    if (m_server.serverError() == QAbstractSocket::AddressInUseError)
        hint = QStringLiteral("another process uses it; stop it or pick another port with --listen");
    else if (m_server.serverError() == QAbstractSocket::SocketAccessError)
        hint = QStringLiteral("ports below 1024 need privileges; pick another port with --listen");
    else
        hint = QStringLiteral("check the address with --listen");
    const QString where = address.protocol() == QAbstractSocket::IPv6Protocol
            ? QStringLiteral("[%1]:%2").arg(address.toString()).arg(port)
            : QStringLiteral("%1:%2").arg(address.toString()).arg(port);
    *error = QStringLiteral("cannot listen on %1: %2; %3").arg(where, m_server.errorString(), hint);
    return false;
}

void FrontDoor::close()
{
    m_server.close();
}

void FrontDoor::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        const QByteArray key = addressKey(socket->peerAddress());
        int &pending = m_pendingPerAddress[key];
        if (m_maxPendingPerAddress > 0 && pending >= m_maxPendingPerAddress) {
            qCDebug(lcGate).noquote() << "dropping a connection from" << socket->peerAddress().toString()
                                      << ":" << pending << "requests already pending";
            m_metrics->countRateLimitRejection(QStringLiteral("pending"));
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++pending;
        auto *connection = new IncomingConnection(socket, m_limits, this);
        // Released or answered, the request is no longer pending.
        connect(connection, &QObject::destroyed, this, [this, key] {
            auto it = m_pendingPerAddress.find(key);
            if (it != m_pendingPerAddress.end() && --it.value() <= 0)
                m_pendingPerAddress.erase(it);
        });
        connect(connection, &IncomingConnection::upgradeRequested, this, &FrontDoor::onUpgradeRequested);
        connect(connection, &IncomingConnection::requestReceived, this, &FrontDoor::onRequestReceived);
    }
}

bool FrontDoor::refuseForeignOrigin(IncomingConnection *connection, const HttpRequest &request)
{
    if (m_origins.allows(request))
        return false;
    qCInfo(lcGate).noquote() << "refused origin" << QString::fromLatin1(request.header("origin")).left(200)
                             << "from" << connection->peerAddress().toString();
    m_metrics->countOriginRejection();
    m_audit->record({QStringLiteral("origin.rejected"), connection->peerAddress(), {}, {},
                     QStringLiteral("origin_not_allowed"), 403});
    connection->respond(HttpResponse::error(403, "origin_not_allowed", QStringLiteral("Origin not allowed")));
    return true;
}

void FrontDoor::onUpgradeRequested(IncomingConnection *connection, const HttpRequest &request)
{
    // Origin first: a refused origin costs the IP none of its upgrade budget.
    if (refuseForeignOrigin(connection, request))
        return;
    const RateLimiter::Decision decision = m_connectionLimiter.take(addressKey(connection->peerAddress()));
    if (!decision.allowed) {
        const qint64 retryAfter = qMax<qint64>(1, (decision.retryAfterMs + 999) / 1000);
        m_metrics->countRateLimitRejection(QStringLiteral("connection"));
        m_audit->record({QStringLiteral("ratelimit.connection"), connection->peerAddress(), {}, {},
                         QStringLiteral("connection_rate"), 429});
        connection->respond(HttpResponse::error(429, "rate_limited", QStringLiteral("Too many connection attempts"))
                                    .withHeader("Retry-After", QByteArray::number(retryAfter)));
        return;
    }
    if (QTcpSocket *socket = connection->releaseSocket())
        Q_EMIT upgradeAdmitted(socket, request);
}

void FrontDoor::onRequestReceived(IncomingConnection *connection, const HttpRequest &request)
{
    if (!refuseForeignOrigin(connection, request))
        Q_EMIT requestReceived(connection, request);
}
