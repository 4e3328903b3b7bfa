#include "httpapi.h"

#include "auth/accesstokenverifier.h"
#include "auth/passwordhasher.h"
#include "auth/revocationlist.h"
#include "feed/signal.h"
#include "protocol/clientmessage.h"
#include "auth/refreshstore.h"
#include "auth/tokenissuer.h"
#include "auth/userstore.h"
#include "core/logging.h"
#include "incomingconnection.h"
#include "observe/auditlog.h"
#include "observe/metrics.h"
#include "originpolicy.h"

#include <QDateTime>
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

// A server configured with only the public key verifies tokens but cannot mint them.
HttpResponse cannotIssue()
{
    return HttpResponse::error(503, "cannot_issue",
                               QStringLiteral("This server only verifies tokens (no signing key configured); "
                                              "get tokens from the issuing server"));
}

HttpResponse invalidGrant()
{
    return HttpResponse::error(401, "invalid_grant", QStringLiteral("Refresh token is not valid"))
            .withHeader("WWW-Authenticate", "Bearer");
}

} // namespace

HttpApi::HttpApi(Services services, bool devMode, RateLimit loginRate, qsizetype rateTableMax, Clock clock,
                 QObject *parent)
    : QObject(parent),
      m_services(services),
      m_devMode(devMode),
      m_clock(std::move(clock)),
      m_loginLimiter(loginRate, rateTableMax)
{
}

HttpApi::~HttpApi()
{
    m_hashingPool.waitForDone();
}

void HttpApi::handle(IncomingConnection *connection, const HttpRequest &request)
{
    // The connection may be gone (peer hung up) by the time an async answer is ready.
    QPointer<IncomingConnection> guard(connection);
    const OriginPolicy *origins = m_services.origins;
    Respond respond = [guard, origins, request](const HttpResponse &response) {
        if (!guard)
            return;
        HttpResponse withCors = response;
        origins->addCorsHeaders(request, withCors);
        guard->respond(withCors);
    };
    qCDebug(lcHttp).noquote() << request.method << request.redactedTarget() << "from" << connection->peerAddress().toString();

    struct Route
    {
        const char *path;
        const char *method;
        void (HttpApi::*handler)(const Call &);
    };
    static constexpr Route routes[] = {
        {"/auth/login", "POST", &HttpApi::login},
        {"/auth/refresh", "POST", &HttpApi::refresh},
        {"/auth/logout", "POST", &HttpApi::logout},
        {"/admin/revoke", "POST", &HttpApi::adminRevoke},
        {"/signals", "POST", &HttpApi::publishSignal},
        {"/metrics", "GET", &HttpApi::metrics},
        {"/dev/token", "POST", &HttpApi::devToken},
    };

    if (origins->isCorsPreflight(request))
        return respond(HttpResponse::noContent());
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
        return (this->*route.handler)({request, connection->peerAddress(), respond});
    }
    respond(HttpResponse::error(404, "not_found", QStringLiteral("No such endpoint")));
}

void HttpApi::metrics(const Call &call)
{
    HttpResponse response = HttpResponse::text(200, m_services.metrics->render());
    response.contentType = "text/plain; version=0.0.4; charset=utf-8";
    call.respond(response);
}

