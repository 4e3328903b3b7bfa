#include "httprequest.h"

#include <QUrl>

namespace SignalGate::Server {

namespace {

bool isTokenChar(char c)
{
    // RFC 9110 tchar
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// RFC 9110 section 5.5 allows HTAB in a field value but no other control
// byte; a NUL or an ESC there is an attack on whatever reads the value next.
bool hasControlByte(QByteArrayView value)
{
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7F)
            return true;
    }
    return false;
}

bool containsCommaSeparated(QByteArrayView list, QByteArrayView lowerWord)
{
    for (const QByteArray &part : QByteArray(list.data(), list.size()).split(',')) {
        if (part.trimmed().toLower() == lowerWord)
            return true;
    }
    return false;
}

HttpRequest::ParseResult bad(const QString &why)
{
    return {HttpRequest::ParseStatus::Bad, why};
}

}   // namespace

QByteArray HttpRequest::header(QByteArrayView lowerName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerName)
            return h.second;
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView lowerName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerName)
            return true;
    }
    return false;
}

QList<QByteArray> HttpRequest::headerValues(QByteArrayView lowerName) const
{
    QList<QByteArray> values;
    for (const auto &h : headers) {
        if (h.first == lowerName)
            values.append(h.second);
    }
    return values;
}

bool HttpRequest::isWebSocketUpgrade() const
{
    return containsCommaSeparated(header("upgrade"), "websocket")
            && containsCommaSeparated(header("connection"), "upgrade");
}

QString HttpRequest::redactedTarget() const
{
    // Every query value is redacted, not only "token=": a key can be spelled
    // "tok%65n" (QUrlQuery decodes it to "token") or in another case, and a
    // log line needs the keys, never the values.
    const qsizetype q = target.indexOf('?');
    if (q < 0)
        return printable(target);
    QList<QByteArray> items = target.mid(q + 1).split('&');
    for (QByteArray &item : items) {
        const qsizetype equals = item.indexOf('=');
        if (equals >= 0)
            item = item.left(equals) + "=[REDACTED]";
    }
    return printable(target.left(q + 1) + items.join('&'));
}

QString HttpRequest::printable(QByteArrayView bytes)
{
    QString text;
    text.reserve(bytes.size());
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7F || u == '\\')
            text += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
        else
            text += QLatin1Char(c);
    }
    return text;
}

HttpRequest::ParseResult HttpRequest::parseHead(QByteArrayView bytes, qsizetype maxHeadBytes, HttpRequest *request)
{
    const qsizetype end = bytes.indexOf(QByteArrayView("\r\n\r\n"));
    if (end < 0) {
        if (bytes.size() > maxHeadBytes)
            return {ParseStatus::HeadTooLarge, QStringLiteral("request head too large")};
        return {ParseStatus::Incomplete, {}};
    }
    if (end + 4 > maxHeadBytes)
        return {ParseStatus::HeadTooLarge, QStringLiteral("request head too large")};

    *request = HttpRequest();
    request->headLength = end + 4;
    const QList<QByteArray> lines = QByteArray(bytes.data(), end).split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].size() > MaxLineBytes)
            return {ParseStatus::HeadTooLarge, QStringLiteral("request head line too long")};
        // every line but the last ends in CR because we split on LF of CRLF
        if (i + 1 < lines.size() && !lines[i].endsWith('\r'))
            return bad(QStringLiteral("bare LF in request head"));
    }

    const QByteArray requestLine = lines.first().chopped(lines.size() > 1 ? 1 : 0);
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty()
        || (parts[2] != "HTTP/1.1" && parts[2] != "HTTP/1.0"))
        return bad(QStringLiteral("malformed request line"));
    request->method = parts[0];
    request->target = parts[1];
    if (!request->target.startsWith('/'))
        return bad(QStringLiteral("request target must be a path"));
    const QUrl url(QString::fromLatin1(request->target), QUrl::StrictMode);
    if (!url.isValid())
        return bad(QStringLiteral("malformed request target"));
    request->path = url.path();
    request->query = QUrlQuery(url);

    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.startsWith(' ') || line.startsWith('\t'))
            return bad(QStringLiteral("folded header lines are not accepted"));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon)))
            return bad(QStringLiteral("malformed header line"));
        // Checked before trimming: trimmed() would quietly drop a trailing VT or FF.
        const QByteArray value = line.mid(colon + 1);
        if (hasControlByte(value))
            return bad(QStringLiteral("control character in a header value"));
        request->headers.append({line.left(colon).toLower(), value.trimmed()});
    }

    if (request->hasHeader("transfer-encoding"))
        return bad(QStringLiteral("Transfer-Encoding is not supported; send Content-Length"));
    const QList<QByteArray> lengths = request->headerValues("content-length");
    if (lengths.size() > 1)
        return bad(QStringLiteral("more than one Content-Length"));
    if (lengths.size() == 1) {
        bool ok = false;
        request->contentLength = lengths.first().toLongLong(&ok);
        if (!ok || request->contentLength < 0 || lengths.first().startsWith('+'))
            return bad(QStringLiteral("invalid Content-Length"));
    }
    return {ParseStatus::Complete, {}};
}

}   // namespace SignalGate::Server
