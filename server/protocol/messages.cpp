#include "messages.h"

#include <QJsonDocument>

QByteArray Messages::encode(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray Messages::error(QLatin1String code, const QString &message, const QJsonValue &id)
{
    QJsonObject object{{QLatin1String("type"), MessageType::Error},
                       {QLatin1String("code"), code},
                       {QLatin1String("message"), message}};
    if (!id.isNull() && !id.isUndefined())
        object.insert(QLatin1String("id"), id);
    return encode(object);
}

QByteArray Messages::pong(const QJsonValue &id, qint64 serverTimeMs)
{
    QJsonObject object{{QLatin1String("type"), MessageType::Pong},
                       {QLatin1String("server_time"), serverTimeMs}};
    object.insert(QLatin1String("id"), id.isUndefined() ? QJsonValue() : id);
    return encode(object);
}
