#include "websocketcompat.h"

#include "closecodes.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace SignalGate::Protocol;

namespace SignalGate {

namespace WebSocketCompat {

QWebSocket *newSocket(const QString &origin, const QSslConfiguration &tls, qint64 maxIncomingBytes, QObject *parent)
{
    auto *socket = new QWebSocket(origin, QWebSocketProtocol::VersionLatest, parent);
    socket->setSslConfiguration(tls);
    socket->setMaxAllowedIncomingMessageSize(quint64(maxIncomingBytes));
    return socket;
}

void drop(QWebSocket *socket, const QObject *receiver)
{
    socket->disconnect(receiver);
    if (socket->state() != QAbstractSocket::UnconnectedState)
        socket->abort();
}

int refusedHttpStatus(const QString &errorText)
{
    static const QRegularExpression pattern(QStringLiteral("status code:?\\s*([1-5][0-9][0-9])\\b"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(errorText);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

bool isUnreadableCloseCode(quint16 code, const QString &reason)
{
    if (code != QWebSocketProtocol::CloseCodeProtocolError)
        return false;
    const char *text = "Invalid close code %1 detected.";
    return reason == QString::fromLatin1(text).arg(code)
            || reason == QCoreApplication::translate("QWebSocketDataProcessor", text).arg(code);
}

PeerClose peerClose(const QWebSocket *socket)
{
    PeerClose close{quint16(socket->closeCode()), socket->closeReason(), false};
    if (isUnreadableCloseCode(close.code, close.reason))
        close = {Close::SlowConsumer.code, QString(), true};
    return close;
}

}   // namespace WebSocketCompat

}   // namespace SignalGate
