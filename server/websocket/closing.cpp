#include "closing.h"

#include <QTimer>
#include <QWebSocket>

using namespace SignalGate::Protocol;

namespace SignalGate {

void closeGracefully(QWebSocket *socket, const CloseSpec &spec, int abortAfterMs)
{
    QObject::connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater, Qt::UniqueConnection);
    QTimer::singleShot(abortAfterMs, socket, [socket] { socket->abort(); });
    socket->close(QWebSocketProtocol::CloseCode(spec.code), spec.reasonText());
}

}   // namespace SignalGate
