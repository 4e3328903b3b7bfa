#include "originpolicy.h"

namespace SignalGate::Server {

OriginPolicy::OriginPolicy(QStringList allowed) : m_allowed(std::move(allowed)) {}

bool OriginPolicy::allows(const HttpRequest &request) const
{
    const QList<QByteArray> origins = request.headerValues("origin");
    if (origins.isEmpty())
        return true;
    return origins.size() == 1 && m_allowed.contains(QString::fromLatin1(origins.first()));
}

void OriginPolicy::addCorsHeaders(const HttpRequest &request, HttpResponse &response) const
{
    const QList<QByteArray> origins = request.headerValues("origin");
    if (origins.size() != 1 || !m_allowed.contains(QString::fromLatin1(origins.first())))
        return;
    response.withHeader("Access-Control-Allow-Origin", origins.first())
            .withHeader("Vary", "Origin")
            .withHeader("Access-Control-Allow-Methods", "GET, POST")
            .withHeader("Access-Control-Allow-Headers", "Authorization, Content-Type")
            .withHeader("Access-Control-Max-Age", "600");
}

bool OriginPolicy::isCorsPreflight(const HttpRequest &request) const
{
    return request.method == "OPTIONS" && request.hasHeader("access-control-request-method");
}

}   // namespace SignalGate::Server
