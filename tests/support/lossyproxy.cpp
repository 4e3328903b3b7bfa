#include "lossyproxy.h"

#include <QHostAddress>
#include <QTcpSocket>

#include <memory>

LossyProxy::LossyProxy(quint16 targetPort, QObject *parent) : QObject(parent), m_targetPort(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &LossyProxy::onNewConnection);
}

bool LossyProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void LossyProxy::stall()
{
    for (const std::weak_ptr<bool> &flag : std::as_const(m_stalls)) {
        if (const auto stalled = flag.lock())
            *stalled = true;
    }
    m_stalls.clear();
}

void LossyProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto *upstream = new QTcpSocket(client);
        auto losing = std::make_shared<bool>(false);
        auto stalled = std::make_shared<bool>(false);
        m_stalls.append(stalled);
        connect(client, &QTcpSocket::readyRead, this, [this, client, upstream, losing, stalled] {
            const QByteArray bytes = client->readAll();
            if (*stalled)
                return;
            if (!m_losePrefix.isEmpty() && bytes.startsWith(m_losePrefix)) {
                *losing = true;
                m_losePrefix.clear();
            }
            upstream->write(bytes);
        });
        connect(upstream, &QTcpSocket::readyRead, this, [this, client, upstream, losing, stalled] {
            const QByteArray bytes = upstream->readAll();
            if (*stalled)
                return;
            if (*losing) {
                ++m_lost;
                client->abort();
                client->deleteLater();
                return;
            }
            client->write(bytes);
        });
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
        upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
    }
}
