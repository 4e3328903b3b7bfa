#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QObject>
#include <QPointer>

#include <functional>

class IncomingConnection;
class RefreshStore;
class TokenIssuer;
class UserStore;

// The HTTP face of the port: /auth/login, /auth/refresh, /healthz and, in
// dev mode only, /dev/token. Password checks (PBKDF2, ~0.1 s) run on the
// global thread pool so they never stall the signal stream.
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
    };

    HttpApi(Services services, bool devMode, Clock clock, QObject *parent = nullptr);

    void handle(IncomingConnection *connection, const HttpRequest &request);

Q_SIGNALS:
    void loginSucceeded(const QString &user);
    void loginFailed(const QString &user);
    void refreshReused(const QString &family);

private:
    using Respond = std::function<void(const HttpResponse &)>;

    void login(const HttpRequest &request, Respond respond);
    void refresh(const HttpRequest &request, Respond respond);
    void devToken(const HttpRequest &request, Respond respond);
    HttpResponse tokenPair(const QString &user, const QString &scope, const QString &family,
                           const QByteArray &refreshToken, qint64 refreshExpiresAt);

    Services m_services;
    bool m_devMode;
    Clock m_clock;
};
