#include "accesstokenverifier.h"

#include <QJsonArray>
#include <QJsonValue>

#include <cmath>
#include <limits>
#include <optional>
#include <utility>

namespace SignalGate::Jose {

namespace {

// NumericDate (RFC 7519 2): any JSON number, fractions allowed. JSON cannot spell
// NaN or infinity, but a decoder may still overflow to one, so finiteness is checked.
std::optional<double> numericDate(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double seconds = value.toDouble();
    if (!std::isfinite(seconds))
        return std::nullopt;
    return seconds;
}

// Converting an out-of-range double to an integer is undefined behaviour, and a
// signed token may legitimately carry an absurd exp: saturate instead.
qint64 saturatedSeconds(double seconds)
{
    constexpr double limit = 9223372036854775808.0;   // 2^63, exactly representable
    if (seconds >= limit)
        return std::numeric_limits<qint64>::max();
    if (seconds < -limit)
        return std::numeric_limits<qint64>::min();
    return static_cast<qint64>(seconds);
}

bool isAccessTokenType(const QJsonValue &typ)
{
    if (!typ.isString())
        return false;
    // RFC 9068 2.1 / RFC 7515 4.1.9: media type names compare case-insensitively and
    // the "application/" prefix may be omitted.
    const QString type = typ.toString();
    return type.compare(u"at+jwt", Qt::CaseInsensitive) == 0
            || type.compare(u"application/at+jwt", Qt::CaseInsensitive) == 0;
}

bool hasAudience(const QJsonValue &aud, const QString &audience)
{
    if (aud.isString())
        return aud.toString() == audience;
    if (!aud.isArray())
        return false;
    bool found = false;
    const QJsonArray audiences = aud.toArray();
    for (const QJsonValue entry : audiences) {
        // A non-string member means the claim is not what RFC 7519 4.1.3 defines;
        // refuse the whole claim rather than guess which entry counts.
        if (!entry.isString())
            return false;
        if (entry.toString() == audience)
            found = true;
    }
    return found;
}

std::optional<QString> nonEmptyString(const QJsonValue &value)
{
    if (!value.isString() || value.toString().isEmpty())
        return std::nullopt;
    return value.toString();
}

}   // namespace

AccessTokenVerifier::AccessTokenVerifier(JwsVerifier jws, AccessTokenPolicy policy)
    : m_jws(std::move(jws))
    , m_policy(std::move(policy))
{}

TokenFailure AccessTokenVerifier::checkTimes(const QJsonObject &payload, qint64 nowSeconds, qint64 leewaySeconds)
{
    // Compared as doubles: exp/nbf may be fractional, and converting them to integers
    // first would round a boundary the wrong way for one of the two checks.
    const double now = double(nowSeconds);
    const double leeway = double(leewaySeconds);

    const std::optional<double> exp = numericDate(payload.value(QLatin1StringView("exp")));
    if (!exp)
        return TokenFailure::Malformed;
    if (now >= *exp + leeway)
        return TokenFailure::Expired;

    if (payload.contains(QLatin1StringView("nbf"))) {
        const std::optional<double> nbf = numericDate(payload.value(QLatin1StringView("nbf")));
        if (!nbf)
            return TokenFailure::Malformed;
        if (now + leeway < *nbf)
            return TokenFailure::NotYetValid;
    }
    return TokenFailure::None;
}

AccessTokenResult AccessTokenVerifier::verify(QByteArrayView token, qint64 nowSeconds) const noexcept
{
    AccessTokenResult result;
    try {
        const JwsResult jws = m_jws.verify(token);
        if (!jws.ok()) {
            result.failure = jws.failure;
            return result;
        }
        // RFC 8725 3.11: explicit typing keeps an ID token or any other JWT signed
        // with the same key from being replayed as an access token.
        if (!isAccessTokenType(jws.header.value(QLatin1StringView("typ")))) {
            result.failure = TokenFailure::WrongType;
            return result;
        }

        const QJsonObject &claims = jws.payload;
        const TokenFailure timeFailure = checkTimes(claims, nowSeconds, m_policy.leewaySeconds);
        if (timeFailure != TokenFailure::None) {
            result.failure = timeFailure;
            return result;
        }

        const QJsonValue iss = claims.value(QLatin1StringView("iss"));
        if (!iss.isString() || iss.toString() != m_policy.issuer) {
            result.failure = TokenFailure::WrongIssuer;
            return result;
        }
        if (!hasAudience(claims.value(QLatin1StringView("aud")), m_policy.audience)) {
            result.failure = TokenFailure::WrongAudience;
            return result;
        }

        const std::optional<QString> sub = nonEmptyString(claims.value(QLatin1StringView("sub")));
        const std::optional<QString> jti = nonEmptyString(claims.value(QLatin1StringView("jti")));
        const std::optional<double> iat = numericDate(claims.value(QLatin1StringView("iat")));
        if (!sub || !jti || !iat) {
            result.failure = TokenFailure::Malformed;
            return result;
        }
        const QJsonValue scope = claims.value(QLatin1StringView("scope"));
        const QJsonValue family = claims.value(QLatin1StringView("fam"));
        if ((!scope.isUndefined() && !scope.isString()) || (!family.isUndefined() && !family.isString())) {
            result.failure = TokenFailure::Malformed;
            return result;
        }

        const double exp = claims.value(QLatin1StringView("exp")).toDouble();
        result.claims.subject = *sub;
        result.claims.issuer = iss.toString();
        result.claims.jwtId = *jti;
        result.claims.scope = scope.toString();
        result.claims.family = family.toString();
        result.claims.issuedAt = saturatedSeconds(std::floor(*iat));
        // Rounded up: with integer clocks the token is valid while now < ceil(exp)
        // (+ leeway), so callers timing the expiry close get the same instant.
        result.claims.expiresAt = saturatedSeconds(std::ceil(exp));
        result.failure = TokenFailure::None;
        return result;
    } catch (...) {
        return AccessTokenResult{};
    }
}

}   // namespace SignalGate::Jose
