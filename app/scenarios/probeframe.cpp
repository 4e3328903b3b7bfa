#include "probeframe.h"

#include "redactor.h"

#include <QMetaEnum>

namespace SignalGate::Scenarios {

namespace {
template<typename Enum>
QString lowerName(Enum value)
{
    return QString::fromLatin1(QMetaEnum::fromType<Enum>().valueToKey(int(value))).toLower();
}
}   // namespace

ProbeFrame ProbeFrame::make(qint64 atMs, Direction direction, Kind kind, const QString &text, qint64 bytes,
                            const Redactor *redactor)
{
    ProbeFrame frame;
    frame.atMs = atMs;
    frame.direction = direction;
    frame.kind = kind;
    frame.bytes = bytes;
    const QString redacted = redactor ? redactor->redact(text) : Redactor().redact(text);
    frame.text = redacted.size() > MaxTextChars
            ? redacted.left(MaxTextChars) + QStringLiteral("... (%1 characters)").arg(redacted.size())
            : redacted;
    return frame;
}

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
    return lowerName(direction);
}

QString ProbeFrame::kindName(Kind kind)
{
    return lowerName(kind);
}

}   // namespace SignalGate::Scenarios
