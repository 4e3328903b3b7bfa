#include "rawhttp.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

#include <functional>

QByteArray RawHttp::upgradeRequest(const QByteArray &target, const QByteArray &extraHeaders)
{
    return "GET " + target
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
              "Sec-WebSocket-Protocol: signalgate.v1\r\n"
            + extraHeaders + "\r\n";
}

namespace {

// Connects (from bindAddress when given), writes request and reads until
// enough(received) or the server closes; empty when it could not connect.
QByteArray converse(quint16 port, const QByteArray &request, const QHostAddress &bindAddress, int timeoutMs,
                    const std::function<bool(const QByteArray &)> &enough)
{
    QTcpSocket socket;
    if (!bindAddress.isNull() && !socket.bind(bindAddress, 0))
        return {};
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(request);
    QByteArray received;
    [[maybe_unused]] const bool done = QTest::qWaitFor(
            [&] {
                received += socket.readAll();
                return enough(received) || socket.state() == QAbstractSocket::UnconnectedState;
            },
            timeoutMs);
    received += socket.readAll();
    socket.abort();
    return received;
}

}   // namespace

QByteArray RawHttp::responseHead(quint16 port, const QByteArray &request, const QHostAddress &bindAddress,
                                 int timeoutMs)
{
    const QByteArray received = converse(port, request, bindAddress, timeoutMs,
                                         [](const QByteArray &bytes) { return bytes.contains("\r\n\r\n"); });
    const qsizetype end = received.indexOf("\r\n\r\n");
    return end < 0 ? received : received.left(end + 2);
}

QByteArray RawHttp::exchange(quint16 port, const QByteArray &request, const QHostAddress &bindAddress, int timeoutMs)
{
    return converse(port, request, bindAddress, timeoutMs, [](const QByteArray &) { return false; });
}

QJsonObject RawHttp::jsonBody(const QByteArray &answer)
{
    const qsizetype end = answer.indexOf("\r\n\r\n");
    return end < 0 ? QJsonObject() : QJsonDocument::fromJson(answer.mid(end + 4)).object();
}

QByteArray RawHttp::clientFrame(const QByteArray &payload, quint8 opcode, quint64 declaredLength)
{
    const quint64 length = qMax<quint64>(declaredLength, quint64(payload.size()));
    QByteArray frame;
    frame.append(char(0x80 | opcode));
    if (length < 126) {
        frame.append(char(0x80 | length));
    } else if (length <= 0xFFFF) {
        frame.append(char(0x80 | 126));
        frame.append(char(length >> 8)).append(char(length & 0xFF));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((length >> shift) & 0xFF));
    }
    frame.append(QByteArray(4, '\0'));   // mask key 0: XOR changes nothing
    return frame + payload;
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
