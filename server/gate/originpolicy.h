#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QStringList>

namespace SignalGate::Server {

// The Origin allow-list (PROTOCOL.md sections 1 and 3): exact, case-sensitive
// string match, no wildcards, no substrings. A request without Origin (a
// native client) passes; a request with one that is not listed, or with more
// than one Origin header, does not.
class OriginPolicy
{
public:
    explicit OriginPolicy(QStringList allowed);

    bool allows(const HttpRequest &request) const;
    // CORS headers for an allow-listed Origin; nothing for anyone else.
    void addCorsHeaders(const HttpRequest &request, HttpResponse &response) const;
    bool isCorsPreflight(const HttpRequest &request) const;

private:
    QStringList m_allowed;
};

}   // namespace SignalGate::Server
