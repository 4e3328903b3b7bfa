#pragma once

#include "httprequest.h"
#include "httpresponse.h"
#include "ratelimiter.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QThreadPool>

#include <functional>
#include <optional>

class AccessTokenVerifier;
class AuditLog;
class IncomingConnection;
class RevocationList;
struct AccessTokenClaims;
struct Signal;
class Metrics;
class OriginPolicy;
class RefreshStore;
class TokenIssuer;
class UserStore;

// The HTTP face of the port: /auth/login, /auth/refresh, /auth/logout,
// /admin/revoke, /signals, /healthz, /metrics and, in dev mode only, /dev/token. Password checks (PBKDF2, ~0.1 s) run on
// the global thread pool so they never stall the signal stream. Failed logins
// are limited per (IP, user name); only one check per pair runs at a time, so
// parallel guesses cannot slip past the limit while earlier ones are hashed.
class HttpApi : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>;  // Unix seconds

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
    };

    HttpApi(Services services, bool devMode, RateLimit loginRate, qsizetype rateTableMax, Clock clock,
            QObject *parent = nullptr);
    ~HttpApi() override;

    const RateLimiter &loginLimiter() const { return m_loginLimiter; }

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
    Clock m_clock;
    RateLimiter m_loginLimiter;
    QSet<QByteArray> m_loginsInFlight;
    // Our own pool rather than Qt's global one: its threads are joined when the
    // API is destroyed, so per-thread OpenSSL state is released with them, and
    // password hashing cannot starve other users of the global pool.
    QThreadPool m_hashingPool;
};
