#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

enum class JwsAlgorithm { HS256 };

QString jwsAlgorithmName(JwsAlgorithm algorithm);
// Exact, case-sensitive match on the JWA name; anything else (none, None, HS384, ...) is nullopt.
std::optional<JwsAlgorithm> jwsAlgorithmFromName(QStringView name);

// The one key the server signs and verifies with. The key decides the
// algorithm; a token header never does.
class JwsKey
{
public:
    // HS256: the bytes are the key exactly as given (no trimming, no decoding).
    // A secret under 32 bytes (RFC 7518 3.2) makes sign() return empty and verify() false.
    static JwsKey hmacSha256(QByteArray secret);

    JwsAlgorithm algorithm() const { return m_algorithm; }
    // Key id this key answers to; empty means "no kid", so any kid in a token is unknown.
    QString keyId() const { return m_keyId; }

    // Raw JWS signature bytes over the signing input, empty on failure.
    QByteArray sign(QByteArrayView signingInput) const;
    // Constant-time for HMAC (CRYPTO_memcmp); false on any error.
    bool verify(QByteArrayView signingInput, QByteArrayView signature) const;

private:
    JwsKey(JwsAlgorithm algorithm, QByteArray secret);

    JwsAlgorithm m_algorithm;
    QByteArray m_secret;
    QString m_keyId;
};
