#pragma once

#include <QAbstractSocket>
#include <QSslConfiguration>
#include <QString>
#include <QWebSocket>

namespace SignalGate {

// What Qt 6.4's QWebSocket gets wrong or leaves out, worked around in one
// place for the client's connection and the console's probes. Each item says
// what it works around, so it can go when that Qt is no longer supported.
namespace WebSocketCompat {

// A socket with its TLS configuration set on it: Qt 6.4 ignores the
// QNetworkRequest's, so a CA the user gave would not be trusted for wss.
QWebSocket *newSocket(const QString &origin, const QSslConfiguration &tls, qint64 maxIncomingBytes, QObject *parent);

// Qt 6.4's signal is the overloaded error(); errorOccurred() arrives in 6.5.
template<typename Receiver, typename Slot>
QMetaObject::Connection onError(QWebSocket *socket, const Receiver *receiver, Slot slot)
{
    return QObject::connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), receiver, slot);
}

// Ends the connection without a closing handshake and without telling
// receiver. Qt 6.4 starts a closing handshake from the destructor of an open
// socket (and leaks its reason), and leaves a refused handshake connected.
void drop(QWebSocket *socket, const QObject *receiver);

// Qt 6.4 reports a refused handshake only as ConnectionRefusedError with a
// message like "QWebSocketPrivate::processHandshake: Unhandled http status
// code: 429 (Too Many Requests)." and offers no accessor for the status or
// the headers (so no Retry-After either). A translated or changed message
// gives 0: the caller then treats it as a network error.
int refusedHttpStatus(const QString &errorText);

// Qt 6.4's isCloseCodeValid() still rejects 1012-1014 (registered with IANA
// after RFC 6455): it replaces the code with 1002 and the reason with "Invalid
// close code %1 detected.", formatting the 1002, so the server's code is gone.
// The contract's only such code is 1013 Slow consumer ("reconnect and
// resume"); read as 1002 it would stop the client for a protocol error.
bool isUnreadableCloseCode(quint16 code, const QString &reason);

// The close frame the peer sent, read as the contract means it: an
// unreadable code (above) is taken for 1013 Slow consumer with an empty
// reason (Qt dropped the peer's), and repaired says so.
struct PeerClose
{
    quint16 code = 0;
    QString reason;
    bool repaired = false;
};
PeerClose peerClose(const QWebSocket *socket);

}   // namespace WebSocketCompat

}   // namespace SignalGate
