#include "httpapi.h"

#include "auth/passwordhasher.h"
#include "auth/refreshstore.h"
#include "auth/tokenissuer.h"
#include "auth/userstore.h"
#include "core/logging.h"
#include "incomingconnection.h"

#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent/QtConcurrentRun>

namespace {

std::optional<QJsonObject> jsonBody(const HttpRequest &request)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

HttpResponse badJson()
{
    return HttpResponse::error(400, "bad_request", QStringLiteral("Expected a JSON object body"));
}

HttpResponse invalidGrant()
{
    return HttpResponse::error(401, "invalid_grant", QStringLiteral("Refresh token is not valid"))
            .withHeader("WWW-Authenticate", "Bearer");
}

} // namespace

HttpApi::HttpApi(Services services, bool devMode, Clock clock, QObject *parent)
    : QObject(parent), m_services(services), m_devMode(devMode), m_clock(std::move(clock))
{
}

void HttpApi::handle(IncomingConnection *connection, const HttpRequest &request)
{
    // The connection may be gone (peer hung up) by the time an async answer is ready.
    QPointer<IncomingConnection> guard(connection);
    Respond respond = [guard](const HttpResponse &response) {
        if (guard)
            guard->respond(response);
    };
    qCDebug(lcHttp).noquote() << request.method << request.redactedTarget() << "from" << connection->peerAddress();

    struct Route
    {
        const char *path;
        const char *method;
        void (HttpApi::*handler)(const HttpRequest &, Respond);
    };
    static constexpr Route routes[] = {
        {"/auth/login", "POST", &HttpApi::login},
        {"/auth/refresh", "POST", &HttpApi::refresh},
        {"/dev/token", "POST", &HttpApi::devToken},
    };

    if (request.path == QLatin1String("/healthz")) {
        if (request.method != "GET" && request.method != "HEAD")
            return respond(HttpResponse::error(405, "method_not_allowed", QStringLiteral("Use GET")).withHeader("Allow", "GET, HEAD"));
        return respond(HttpResponse::text(200, "ok"));
    }
    if (request.path == QLatin1String("/ws")) {
        return respond(HttpResponse::error(426, "upgrade_required", QStringLiteral("Open /ws as a WebSocket"))
                               .withHeader("Upgrade", "websocket"));
    }
    for (const Route &route : routes) {
        if (request.path != QLatin1String(route.path))
            continue;
        if (route.handler == &HttpApi::devToken && !m_devMode)
            break;  // not a hint that it exists: same 404 as any unknown path
        if (request.method != route.method)
            return respond(HttpResponse::error(405, "method_not_allowed", QStringLiteral("Use %1").arg(QLatin1String(route.method)))
                                   .withHeader("Allow", route.method));
        return (this->*route.handler)(request, respond);
    }
    respond(HttpResponse::error(404, "not_found", QStringLiteral("No such endpoint")));
}

void HttpApi::login(const HttpRequest &request, Respond respond)
{
    const auto body = jsonBody(request);
    if (!body)
        return respond(badJson());
    const QString user = body->value(QLatin1String("username")).toString();
    const QByteArray password = body->value(QLatin1String("password")).toString().toUtf8();
    if (user.isEmpty() || password.isEmpty())
        return respond(HttpResponse::error(400, "bad_request", QStringLiteral("username and password are required")));

    const std::optional<UserRecord> record = UserStore::isValidName(user) ? m_services.users->find(user) : std::nullopt;
    // Unknown users are checked against a dummy hash so the answer takes as long.
    const QByteArray hash = record ? record->passwordHash : PasswordHasher::dummyHash();
    const QString scope = record ? record->scope : QString();

    auto *watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcher<bool>::finished, this, [=] {
        watcher->deleteLater();
        if (!record || !watcher->result()) {
            // A password typed into the name field must not reach the log.
            qCInfo(lcHttp).noquote() << "login failed for"
                                     << (UserStore::isValidName(user) ? user : QStringLiteral("<invalid user name>"));
            Q_EMIT loginFailed(user);
            return respond(HttpResponse::error(401, "invalid_credentials", QStringLiteral("Wrong user name or password"))
                                   .withHeader("WWW-Authenticate", "Bearer"));
        }
        const RefreshStore::Issued refresh = m_services.refreshTokens->startFamily(user, m_clock());
        Q_EMIT loginSucceeded(user);
        respond(tokenPair(user, scope, refresh.family, refresh.token, refresh.expiresAt));
    });
    watcher->setFuture(QtConcurrent::run([password, hash] { return PasswordHasher::verify(password, hash); }));
}