void HttpApi::login(const Call &call)
{
    const Respond respond = call.respond;
    // Before the password hash: nothing it could lead to can be issued.
    if (!m_services.issuer->canSign())
        return respond(cannotIssue());
    const auto body = jsonBody(call.request);
    if (!body)
        return respond(badJson());
    const QString user = body->value(QLatin1String("username")).toString();
    const QByteArray password = body->value(QLatin1String("password")).toString().toUtf8();
    if (user.isEmpty() || password.isEmpty())
        return respond(HttpResponse::error(400, "bad_request", QStringLiteral("username and password are required")));

    const QHostAddress peer = call.peer;
    const QByteArray limitKey = peer.toString().toUtf8() + '\n' + user.toUtf8();
    const RateLimiter::Decision allowed = m_loginLimiter.check(limitKey);
    if (!allowed.allowed || m_loginsInFlight.contains(limitKey)) {
        const qint64 retryAfter = qMax<qint64>(1, (allowed.retryAfterMs + 999) / 1000);
        m_services.metrics->countRateLimitRejection(QStringLiteral("login"));
        m_services.audit->record({QStringLiteral("ratelimit.login"), peer, {}, {}, QStringLiteral("login_rate"), 429});
        return respond(HttpResponse::error(429, "rate_limited", QStringLiteral("Too many failed logins; try later"))
                               .withHeader("Retry-After", QByteArray::number(retryAfter)));
    }

    const std::optional<UserRecord> record = UserStore::isValidName(user) ? m_services.users->find(user) : std::nullopt;
    // Unknown users are checked against a dummy hash so the answer takes as long.
    const QByteArray hash = record ? record->passwordHash : PasswordHasher::dummyHash();
    const QString scope = record ? record->scope : QString();

    m_loginsInFlight.insert(limitKey);
    auto *watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcher<bool>::finished, this, [=] {
        watcher->deleteLater();
        m_loginsInFlight.remove(limitKey);
        if (!record || !watcher->result()) {
            m_loginLimiter.take(limitKey);
            m_services.metrics->countLoginFailure();
            // Only names of real users are logged: a password typed into the
            // name field must not reach the log.
            m_services.audit->record({QStringLiteral("login.failure"), peer, record ? user : QString(), {},
                                      record ? QStringLiteral("wrong_password") : QStringLiteral("unknown_user"), 401});
            qCInfo(lcHttp).noquote() << "login failed for" << (record ? user : QStringLiteral("<unknown user>"))
                                     << "from" << peer.toString();
            return respond(HttpResponse::error(401, "invalid_credentials", QStringLiteral("Wrong user name or password"))
                                   .withHeader("WWW-Authenticate", "Bearer"));
        }
        const RefreshStore::Issued refresh = m_services.refreshTokens->startFamily(user, m_clock());
        if (refresh.token.isEmpty())
            return respond(HttpResponse::error(503, "unavailable", QStringLiteral("Token storage failed; try again")));
        m_services.audit->record({QStringLiteral("login.success"), peer, user, {}, {}, 200});
        respond(tokenPair(user, scope, refresh.family, refresh.token, refresh.expiresAt));
    });
    watcher->setFuture(QtConcurrent::run(&m_hashingPool, [password, hash] { return PasswordHasher::verify(password, hash); }));
}

void HttpApi::refresh(const Call &call)
{
    const Respond &respond = call.respond;
    // Before the rotation: a refresh token spent for nothing would end the session.
    if (!m_services.issuer->canSign())
        return respond(cannotIssue());
    const auto body = jsonBody(call.request);
    if (!body)
        return respond(badJson());
    const QByteArray presented = body->value(QLatin1String("refresh_token")).toString().toLatin1();
    if (presented.isEmpty())
        return respond(HttpResponse::error(400, "bad_request", QStringLiteral("refresh_token is required")));

    const RefreshStore::Rotation rotation = m_services.refreshTokens->rotate(presented, m_clock());
    auto fail = [&](const QString &reason) {
        m_services.audit->record({QStringLiteral("refresh.failure"), call.peer, rotation.subject, {}, reason, 401});
        respond(invalidGrant());
    };
    switch (rotation.outcome) {
    case RefreshStore::Outcome::Rotated:
        break;
    case RefreshStore::Outcome::Reused:
        qCWarning(lcAuth).noquote() << "refresh token reuse: a family of" << rotation.subject << "was revoked";
        m_services.audit->record({QStringLiteral("token.revoked"), call.peer, rotation.subject, {},
                                  QStringLiteral("refresh_reuse"), 0});
        Q_EMIT familyRevoked(rotation.family);
        return fail(QStringLiteral("reused"));
    case RefreshStore::Outcome::StorageError:
        return respond(HttpResponse::error(503, "unavailable", QStringLiteral("Token storage failed; try again")));
    case RefreshStore::Outcome::Expired:
        return fail(QStringLiteral("expired"));
    case RefreshStore::Outcome::FamilyRevoked:
        return fail(QStringLiteral("revoked"));
    case RefreshStore::Outcome::Unknown:
        return fail(QStringLiteral("unknown"));
    }
    const std::optional<UserRecord> record = m_services.users->find(rotation.subject);
    if (!record) {
        // The user was deleted: its sessions end with its tokens.
        m_services.refreshTokens->revokeFamily(rotation.family, m_clock());
        return fail(QStringLiteral("unknown_user"));
    }
    m_services.audit->record({QStringLiteral("refresh.success"), call.peer, record->name, {}, {}, 200});
    respond(tokenPair(record->name, record->scope, rotation.family, rotation.next.token, rotation.next.expiresAt));
}

