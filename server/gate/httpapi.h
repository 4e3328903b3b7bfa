#pragma once

#include "addresskey.h"
#include "httprequest.h"
#include "httpresponse.h"
#include "loginqueue.h"
#include "ratelimiter.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <optional>

class AccessTokenVerifier;
class AuditLog;
class IncomingConnection;
class RevocationList;
struct AccessTokenClaims;
struct Signal;
class Metrics;
class OperationsApi;
class OriginPolicy;
class RefreshStore;
class TokenIssuer;
class UserStore;

// The HTTP face of the port: /auth/login, /auth/refresh, /auth/logout,
// /admin/revoke, /signals, /healthz, /readyz, /metrics (with a token of scope
// admin or metrics) and, in dev mode only, /dev/token.
// Password checks (PBKDF2, ~0.1 s) go through the bounded LoginQueue so they
// never stall the signal stream nor pile up under a flood. Failed logins are
// limited per (IP, user name) and per user name from any IP; only one check
// per pair runs at a time, so parallel guesses cannot slip past the limit
// while earlier ones are hashed.
class HttpApi : public QObject
{
    Q_OBJECT
public:
    struct Services
    {
        UserStore *users = nullptr;
        RefreshStore *refreshTokens = nullptr;
        const TokenIssuer *issuer = nullptr;
        const OriginPolicy *origins = nullptr;
        AuditLog *audit = nullptr;
        Metrics *metrics = nullptr;
        const AccessTokenVerifier *verifier = nullptr;
        RevocationList *revocations = nullptr;
        std::function<quint64(Signal)> publish;     // returns the seq given
        const OperationsApi *operations = nullptr;  // /healthz, /readyz, /metrics
    };

    struct Settings
    {
        bool devMode = false;
        RateLimit loginRate;        // failed logins per (IP, user name)
        RateLimit loginRateUser;    // failed logins per user name, any IP
        qsizetype rateTableMax = RateLimiter::DefaultMaxKeys;
        LoginQueue::Limits loginQueue;
        AddressKey addressKey;
        // False with --metrics-listen: /metrics lives there only (404 here).
        bool metricsHere = true;
    };

    HttpApi(Services services, Settings settings, const SignalGate::Clock &clock, QObject *parent = nullptr);
    ~HttpApi() override;

    const RateLimiter &loginLimiter() const { return m_loginLimiter; }
    const RateLimiter &userLoginLimiter() const { return m_userLoginLimiter; }
    const LoginQueue &loginQueue() const { return m_loginQueue; }

    void handle(IncomingConnection *connection, const HttpRequest &request);

Q_SIGNALS:
    // Revocations the open connections must follow (close 1008 "Token revoked").
    void tokenRevoked(const QString &jwtId);
    void familyRevoked(const QString &family);
    void subjectRevoked(const QString &subject);

private:
    using Respond = std::function<void(const HttpResponse &)>;

    struct Call
    {
        const HttpRequest &request;
        QHostAddress peer;
        Respond respond;
        const IncomingConnection *connection;
    };

    void login(const Call &call);
    void refresh(const Call &call);
    void devToken(const Call &call);
    void metrics(const Call &call);
    void logout(const Call &call);
    void adminRevoke(const Call &call);
    void publishSignal(const Call &call);
    // The verified, unrevoked claims of the request's Bearer token, or nullopt
    // after answering 401 itself.
    std::optional<AccessTokenClaims> authenticate(const Call &call);
    HttpResponse tokenPair(const QString &user, const QString &scope, const QString &family,
                           const QByteArray &refreshToken, qint64 refreshExpiresAt);

    Services m_services;
    bool m_devMode;
    bool m_metricsHere;
    AddressKey m_addressKey;
    const SignalGate::Clock &m_clock;
    RateLimiter m_loginLimiter;
    RateLimiter m_userLoginLimiter;
    QSet<QByteArray> m_loginsInFlight;
    LoginQueue m_loginQueue;
};
