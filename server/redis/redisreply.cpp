#include "redisreply.h"

#include <hiredis/hiredis.h>

namespace SignalGate::Server {

RedisReply RedisReply::fromHiredis(const redisReply *reply)
{
    if (!reply)
        return error("connection lost before the reply");
    RedisReply out;
    switch (reply->type) {
    case REDIS_REPLY_STATUS:
        out.type = Type::Status;
        break;
    case REDIS_REPLY_ERROR:
        out.type = Type::Error;
        break;
    case REDIS_REPLY_INTEGER:
        out.type = Type::Integer;
        out.integer = reply->integer;
        return out;
    case REDIS_REPLY_STRING:
        out.type = Type::String;
        break;
    case REDIS_REPLY_ARRAY:
        out.type = Type::Array;
        out.elements.reserve(qsizetype(reply->elements));
        for (size_t i = 0; i < reply->elements; ++i)
            out.elements.append(fromHiredis(reply->element[i]));
        return out;
    default:
        return out;   // Nil
    }
    out.text = QByteArray(reply->str, qsizetype(reply->len));
    return out;
}

RedisReply RedisReply::error(const QByteArray &text)
{
    RedisReply out;
    out.type = Type::Error;
    out.text = text;
    return out;
}

}   // namespace SignalGate::Server
