#include "tokenissuer.h"

#include "securerandom.h"

#include <QJsonValue>

#include <utility>

namespace SignalGate::Jose {

namespace {

// 128 random bits: collisions are negligible and guessing one is useless anyway,
// since a jti only matters inside a token that carries a valid signature.
constexpr int JwtIdBytes = 16;

}   // namespace

TokenIssuer::TokenIssuer(JwsKey key, QString issuer, QString audience, qint64 accessTtlSeconds)
    : m_signer(std::move(key))
    , m_issuer(std::move(issuer))
    , m_audience(std::move(audience))
    , m_accessTtl(accessTtlSeconds)
{}

QJsonObject TokenIssuer::defaultClaims(const QString &subject, const QString &scope, qint64 nowSeconds,
                                       const QJsonObject &overrides) const
{
    QJsonObject claims{
            {QStringLiteral("iss"), m_issuer},
            {QStringLiteral("aud"), m_audience},
            {QStringLiteral("sub"), subject},
            {QStringLiteral("iat"), nowSeconds},
            {QStringLiteral("exp"), nowSeconds + m_accessTtl},
            {QStringLiteral("jti"), QString::fromLatin1(SecureRandom::token(JwtIdBytes))},
    };
    if (!scope.isEmpty())
        claims.insert(QStringLiteral("scope"), scope);
    for (auto it = overrides.constBegin(); it != overrides.constEnd(); ++it) {
        if (it.value().isNull())
            claims.remove(it.key());
        else
            claims.insert(it.key(), it.value());
    }
    return claims;
}

TokenIssuer::Issued TokenIssuer::issue(const QString &subject, const QString &scope, const QString &family,
                                       qint64 nowSeconds) const
{
    QJsonObject claims = defaultClaims(subject, scope, nowSeconds);
    if (!family.isEmpty())
        claims.insert(QStringLiteral("fam"), family);

    Issued issued;
    issued.token = m_signer.sign(claims);
    issued.jwtId = claims.value(QLatin1StringView("jti")).toString();
    issued.expiresAt = nowSeconds + m_accessTtl;
    return issued;
}

}   // namespace SignalGate::Jose
