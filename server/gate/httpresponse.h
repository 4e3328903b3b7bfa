#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace SignalGate::Server {

// One HTTP/1.1 response. serialize() adds the headers every answer carries
// (PROTOCOL.md section 1): nosniff, no-referrer, CSP default-src 'none',
// Cache-Control no-store (token pairs must not be cached; nothing else here
// benefits from caching), Content-Length and Connection: close; over TLS also
// Strict-Transport-Security, so a browser never falls back to plain http.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpResponse json(int status, const QJsonObject &object);
    static HttpResponse text(int status, const QByteArray &text);
    // {"error": code, "message": message}
    static HttpResponse error(int status, const QByteArray &code, const QString &message);
    static HttpResponse noContent();
    // 503 + Retry-After for what this node cannot do until a shared part
    // (broker, database) is back; why is the one-line reason /readyz gives.
    static HttpResponse unavailable(const QString &why);

    HttpResponse &withHeader(const QByteArray &name, const QByteArray &value);
    enum class Transport { Plain, Tls };
    QByteArray serialize(Transport transport = Transport::Plain) const;
    static QByteArray reasonPhrase(int status);
};

}   // namespace SignalGate::Server
