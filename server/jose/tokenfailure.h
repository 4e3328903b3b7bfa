#pragma once

#include <QString>

namespace SignalGate::Jose {

// Why a token was refused. The names are the audit-log reasons of the
// contract (PROTOCOL.md section 7); on the wire every one of them is the same
// 1008 "Invalid or expired token" (or "Authentication required" for Missing).
enum class TokenFailure {
    None,
    Missing,     // no token or an empty one
    Malformed,   // not three segments of the token alphabet, bad base64url, not JSON objects, missing sub/jti/iat, ...
    BadSignature,    // signature does not verify (or is empty / of the wrong length)
    Expired,         // exp + leeway <= now (a missing or non-numeric exp is Malformed)
    NotYetValid,     // nbf - leeway > now
    WrongIssuer,     // iss missing or not the configured issuer
    WrongAudience,   // aud missing or does not contain the configured audience
    AlgNotAllowed,   // alg not the pinned one, or a header tries to choose the key (jwk, jku, x5u, x5c, unknown kid) or has unknown crit
    WrongType,   // typ missing or not at+jwt / application/at+jwt
    Revoked,     // jti or family on the revocation list
    TooLarge,    // over the size cap (8 KiB)
};

// "missing", "malformed", "bad_signature", ... as in PROTOCOL.md section 7.
// None is not a refusal and has no reason: an empty string.
QString tokenFailureReason(TokenFailure failure);

}   // namespace SignalGate::Jose