void HttpApi::devToken(const Call &call)
{
    const HttpRequest &request = call.request;
    const Respond &respond = call.respond;
    if (!m_services.issuer->canSign())
        return respond(cannotIssue());
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

std::optional<AccessTokenClaims> HttpApi::authenticate(const Call &call)
{
    const QByteArray header = call.request.header("authorization");
    const qsizetype space = header.indexOf(' ');
    const bool bearer = space > 0 && header.left(space).toLower() == "bearer";
    const QByteArray token = bearer ? header.mid(space + 1).trimmed() : QByteArray();
    AccessTokenResult result = m_services.verifier->verify(token, m_clock());
    if (result.ok() && m_services.revocations->isRevoked(result.claims))
        result.failure = TokenFailure::Revoked;
    if (result.ok())
        return result.claims;
    const QString reason = tokenFailureReason(result.failure);
    m_services.metrics->countAuthFailure(reason);
    m_services.audit->record({QStringLiteral("auth.failure"), call.peer, {}, {}, reason, 401});
    call.respond(HttpResponse::error(401, "invalid_token",
                                     token.isEmpty() ? QStringLiteral("A Bearer access token is required")
                                                     : QStringLiteral("The access token was refused"))
                         .withHeader("WWW-Authenticate", token.isEmpty() ? "Bearer" : "Bearer error=\"invalid_token\""));
    return std::nullopt;
}

void HttpApi::logout(const Call &call)
{
    const std::optional<AccessTokenClaims> claims = authenticate(call);
    if (!claims)
        return;
    const qint64 now = m_clock();
    QStringList families;
    if (!claims->family.isEmpty())
        families.append(claims->family);
    const auto body = call.request.body.trimmed().isEmpty() ? std::optional<QJsonObject>(QJsonObject()) : jsonBody(call.request);
    if (!body)
        return call.respond(badJson());
    const QByteArray refreshToken = body->value(QLatin1String("refresh_token")).toString().toLatin1();
    if (!refreshToken.isEmpty()) {
        const RefreshStore::Owner owner = m_services.refreshTokens->ownerOf(refreshToken);
        // Only one's own family: a stolen access token must not end someone else's session.
        if (owner.subject == claims->subject && !families.contains(owner.family))
            families.append(owner.family);
    }
    if (!m_services.revocations->revokeToken(claims->jwtId, claims->expiresAt, now))
        return call.respond(HttpResponse::error(503, "unavailable", QStringLiteral("Revocation storage failed; try again")));
    for (const QString &family : std::as_const(families))
        m_services.refreshTokens->revokeFamily(family, now);
    m_services.audit->record({QStringLiteral("token.revoked"), call.peer, claims->subject, {}, QStringLiteral("logout"), 204});
    Q_EMIT tokenRevoked(claims->jwtId);
    for (const QString &family : std::as_const(families))
        Q_EMIT familyRevoked(family);
    call.respond(HttpResponse::noContent());
}

void HttpApi::adminRevoke(const Call &call)
{
    const std::optional<AccessTokenClaims> claims = authenticate(call);
    if (!claims)
        return;
    if (!claims->hasScope(QStringLiteral("admin")))
        return call.respond(HttpResponse::error(403, "forbidden", QStringLiteral("Revoking needs the scope admin")));
    const auto body = jsonBody(call.request);
    if (!body)
        return call.respond(badJson());
    const QString subject = body->value(QLatin1String("sub")).toString();
    if (subject.isEmpty() || subject.size() > 256)
        return call.respond(HttpResponse::error(400, "bad_request", QStringLiteral("\"sub\" must name a user")));
    if (!m_services.revocations->revokeSubject(subject, m_clock()))
        return call.respond(HttpResponse::error(503, "unavailable", QStringLiteral("Revocation storage failed; try again")));
    m_services.audit->record({QStringLiteral("token.revoked"), call.peer, subject, {},
                              QStringLiteral("admin:") + claims->subject, 204});
    Q_EMIT subjectRevoked(subject);
    call.respond(HttpResponse::noContent());
}

void HttpApi::publishSignal(const Call &call)
{
    const std::optional<AccessTokenClaims> claims = authenticate(call);
    if (!claims)
        return;
    if (!claims->hasScope(QStringLiteral("signals:publish")))
        return call.respond(HttpResponse::error(403, "forbidden", QStringLiteral("Publishing needs the scope signals:publish")));
    const auto body = jsonBody(call.request);
    if (!body)
        return call.respond(badJson());
    const QString problem = ClientMessage::signalProblem(*body);
    if (!problem.isEmpty())
        return call.respond(HttpResponse::error(400, "bad_request", problem));
    const quint64 seq = m_services.publish(Signal::fromPublished(*body, QDateTime::currentMSecsSinceEpoch()));
    call.respond(HttpResponse::json(202, {{QLatin1String("seq"), qint64(seq)}}));
}
