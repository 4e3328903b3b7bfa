#include "scenarioresult.h"

#include <QJsonArray>
#include <QMetaEnum>

namespace SignalGate::Scenarios {

QString ScenarioResult::verdictName(Verdict verdict)
{
    return QString::fromLatin1(QMetaEnum::fromType<Verdict>().valueToKey(int(verdict))).toUpper();
}

QString ScenarioResult::Actual::summary() const
{
    QStringList parts;
    if (httpStatus > 0 && httpStatus != 101)
        parts << QStringLiteral("HTTP %1").arg(httpStatus);
    if (welcomed)
        parts << QStringLiteral("admitted");
    if (signalsReceived > 0)
        parts << (signalsReceived == 1 ? QStringLiteral("1 signal")
                                       : QStringLiteral("%1 signals").arg(signalsReceived));
    parts << messageTypes;
    if (closeCode >= 0)
        parts << (closeReason.isEmpty() ? QStringLiteral("close %1").arg(closeCode)
                                        : QStringLiteral("close %1 \"%2\"").arg(closeCode).arg(closeReason));
    if (parts.isEmpty() && httpStatus == 0 && upgrades > 0)
        parts << QStringLiteral("no answer");
    return parts.join(QStringLiteral(", "));
}

QJsonObject ScenarioResult::Actual::toJson() const
{
    return {{QStringLiteral("http_status"), httpStatus},
            {QStringLiteral("close_code"), closeCode >= 0 ? QJsonValue(closeCode) : QJsonValue()},
            {QStringLiteral("close_reason"), closeCode >= 0 ? QJsonValue(closeReason) : QJsonValue()},
            {QStringLiteral("welcome"), welcomed},
            {QStringLiteral("signals_received"), signalsReceived},
            {QStringLiteral("messages"), QJsonArray::fromStringList(messageTypes)},
            {QStringLiteral("errors"), QJsonArray::fromStringList(errors)},
            {QStringLiteral("upgrades"), upgrades},
            {QStringLiteral("paced_ms"), pacedMs},
            {QStringLiteral("duration_ms"), durationMs}};
}

QJsonObject ScenarioResult::toJson() const
{
    QJsonArray frameList;
    for (const ProbeFrame &frame : frames)
        frameList.append(frame.toJson());
    return {{QStringLiteral("id"), id},
            {QStringLiteral("verdict"), verdictName(verdict)},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("actual"), actual.toJson()},
            {QStringLiteral("frames"), frameList}};
}

}   // namespace SignalGate::Scenarios
