#include "signal.h"

#include "protocol/messages.h"

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
