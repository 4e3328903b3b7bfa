#pragma once

#include "limiterstore.h"
#include "redisscript.h"

#include <QString>

#include <memory>

namespace SignalGate::Server {

class RedisLink;

// A per-address limit every node shares (PROTOCOL.md section 10.7): the
// connection rate per IP and the failed-login buckets live in Redis, so a
// client spreading its attempts over the nodes gets no more than from one.
//
// Each bucket is one key holding a GCRA "theoretical arrival time", checked
// and moved by one script on Redis' own clock (TIME), so the nodes' clocks
// never disagree about a bucket. GCRA allows exactly what the local token
// bucket allows (N at once, then one every S/N seconds) in one number per key,
// which expires as soon as the bucket would be full again.
//
// While Redis is unreachable the limit falls back to this node's own
// buckets (LocalLimiterStore), says so once in the log, and counts every
// decision taken locally: a limit weakened to per node beats refusing
// everyone, and an outage must not switch rate limiting off.
class RedisLimiterStore final : public LimiterStore
{
public:
    // kind names the limit in keys and messages ("connection", "login").
    RedisLimiterStore(RedisLink &link, const QString &kind, RateLimit limit, qsizetype maxKeys,
                      const SignalGate::Clock &clock);

    void take(const QByteArray &key, Answer answer) override { decide(key, true, answer); }
    void check(const QByteArray &key, Answer answer) override { decide(key, false, answer); }
    qsizetype size() const override { return m_local.size(); }
    const QString &kind() const { return m_kind; }
    // Decisions taken by the local fallback because Redis was unreachable.
    quint64 localDecisions() const { return m_localDecisions; }

private:
    void decide(const QByteArray &key, bool take, const Answer &answer);
    void decideLocally(const QByteArray &key, bool take, const Answer &answer, const QByteArray &why);

    RedisLink &m_link;
    QString m_kind;
    RateLimit m_limit;
    LocalLimiterStore m_local;
    QByteArray m_keyPrefix;
    quint64 m_localDecisions = 0;
    bool m_warned = false;
    // Answers outlive the store in RedisConnection's queue; they check this.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

}   // namespace SignalGate::Server
