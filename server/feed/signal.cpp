#include "signal.h"

#include "jsonkeys.h"
#include "servermessages.h"

namespace Key = SignalGate::Protocol::Key;

QJsonObject Signal::toJson() const
{
    return SignalGate::Protocol::SignalFrame{qint64(seq), timestampMs, symbol, side, price, confidence}.toJson();
}

Signal Signal::fromPublished(const QJsonObject &object, qint64 nowMs)
{
    Signal signal;
    signal.timestampMs = nowMs;
    signal.symbol = object.value(Key::Symbol).toString();
    signal.side = object.value(Key::Side).toString();
    signal.price = object.value(Key::Price).toDouble();
    signal.confidence = object.value(Key::Confidence).toDouble();
    return signal;
}
