#pragma once

#include "ratelimiter.h"

#include <QByteArray>

#include <QString>

#include <functional>
#include <memory>

namespace SignalGate::Server {

// Where the buckets of one per-address limit live (connection attempts,
// failed logins). LocalLimiterStore keeps them in this process; a store
// shared by several nodes (PROTOCOL.md section 10) keeps them where every
// node sees them, so a client cannot multiply its rate by the number of
// nodes. A shared store answers later, so callers continue in the answer;
// the local one answers before take() or check() returns.
class LimiterStore
{
public:
    using Decision = RateLimiter::Decision;
    using Answer = std::function<void(Decision)>;

    virtual ~LimiterStore() = default;

    // Consumes one token for key when there is one.
    virtual void take(const QByteArray &key, Answer answer) = 0;
    // Whether take() would succeed, without consuming.
    virtual void check(const QByteArray &key, Answer answer) = 0;
    // Keys held in this process (a metric).
    virtual qsizetype size() const = 0;
};

class LocalLimiterStore final : public LimiterStore
{
public:
    LocalLimiterStore(RateLimit limit, qsizetype maxKeys, const SignalGate::Clock &clock)
        : m_limiter(limit, maxKeys, clock)
    {}

    void take(const QByteArray &key, Answer answer) override { answer(m_limiter.take(key)); }
    void check(const QByteArray &key, Answer answer) override { answer(m_limiter.check(key)); }
    qsizetype size() const override { return m_limiter.size(); }

private:
    RateLimiter m_limiter;
};

// Makes the store of one limit (kind: "connection", "login", "login_user"):
// unset means a LocalLimiterStore; with --broker, one shared by the nodes.
using LimiterFactory = std::function<std::unique_ptr<LimiterStore>(const QString &kind, RateLimit limit,
                                                                   qsizetype maxKeys, const SignalGate::Clock &clock)>;

inline std::unique_ptr<LimiterStore> makeLimiterStore(const LimiterFactory &factory, const QString &kind,
                                                      RateLimit limit, qsizetype maxKeys,
                                                      const SignalGate::Clock &clock)
{
    return factory ? factory(kind, limit, maxKeys, clock) : std::make_unique<LocalLimiterStore>(limit, maxKeys, clock);
}

}   // namespace SignalGate::Server
