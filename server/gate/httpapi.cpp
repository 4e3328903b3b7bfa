#include "httpapi.h"

#include "adminendpoints.h"
#include "bearerauth.h"
#include "devendpoints.h"
#include "incomingconnection.h"
#include "logging.h"
#include "operationsapi.h"
#include "originpolicy.h"
#include "signalendpoints.h"

#include <QPointer>

namespace SignalGate::Server {

HttpApi::HttpApi(Services services, Settings settings, const SignalGate::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_origins(services.origins)
    , m_operations(services.operations)
    , m_bearer(std::make_unique<BearerAuth>(*services.verifier, *services.revocations, services.metrics, services.audit,
                                            clock))
    , m_auth(std::make_unique<AuthEndpoints>(AuthEndpoints::Services{services.users, services.refreshTokens,
                                                                     services.issuer, services.revocations,
                                                                     m_bearer.get(), services.audit, services.metrics},
                                             settings.login, clock))
    , m_admin(std::make_unique<AdminEndpoints>(*m_bearer, *services.revocations, services.audit, *services.operations,
                                               clock))
    , m_signals(std::make_unique<SignalEndpoints>(*m_bearer, *services.broker, clock))
{
    connect(m_auth.get(), &AuthEndpoints::tokenRevoked, this, &HttpApi::tokenRevoked);
    connect(m_auth.get(), &AuthEndpoints::familyRevoked, this, &HttpApi::familyRevoked);
    connect(m_admin.get(), &AdminEndpoints::subjectRevoked, this, &HttpApi::subjectRevoked);

    const char *post = "POST";
    AuthEndpoints *auth = m_auth.get();
    AdminEndpoints *admin = m_admin.get();
    const SignalEndpoints *signalEndpoints = m_signals.get();
    m_routes = {
            {"/auth/login", post, [auth](const HttpCall &call) { auth->login(call); }},
            {"/auth/refresh", post, [auth](const HttpCall &call) { auth->refresh(call); }},
            {"/auth/logout", post, [auth](const HttpCall &call) { auth->logout(call); }},
            {"/admin/revoke", post, [admin](const HttpCall &call) { admin->revoke(call); }},
            {"/signals", post, [signalEndpoints](const HttpCall &call) { signalEndpoints->publish(call); }},
    };
    // Absent routes are not a hint that they exist: the same 404 as any unknown path.
    if (settings.metricsHere)
        m_routes.append({"/metrics", "GET", [admin](const HttpCall &call) { admin->metrics(call); }});
    if (settings.devMode) {
        m_dev = std::make_unique<DevEndpoints>(*services.issuer, *services.users, clock);
        const DevEndpoints *dev = m_dev.get();
        m_routes.append({"/dev/token", post, [dev](const HttpCall &call) { dev->token(call); }});
    }
}

HttpApi::~HttpApi() = default;

const LimiterStore &HttpApi::loginLimiter() const
{
    return m_auth->loginLimiter();
}

const LimiterStore &HttpApi::userLoginLimiter() const
{
    return m_auth->userLoginLimiter();
}

const LoginQueue &HttpApi::loginQueue() const
{
    return m_auth->loginQueue();
}

void HttpApi::handle(IncomingConnection *connection, const HttpRequest &request)
{
    // The connection may be gone (peer hung up) by the time an async answer is ready.
    QPointer<IncomingConnection> guard(connection);
    const OriginPolicy *origins = m_origins;
    HttpCall::Respond respond = [guard, origins, request](const HttpResponse &response) {
        if (!guard)
            return;
        HttpResponse withCors = response;
        origins->addCorsHeaders(request, withCors);
        guard->respond(withCors);
    };
    qCDebug(lcHttp).noquote() << request.method << request.redactedTarget() << "from"
                              << connection->peerAddress().toString();

    // The WebSocket path refuses two tokens with 1008; here the first one
    // alone must not decide who is calling either.
    if (request.headerValues("authorization").size() > 1)
        return respond(HttpResponse::error(400, "bad_request", QStringLiteral("More than one Authorization header")));
    if (origins->isCorsPreflight(request))
        return respond(HttpResponse::noContent());
    if (request.path == QLatin1String("/healthz") || request.path == QLatin1String("/readyz"))
        return respond(*m_operations->answer(request));
    if (request.path == QLatin1String("/ws")) {
        return respond(HttpResponse::error(426, "upgrade_required", QStringLiteral("Open /ws as a WebSocket"))
                               .withHeader("Upgrade", "websocket"));
    }
    for (const Route &route : std::as_const(m_routes)) {
        if (request.path != QLatin1String(route.path))
            continue;
        if (request.method != route.method)
            return respond(HttpResponse::error(405, "method_not_allowed",
                                               QStringLiteral("Use %1").arg(QLatin1String(route.method)))
                                   .withHeader("Allow", route.method));
        return route.handler({request, connection->peerAddress(), respond, connection});
    }
    respond(HttpResponse::error(404, "not_found", QStringLiteral("No such endpoint")));
}

}   // namespace SignalGate::Server
