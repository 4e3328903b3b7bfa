#include "scenarios/probeframe.h"

QJsonObject ProbeFrame::toJson() const
{
    return {{QStringLiteral("at_ms"), atMs},
            {QStringLiteral("direction"), directionName(direction)},
            {QStringLiteral("kind"), kindName(kind)},
            {QStringLiteral("bytes"), bytes},
            {QStringLiteral("text"), text}};
}

QString ProbeFrame::directionName(Direction direction)
{
    switch (direction) {
    case Direction::Sent:
        return QStringLiteral("sent");
    case Direction::Received:
        return QStringLiteral("received");
    case Direction::Local:
        return QStringLiteral("local");
    }
    return {};
}

QString ProbeFrame::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Handshake:
        return QStringLiteral("handshake");
    case Kind::Text:
        return QStringLiteral("text");
    case Kind::Binary:
        return QStringLiteral("binary");
    case Kind::Close:
        return QStringLiteral("close");
    case Kind::Error:
        return QStringLiteral("error");
    }
    return {};
}
