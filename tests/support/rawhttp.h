#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>

// Hand-written HTTP over a plain QTcpSocket, for answers a well-behaved
// client library would hide (403/429 before an upgrade, 431, Retry-After).
namespace RawHttp {
// A complete WebSocket upgrade request for target with extra header lines
// (each "Name: value\r\n").
QByteArray upgradeRequest(const QByteArray &target, const QByteArray &extraHeaders = {});
// Sends request from bindAddress (any loopback address, or none) and returns
// the response head (status line and headers), or what arrived before the
// server closed. Empty when nothing came back.
QByteArray responseHead(quint16 port, const QByteArray &request, const QHostAddress &bindAddress = {},
                        int timeoutMs = 5000);
// Sends request (from bindAddress when given) and returns the whole answer:
// the server closes after it. What arrived so far on a timeout.
QByteArray exchange(quint16 port, const QByteArray &request, const QHostAddress &bindAddress = {},
                    int timeoutMs = 10000);
// The JSON object in an answer's body (empty when there is none).
QJsonObject jsonBody(const QByteArray &answer);
int status(const QByteArray &head);
// A client's WebSocket frame (FIN set, masked with a zero key, so the
// payload goes as it is): opcode 0x1 for text. declaredLength, when larger
// than payload, is what the header announces: the rest is the caller's to send.
QByteArray clientFrame(const QByteArray &payload, quint8 opcode = 0x1, quint64 declaredLength = 0);
QByteArray header(const QByteArray &head, const QByteArray &name);
}   // namespace RawHttp
