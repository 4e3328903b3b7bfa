#include "httpapi.h"

#include "auth/accesstokenverifier.h"
#include "auth/revocationlist.h"
#include "feed/signal.h"
#include "clientmessage.h"
#include "jsonkeys.h"
#include "auth/refreshstore.h"
#include "auth/tokenissuer.h"
#include "auth/userstore.h"
#include "core/logging.h"
#include "incomingconnection.h"
#include "observe/auditlog.h"
#include "observe/metrics.h"
#include "operationsapi.h"
#include "originpolicy.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace Key = SignalGate::Protocol::Key;

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

HttpApi::HttpApi(Services services, Settings settings, const SignalGate::Clock &clock, QObject *parent)
    : QObject(parent),
      m_services(services),
      m_devMode(settings.devMode),
      m_metricsHere(settings.metricsHere),
      m_addressKey(settings.addressKey),
      m_clock(clock),
      m_loginLimiter(settings.loginRate, settings.rateTableMax, clock),
      m_userLoginLimiter(settings.loginRateUser, settings.rateTableMax, clock),
      m_loginQueue(settings.loginQueue)
{
}

HttpApi::~HttpApi() = default;

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

    // The WebSocket path refuses two tokens with 1008; here the first one
    // alone must not decide who is calling either.
    if (request.headerValues("authorization").size() > 1)
        return respond(HttpResponse::error(400, "bad_request", QStringLiteral("More than one Authorization header")));
    if (origins->isCorsPreflight(request))
        return respond(HttpResponse::noContent());
    if (request.path == QLatin1String("/healthz") || request.path == QLatin1String("/readyz"))
        return respond(*m_services.operations->answer(request));
    if (request.path == QLatin1String("/ws")) {
        return respond(HttpResponse::error(426, "upgrade_required", QStringLiteral("Open /ws as a WebSocket"))
                               .withHeader("Upgrade", "websocket"));
    }
    for (const Route &route : routes) {
        if (request.path != QLatin1String(route.path))
            continue;
        if ((route.handler == &HttpApi::devToken && !m_devMode) || (route.handler == &HttpApi::metrics && !m_metricsHere))
            break;  // not a hint that it exists: same 404 as any unknown path
        if (request.method != route.method)
            return respond(HttpResponse::error(405, "method_not_allowed", QStringLiteral("Use %1").arg(QLatin1String(route.method)))
                                   .withHeader("Allow", route.method));
        return (this->*route.handler)({request, connection->peerAddress(), respond, connection});
    }
    respond(HttpResponse::error(404, "not_found", QStringLiteral("No such endpoint")));
}

