#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

// One thing seen on a probe's connection, as the console lists it: a frame
// sent or received, the handshake answer, the close, an error. The text is
// already redacted (no token) and cut to MaxTextChars.
struct ProbeFrame
{
    enum class Direction { Sent, Received, Local };
    enum class Kind { Handshake, Text, Binary, Close, Error };
    static constexpr int MaxTextChars = 2000;

    qint64 atMs = 0;        // since the probe started
    Direction direction = Direction::Local;
    Kind kind = Kind::Text;
    qint64 bytes = 0;       // the payload's real size
    QString text;           // redacted; binary payloads as a hex preview

    QJsonObject toJson() const;
    static QString directionName(Direction direction);
    static QString kindName(Kind kind);
};
Q_DECLARE_METATYPE(ProbeFrame)
