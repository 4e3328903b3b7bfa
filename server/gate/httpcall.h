#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QHostAddress>
#include <QJsonObject>

#include <functional>
#include <optional>

namespace SignalGate::Server {

class IncomingConnection;

// One HTTP request on its way to its answer: what the router hands each
// endpoint. respond may be called late (after a password check); it does
// nothing once the client has gone.
struct HttpCall
{
    using Respond = std::function<void(const HttpResponse &)>;

    const HttpRequest &request;
    QHostAddress peer;
    Respond respond;
    const IncomingConnection *connection;

    // The body as a JSON object, std::nullopt when it is not one; with
    // emptyIsObject an empty body counts as {}.
    std::optional<QJsonObject> jsonBody(bool emptyIsObject = false) const;
    // The answer to a body that is not a JSON object.
    static HttpResponse badJson();
};

}   // namespace SignalGate::Server
