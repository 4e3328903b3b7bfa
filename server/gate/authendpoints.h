#pragma once

#include "addresskey.h"
#include "clock.h"
#include "httpcall.h"
#include "limiterstore.h"
#include "loginqueue.h"
#include "ratelimit.h"

#include <QObject>
#include <QSet>

#include <memory>

namespace SignalGate::Jose {
class TokenIssuer;
}

namespace SignalGate::Server {

class AuditLog;
class BearerAuth;
class Metrics;
class RefreshStore;
class RevocationList;
class UserStore;

// POST /auth/login, /auth/refresh and /auth/logout (PROTOCOL.md section 7).
// Password checks (PBKDF2, ~0.1 s) go through the bounded LoginQueue so they
// never stall the signal stream nor pile up under a flood. Failed logins are
// limited per (IP, user name) and per user name from any IP; only one check
// per pair runs at a time, so parallel guesses cannot slip past the limit
// while earlier ones are hashed.
class AuthEndpoints : public QObject
{
    Q_OBJECT
public:
    struct Services
    {
        UserStore *users = nullptr;
        RefreshStore *refreshTokens = nullptr;
        const Jose::TokenIssuer *issuer = nullptr;
        RevocationList *revocations = nullptr;
        const BearerAuth *bearer = nullptr;
        AuditLog *audit = nullptr;
        Metrics *metrics = nullptr;
    };
    struct Settings
    {
        RateLimit loginRate;       // failed logins per (IP, user name)
        RateLimit loginRateUser;   // failed logins per user name, any IP
        qsizetype rateTableMax = RateLimiter::DefaultMaxKeys;
        LimiterFactory limiters;   // unset: this process' own buckets
        LoginQueue::Limits loginQueue;
        AddressKey addressKey;
        // Set and not empty: why logins and refreshes must wait (503 + Retry-After).
        std::function<QString()> unavailable;
    };

    AuthEndpoints(const Services &services, const Settings &settings, const SignalGate::Clock &clock,
                  QObject *parent = nullptr);

    void login(const HttpCall &call);
    void refresh(const HttpCall &call);
    void logout(const HttpCall &call);

    const LimiterStore &loginLimiter() const { return *m_loginLimiter; }
    const LimiterStore &userLoginLimiter() const { return *m_userLoginLimiter; }
    const LoginQueue &loginQueue() const { return m_loginQueue; }

    // A server configured with only the public key verifies tokens but cannot mint them.
    static HttpResponse cannotIssue();

Q_SIGNALS:
    void tokenRevoked(const QString &jwtId, qint64 expiresAt);
    void familyRevoked(const QString &family);

private:
    // A login between its parse and its password check.
    struct LoginAttempt
    {
        QString user;
        QByteArray password;
        QHostAddress peer;
        QByteArray addressKey;
        QByteArray limitKey;   // address and user name
        QByteArray userKey;
        HttpCall::Respond respond;
    };
    void checkPassword(const LoginAttempt &attempt, const IncomingConnection *connection,
                       const LimiterStore::Decision &fromHere, const LimiterStore::Decision &anywhere);
    HttpResponse tokenPair(const QString &user, const QString &scope, const QString &family,
                           const QByteArray &refreshToken, qint64 refreshExpiresAt);

    Services m_services;
    AddressKey m_addressKey;
    std::function<QString()> m_unavailable;
    const SignalGate::Clock &m_clock;
    std::unique_ptr<LimiterStore> m_loginLimiter;
    std::unique_ptr<LimiterStore> m_userLoginLimiter;
    QSet<QByteArray> m_loginsInFlight;
    LoginQueue m_loginQueue;
};

}   // namespace SignalGate::Server
