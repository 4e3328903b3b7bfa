#include "redislimiterstore.h"

#include "logging.h"
#include "redislink.h"

#include <memory>

namespace SignalGate::Server {

namespace {

// KEYS[1] the bucket. ARGV[1] the emission interval T (ms, window / count),
// ARGV[2] the window (ms), ARGV[3] "1" to take, "0" to only check.
// Answers {allowed, retry after ms}.
const char GcraScript[] = R"lua(
local time = redis.call('time')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local tat = tonumber(redis.call('get', KEYS[1])) or now
if tat < now then tat = now end
local interval = tonumber(ARGV[1])
local allowAt = tat + interval - tonumber(ARGV[2])
if allowAt > now then
  return {0, math.ceil(allowAt - now)}
end
if ARGV[3] == '1' then
  local newTat = tat + interval
  redis.call('set', KEYS[1], math.ceil(newTat), 'px', math.max(1, math.ceil(newTat - now)))
end
return {1, 0}
)lua";

}   // namespace

RedisLimiterStore::RedisLimiterStore(RedisLink &link, const QString &kind, RateLimit limit, qsizetype maxKeys,
                                     const SignalGate::Clock &clock)
    : m_link(link)
    , m_kind(kind)
    , m_limit(limit)
    , m_local(limit, maxKeys, clock)
    , m_keyPrefix(link.key("limit:" + kind.toUtf8() + ':'))
{}

void RedisLimiterStore::decide(const QByteArray &key, bool take, const Answer &answer)
{
    if (!m_limit.enabled())
        return answer({});
    if (!m_link.isReady())
        return decideLocally(key, take, answer, m_link.problem().toUtf8());
    static const RedisScript script(GcraScript);
    const qint64 windowMs = qint64(m_limit.windowSeconds) * 1000;
    const double intervalMs = double(windowMs) / m_limit.count;
    // The answer may come after this store is gone (shutdown): only the
    // caller's own guard (a QPointer to its connection) is used then.
    const auto alive = std::weak_ptr<bool>(m_alive);
    script.run(m_link.commands(), {m_keyPrefix + key},
               {QByteArray::number(intervalMs, 'f', 3), QByteArray::number(windowMs), take ? "1" : "0"},
               [this, alive, key, take, answer](const RedisReply &reply) {
                   if (alive.expired())
                       return;
                   if (reply.isError() || reply.elements.size() != 2)
                       return decideLocally(key, take, answer, reply.text);
                   m_warned = false;
                   answer({reply.elements.at(0).integer == 1, reply.elements.at(1).integer});
               });
}

void RedisLimiterStore::decideLocally(const QByteArray &key, bool take, const Answer &answer, const QByteArray &why)
{
    ++m_localDecisions;
    if (!std::exchange(m_warned, true))
        qCWarning(lcServer).noquote() << "the shared" << m_kind << "limit is per node until Redis answers again ("
                                      << QString::fromUtf8(why) << ")";
    if (take)
        m_local.take(key, answer);
    else
        m_local.check(key, answer);
}

}   // namespace SignalGate::Server
