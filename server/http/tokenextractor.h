#pragma once

#include "httprequest.h"

#include <QByteArray>

namespace SignalGate::Server {

// Finds the access token of a WebSocket upgrade (PROTOCOL.md section 3):
// "Authorization: Bearer <t>", then a "bearer.<t>" subprotocol offer, then
// "?token=<t>". Every place is looked at, so a request that carries two
// different tokens is caught rather than silently resolved by order.
struct ExtractedToken
{
    enum class Status {
        Missing,   // no token anywhere, or only empty ones: "Authentication required"
        Found,
        Conflict,   // two different tokens: "Invalid or expired token"
    };
    Status status = Status::Missing;
    QByteArray token;
};

namespace TokenExtractor {
ExtractedToken extract(const HttpRequest &request);
}

}   // namespace SignalGate::Server
