#include "tokenfailure.h"

namespace SignalGate::Jose {

QString tokenFailureReason(TokenFailure failure)
{
    // No default label: -Wswitch then flags a new enumerator that lacks its audit name.
    switch (failure) {
    case TokenFailure::None:
        return QString();
    case TokenFailure::Missing:
        return QStringLiteral("missing");
    case TokenFailure::Malformed:
        return QStringLiteral("malformed");
    case TokenFailure::BadSignature:
        return QStringLiteral("bad_signature");
    case TokenFailure::Expired:
        return QStringLiteral("expired");
    case TokenFailure::NotYetValid:
        return QStringLiteral("not_yet_valid");
    case TokenFailure::WrongIssuer:
        return QStringLiteral("wrong_issuer");
    case TokenFailure::WrongAudience:
        return QStringLiteral("wrong_audience");
    case TokenFailure::AlgNotAllowed:
        return QStringLiteral("alg_not_allowed");
    case TokenFailure::WrongType:
        return QStringLiteral("wrong_type");
    case TokenFailure::Revoked:
        return QStringLiteral("revoked");
    case TokenFailure::TooLarge:
        return QStringLiteral("too_large");
    }
    // Only reachable with a value cast from outside the enumeration; call it malformed
    // rather than log an empty reason for a refusal.
    return QStringLiteral("malformed");
}

}   // namespace SignalGate::Jose
