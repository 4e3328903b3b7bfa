#pragma once

#include "redisconnection.h"

namespace SignalGate::Server {

// A Lua script run by its SHA1 (EVALSHA), loaded with EVAL the first time a
// Redis has not seen it (NOSCRIPT: a fresh or restarted server). Redis runs
// a script atomically, which is why the broker's publish and the shared
// limiters are scripts and not several commands.
class RedisScript
{
public:
    explicit RedisScript(QByteArray source);

    void run(RedisConnection &connection, const QList<QByteArray> &keys, const QList<QByteArray> &arguments,
             RedisConnection::Answer answer) const;

private:
    QByteArray m_source;
    QByteArray m_sha1;   // hex, as EVALSHA takes it
};

}   // namespace SignalGate::Server
