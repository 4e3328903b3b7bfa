#include "signal.h"

#include "messages.h"

QJsonObject Signal::toJson() const
{
    return {{QLatin1String("type"), MessageType::Signal},
            {QLatin1String("seq"), qint64(seq)},
            {QLatin1String("ts"), timestampMs},
            {QLatin1String("symbol"), symbol},
            {QLatin1String("side"), side},
            {QLatin1String("price"), price},
            {QLatin1String("confidence"), confidence}};
}

Signal Signal::fromPublished(const QJsonObject &object, qint64 nowMs)
{
    Signal signal;
    signal.timestampMs = nowMs;
    signal.symbol = object.value(QLatin1String("symbol")).toString();
    signal.side = object.value(QLatin1String("side")).toString();
    signal.price = object.value(QLatin1String("price")).toDouble();
    signal.confidence = object.value(QLatin1String("confidence")).toDouble();
    return signal;
}
