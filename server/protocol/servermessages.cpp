#include "servermessages.h"

#include "jsonkeys.h"
#include "messages.h"

namespace SignalGate::Protocol {
namespace {

qint64 integer(const QJsonValue &value, qint64 fallback)
{
    return value.isDouble() ? value.toInteger(fallback) : fallback;
}

void insertId(QJsonObject &object, const QJsonValue &id)
{
    if (!id.isUndefined() && !id.isNull())
        object.insert(Key::Id, id);
}

void insertIfSet(QJsonObject &object, QLatin1String key, qint64 value)
{
    if (value >= 0)
        object.insert(key, value);
}

}   // namespace

QJsonObject Welcome::toJson() const
{
    QJsonObject object{{Key::Type, MessageType::Welcome},
                       {Key::Protocol, ProtocolName},
                       {Key::SessionId, sessionId},
                       {Key::Sub, subject},
                       {Key::Exp, exp},
                       {Key::ServerTime, serverTimeMs},
                       {Key::LastSeq, lastSeq},
                       {Key::Limits, limits}};
    if (!node.isEmpty())
        object.insert(Key::Node, node);
    if (!epoch.isEmpty())
        object.insert(Key::Epoch, epoch);
    return object;
}

Welcome Welcome::fromJson(const QJsonObject &object)
{
    Welcome welcome;
    welcome.sessionId = object.value(Key::SessionId).toString();
    welcome.subject = object.value(Key::Sub).toString();
    welcome.exp = integer(object.value(Key::Exp), 0);
    welcome.serverTimeMs = integer(object.value(Key::ServerTime), 0);
    welcome.lastSeq = qMax<qint64>(0, integer(object.value(Key::LastSeq), 0));
    welcome.limits = object.value(Key::Limits).toObject();
    welcome.node = object.value(Key::Node).toString();
    welcome.epoch = object.value(Key::Epoch).toString();
    return welcome;
}

QJsonObject SignalFrame::toJson() const
{
    return {{Key::Type, MessageType::Signal},
            {Key::Seq, seq},
            {Key::Ts, timestampMs},
            {Key::Symbol, symbol},
            {Key::Side, side},
            {Key::Price, price},
            {Key::Confidence, confidence}};
}

SignalFrame SignalFrame::fromPublished(const QJsonObject &object, qint64 nowMs)
{
    SignalFrame signal;
    signal.timestampMs = nowMs;
    signal.symbol = object.value(Key::Symbol).toString();
    signal.side = object.value(Key::Side).toString();
    signal.price = object.value(Key::Price).toDouble();
    signal.confidence = object.value(Key::Confidence).toDouble();
    return signal;
}

std::optional<qint64> SignalFrame::seqOf(const QJsonObject &object)
{
    const QJsonValue seq = object.value(Key::Seq);
    // JSON numbers are doubles; an integral seq survives up to 2^53, which the
    // server (one counter, +1 per signal) will not reach.
    if (!seq.isDouble() || seq.toDouble() < 0 || seq.toDouble() != double(seq.toInteger()))
        return std::nullopt;
    return seq.toInteger();
}

std::optional<SignalFrame> SignalFrame::fromJson(const QJsonObject &object)
{
    const std::optional<qint64> seq = seqOf(object);
    if (!seq)
        return std::nullopt;
    SignalFrame signal;
    signal.seq = *seq;
    signal.timestampMs = object.value(Key::Ts).toInteger();
    signal.symbol = object.value(Key::Symbol).toString();
    signal.side = object.value(Key::Side).toString();
    signal.price = object.value(Key::Price).toDouble();
    signal.confidence = object.value(Key::Confidence).toDouble();
    return signal;
}

QJsonObject Expiring::toJson() const
{
    return {{Key::Type, MessageType::AuthExpiring}, {Key::Exp, exp}, {Key::SecondsLeft, secondsLeft}};
}

Expiring Expiring::fromJson(const QJsonObject &object)
{
    return {integer(object.value(Key::Exp), 0), integer(object.value(Key::SecondsLeft), 0)};
}

QJsonObject Refreshed::toJson() const
{
    QJsonObject object{{Key::Type, MessageType::AuthRefreshed}, {Key::Exp, exp}, {Key::AttemptsLeft, attemptsLeft}};
    insertId(object, id);
    return object;
}

Refreshed Refreshed::fromJson(const QJsonObject &object)
{
    return {integer(object.value(Key::Exp), 0), integer(object.value(Key::AttemptsLeft), -1), object.value(Key::Id)};
}

QJsonObject Resumed::toJson() const
{
    QJsonObject object{{Key::Type, MessageType::Resumed}, {Key::From, from}, {Key::To, to}, {Key::Count, count}};
    insertId(object, id);
    return object;
}

QJsonObject ErrorFrame::toJson() const
{
    QJsonObject object{{Key::Type, MessageType::Error}, {Key::Code, code}, {Key::Message, message}};
    insertId(object, id);
    insertIfSet(object, Key::RetryAfterMs, retryAfterMs);
    insertIfSet(object, Key::AttemptsLeft, attemptsLeft);
    insertIfSet(object, Key::FirstSeq, firstSeq);
    return object;
}

ErrorFrame ErrorFrame::fromJson(const QJsonObject &object)
{
    ErrorFrame error;
    error.code = object.value(Key::Code).toString();
    error.message = object.value(Key::Message).toString();
    error.id = object.value(Key::Id);
    error.retryAfterMs = integer(object.value(Key::RetryAfterMs), -1);
    error.attemptsLeft = integer(object.value(Key::AttemptsLeft), -1);
    error.firstSeq = integer(object.value(Key::FirstSeq), -1);
    return error;
}

QJsonObject Pong::toJson() const
{
    return {{Key::Type, MessageType::Pong},
            {Key::Id, id.isUndefined() ? QJsonValue() : id},
            {Key::ServerTime, serverTimeMs}};
}

}   // namespace SignalGate::Protocol
