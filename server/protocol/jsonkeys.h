#pragma once

#include <QLatin1String>

// Every JSON member name of the contract (PROTOCOL.md sections 5 and 7), in
// one place, so server, client and console cannot spell one differently.
namespace SignalGate::Protocol::Key {

// Every WebSocket message
inline constexpr QLatin1String Type{"type"};
inline constexpr QLatin1String Id{"id"};

// welcome
inline constexpr QLatin1String Protocol{"protocol"};
inline constexpr QLatin1String SessionId{"session_id"};
inline constexpr QLatin1String Sub{"sub"};
inline constexpr QLatin1String Exp{"exp"};
inline constexpr QLatin1String ServerTime{"server_time"};
inline constexpr QLatin1String LastSeq{"last_seq"};
inline constexpr QLatin1String Node{"node"};
inline constexpr QLatin1String Epoch{"epoch"};
inline constexpr QLatin1String Limits{"limits"};
inline constexpr QLatin1String ConnRate{"conn_rate"};
inline constexpr QLatin1String MsgRate{"msg_rate"};
inline constexpr QLatin1String MaxMessageBytes{"max_message_bytes"};
inline constexpr QLatin1String RefreshAttempts{"refresh_attempts"};
inline constexpr QLatin1String History{"history"};

// signal, publish
inline constexpr QLatin1String Seq{"seq"};
inline constexpr QLatin1String Ts{"ts"};
inline constexpr QLatin1String Symbol{"symbol"};
inline constexpr QLatin1String Side{"side"};
inline constexpr QLatin1String Price{"price"};
inline constexpr QLatin1String Confidence{"confidence"};
inline constexpr QLatin1String Signal{"signal"};

// auth.expiring, auth.refresh, auth.refreshed
inline constexpr QLatin1String SecondsLeft{"seconds_left"};
inline constexpr QLatin1String Token{"token"};
inline constexpr QLatin1String AttemptsLeft{"attempts_left"};

// resume, resumed
inline constexpr QLatin1String Since{"since"};
inline constexpr QLatin1String From{"from"};
inline constexpr QLatin1String To{"to"};
inline constexpr QLatin1String Count{"count"};

// error
inline constexpr QLatin1String Code{"code"};
inline constexpr QLatin1String Message{"message"};
inline constexpr QLatin1String RetryAfterMs{"retry_after_ms"};
inline constexpr QLatin1String FirstSeq{"first_seq"};

// HTTP bodies: login, refresh, logout, errors
inline constexpr QLatin1String Username{"username"};
inline constexpr QLatin1String Password{"password"};
inline constexpr QLatin1String AccessToken{"access_token"};
inline constexpr QLatin1String RefreshToken{"refresh_token"};
inline constexpr QLatin1String TokenType{"token_type"};
inline constexpr QLatin1String ExpiresIn{"expires_in"};
inline constexpr QLatin1String RefreshExpiresIn{"refresh_expires_in"};
inline constexpr QLatin1String Error{"error"};

}   // namespace SignalGate::Protocol::Key
