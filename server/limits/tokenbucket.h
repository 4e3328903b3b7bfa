#pragma once

#include "ratelimit.h"

#include <QtGlobal>

namespace SignalGate::Server {

// "N per S seconds" as a token bucket: N tokens, refilled continuously at
// N/S per second. A burst of N is allowed, then one every S/N seconds; after
// S idle seconds the bucket is full again (the limit has "reset").
// Times are monotonic milliseconds supplied by the caller (testable clocks).
class TokenBucket
{
public:
    TokenBucket() = default;
    TokenBucket(RateLimit limit, qint64 nowMs);

    // Takes one token if there is one.
    bool tryTake(qint64 nowMs);
    // Milliseconds until one token is available (0 if one is now).
    qint64 retryAfterMs(qint64 nowMs) const;
    // True when the bucket would be full at nowMs: its state carries no information.
    bool isFull(qint64 nowMs) const;

private:
    double tokensAt(qint64 nowMs) const;

    RateLimit m_limit;
    double m_tokens = 0;
    qint64 m_updatedMs = 0;
};

}   // namespace SignalGate::Server
