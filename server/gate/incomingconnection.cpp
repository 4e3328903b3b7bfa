#include "incomingconnection.h"

#include "logging.h"

#include <QSslSocket>
#include <QTcpSocket>

namespace SignalGate::Server {

IncomingConnection::IncomingConnection(QTcpSocket *socket, Limits limits, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_limits(limits)
    , m_peerAddress(socket->peerAddress())
{
    m_socket->setParent(this);
    // Qt buffers whatever the peer sends unless told otherwise; one request
    // (head and body) is all we ever read, so that is all it may buffer.
    m_socket->setReadBufferSize(m_limits.maxHeadBytes + qMax<qint64>(m_limits.maxBodyBytes, 0) + 1);
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        qCDebug(lcGate).noquote() << "request from" << m_peerAddress << "timed out in state" << int(m_state);
        abortConnection();
    });
    if (m_limits.timeoutMs > 0)
        m_timeout.start(m_limits.timeoutMs);
    connect(m_socket, &QTcpSocket::readyRead, this, &IncomingConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    if (const auto *tls = qobject_cast<QSslSocket *>(m_socket))
        m_tls = tls->mode() != QSslSocket::UnencryptedMode;
    if (m_tls)
        connect(m_socket, &QAbstractSocket::errorOccurred, this, &IncomingConnection::onSocketError);
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &IncomingConnection::onReadyRead, Qt::QueuedConnection);
}

void IncomingConnection::onReadyRead()
{
    if (m_state == State::ReadingHead)
        readHead();
    if (m_state == State::ReadingBody)
        readBody();
}

void IncomingConnection::readHead()
{
    // Peek only: the upgrade path must leave every byte for QWebSocketServer.
    const QByteArray bytes = m_socket->peek(qMin<qint64>(m_socket->bytesAvailable(), m_limits.maxHeadBytes + 1));
    const auto parsed = HttpRequest::parseHead(bytes, m_limits.maxHeadBytes, &m_request);
    switch (parsed.status) {
    case HttpRequest::ParseStatus::Incomplete:
        return;
    case HttpRequest::ParseStatus::HeadTooLarge:
        respond(HttpResponse::error(431, "head_too_large",
                                    QStringLiteral("Request head over %1 bytes").arg(m_limits.maxHeadBytes)));
        return;
    case HttpRequest::ParseStatus::Bad:
        respond(HttpResponse::error(400, "bad_request", parsed.error));
        return;
    case HttpRequest::ParseStatus::Complete:
        break;
    }

    if (m_request.isWebSocketUpgrade()) {
        m_state = State::Dispatched;
        m_timeout.stop();
        Q_EMIT upgradeRequested(this, m_request);
        return;
    }

    if (m_request.contentLength > m_limits.maxBodyBytes) {
        respond(HttpResponse::error(413, "body_too_large",
                                    QStringLiteral("Request body over %1 bytes").arg(m_limits.maxBodyBytes)));
        return;
    }
    m_socket->skip(m_request.headLength);
    m_state = State::ReadingBody;
}

void IncomingConnection::readBody()
{
    if (m_socket->bytesAvailable() < m_request.contentLength)
        return;
    m_request.body = m_socket->read(m_request.contentLength);
    m_state = State::Dispatched;
    m_timeout.stop();
    // One request per connection: nothing after it is read (PROTOCOL.md
    // section 10.1). Qt still sees a hang-up while its buffer is empty, so a
    // client that leaves drops its queued password check.
    m_socket->setReadBufferSize(1);
    Q_EMIT requestReceived(this, m_request);
}

void IncomingConnection::respond(const HttpResponse &response)
{
    if (!m_socket || m_state == State::Closing)
        return;
    m_state = State::Closing;
    disconnect(m_socket, &QTcpSocket::readyRead, this, nullptr);
    m_socket->write(response.serialize(m_tls ? HttpResponse::Transport::Tls : HttpResponse::Transport::Plain));
    m_socket->disconnectFromHost();
    // A peer that never reads must not keep us waiting for the flush.
    m_timeout.start(m_limits.timeoutMs > 0 ? m_limits.timeoutMs : 5000);
}

QTcpSocket *IncomingConnection::releaseSocket()
{
    QTcpSocket *socket = m_socket;
    if (!socket || m_state == State::Closing)
        return nullptr;
    disconnect(socket, nullptr, this, nullptr);
    m_socket = nullptr;
    socket->setParent(nullptr);
    // The WebSocket reads frames from here on; its own frame and message
    // limits bound what it buffers.
    socket->setReadBufferSize(0);
    deleteLater();
    return socket;
}

void IncomingConnection::onSocketError(QAbstractSocket::SocketError error)
{
    // Plain HTTP sent to the TLS port, a client that does not trust our
    // certificate, garbage: nothing can be answered over a channel that never
    // came up, and none of it is worth more than a debug line.
    if (error == QAbstractSocket::SslHandshakeFailedError || error == QAbstractSocket::SslInternalError
        || error == QAbstractSocket::SslInvalidUserDataError) {
        qCDebug(lcGate).noquote() << "TLS with" << m_peerAddress.toString() << "failed:" << m_socket->errorString();
        abortConnection();
    }
}

void IncomingConnection::abortConnection()
{
    if (m_socket)
        m_socket->abort();
    deleteLater();
}

}   // namespace SignalGate::Server
