#include "ratelimiter.h"

#include <algorithm>
#include <utility>

namespace SignalGate::Server {

namespace {

// Expiry runs inside every call; bounding it keeps a single call short even
// when a whole burst of keys goes idle at once. Each call inserts at most one
// key, so removing up to this many still drains any backlog quickly.
constexpr int kMaxExpiredPerCall = 64;

}   // namespace

RateLimiter::RateLimiter(RateLimit limit, qsizetype maxKeys, const SignalGate::Clock &clock)
    : m_limit(limit)
    // Zero or negative would otherwise mean "unbounded" by accident.
    , m_maxKeys(std::max<qsizetype>(1, maxKeys))
    , m_clock(clock)
{}

RateLimiter::Decision RateLimiter::take(const QByteArray &key)
{
    if (!m_limit.enabled())
        return {};

    const qint64 nowMs = m_clock.monotonicMs();
    expireIdle(nowMs);
    TokenBucket &bucket = touch(key, nowMs).bucket;
    if (bucket.tryTake(nowMs))
        return {};
    return {false, bucket.retryAfterMs(nowMs)};
}

RateLimiter::Decision RateLimiter::check(const QByteArray &key)
{
    if (!m_limit.enabled())
        return {};

    const qint64 nowMs = m_clock.monotonicMs();
    expireIdle(nowMs);
    // Read-only on purpose: looking does not make a key recently used, and an
    // unknown key (a full bucket) is not worth a table slot until it is charged.
    const auto it = m_entries.constFind(key);
    if (it == m_entries.cend())
        return {};
    const qint64 retryAfterMs = it->bucket.retryAfterMs(nowMs);
    return {retryAfterMs == 0, retryAfterMs};
}

void RateLimiter::expireIdle(qint64 nowMs)
{
    // Only the least recently used end is examined: the table stays O(1) per
    // call, and a full bucket is indistinguishable from a key never seen.
    for (int removed = 0; removed < kMaxExpiredPerCall && !m_lru.empty(); ++removed) {
        const auto it = m_entries.find(m_lru.back());
        Q_ASSERT(it != m_entries.end());
        if (!it->bucket.isFull(nowMs))
            return;
        m_entries.erase(it);
        m_lru.pop_back();
    }
}

RateLimiter::Entry &RateLimiter::touch(const QByteArray &key, qint64 nowMs)
{
    const auto found = m_entries.find(key);
    if (found != m_entries.end()) {
        // splice relinks the node: the iterator stored in the entry stays valid.
        m_lru.splice(m_lru.begin(), m_lru, found->lruPosition);
        return *found;
    }

    // Full table: forget the least recently used key instead of refusing the
    // new one (a flood of new source addresses must not lock out others).
    while (m_entries.size() >= m_maxKeys && !m_lru.empty()) {
        m_entries.remove(m_lru.back());
        m_lru.pop_back();
        ++m_evictions;
    }

    m_lru.push_front(key);
    return *m_entries.insert(key, Entry{TokenBucket(m_limit, nowMs), m_lru.begin()});
}

}   // namespace SignalGate::Server
