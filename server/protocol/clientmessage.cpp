#include "clientmessage.h"

#include "messages.h"

#include <QJsonDocument>

#include <cmath>

namespace SignalGate::Protocol {

namespace {

ClientMessage invalid(ClientMessage message, const QString &why)
{
    message.kind = ClientMessage::Kind::Invalid;
    message.error = why;
    return message;
}

bool isNonNegativeInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    // 2^53: beyond it doubles stop being exact integers.
    return number >= 0 && number <= 9007199254740992.0 && std::floor(number) == number;
}

}   // namespace

QString ClientMessage::signalProblem(const QJsonValue &value)
{
    if (!value.isObject())
        return QStringLiteral("\"signal\" must be an object");
    const QJsonObject signal = value.toObject();
    const QJsonValue symbol = signal.value(QLatin1String("symbol"));
    if (!symbol.isString() || symbol.toString().isEmpty() || symbol.toString().size() > 32)
        return QStringLiteral("\"signal.symbol\" must be a string of 1 to 32 characters");
    const QString side = signal.value(QLatin1String("side")).toString();
    if (side != QLatin1String("buy") && side != QLatin1String("sell"))
        return QStringLiteral("\"signal.side\" must be \"buy\" or \"sell\"");
    const QJsonValue price = signal.value(QLatin1String("price"));
    if (!price.isDouble() || !(price.toDouble() > 0) || !std::isfinite(price.toDouble()))
        return QStringLiteral("\"signal.price\" must be a positive number");
    const QJsonValue confidence = signal.value(QLatin1String("confidence"));
    if (!confidence.isDouble() || !(confidence.toDouble() >= 0 && confidence.toDouble() <= 1))
        return QStringLiteral("\"signal.confidence\" must be a number from 0 to 1");
    return {};
}

ClientMessage ClientMessage::parse(QByteArrayView utf8)
{
    ClientMessage message;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromRawData(utf8.data(), utf8.size()), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return invalid(message, QStringLiteral("Expected a JSON object"));

    message.object = document.object();
    message.id = message.object.value(QLatin1String("id"));
    if (!message.id.isUndefined() && !message.id.isString() && !message.id.isDouble())
        return invalid(message, QStringLiteral("\"id\" must be a string or a number"));
    const QJsonValue type = message.object.value(QLatin1String("type"));
    if (!type.isString())
        return invalid(message, QStringLiteral("Missing \"type\""));
    message.type = type.toString();

    if (message.type == MessageType::Ping) {
        message.kind = Kind::Ping;
    } else if (message.type == MessageType::AuthRefresh) {
        if (!message.object.value(QLatin1String("token")).isString())
            return invalid(message, QStringLiteral("\"token\" must be a string"));
        message.kind = Kind::AuthRefresh;
    } else if (message.type == MessageType::Resume) {
        if (!isNonNegativeInteger(message.object.value(QLatin1String("since"))))
            return invalid(message, QStringLiteral("\"since\" must be a non-negative integer"));
        const QJsonValue epoch = message.object.value(QLatin1String("epoch"));
        if (!epoch.isUndefined() && !epoch.isString())
            return invalid(message, QStringLiteral("\"epoch\" must be a string"));
        message.kind = Kind::Resume;
    } else if (message.type == MessageType::Publish) {
        const QString problem = signalProblem(message.object.value(QLatin1String("signal")));
        if (!problem.isEmpty())
            return invalid(message, problem);
        message.kind = Kind::Publish;
    } else {
        message.kind = Kind::Unknown;
    }
    return message;
}

}   // namespace SignalGate::Protocol
