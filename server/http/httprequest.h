#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace SignalGate::Server {

// One HTTP/1.1 request as the front door sees it. Header names are stored
// lower-case; values are trimmed of surrounding spaces.
struct HttpRequest
{
    QByteArray method;
    QByteArray target;   // as sent, e.g. /ws?token=... (never log it unredacted)
    QString path;        // decoded path without the query
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    qsizetype headLength = 0;   // bytes up to and including the blank line
    qint64 contentLength = 0;

    QByteArray header(QByteArrayView lowerName) const;
    bool hasHeader(QByteArrayView lowerName) const;
    QList<QByteArray> headerValues(QByteArrayView lowerName) const;
    bool isWebSocketUpgrade() const;
    // The target with every query value replaced by [REDACTED] (so token=[REDACTED]),
    // escaped like printable().
    QString redactedTarget() const;
    // Request bytes as a log may hold them: control bytes, DEL, backslash and
    // non-ASCII bytes are written \xNN, so no request can forge a log line or
    // move a terminal's cursor (PROTOCOL.md section 10.1).
    static QString printable(QByteArrayView bytes);

    enum class ParseStatus { Incomplete, Complete, Bad, HeadTooLarge };
    struct ParseResult
    {
        ParseStatus status = ParseStatus::Incomplete;
        QString error;
    };
    // No line of the head may be longer. Qt's WebSocket handshake parser has
    // the same 8 KiB line cap; answering 431 here makes the refusal ours and
    // explicit. It also means an access token over 8 KiB never reaches the
    // verifier through any transport (PROTOCOL.md section 2 allows 400/431).
    static constexpr qsizetype MaxLineBytes = 8 * 1024;

    // Parses the head at the start of bytes into *request. Strict on purpose:
    // CRLF line ends, no folded headers, one Content-Length, no Transfer-Encoding
    // (a smuggling vector we have no use for), no control byte in a header value.
    static ParseResult parseHead(QByteArrayView bytes, qsizetype maxHeadBytes, HttpRequest *request);
};

}   // namespace SignalGate::Server