void HttpApi::metrics(const Call &call)
{
    // Counters of failures and limits tell an attacker what works: operators
    // only (PROTOCOL.md section 10.2).
    const std::optional<AccessTokenClaims> claims = authenticate(call);
    if (!claims)
        return;
    if (!claims->hasScope(QStringLiteral("admin")) && !claims->hasScope(QStringLiteral("metrics")))
        return call.respond(HttpResponse::error(403, "forbidden", QStringLiteral("Metrics need the scope admin or metrics")));
    call.respond(*m_services.operations->answer(call.request));
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
    const QString user = body->value(Key::Username).toString();
    const QByteArray password = body->value(Key::Password).toString().toUtf8();
    const QHostAddress peer = call.peer;
    auto refuseCredentials = [&](const QString &reason) {
        m_services.metrics->countLoginFailure();
        m_services.audit->record({QStringLiteral("login.failure"), peer, {}, {}, reason, 401});
        respond(HttpResponse::error(401, "invalid_credentials", QStringLiteral("Wrong user name or password"))
                        .withHeader("WWW-Authenticate", "Bearer"));
    };
    // A name no user can have is refused before it costs a hash or a limiter
    // key, and before it is used anywhere (PROTOCOL.md section 10.1).
    if (!UserStore::isValidName(user))
        return refuseCredentials(QStringLiteral("invalid_name"));
    if (password.isEmpty())
        return respond(HttpResponse::error(400, "bad_request", QStringLiteral("username and password are required")));

    const QByteArray userKey = user.toUtf8();
    const QByteArray addressKey = m_addressKey(peer);
    const QByteArray limitKey = addressKey + '\n' + userKey;
    const RateLimiter::Decision fromHere = m_loginLimiter.check(limitKey);
    const RateLimiter::Decision anywhere = m_userLoginLimiter.check(userKey);
    if (!fromHere.allowed || !anywhere.allowed || m_loginsInFlight.contains(limitKey)) {
        const qint64 waitMs = qMax(fromHere.retryAfterMs, anywhere.retryAfterMs);
        const qint64 retryAfter = qMax<qint64>(1, (waitMs + 999) / 1000);
        m_services.metrics->countRateLimitRejection(QStringLiteral("login"));
        m_services.audit->record({QStringLiteral("ratelimit.login"), peer, {}, {},
                                  anywhere.allowed ? QStringLiteral("login_rate") : QStringLiteral("login_rate_user"), 429});
        return respond(HttpResponse::error(429, "rate_limited", QStringLiteral("Too many failed logins; try later"))
                               .withHeader("Retry-After", QByteArray::number(retryAfter)));
    }

    const std::optional<UserRecord> record = m_services.users->find(user);
    const QString scope = record ? record->scope : QString();
    auto checked = [=](std::optional<bool> matches) {
        m_loginsInFlight.remove(limitKey);
        if (!matches) {
            // The client left before its check ran: nothing to answer, nothing learned.
            m_services.metrics->countLoginCheckDropped();
            return;
        }
        if (!record || !*matches) {
            m_loginLimiter.take(limitKey);
            m_userLoginLimiter.take(userKey);
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
        const RefreshStore::Issued refresh = m_services.refreshTokens->startFamily(user, m_clock.wallSeconds());
        if (refresh.token.isEmpty())
            return respond(HttpResponse::error(503, "unavailable", QStringLiteral("Token storage failed; try again")));
        m_services.audit->record({QStringLiteral("login.success"), peer, user, {}, {}, 200});
        respond(tokenPair(user, scope, refresh.family, refresh.token, refresh.expiresAt));
    };
    // Unknown users are checked against the dummy hash (empty here) so the answer takes as long.
    const LoginQueue::Admission admission = m_loginQueue.submit(
            addressKey, call.connection, password, record ? record->passwordHash : QByteArray(),
            checked);
    if (admission != LoginQueue::Admission::Queued) {
        m_services.metrics->countRateLimitRejection(QStringLiteral("login_queue"));
        m_services.audit->record({QStringLiteral("ratelimit.login"), peer, {}, {},
                                  admission == LoginQueue::Admission::Full ? QStringLiteral("login_queue_full")
                                                                           : QStringLiteral("login_queue_address"), 503});
        // One check takes about 0.1 s: a second is enough for the queue to move.
        return respond(HttpResponse::error(503, "busy", QStringLiteral("Too many logins in progress; try again shortly"))
                               .withHeader("Retry-After", "1"));
    }
    m_loginsInFlight.insert(limitKey);
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
    const QByteArray presented = body->value(Key::RefreshToken).toString().toLatin1();
    if (presented.isEmpty())
        return respond(HttpResponse::error(400, "bad_request", QStringLiteral("refresh_token is required")));

    const RefreshStore::Rotation rotation = m_services.refreshTokens->rotate(presented, m_clock.wallSeconds());
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
    case RefreshStore::Outcome::FamilyTooOld:
        return fail(QStringLiteral("max_age"));
    case RefreshStore::Outcome::FamilyRevoked:
        return fail(QStringLiteral("revoked"));
    case RefreshStore::Outcome::Unknown:
        return fail(QStringLiteral("unknown"));
    }
    const std::optional<UserRecord> record = m_services.users->find(rotation.subject);
    if (!record) {
        // The user was deleted: its sessions end with its tokens.
        m_services.refreshTokens->revokeFamily(rotation.family, m_clock.wallSeconds());
        return fail(QStringLiteral("unknown_user"));
    }
    m_services.audit->record({QStringLiteral("refresh.success"), call.peer, record->name, {},
                              rotation.repeated ? QStringLiteral("repeat_within_grace") : QString(), 200});
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

    const qint64 now = m_clock.wallSeconds();
    // Times far from now only ever test an overflow (PROTOCOL.md section 10.3).
    constexpr double TenYears = 10.0 * 366 * 24 * 3600;
    auto isSaneSeconds = [](const QJsonValue &value, double centre) {
        const double v = value.toDouble();
        return value.isDouble() && std::isfinite(v) && std::floor(v) == v && std::fabs(v - centre) <= TenYears;
    };
    if (!ttl.isUndefined() && !isSaneSeconds(ttl, 0))
        return respond(HttpResponse::error(400, "bad_request", QStringLiteral("$ttl must be a whole number of seconds within 10 years")));
    for (const char *name : {"exp", "nbf", "iat"}) {
        const QJsonValue value = overrides.value(QLatin1String(name));
        if (!value.isUndefined() && !value.isNull() && !isSaneSeconds(value, double(now)))
            return respond(HttpResponse::error(400, "bad_request",
                                               QStringLiteral("%1 must be a whole number of seconds within 10 years of now")
                                                       .arg(QLatin1String(name))));
    }
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
    QJsonObject answer{{Key::AccessToken, QString::fromLatin1(token)},
                       {Key::TokenType, QStringLiteral("Bearer")}};
    if (claims.value(QLatin1String("exp")).isDouble())
        answer.insert(QLatin1String("expires_in"), qint64(claims.value(QLatin1String("exp")).toDouble()) - now);
    respond(HttpResponse::json(200, answer));
}

