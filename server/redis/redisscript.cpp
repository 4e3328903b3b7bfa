#include "redisscript.h"

#include <QCryptographicHash>

namespace SignalGate::Server {

RedisScript::RedisScript(QByteArray source)
    : m_source(std::move(source))
    , m_sha1(QCryptographicHash::hash(m_source, QCryptographicHash::Sha1).toHex())
{}

void RedisScript::run(RedisConnection &connection, const QList<QByteArray> &keys, const QList<QByteArray> &arguments,
                      RedisConnection::Answer answer) const
{
    const QList<QByteArray> tail = QList<QByteArray>{QByteArray::number(keys.size())} + keys + arguments;
    connection.command(QList<QByteArray>{"EVALSHA", m_sha1} + tail,
                       [&connection, source = m_source, tail, answer = std::move(answer)](const RedisReply &reply) {
                           if (reply.isError() && reply.text.startsWith("NOSCRIPT"))
                               return connection.command(QList<QByteArray>{"EVAL", source} + tail, answer);
                           if (answer)
                               answer(reply);
                       });
}

}   // namespace SignalGate::Server
