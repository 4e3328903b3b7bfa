#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace SignalGate::Server {

// One accepted TCP connection until we know what it is. Reads the request
// head without consuming it (peek), so a WebSocket upgrade can be handed to
// QWebSocketServer untouched; plain HTTP requests are read whole (head and
// Content-Length body) and answered once, then the connection closes.
// The whole request must arrive within the handshake timeout: sockets handed
// to QWebSocketServer::handleConnection get no timeout of their own in Qt 6.4.
// A QSslSocket (TLS port) is read the same way, decrypted; its TLS handshake
// counts within the same timeout, and a failed handshake drops it silently
// (there is no channel to answer on).
class IncomingConnection : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        qsizetype maxHeadBytes = 16 * 1024;
        qint64 maxBodyBytes = 64 * 1024;
        int timeoutMs = 5000;
    };

    IncomingConnection(QTcpSocket *socket, Limits limits, QObject *parent = nullptr);

    QHostAddress peerAddress() const { return m_peerAddress; }
    bool isTls() const { return m_tls; }
    // Writes the response, closes once it is flushed, then deletes itself.
    void respond(const HttpResponse &response);
    // For an admitted upgrade: hands over the socket untouched (no parent, not
    // a byte read) and deletes this object. The caller owns the socket.
    QTcpSocket *releaseSocket();

Q_SIGNALS:
    // Answer with respond(), or take the socket with releaseSocket().
    void upgradeRequested(IncomingConnection *connection, const HttpRequest &request);
    void requestReceived(IncomingConnection *connection, const HttpRequest &request);

private:
    void onReadyRead();
    void readHead();
    void readBody();
    void abortConnection();
    void onSocketError(QAbstractSocket::SocketError error);

    enum class State { ReadingHead, ReadingBody, Dispatched, Closing };

    QTcpSocket *m_socket;
    Limits m_limits;
    QHostAddress m_peerAddress;
    bool m_tls = false;
    QTimer m_timeout;
    HttpRequest m_request;
    State m_state = State::ReadingHead;
};

}   // namespace SignalGate::Server
