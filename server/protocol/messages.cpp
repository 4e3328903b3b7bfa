#include "messages.h"

#include <QJsonDocument>

namespace SignalGate::Protocol {

QByteArray Messages::encode(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

}   // namespace SignalGate::Protocol
