#pragma once

#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QString>
#include <QTcpSocket>

class QWebSocket;

namespace SignalGate::Server {

// Signals encoded for the wire once, for every member of the pool: their JSON
// texts, and their WebSocket frames back to back (server frames are
// unmasked, so the bytes are the same on every connection).
struct SignalBatch
{
    QList<QString> texts;
    QByteArray frames;

    void append(const QString &text);
    void append(const SignalBatch &other);
    bool isEmpty() const { return texts.isEmpty(); }
};

// Sends pool signals as pre-built frames. QtWebSockets 6.4 can only send a
// message it frames itself, once per socket and message (header, UTF-8
// conversion, a copy into the socket's ring buffer and a write-notifier
// round trip), so the frames are written on the TCP socket under the
// QWebSocket instead:
//   - plain TCP with nothing queued: straight to the kernel with one send(),
//     as a raw broadcaster does;
//   - anything queued, or TLS: through the socket's own buffer, so bytes stay
//     in order and TLS encrypts them.
// QWebSocket writes whole frames synchronously, so frames written here never
// land inside one of its own. QWebSocket has no accessor for its transport,
// so the caller passes the socket it handed to QWebSocketServer; without one
// (or once it is gone) the texts go through sendTextMessage().
class FrameWriter
{
public:
    FrameWriter(QWebSocket *socket, QTcpSocket *transport);

    void write(const SignalBatch &batch);
    // Whether frames bypass QWebSocket (tests prove the fast path is taken).
    bool writesFrames() const { return m_transport != nullptr; }

private:
    QWebSocket *m_socket;
    QPointer<QTcpSocket> m_transport;
    bool m_plain = false;   // no TLS: send() may write the descriptor directly
};

}   // namespace SignalGate::Server
