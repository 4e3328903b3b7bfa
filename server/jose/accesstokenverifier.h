#pragma once

#include "jwsverifier.h"

#include <QString>

namespace SignalGate::Jose {

struct AccessTokenClaims
{
    QString subject;
    QString issuer;
    QString jwtId;
    QString scope;    // space separated, may be empty
    QString family;   // "fam": the refresh family the token was issued from, may be empty
    qint64 issuedAt = 0;
    qint64 expiresAt = 0;

    bool hasScope(const QString &wanted) const { return scope.split(QLatin1Char(' ')).contains(wanted); }
};

struct AccessTokenResult
{
    TokenFailure failure = TokenFailure::Malformed;
    AccessTokenClaims claims;
    bool ok() const { return failure == TokenFailure::None; }
};

struct AccessTokenPolicy
{
    QString issuer = QStringLiteral("signalgate");
    QString audience = QStringLiteral("signalgate-clients");
    qint64 leewaySeconds = 30;
};

// Layer two: an RFC 9068-style access token per PROTOCOL.md section 2.
// After JwsVerifier succeeds, in this order:
//  typ (header) must be a string equal, ignoring case, to "at+jwt" or "application/at+jwt" -> WrongType;
//  exp must be a finite number (integer or not); missing or another type -> Malformed;
//  now >= exp + leeway -> Expired;  nbf present and not a number -> Malformed;  now + leeway < nbf -> NotYetValid;
//  iss must be a string equal to policy.issuer -> WrongIssuer;
//  aud a string equal to policy.audience, or an array of strings containing it -> WrongAudience;
//  sub and jti non-empty strings, iat a number -> Malformed; scope, if present, a string -> Malformed; fam, if present, a string -> Malformed.
class AccessTokenVerifier
{
public:
    AccessTokenVerifier(JwsVerifier jws, AccessTokenPolicy policy);

    AccessTokenResult verify(QByteArrayView token, qint64 nowSeconds) const noexcept;

    // The claim checks alone, for a payload whose signature is already known good
    // (exposed so the RFC 7515 A.1 vector can be exercised with a fixed clock).
    static TokenFailure checkTimes(const QJsonObject &payload, qint64 nowSeconds, qint64 leewaySeconds);

    const JwsVerifier &jws() const { return m_jws; }
    const AccessTokenPolicy &policy() const { return m_policy; }

private:
    JwsVerifier m_jws;
    AccessTokenPolicy m_policy;
};

}   // namespace SignalGate::Jose
