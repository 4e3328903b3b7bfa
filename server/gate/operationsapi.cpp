#include "operationsapi.h"

#include "incomingconnection.h"
#include "metrics.h"

namespace SignalGate::Server {

OperationsApi::OperationsApi(const Metrics *metrics, Readiness readiness, QObject *parent)
    : QObject(parent)
    , m_metrics(metrics)
    , m_readiness(std::move(readiness))
{}

std::optional<HttpResponse> OperationsApi::answer(const HttpRequest &request) const
{
    const bool healthz = request.path == QLatin1String("/healthz");
    const bool readyz = request.path == QLatin1String("/readyz");
    const bool metrics = request.path == QLatin1String("/metrics");
    if (!healthz && !readyz && !metrics)
        return std::nullopt;
    if (request.method != "GET" && request.method != "HEAD")
        return HttpResponse::error(405, "method_not_allowed", QStringLiteral("Use GET"))
                .withHeader("Allow", "GET, HEAD");
    if (healthz)
        return HttpResponse::text(200, "ok");
    if (readyz) {
        const QString reason = m_readiness();
        return reason.isEmpty() ? HttpResponse::text(200, "ready")
                                : HttpResponse::text(503, reason.toUtf8()).withHeader("Retry-After", "5");
    }
    HttpResponse response = HttpResponse::text(200, m_metrics->render());
    response.contentType = "text/plain; version=0.0.4; charset=utf-8";
    return response;
}

void OperationsApi::handle(IncomingConnection *connection, const HttpRequest &request)
{
    const std::optional<HttpResponse> response = answer(request);
    connection->respond(
            response ? *response
                     : HttpResponse::error(404, "not_found",
                                           QStringLiteral("This port serves /metrics, /healthz and /readyz")));
}

}   // namespace SignalGate::Server
