#pragma once

#include "jwssigner.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace SignalGate::Jose {

// Mints the server's access tokens: iss, aud, sub, iat, exp = iat + ttl,
// a random jti (16 bytes, base64url), scope when non-empty and fam (refresh family).
class TokenIssuer
{
public:
    TokenIssuer(JwsKey key, QString issuer, QString audience, qint64 accessTtlSeconds);

    struct Issued
    {
        QByteArray token;   // empty when the key cannot sign
        QString jwtId;
        qint64 expiresAt = 0;
    };

    Issued issue(const QString &subject, const QString &scope, const QString &family, qint64 nowSeconds) const;
    // Default claims for subject at now (with a fresh jti), with overrides merged on top
    // (null removes a member).
    QJsonObject defaultClaims(const QString &subject, const QString &scope, qint64 nowSeconds,
                              const QJsonObject &overrides = {}) const;
    const JwsSigner &signer() const { return m_signer; }
    // A server holding only the public key verifies tokens but issues none.
    bool canSign() const { return m_signer.canSign(); }
    qint64 accessTtl() const { return m_accessTtl; }

private:
    JwsSigner m_signer;
    QString m_issuer;
    QString m_audience;
    qint64 m_accessTtl;
};

}   // namespace SignalGate::Jose
