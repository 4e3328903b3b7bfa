#include "httpresponse.h"

#include "jsonkeys.h"

#include <QJsonDocument>

namespace SignalGate::Server {

namespace Key = SignalGate::Protocol::Key;

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    HttpResponse response;
    response.status = status;
    response.contentType = "application/json";
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::text(int status, const QByteArray &text)
{
    HttpResponse response;
    response.status = status;
    response.contentType = "text/plain; charset=utf-8";
    response.body = text;
    return response;
}

HttpResponse HttpResponse::error(int status, const QByteArray &code, const QString &message)
{
    return json(status, {{Key::Error, QString::fromLatin1(code)}, {Key::Message, message}});
}

HttpResponse HttpResponse::unavailable(const QString &why)
{
    return error(503, "unavailable", QStringLiteral("This node cannot admit you now (%1); try again shortly").arg(why))
            .withHeader("Retry-After", "5");
}

HttpResponse HttpResponse::noContent()
{
    HttpResponse response;
    response.status = 204;
    return response;
}

HttpResponse &HttpResponse::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return *this;
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Unknown";
    }
}

QByteArray HttpResponse::serialize(Transport transport) const
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    if (status != 204)
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "X-Content-Type-Options: nosniff\r\n"
           "Referrer-Policy: no-referrer\r\n"
           "Content-Security-Policy: default-src 'none'\r\n"
           "Cache-Control: no-store\r\n"
           "Connection: close\r\n";
    // HSTS is only honoured over TLS (RFC 6797 8.1); on plain http it would be ignored at best.
    if (transport == Transport::Tls)
        out += "Strict-Transport-Security: max-age=31536000\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "\r\n";
    if (status != 204)
        out += body;
    return out;
}

}   // namespace SignalGate::Server
