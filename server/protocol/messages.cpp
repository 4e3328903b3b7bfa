#include "messages.h"

#include <QJsonDocument>

QByteArray Messages::encode(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
