#pragma once

#include <QByteArray>
#include <QObject>
#include <QTcpServer>

class QTcpSocket;

// A TCP relay on 127.0.0.1 in front of a real server, for what a network
// does to an exchange: the next request whose head starts with a given
// prefix reaches the server, and its answer is thrown away with the client's
// connection, as when a link drops after the server acted. Every other byte
// (HTTP and WebSocket alike) passes untouched.
class LossyProxy : public QObject
{
    Q_OBJECT
public:
    explicit LossyProxy(quint16 targetPort, QObject *parent = nullptr);

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    void loseNextAnswerTo(const QByteArray &requestPrefix) { m_losePrefix = requestPrefix; }
    int answersLost() const { return m_lost; }

private:
    void onNewConnection();

    QTcpServer m_server;
    quint16 m_targetPort;
    QByteArray m_losePrefix;
    int m_lost = 0;
};
