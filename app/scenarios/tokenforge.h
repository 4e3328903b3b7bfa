#pragma once

#include "jwskey.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace SignalGate::Scenarios {

// Signs test tokens locally with a key the user provides (signalgate-check
// --key FILE), with the server's own JwsSigner/JwsKey: an HS256 secret file
// (its bytes as they are) or an unencrypted PEM private key, RSA (RS256), EC
// P-256 (ES256) or Ed25519 (EdDSA). The key decides the algorithm.
class TokenForge
{
public:
    // nullopt with *error (one sentence) when the file cannot be a signing key.
    static std::optional<TokenForge> fromFile(const QString &path, QString *error);

    Jose::JwsAlgorithm algorithm() const { return m_key.algorithm(); }
    QString algorithmName() const { return jwsAlgorithmName(m_key.algorithm()); }
    // header overrides as JwsSigner's (null removes a member).
    QByteArray sign(const QJsonObject &claims, const QJsonObject &headerOverrides = {}) const;
    // The classic algorithm confusion: what a verifier that trusted the
    // header's alg would accept. HS256 keys: alg HS512, HMAC-SHA512 with the
    // secret. Asymmetric keys: alg HS256, HMAC-SHA256 keyed with the public key PEM.
    QByteArray confusedAlgorithm(const QJsonObject &claims) const;

private:
    TokenForge(Jose::JwsKey key, QByteArray secret, QByteArray publicPem);

    Jose::JwsKey m_key;
    QByteArray m_secret;      // HS256
    QByteArray m_publicPem;   // asymmetric
};

}   // namespace SignalGate::Scenarios
