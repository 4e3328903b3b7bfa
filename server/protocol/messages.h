#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QLatin1String>
#include <QString>

namespace SignalGate::Protocol {

// Message type and error code names of PROTOCOL.md section 5, and the one
// encoder (compact JSON) every message goes through.
namespace MessageType {
inline constexpr QLatin1String Welcome{"welcome"};
inline constexpr QLatin1String Signal{"signal"};
inline constexpr QLatin1String AuthExpiring{"auth.expiring"};
inline constexpr QLatin1String AuthRefreshed{"auth.refreshed"};
inline constexpr QLatin1String Resumed{"resumed"};
inline constexpr QLatin1String Pong{"pong"};
inline constexpr QLatin1String Error{"error"};
inline constexpr QLatin1String AuthRefresh{"auth.refresh"};
inline constexpr QLatin1String Resume{"resume"};
inline constexpr QLatin1String Ping{"ping"};
inline constexpr QLatin1String Publish{"publish"};
}   // namespace MessageType

namespace ErrorCode {
inline constexpr QLatin1String BadRequest{"bad_request"};
inline constexpr QLatin1String UnknownType{"unknown_type"};
inline constexpr QLatin1String RateLimited{"rate_limited"};
inline constexpr QLatin1String RefreshFailed{"refresh_failed"};
inline constexpr QLatin1String Forbidden{"forbidden"};
inline constexpr QLatin1String ResumeGap{"resume_gap"};
}   // namespace ErrorCode

inline constexpr QLatin1String ProtocolName{"signalgate.v1"};

namespace Messages {
QByteArray encode(const QJsonObject &object);
}

}   // namespace SignalGate::Protocol
