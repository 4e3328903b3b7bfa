#pragma once

#include <QList>
#include <QString>

namespace SignalGate::Protocol {

// The close codes and exact reasons of PROTOCOL.md section 4. Server and
// client both use these, so a reason is spelled in one place only.
struct CloseSpec
{
    quint16 code;
    const char *reason;

    QString reasonText() const { return QString::fromLatin1(reason); }
    // This row exactly: the code and the reason, byte for byte.
    bool matches(quint16 closeCode, QStringView closeReason) const
    {
        return code == closeCode && QLatin1String(reason) == closeReason;
    }
};

namespace Close {
inline constexpr CloseSpec NormalClosure{1000, "Normal closure"};
inline constexpr CloseSpec ServerShuttingDown{1001, "Server shutting down"};
inline constexpr CloseSpec UnsupportedData{1003, "Unsupported data"};
inline constexpr CloseSpec AuthenticationRequired{1008, "Authentication required"};
inline constexpr CloseSpec InvalidToken{1008, "Invalid or expired token"};
inline constexpr CloseSpec TokenExpired{1008, "Token expired"};
inline constexpr CloseSpec TokenRevoked{1008, "Token revoked"};
inline constexpr CloseSpec RefreshRejected{1008, "Refresh rejected"};
inline constexpr CloseSpec RateLimitExceeded{1008, "Rate limit exceeded"};
inline constexpr CloseSpec TooManyConnections{1008, "Too many connections"};
inline constexpr CloseSpec MessageTooBig{1009, "Message too big"};
inline constexpr CloseSpec InternalError{1011, "Internal error"};
inline constexpr CloseSpec SlowConsumer{1013, "Slow consumer"};

// Every row of the contract's table, in its order (for legends and tests).
QList<CloseSpec> all();
}   // namespace Close

}   // namespace SignalGate::Protocol
