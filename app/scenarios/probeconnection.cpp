#include "probeconnection.h"

#include "redactor.h"
#include "websocketcompat.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

namespace SignalGate::Scenarios {

Q_LOGGING_CATEGORY(lcProbe, "signalgate.scenarios.probe", QtInfoMsg)

namespace {
// The server's own frames are small; this only bounds a hostile server.
constexpr qint64 kMaxIncomingBytes = 4 * 1024 * 1024;
constexpr int kCloseAnswerMs = 3000;
constexpr int kBinaryPreviewBytes = 32;

}   // namespace

ProbeConnection::ProbeConnection(const Redactor *redactor, QObject *parent) : QObject(parent), m_redactor(redactor)
{
    m_handshakeTimer.setSingleShot(true);
    m_admitTimer.setSingleShot(true);
    connect(&m_admitTimer, &QTimer::timeout, this, [this] {
        if (isOpen())
            admit({});
    });
    connect(&m_handshakeTimer, &QTimer::timeout, this, [this] {
        if (m_open || m_finished)
            return;
        m_errors.append(tr("no answer to the handshake within %1 ms").arg(m_handshakeTimeoutMs));
        record(ProbeFrame::Direction::Local, ProbeFrame::Kind::Error, m_errors.constLast(), 0);
        if (m_socket)
            WebSocketCompat::drop(m_socket, this);
        // Finished first: whoever hears handshakeDone(false) sees the whole outcome.
        finish(1006, {});
        Q_EMIT handshakeDone(false);
    });
}

ProbeConnection::~ProbeConnection()
{
    // Qt 6.4 starts a closing handshake from the destructor of an open socket
    // and leaks its reason string: drop the connection first.
    if (m_socket)
        WebSocketCompat::drop(m_socket, this);
}

void ProbeConnection::record(ProbeFrame::Direction direction, ProbeFrame::Kind kind, const QString &text, qint64 bytes)
{
    const ProbeFrame frame = ProbeFrame::make(elapsedMs(), direction, kind, text, bytes, m_redactor);
    if (m_frames.size() < MaxKeptMessages)
        m_frames.append(frame);
    Q_EMIT frameRecorded(frame);
}

void ProbeConnection::open(const ProbeRequest &request)
{
    if (m_socket)
        return;   // one connection per probe
    m_clock.start();
    m_socket = WebSocketCompat::newSocket(request.origin, request.sslConfiguration, kMaxIncomingBytes, this);
    connect(m_socket, &QWebSocket::connected, this, [this] {
        m_open = true;
        m_httpStatus = 101;
        m_handshakeTimer.stop();
        record(ProbeFrame::Direction::Received, ProbeFrame::Kind::Handshake,
               tr("101 Switching Protocols, subprotocol \"%1\"").arg(m_socket->subprotocol()), 0);
        if (m_recognition.welcomeType.isEmpty())
            m_admitTimer.start(m_recognition.admitAfterMs);
        Q_EMIT handshakeDone(true);
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &ProbeConnection::onText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &data) {
        record(ProbeFrame::Direction::Received, ProbeFrame::Kind::Binary,
               QString::fromLatin1(data.left(kBinaryPreviewBytes).toHex(' ')), data.size());
    });
    WebSocketCompat::onError(m_socket, this, &ProbeConnection::onError);
    connect(m_socket, &QWebSocket::aboutToClose, this, [this] {
        if (!m_closingByUs)
            m_closeFrameSeen = true;
    });
    connect(m_socket, &QWebSocket::disconnected, this, &ProbeConnection::onDisconnected);

    QString description = tr("upgrade %1").arg(request.shownUrl());
    switch (request.tokenMode) {
    case ProbeRequest::TokenMode::None:
        description += tr(", no token");
        break;
    case ProbeRequest::TokenMode::Empty:
        description += tr(", empty token in %1").arg(TargetProfile::placementName(request.placement));
        break;
    case ProbeRequest::TokenMode::Value:
        description += tr(", token (%1 bytes) in %2")
                               .arg(request.token.size())
                               .arg(TargetProfile::placementName(request.placement));
        break;
    }
    description += request.origin.isEmpty() ? tr(", no Origin") : tr(", Origin %1").arg(request.origin);
    record(ProbeFrame::Direction::Sent, ProbeFrame::Kind::Handshake, description, 0);

    QWebSocketHandshakeOptions options;
    options.setSubprotocols(request.subprotocols());
    if (m_handshakeTimeoutMs > 0)
        m_handshakeTimer.start(m_handshakeTimeoutMs);
    m_socket->open(request.networkRequest(), options);
}

void ProbeConnection::onText(const QString &text)
{
    record(ProbeFrame::Direction::Received, ProbeFrame::Kind::Text, text, text.toUtf8().size());
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    if (m_messages.size() < MaxKeptMessages)
        m_messages.append(message);
    const QString type = message.value(QLatin1String("type")).toString();
    if (m_recognition.isWelcome(type)) {
        if (!m_admitted) {
            m_welcome = message;
            admit(message);
        }
    } else if (type == QLatin1String("error")) {
        m_errors.append(QStringLiteral("%1: %2").arg(message.value(QLatin1String("code")).toString(),
                                                     message.value(QLatin1String("message")).toString()));
    } else if (m_recognition.isSignal(type)) {
        ++m_signals;
    }
    Q_EMIT messageReceived(message);
}

void ProbeConnection::admit(const QJsonObject &welcome)
{
    m_admitted = true;
    Q_EMIT admitted(welcome);
}

void ProbeConnection::onError()
{
    if (!m_socket || m_finished)
        return;
    const QString text = m_socket->errorString();
    if (m_open) {
        // disconnected() follows and decides; a close frame may have come first.
        qCDebug(lcProbe) << "socket error on an open probe:" << m_socket->error();
        return;
    }
    m_handshakeTimer.stop();
    m_httpStatus = WebSocketCompat::refusedHttpStatus(text);
    const QString shown = m_redactor ? m_redactor->redact(text) : Redactor().redact(text);
    m_errors.append(shown);
    record(m_httpStatus ? ProbeFrame::Direction::Received : ProbeFrame::Direction::Local,
           m_httpStatus ? ProbeFrame::Kind::Handshake : ProbeFrame::Kind::Error,
           m_httpStatus ? tr("HTTP %1 instead of 101").arg(m_httpStatus) : shown, 0);
    WebSocketCompat::drop(m_socket, this);   // Qt 6.4 leaves a refused handshake connected
    finish(-1, {});
    Q_EMIT handshakeDone(false);
}

void ProbeConnection::onDisconnected()
{
    if (m_finished)
        return;
    if (!m_open) {
        onError();
        return;
    }
    int code = 1006;
    QString reason;
    if (m_closeFrameSeen || m_closingByUs) {
        const WebSocketCompat::PeerClose close = WebSocketCompat::peerClose(m_socket);
        code = close.code;
        reason = close.reason;
    }
    record(m_closingByUs ? ProbeFrame::Direction::Local : ProbeFrame::Direction::Received, ProbeFrame::Kind::Close,
           code == 1006 ? tr("connection lost without a close frame (1006)")
                        : tr("close %1 \"%2\"").arg(code).arg(reason),
           reason.toUtf8().size());
    finish(code, reason);
}

void ProbeConnection::finish(int closeCode, const QString &reason)
{
    if (m_finished)
        return;
    m_finished = true;
    m_handshakeTimer.stop();
    m_admitTimer.stop();
    m_closeCode = closeCode;
    m_closeReason = reason;
    Q_EMIT finished();
}

void ProbeConnection::sendText(const QString &text)
{
    if (!isOpen())
        return;
    record(ProbeFrame::Direction::Sent, ProbeFrame::Kind::Text, text, text.toUtf8().size());
    m_socket->sendTextMessage(text);
}

void ProbeConnection::sendBinary(const QByteArray &data)
{
    if (!isOpen())
        return;
    record(ProbeFrame::Direction::Sent, ProbeFrame::Kind::Binary,
           QString::fromLatin1(data.left(kBinaryPreviewBytes).toHex(' ')), data.size());
    m_socket->sendBinaryMessage(data);
}

void ProbeConnection::close(quint16 code, const QString &reason)
{
    if (!m_socket || m_finished)
        return;
    if (!m_open) {
        abort();
        return;
    }
    m_closingByUs = true;
    record(ProbeFrame::Direction::Sent, ProbeFrame::Kind::Close, tr("close %1 \"%2\"").arg(code).arg(reason),
           reason.toUtf8().size());
    QTimer::singleShot(kCloseAnswerMs, this, [this] {
        if (!m_finished && m_socket)
            m_socket->abort();
    });
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void ProbeConnection::abort()
{
    if (!m_socket || m_finished)
        return;
    record(ProbeFrame::Direction::Local, ProbeFrame::Kind::Close, tr("aborted by the probe"), 0);
    WebSocketCompat::drop(m_socket, this);
    finish(1006, {});
}

int ProbeConnection::countOfType(const QString &type) const
{
    return int(std::count_if(m_messages.cbegin(), m_messages.cend(), [&](const QJsonObject &message) {
        return message.value(QLatin1String("type")).toString() == type;
    }));
}

int ProbeConnection::countOfError(const QString &code) const
{
    return int(std::count_if(m_messages.cbegin(), m_messages.cend(), [&](const QJsonObject &message) {
        return message.value(QLatin1String("type")).toString() == QLatin1String("error")
                && message.value(QLatin1String("code")).toString() == code;
    }));
}

}   // namespace SignalGate::Scenarios