HttpResponse HttpApi::tokenPair(const QString &user, const QString &scope, const QString &family,
                                const QByteArray &refreshToken, qint64 refreshExpiresAt)
{
    const qint64 now = m_clock.wallSeconds();
    const TokenIssuer::Issued access =
            m_services.issuer->issue(user, scope, family, m_services.revocations->issueSecond(user, now));
    return HttpResponse::json(200, {{Key::AccessToken, QString::fromLatin1(access.token)},
                                    {Key::TokenType, QStringLiteral("Bearer")},
                                    {Key::ExpiresIn, access.expiresAt - now},
                                    {Key::RefreshToken, QString::fromLatin1(refreshToken)},
                                    {Key::RefreshExpiresIn, refreshExpiresAt - now}});
}

std::optional<AccessTokenClaims> HttpApi::authenticate(const Call &call)
{
    const QByteArray header = call.request.header("authorization");
    const qsizetype space = header.indexOf(' ');
    const bool bearer = space > 0 && header.left(space).toLower() == "bearer";
    const QByteArray token = bearer ? header.mid(space + 1).trimmed() : QByteArray();
    AccessTokenResult result = m_services.verifier->verify(token, m_clock.wallSeconds());
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
    const qint64 now = m_clock.wallSeconds();
    QStringList families;
    if (!claims->family.isEmpty())
        families.append(claims->family);
    const auto body = call.request.body.trimmed().isEmpty() ? std::optional<QJsonObject>(QJsonObject()) : jsonBody(call.request);
    if (!body)
        return call.respond(badJson());
    const QByteArray refreshToken = body->value(Key::RefreshToken).toString().toLatin1();
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
    const QString subject = body->value(Key::Sub).toString();
    if (subject.isEmpty() || subject.size() > 256)
        return call.respond(HttpResponse::error(400, "bad_request", QStringLiteral("\"sub\" must name a user")));
    if (!m_services.revocations->revokeSubject(subject, m_clock.wallSeconds()))
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
    const quint64 seq = m_services.publish(Signal::fromPublished(*body, m_clock.wallMs()));
    call.respond(HttpResponse::json(202, {{Key::Seq, qint64(seq)}}));
}
