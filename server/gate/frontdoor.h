#pragma once

#include "incomingconnection.h"

#include <QHostAddress>
#include <QObject>
#include <QTcpServer>

// The one listening port. Accepts TCP connections and sorts each into a
// WebSocket upgrade or a plain HTTP request (IncomingConnection). Checks that
// must answer before an upgrade (Origin, connection rate) belong here.
class FrontDoor : public QObject
{
    Q_OBJECT
public:
    explicit FrontDoor(IncomingConnection::Limits limits, QObject *parent = nullptr);

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    void close();
    quint16 port() const { return m_server.serverPort(); }
    QHostAddress address() const { return m_server.serverAddress(); }

Q_SIGNALS:
    void upgradeRequested(QTcpSocket *socket, const HttpRequest &request);
    void requestReceived(IncomingConnection *connection, const HttpRequest &request);

private:
    void onNewConnection();

    QTcpServer m_server;
    IncomingConnection::Limits m_limits;
};
