#include "bearerauth.h"

#include "auditevents.h"
#include "auditlog.h"
#include "metrics.h"
#include "revocationlist.h"

using namespace SignalGate::Jose;

namespace SignalGate::Server {

BearerAuth::BearerAuth(const AccessTokenVerifier &verifier, const RevocationList &revocations, Metrics *metrics,
                       AuditLog *audit, const SignalGate::Clock &clock)
    : m_verifier(verifier)
    , m_revocations(revocations)
    , m_metrics(metrics)
    , m_audit(audit)
    , m_clock(clock)
{}

std::optional<AccessTokenClaims> BearerAuth::authenticate(const HttpCall &call) const
{
    const QByteArray header = call.request.header("authorization");
    const qsizetype space = header.indexOf(' ');
    const bool bearer = space > 0 && header.left(space).toLower() == "bearer";
    const QByteArray token = bearer ? header.mid(space + 1).trimmed() : QByteArray();
    AccessTokenResult result = m_verifier.verify(token, m_clock.wallSeconds());
    if (result.ok() && m_revocations.isRevoked(result.claims))
        result.failure = TokenFailure::Revoked;
    if (result.ok())
        return result.claims;
    const QString reason = tokenFailureReason(result.failure);
    m_metrics->countAuthFailure(reason);
    m_audit->record({AuditEvents::AuthFailure, call.peer, {}, {}, reason, 401});
    call.respond(
            HttpResponse::error(401, "invalid_token",
                                token.isEmpty() ? QStringLiteral("A Bearer access token is required")
                                                : QStringLiteral("The access token was refused"))
                    .withHeader("WWW-Authenticate", token.isEmpty() ? "Bearer" : "Bearer error=\"invalid_token\""));
    return std::nullopt;
}

}   // namespace SignalGate::Server
