#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpServer>

#include <memory>

class QTcpSocket;

// A TCP relay on 127.0.0.1 in front of a real server, for what a network
// does to an exchange: the next request whose head starts with a given
// prefix reaches the server, and its answer is thrown away with the client's
// connection, as when a link drops after the server acted. Every other byte
// (HTTP and WebSocket alike) passes untouched. stall() makes every
// connection open at that moment go silent both ways while staying open, as
// a link that died without a FIN or RST (a failover, a NAT that forgot it);
// connections made later pass again.
class LossyProxy : public QObject
{
    Q_OBJECT
public:
    explicit LossyProxy(quint16 targetPort, QObject *parent = nullptr);

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    void loseNextAnswerTo(const QByteArray &requestPrefix) { m_losePrefix = requestPrefix; }
    int answersLost() const { return m_lost; }
    void stall();

private:
    void onNewConnection();

    QTcpServer m_server;
    quint16 m_targetPort;
    QByteArray m_losePrefix;
    int m_lost = 0;
    QList<std::weak_ptr<bool>> m_stalls;   // one per connection: true once stalled
};
