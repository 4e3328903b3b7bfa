#pragma once

#include "clock.h"
#include "tokenbucket.h"

#include <QByteArray>
#include <QHash>

#include <list>

namespace SignalGate::Server {

// Token buckets per key (source IP, IP + user name, ...) in a table with
// bounded memory (PROTOCOL.md section 6):
//  - a key whose bucket has refilled completely carries no information and is
//    dropped (checked at the least-recently-used end on every call, so idle
//    keys expire without a timer or a scan);
//  - the table never holds more than maxKeys; a new key when full evicts the
//    least recently used one, so a new IP is never refused for want of room.
// Disabled limits (count or window 0) allow everything and store nothing.
class RateLimiter
{
public:
    static constexpr qsizetype DefaultMaxKeys = 100000;

    // Buckets fill on the clock's monotonic time.
    explicit RateLimiter(RateLimit limit, qsizetype maxKeys = DefaultMaxKeys,
                         const SignalGate::Clock &clock = SignalGate::Clock::system());
    // Entries hold iterators into m_lru: a copy would point into the original's list.
    Q_DISABLE_COPY_MOVE(RateLimiter)

    struct Decision
    {
        bool allowed = true;
        qint64 retryAfterMs = 0;   // when refused: until one token is back
    };

    // Consumes one token for key when there is one.
    Decision take(const QByteArray &key);
    // Whether take() would succeed, without consuming (login: refuse early, count only failures).
    Decision check(const QByteArray &key);

    qsizetype size() const { return m_entries.size(); }
    qsizetype maxKeys() const { return m_maxKeys; }
    bool enabled() const { return m_limit.enabled(); }
    const RateLimit &limit() const { return m_limit; }
    qsizetype evictions() const { return m_evictions; }

private:
    struct Entry
    {
        TokenBucket bucket;
        std::list<QByteArray>::iterator lruPosition;
    };

    void expireIdle(qint64 nowMs);
    Entry &touch(const QByteArray &key, qint64 nowMs);

    RateLimit m_limit;
    qsizetype m_maxKeys;
    const SignalGate::Clock &m_clock;
    QHash<QByteArray, Entry> m_entries;
    std::list<QByteArray> m_lru;   // front: most recently used
    qsizetype m_evictions = 0;
};

}   // namespace SignalGate::Server
