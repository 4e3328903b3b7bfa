#pragma once

#include "accesstokenverifier.h"
#include "clock.h"
#include "httpcall.h"

#include <optional>

namespace SignalGate::Server {

class AuditLog;
class Metrics;
class RevocationList;

// Who is calling an endpoint that needs an access token: the verified,
// unrevoked claims of the request's one Bearer token. A refusal is answered
// 401 here (with WWW-Authenticate), counted and audited, never explained.
class BearerAuth
{
public:
    BearerAuth(const Jose::AccessTokenVerifier &verifier, const RevocationList &revocations, Metrics *metrics,
               AuditLog *audit, const SignalGate::Clock &clock);

    // std::nullopt after answering the call.
    std::optional<Jose::AccessTokenClaims> authenticate(const HttpCall &call) const;

private:
    const Jose::AccessTokenVerifier &m_verifier;
    const RevocationList &m_revocations;
    Metrics *m_metrics;
    AuditLog *m_audit;
    const SignalGate::Clock &m_clock;
};

}   // namespace SignalGate::Server
