#pragma once

#include <QByteArray>
#include <QList>

struct redisReply;

namespace SignalGate::Server {

// One Redis reply as a Qt value: hiredis frees its own reply when the
// callback returns, so callers keep this copy instead.
struct RedisReply
{
    enum class Type { Status, Error, Integer, String, Nil, Array };

    Type type = Type::Nil;
    QByteArray text;   // Status, Error and String
    qint64 integer = 0;
    QList<RedisReply> elements;

    bool isError() const { return type == Type::Error; }

    // A null reply (hiredis gives none when the connection went away) is an error.
    static RedisReply fromHiredis(const redisReply *reply);
    static RedisReply error(const QByteArray &text);
};

}   // namespace SignalGate::Server