void HttpApi::refresh(const HttpRequest &request, Respond respond)
{
    const auto body = jsonBody(request);
    if (!body)
        return respond(badJson());
    const QByteArray presented = body->value(QLatin1String("refresh_token")).toString().toLatin1();
    if (presented.isEmpty())
        return respond(HttpResponse::error(400, "bad_request", QStringLiteral("refresh_token is required")));

    const RefreshStore::Rotation rotation = m_services.refreshTokens->rotate(presented, m_clock());
    switch (rotation.outcome) {
    case RefreshStore::Outcome::Rotated:
        break;
    case RefreshStore::Outcome::Reused:
        qCWarning(lcAuth).noquote() << "refresh token reuse: family" << rotation.family << "of" << rotation.subject << "revoked";
        Q_EMIT refreshReused(rotation.family);
        return respond(invalidGrant());
    case RefreshStore::Outcome::StorageError:
        return respond(HttpResponse::error(503, "unavailable", QStringLiteral("Token storage failed; try again")));
    default:
        return respond(invalidGrant());
    }
    const std::optional<UserRecord> record = m_services.users->find(rotation.subject);
    if (!record) {
        // The user was deleted: its sessions end with its tokens.
        m_services.refreshTokens->revokeFamily(rotation.family, m_clock());
        return respond(invalidGrant());
    }
    respond(tokenPair(record->name, record->scope, rotation.family, rotation.next.token, rotation.next.expiresAt));
}

void HttpApi::devToken(const HttpRequest &request, Respond respond)
{
    const auto body = request.body.trimmed().isEmpty() ? std::optional<QJsonObject>(QJsonObject()) : jsonBody(request);
    if (!body)
        return respond(badJson());
    QJsonObject overrides = *body;
    const QJsonObject header = overrides.take(QLatin1String("$header")).toObject();
    const QJsonValue ttl = overrides.take(QLatin1String("$ttl"));

    const qint64 now = m_clock();
    const QString subject = overrides.value(QLatin1String("sub")).toString(QStringLiteral("demo"));
    const std::optional<UserRecord> record = m_services.users->find(subject);
    QJsonObject claims = m_services.issuer->defaultClaims(subject, record ? record->scope : QString(), now);
    if (ttl.isDouble())
        claims.insert(QLatin1String("exp"), now + qint64(ttl.toDouble()));
    for (auto it = overrides.constBegin(); it != overrides.constEnd(); ++it) {
        if (it.value().isNull())
            claims.remove(it.key());
        else
            claims.insert(it.key(), it.value());
    }
    const QByteArray token = m_services.issuer->signer().sign(claims, header);
    QJsonObject answer{{QLatin1String("access_token"), QString::fromLatin1(token)},
                       {QLatin1String("token_type"), QStringLiteral("Bearer")}};
    if (claims.value(QLatin1String("exp")).isDouble())
        answer.insert(QLatin1String("expires_in"), qint64(claims.value(QLatin1String("exp")).toDouble()) - now);
    respond(HttpResponse::json(200, answer));
}

HttpResponse HttpApi::tokenPair(const QString &user, const QString &scope, const QString &family,
                                const QByteArray &refreshToken, qint64 refreshExpiresAt)
{
    const qint64 now = m_clock();
    const TokenIssuer::Issued access = m_services.issuer->issue(user, scope, family, now);
    return HttpResponse::json(200, {{QLatin1String("access_token"), QString::fromLatin1(access.token)},
                                    {QLatin1String("token_type"), QStringLiteral("Bearer")},
                                    {QLatin1String("expires_in"), access.expiresAt - now},
                                    {QLatin1String("refresh_token"), QString::fromLatin1(refreshToken)},
                                    {QLatin1String("refresh_expires_in"), refreshExpiresAt - now}});
}
