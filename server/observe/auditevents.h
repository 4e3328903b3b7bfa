#pragma once

#include <QLatin1String>

// The audit events of PROTOCOL.md section 7, spelled once: operators alert
// on these names, so a typo would be a silent outage of an alert.
namespace SignalGate::Server::AuditEvents {

inline constexpr QLatin1String LoginSuccess{"login.success"};
inline constexpr QLatin1String LoginFailure{"login.failure"};
inline constexpr QLatin1String AuthSuccess{"auth.success"};
inline constexpr QLatin1String AuthFailure{"auth.failure"};
inline constexpr QLatin1String RefreshSuccess{"refresh.success"};
inline constexpr QLatin1String RefreshFailure{"refresh.failure"};
inline constexpr QLatin1String OriginRejected{"origin.rejected"};
inline constexpr QLatin1String RateLimitConnection{"ratelimit.connection"};
inline constexpr QLatin1String RateLimitMessage{"ratelimit.message"};
inline constexpr QLatin1String RateLimitLogin{"ratelimit.login"};
inline constexpr QLatin1String ConnOpen{"conn.open"};
inline constexpr QLatin1String ConnClose{"conn.close"};
inline constexpr QLatin1String TokenRevoked{"token.revoked"};

}   // namespace SignalGate::Server::AuditEvents
