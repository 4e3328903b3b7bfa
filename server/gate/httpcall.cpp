#include "httpcall.h"

#include <QJsonDocument>

namespace SignalGate::Server {

std::optional<QJsonObject> HttpCall::jsonBody(bool emptyIsObject) const
{
    if (emptyIsObject && request.body.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

HttpResponse HttpCall::badJson()
{
    return HttpResponse::error(400, "bad_request", QStringLiteral("Expected a JSON object body"));
}

}   // namespace SignalGate::Server
