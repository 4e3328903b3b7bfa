#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <QString>

namespace SignalGate::Scenarios {

class Redactor;

// One thing seen on a probe's connection, as the console lists it: a frame
// sent or received, the handshake answer, the close, an error. The text is
// already redacted (no token) and cut to MaxTextChars.
struct ProbeFrame
{
    Q_GADGET
public:
    enum class Direction { Sent, Received, Local };
    Q_ENUM(Direction)
    enum class Kind { Handshake, Text, Binary, Close, Error };
    Q_ENUM(Kind)
    static constexpr int MaxTextChars = 2000;

    // text redacted (redactor may be null: the built-in patterns still apply) and cut.
    static ProbeFrame make(qint64 atMs, Direction direction, Kind kind, const QString &text, qint64 bytes,
                           const Redactor *redactor);

    qint64 atMs = 0;   // since the probe started
    Direction direction = Direction::Local;
    Kind kind = Kind::Text;
    qint64 bytes = 0;   // the payload's real size
    QString text;       // redacted; binary payloads as a hex preview

    QJsonObject toJson() const;
    static QString directionName(Direction direction);   // "sent", "received", "local"
    static QString kindName(Kind kind);                  // "handshake", "text", ...
};

}   // namespace SignalGate::Scenarios

Q_DECLARE_METATYPE(SignalGate::Scenarios::ProbeFrame)
