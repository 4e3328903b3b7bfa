#include "tokenbucket.h"

#include <algorithm>
#include <cmath>

namespace SignalGate::Server {

namespace {

// Refills are fractions of a token; rounding can leave a bucket a hair below a
// whole token at exactly the moment retryAfterMs() promised one. Accepting
// that hair keeps the promise; what it gives away is immeasurably small.
constexpr double kTokenSlack = 1e-9;

double windowMs(const RateLimit &limit)
{
    // In double: windowSeconds * 1000 overflows int for large windows.
    return double(limit.windowSeconds) * 1000.0;
}

}   // namespace

TokenBucket::TokenBucket(RateLimit limit, qint64 nowMs)
    : m_limit(limit)
    , m_tokens(limit.enabled() ? double(limit.count) : 0.0)
    , m_updatedMs(nowMs)
{}

bool TokenBucket::tryTake(qint64 nowMs)
{
    if (!m_limit.enabled())
        return true;

    m_tokens = tokensAt(nowMs);
    // Never move the reference point back: a clock that jumps back and then
    // forward again would otherwise be paid for the same interval twice.
    m_updatedMs = std::max(m_updatedMs, nowMs);

    if (m_tokens < 1.0 - kTokenSlack)
        return false;
    m_tokens = std::max(0.0, m_tokens - 1.0);
    return true;
}

qint64 TokenBucket::retryAfterMs(qint64 nowMs) const
{
    if (!m_limit.enabled())
        return 0;

    const double tokens = tokensAt(nowMs);
    if (tokens >= 1.0 - kTokenSlack)
        return 0;
    // (1 - tokens) / rate with rate = count / windowMs, written so that whole
    // numbers stay exact (10 per 60 s from empty: exactly 6000 ms, not 6001).
    const double waitMs = (1.0 - tokens) * windowMs(m_limit) / double(m_limit.count);
    // Always at least 1 ms here, so a refusal never says "retry now".
    return std::max<qint64>(1, qint64(std::ceil(waitMs)));
}

bool TokenBucket::isFull(qint64 nowMs) const
{
    if (!m_limit.enabled())
        return true;
    return tokensAt(nowMs) >= double(m_limit.count);
}

double TokenBucket::tokensAt(qint64 nowMs) const
{
    const double capacity = double(m_limit.count);
    if (!m_limit.enabled())
        return capacity;
    // A clock that went backwards: treat as no time passed rather than
    // subtracting tokens or, worse, crediting them later.
    if (nowMs <= m_updatedMs)
        return m_tokens;

    // nowMs > m_updatedMs, so the unsigned difference is exact even when the
    // signed one would overflow (e.g. from a very negative to a very positive time).
    const double elapsedMs = double(quint64(nowMs) - quint64(m_updatedMs));
    const double window = windowMs(m_limit);
    // A whole window refills even an empty bucket; short-circuiting here also
    // keeps huge gaps from producing huge intermediate values.
    if (elapsedMs >= window)
        return capacity;
    // elapsed * count / window rather than elapsed * (count / window): exact
    // for whole numbers (1000 ms at 60 per 60 s is exactly one token).
    return std::min(capacity, m_tokens + elapsedMs * capacity / window);
}

}   // namespace SignalGate::Server
