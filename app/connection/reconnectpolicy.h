#pragma once

#include <QString>

#include <functional>

namespace SignalGate::Client {

// Decides what happens after a connection ends (PROTOCOL.md section 4):
//  1001, 1006 (and network errors), 1011, 1013, HTTP 429 -> Reconnect after an
//    exponential backoff with full jitter: delay = random() * min(cap, base * 2^attempt)
//    (base 500 ms, cap 30 s), never shorter than a Retry-After the server gave;
//  "Token expired" / "Invalid or expired token" -> RefreshThenReconnect once; if the
//    next connection ends the same way before a welcome -> SignIn;
//  "Authentication required" -> SignIn;
//  "Token revoked", "Refresh rejected", "Too many connections", "Rate limit exceeded",
//    1003, 1009, HTTP 403 -> Stop, with why in words;
//  1000 -> Stop (closed on purpose).
// connected() (after welcome) resets the backoff and the refresh-once memory.
class ReconnectPolicy
{
public:
    using Random = std::function<double()>;   // uniform in [0, 1)

    enum class Kind { Reconnect, RefreshThenReconnect, SignIn, Stop };
    struct Decision
    {
        Kind kind = Kind::Stop;
        qint64 delayMs = 0;   // for Reconnect and RefreshThenReconnect
        QString why;          // translated, for the connection log
    };

    explicit ReconnectPolicy(Random random = {}, qint64 baseMs = 500, qint64 capMs = 30000);

    Decision closed(quint16 code, const QString &reason);
    Decision networkError();
    Decision httpRefused(int status, qint64 retryAfterMs);
    void connected();
    int attempt() const { return m_attempt; }

private:
    Decision backoff(const QString &why, qint64 atLeastMs = 0);

    Random m_random;
    qint64 m_baseMs;
    qint64 m_capMs;
    int m_attempt = 0;
    bool m_refreshedOnce = false;
};

}   // namespace SignalGate::Client
