#include "frontdoor.h"

#include "core/logging.h"

#include <QTcpSocket>

FrontDoor::FrontDoor(IncomingConnection::Limits limits, QObject *parent)
    : QObject(parent), m_limits(limits)
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
        auto *connection = new IncomingConnection(socket, m_limits, this);
        connect(connection, &IncomingConnection::upgradeRequested, this, &FrontDoor::upgradeRequested);
        connect(connection, &IncomingConnection::requestReceived, this, &FrontDoor::requestReceived);
    }
}
