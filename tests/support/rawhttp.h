#pragma once

#include <QByteArray>
#include <QHostAddress>

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
int status(const QByteArray &head);
QByteArray header(const QByteArray &head, const QByteArray &name);
}
