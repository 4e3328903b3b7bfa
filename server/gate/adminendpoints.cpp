#include "adminendpoints.h"

#include "auditevents.h"
#include "auditlog.h"
#include "bearerauth.h"
#include "jsonkeys.h"
#include "operationsapi.h"
#include "revocationlist.h"

using namespace SignalGate::Jose;

namespace SignalGate::Server {

namespace Key = SignalGate::Protocol::Key;

AdminEndpoints::AdminEndpoints(const BearerAuth &bearer, RevocationList &revocations, AuditLog *audit,
                               const OperationsApi &operations, const SignalGate::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_bearer(bearer)
    , m_revocations(revocations)
    , m_audit(audit)
    , m_operations(operations)
    , m_clock(clock)
{}

void AdminEndpoints::metrics(const HttpCall &call)
{
    const std::optional<AccessTokenClaims> claims = m_bearer.authenticate(call);
    if (!claims)
        return;
    if (!claims->hasScope(QStringLiteral("admin")) && !claims->hasScope(QStringLiteral("metrics")))
        return call.respond(
                HttpResponse::error(403, "forbidden", QStringLiteral("Metrics need the scope admin or metrics")));
    call.respond(*m_operations.answer(call.request));
}

void AdminEndpoints::revoke(const HttpCall &call)
{
    const std::optional<AccessTokenClaims> claims = m_bearer.authenticate(call);
    if (!claims)
        return;
    if (!claims->hasScope(QStringLiteral("admin")))
        return call.respond(HttpResponse::error(403, "forbidden", QStringLiteral("Revoking needs the scope admin")));
    const auto body = call.jsonBody();
    if (!body)
        return call.respond(HttpCall::badJson());
    const QString subject = body->value(Key::Sub).toString();
    if (subject.isEmpty() || subject.size() > 256)
        return call.respond(HttpResponse::error(400, "bad_request", QStringLiteral("\"sub\" must name a user")));
    const qint64 now = m_clock.wallSeconds();
    if (!m_revocations.revokeSubject(subject, now))
        return call.respond(
                HttpResponse::error(503, "unavailable", QStringLiteral("Revocation storage failed; try again")));
    m_audit->record(
            {AuditEvents::TokenRevoked, call.peer, subject, {}, QStringLiteral("admin:") + claims->subject, 204});
    Q_EMIT subjectRevoked(subject, now);
    call.respond(HttpResponse::noContent());
}

}   // namespace SignalGate::Server
