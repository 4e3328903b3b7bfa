#pragma once

#include "authendpoints.h"
#include "clock.h"
#include "httpcall.h"
#include "httprequest.h"
#include "httpresponse.h"

#include <QList>
#include <QObject>

#include <functional>
#include <memory>

namespace SignalGate::Jose {
class AccessTokenVerifier;
class TokenIssuer;
}   // namespace SignalGate::Jose

namespace SignalGate::Server {

class AdminEndpoints;
class AuditLog;
class BearerAuth;
class Broker;
class DevEndpoints;
class IncomingConnection;
class Metrics;
class OperationsApi;
class OriginPolicy;
class RefreshStore;
class RevocationList;
class SignalEndpoints;
class UserStore;

// The HTTP face of the port: a router over small endpoint groups.
//  - AuthEndpoints: /auth/login, /auth/refresh, /auth/logout;
//  - AdminEndpoints: /admin/revoke, /metrics (with a token of scope admin or
//    metrics);
//  - SignalEndpoints: /signals;
//  - OperationsApi: /healthz, /readyz;
//  - DevEndpoints: /dev/token, in dev mode only.
// The router answers what no endpoint should have to: CORS, a second
// Authorization header, unknown paths (404) and wrong methods (405).
class HttpApi : public QObject
{
    Q_OBJECT
public:
    struct Services
    {
        UserStore *users = nullptr;
        RefreshStore *refreshTokens = nullptr;
        const Jose::TokenIssuer *issuer = nullptr;
        const OriginPolicy *origins = nullptr;
        AuditLog *audit = nullptr;
        Metrics *metrics = nullptr;
        const Jose::AccessTokenVerifier *verifier = nullptr;
        RevocationList *revocations = nullptr;
        Broker *broker = nullptr;
        const OperationsApi *operations = nullptr;   // /healthz, /readyz, /metrics
    };

    struct Settings
    {
        bool devMode = false;
        AuthEndpoints::Settings login;
        // False with --metrics-listen: /metrics lives there only (404 here).
        bool metricsHere = true;
    };

    HttpApi(Services services, Settings settings, const SignalGate::Clock &clock, QObject *parent = nullptr);
    ~HttpApi() override;

    const LimiterStore &loginLimiter() const;
    const LimiterStore &userLoginLimiter() const;
    const LoginQueue &loginQueue() const;

    void handle(IncomingConnection *connection, const HttpRequest &request);

Q_SIGNALS:
    // Revocations the open connections must follow (close 1008 "Token revoked").
    void tokenRevoked(const QString &jwtId, qint64 expiresAt);
    void familyRevoked(const QString &family);
    void subjectRevoked(const QString &subject, qint64 revokedAt);

private:
    struct Route
    {
        const char *path;
        const char *method;
        std::function<void(const HttpCall &)> handler;
    };

    const OriginPolicy *m_origins;
    const OperationsApi *m_operations;
    std::unique_ptr<BearerAuth> m_bearer;
    std::unique_ptr<AuthEndpoints> m_auth;
    std::unique_ptr<AdminEndpoints> m_admin;
    std::unique_ptr<SignalEndpoints> m_signals;
    std::unique_ptr<DevEndpoints> m_dev;
    QList<Route> m_routes;   // only the endpoints this server offers
};

}   // namespace SignalGate::Server
