#pragma once

#include <QString>
#include <QUrl>

namespace SignalGate::Client {

// The server as the user typed it ("localhost:8765", "https://host",
// "ws://127.0.0.1:8765/ws") made into the two URLs the client needs: the HTTP
// base for the auth endpoints and the WebSocket URL of /ws. One place decides
// what counts as TLS and as loopback, so the login dialog, the settings and
// the session controller cannot disagree.
class ServerAddress
{
public:
    static constexpr quint16 DefaultPort = 8765;

    ServerAddress() = default;
    static ServerAddress parse(const QString &text);

    bool isValid() const { return m_error.isEmpty() && m_http.isValid(); }
    QString error() const { return m_error; }   // translated, empty when valid

    QUrl httpUrl() const { return m_http; }   // http(s)://host:port[/prefix]
    QUrl webSocketUrl() const;                // ws(s)://host:port[/prefix]/ws
    QString text() const { return m_http.toString(); }
    bool isTls() const { return m_http.scheme() == QLatin1String("https"); }
    bool isLoopback() const;
    // Plain text to another machine: tokens and passwords would cross the
    // network readable by anyone on the way. Allowed only after an explicit opt-in.
    bool needsPlainTextOptIn() const { return isValid() && !isTls() && !isLoopback(); }

    bool operator==(const ServerAddress &other) const { return m_http == other.m_http; }

private:
    QUrl m_http;
    QString m_error;
};

}   // namespace SignalGate::Client
