#include "authendpoints.h"

#include "auditevents.h"
#include "auditlog.h"
#include "bearerauth.h"
#include "incomingconnection.h"
#include "jsonkeys.h"
#include "logging.h"
#include "metrics.h"
#include "refreshstore.h"
#include "revocationlist.h"
#include "tokenissuer.h"
#include "userstore.h"

#include <QPointer>

using namespace SignalGate::Jose;

namespace SignalGate::Server {

namespace Key = SignalGate::Protocol::Key;

namespace {

HttpResponse invalidGrant()
{
    return HttpResponse::error(401, "invalid_grant", QStringLiteral("Refresh token is not valid"))
            .withHeader("WWW-Authenticate", "Bearer");
}

}   // namespace

AuthEndpoints::AuthEndpoints(const Services &services, const Settings &settings, const SignalGate::Clock &clock,
                             QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_addressKey(settings.addressKey)
    , m_unavailable(settings.unavailable)
    , m_clock(clock)
    , m_loginLimiter(makeLimiterStore(settings.limiters, QStringLiteral("login"), settings.loginRate,
                                      settings.rateTableMax, clock))
    , m_userLoginLimiter(makeLimiterStore(settings.limiters, QStringLiteral("login_user"), settings.loginRateUser,
                                          settings.rateTableMax, clock))
    , m_loginQueue(settings.loginQueue)
{}

HttpResponse AuthEndpoints::cannotIssue()
{
    return HttpResponse::error(503, "cannot_issue",
                               QStringLiteral("This server only verifies tokens (no signing key configured); "
                                              "get tokens from the issuing server"));
}

void AuthEndpoints::login(const HttpCall &call)
{
    const HttpCall::Respond respond = call.respond;
    // Before the password hash: nothing it could lead to can be issued.
    if (!m_services.issuer->canSign())
        return respond(cannotIssue());
    if (const QString why = m_unavailable ? m_unavailable() : QString(); !why.isEmpty())
        return respond(HttpResponse::unavailable(why));
    const auto body = call.jsonBody();
    if (!body)
        return respond(HttpCall::badJson());
    const QString user = body->value(Key::Username).toString();
    const QByteArray password = body->value(Key::Password).toString().toUtf8();
    const QHostAddress peer = call.peer;
    auto refuseCredentials = [&](const QString &reason) {
        m_services.metrics->countLoginFailure();
        m_services.audit->record({AuditEvents::LoginFailure, peer, {}, {}, reason, 401});
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
    const LoginAttempt attempt{user, password, peer, addressKey, addressKey + '\n' + userKey, userKey, respond};
    // Both limits before the hash. A shared limiter answers later: the client may have left by then.
    const QPointer<const IncomingConnection> connection(call.connection);
    m_loginLimiter->check(attempt.limitKey, [this, attempt, connection](LimiterStore::Decision fromHere) {
        m_userLoginLimiter->check(attempt.userKey,
                                  [this, attempt, connection, fromHere](LimiterStore::Decision anywhere) {
                                      if (connection)
                                          checkPassword(attempt, connection, fromHere, anywhere);
                                  });
    });
}

void AuthEndpoints::checkPassword(const LoginAttempt &attempt, const IncomingConnection *connection,
                                  const LimiterStore::Decision &fromHere, const LimiterStore::Decision &anywhere)
{
    const QString &user = attempt.user;
    const QHostAddress &peer = attempt.peer;
    const QByteArray &limitKey = attempt.limitKey;
    const QByteArray &userKey = attempt.userKey;
    const HttpCall::Respond &respond = attempt.respond;
    if (!fromHere.allowed || !anywhere.allowed || m_loginsInFlight.contains(limitKey)) {
        const qint64 waitMs = qMax(fromHere.retryAfterMs, anywhere.retryAfterMs);
        const qint64 retryAfter = qMax<qint64>(1, (waitMs + 999) / 1000);
        m_services.metrics->countRateLimitRejection(QStringLiteral("login"));
        m_services.audit->record({AuditEvents::RateLimitLogin,
                                  peer,
                                  {},
                                  {},
                                  anywhere.allowed ? QStringLiteral("login_rate") : QStringLiteral("login_rate_user"),
                                  429});
        return respond(HttpResponse::error(429, "rate_limited", QStringLiteral("Too many failed logins; try later"))
                               .withHeader("Retry-After", QByteArray::number(retryAfter)));
    }

    bool storageFailed = false;
    const std::optional<UserRecord> record = m_services.users->find(user, &storageFailed);
    if (storageFailed)
        return respond(HttpResponse::error(503, "unavailable", QStringLiteral("User storage failed; try again"))
                               .withHeader("Retry-After", "5"));
    const QString scope = record ? record->scope : QString();
    auto checked = [=](std::optional<bool> matches) {
        m_loginsInFlight.remove(limitKey);
        if (!matches) {
            // The client left before its check ran: nothing to answer, nothing learned.
            m_services.metrics->countLoginCheckDropped();
            return;
        }
        if (!record || !*matches) {
            // Only the charge matters: the next login reads the limit.
            m_loginLimiter->take(limitKey, [](LimiterStore::Decision) {});
            m_userLoginLimiter->take(userKey, [](LimiterStore::Decision) {});
            m_services.metrics->countLoginFailure();
            // Only names of real users are logged: a password typed into the
            // name field must not reach the log.
            m_services.audit->record({AuditEvents::LoginFailure,
                                      peer,
                                      record ? user : QString(),
                                      {},
                                      record ? QStringLiteral("wrong_password") : QStringLiteral("unknown_user"),
                                      401});
            qCInfo(lcHttp).noquote() << "login failed for" << (record ? user : QStringLiteral("<unknown user>"))
                                     << "from" << peer.toString();
            return respond(
                    HttpResponse::error(401, "invalid_credentials", QStringLiteral("Wrong user name or password"))
                            .withHeader("WWW-Authenticate", "Bearer"));
        }
        const RefreshStore::Issued refresh = m_services.refreshTokens->startFamily(user, m_clock.wallSeconds());
        if (refresh.token.isEmpty())
            return respond(HttpResponse::error(503, "unavailable", QStringLiteral("Token storage failed; try again")));
        m_services.audit->record({AuditEvents::LoginSuccess, peer, user, {}, {}, 200});
        respond(tokenPair(user, scope, refresh.family, refresh.token, refresh.expiresAt));
    };
    // Unknown users are checked against the dummy hash (empty here) so the answer takes as long.
    const LoginQueue::Admission admission = m_loginQueue.submit(attempt.addressKey, connection, attempt.password,
                                                                record ? record->passwordHash : QByteArray(), checked);
    if (admission != LoginQueue::Admission::Queued) {
        m_services.metrics->countRateLimitRejection(QStringLiteral("login_queue"));
        m_services.audit->record({AuditEvents::RateLimitLogin,
                                  peer,
                                  {},
                                  {},
                                  admission == LoginQueue::Admission::Full ? QStringLiteral("login_queue_full")
                                                                           : QStringLiteral("login_queue_address"),
                                  503});
        // One check takes about 0.1 s: a second is enough for the queue to move.
        return respond(
                HttpResponse::error(503, "busy", QStringLiteral("Too many logins in progress; try again shortly"))
                        .withHeader("Retry-After", "1"));
    }
    m_loginsInFlight.insert(limitKey);
}

void AuthEndpoints::refresh(const HttpCall &call)
{
    const HttpCall::Respond &respond = call.respond;
    // Before the rotation: a refresh token spent for nothing would end the session.
    if (!m_services.issuer->canSign())
        return respond(cannotIssue());
    if (const QString why = m_unavailable ? m_unavailable() : QString(); !why.isEmpty())
        return respond(HttpResponse::unavailable(why));
    const auto body = call.jsonBody();
    if (!body)
        return respond(HttpCall::badJson());
    const QByteArray presented = body->value(Key::RefreshToken).toString().toLatin1();
    if (presented.isEmpty())
        return respond(HttpResponse::error(400, "bad_request", QStringLiteral("refresh_token is required")));

    const RefreshStore::Rotation rotation = m_services.refreshTokens->rotate(presented, m_clock.wallSeconds());
    auto fail = [&](const QString &reason) {
        m_services.audit->record({AuditEvents::RefreshFailure, call.peer, rotation.subject, {}, reason, 401});
        respond(invalidGrant());
    };
    switch (rotation.outcome) {
    case RefreshStore::Outcome::Rotated:
        break;
    case RefreshStore::Outcome::Reused:
        qCWarning(lcAuth).noquote() << "refresh token reuse: a family of" << rotation.subject << "was revoked";
        m_services.audit->record(
                {AuditEvents::TokenRevoked, call.peer, rotation.subject, {}, QStringLiteral("refresh_reuse"), 0});
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
    m_services.audit->record({AuditEvents::RefreshSuccess,
                              call.peer,
                              record->name,
                              {},
                              rotation.repeated ? QStringLiteral("repeat_within_grace") : QString(),
                              200});
    respond(tokenPair(record->name, record->scope, rotation.family, rotation.next.token, rotation.next.expiresAt));
}

void AuthEndpoints::logout(const HttpCall &call)
{
    const std::optional<AccessTokenClaims> claims = m_services.bearer->authenticate(call);
    if (!claims)
        return;
    const qint64 now = m_clock.wallSeconds();
    QStringList families;
    if (!claims->family.isEmpty())
        families.append(claims->family);
    const auto body = call.jsonBody(true);
    if (!body)
        return call.respond(HttpCall::badJson());
    const QByteArray refreshToken = body->value(Key::RefreshToken).toString().toLatin1();
    if (!refreshToken.isEmpty()) {
        const RefreshStore::Owner owner = m_services.refreshTokens->ownerOf(refreshToken);
        // Only one's own family: a stolen access token must not end someone else's session.
        if (owner.subject == claims->subject && !families.contains(owner.family))
            families.append(owner.family);
    }
    if (!m_services.revocations->revokeToken(claims->jwtId, claims->expiresAt, now))
        return call.respond(
                HttpResponse::error(503, "unavailable", QStringLiteral("Revocation storage failed; try again")));
    for (const QString &family : std::as_const(families))
        m_services.refreshTokens->revokeFamily(family, now);
    m_services.audit->record(
            {AuditEvents::TokenRevoked, call.peer, claims->subject, {}, QStringLiteral("logout"), 204});
    Q_EMIT tokenRevoked(claims->jwtId, claims->expiresAt);
    for (const QString &family : std::as_const(families))
        Q_EMIT familyRevoked(family);
    call.respond(HttpResponse::noContent());
}

HttpResponse AuthEndpoints::tokenPair(const QString &user, const QString &scope, const QString &family,
                                      const QByteArray &refreshToken, qint64 refreshExpiresAt)
{
    const qint64 now = m_clock.wallSeconds();
    const TokenIssuer::Issued access =
            m_services.issuer->issue(user, scope, family, m_services.revocations->issueSecond(user, now));
    return HttpResponse::json(200,
                              {{Key::AccessToken, QString::fromLatin1(access.token)},
                               {Key::TokenType, QStringLiteral("Bearer")},
                               {Key::ExpiresIn, access.expiresAt - now},
                               {Key::RefreshToken, QString::fromLatin1(refreshToken)},
                               {Key::RefreshExpiresIn, refreshExpiresAt - now}});
}

}   // namespace SignalGate::Server
