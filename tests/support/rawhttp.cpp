#include "rawhttp.h"

#include <QTcpSocket>
#include <QTest>

QByteArray RawHttp::upgradeRequest(const QByteArray &target, const QByteArray &extraHeaders)
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
           "Sec-WebSocket-Protocol: signalgate.v1\r\n" + extraHeaders + "\r\n";
}

QByteArray RawHttp::responseHead(quint16 port, const QByteArray &request, const QHostAddress &bindAddress,
                                 int timeoutMs)
{
    QTcpSocket socket;
    if (!bindAddress.isNull() && !socket.bind(bindAddress, 0))
        return {};
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(request);
    QByteArray received;
    [[maybe_unused]] const bool done = QTest::qWaitFor([&] {
        received += socket.readAll();
        return received.contains("\r\n\r\n") || socket.state() == QAbstractSocket::UnconnectedState;
    }, timeoutMs);
    socket.abort();
    const qsizetype end = received.indexOf("\r\n\r\n");
    return end < 0 ? received : received.left(end + 2);
}

int RawHttp::status(const QByteArray &head)
{
    // "HTTP/1.1 429 Too Many Requests"
    return head.startsWith("HTTP/1.1 ") ? head.mid(9, 3).toInt() : 0;
}

QByteArray RawHttp::header(const QByteArray &head, const QByteArray &name)
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}
