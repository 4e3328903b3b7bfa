#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <openssl/types.h>

#include <memory>
#include <optional>

namespace SignalGate::Jose {

// EdDSA is the JWA name RFC 8037 gives Ed25519 signatures; the key, not the
// name, says which curve (only Ed25519 is accepted).
enum class JwsAlgorithm { HS256, RS256, ES256, EdDSA };

QString jwsAlgorithmName(JwsAlgorithm algorithm);
// Exact, case-sensitive match on the JWA name; anything else (none, None, HS384, Ed25519, ...) is nullopt.
std::optional<JwsAlgorithm> jwsAlgorithmFromName(QStringView name);

// The one key the server signs and verifies with. The key decides the
// algorithm; a token header never does. Copies are cheap: an asymmetric key
// is shared (reference counted), never duplicated.
class JwsKey
{
public:
    // HS256: the bytes are the key exactly as given (no trimming, no decoding).
    // A secret under 32 bytes (RFC 7518 3.2) makes sign() return empty and verify() false.
    static JwsKey hmacSha256(QByteArray secret);

    // RS256 / ES256 / EdDSA from PEM text. Either PEM may be empty, not both:
    // a public key alone verifies only; a private key alone signs and verifies.
    // Both must then be the same key pair. The key type must fit the algorithm
    // exactly: RS256 an RSA key of at least 2048 bits, ES256 an EC key on P-256,
    // EdDSA an Ed25519 key. Encrypted private keys are refused (no passphrase
    // prompt on a server). nullopt with *error set to one sentence otherwise.
    static std::optional<JwsKey> fromPem(JwsAlgorithm algorithm, const QByteArray &privatePem,
                                         const QByteArray &publicPem, QString *error);

    JwsAlgorithm algorithm() const { return m_algorithm; }
    // False for a verify-only key (public key alone) and for a short HS256 secret.
    bool canSign() const;

    // Raw JWS signature bytes over the signing input, empty on failure
    // (ES256: the 64-byte R||S of RFC 7518 3.4, not DER).
    QByteArray sign(QByteArrayView signingInput) const;
    // Constant-time for HMAC (CRYPTO_memcmp); false on any error.
    bool verify(QByteArrayView signingInput, QByteArrayView signature) const;

private:
    using KeyPointer = std::shared_ptr<EVP_PKEY>;

    JwsKey(JwsAlgorithm algorithm, QByteArray secret);
    JwsKey(JwsAlgorithm algorithm, KeyPointer privateKey, KeyPointer publicKey);

    QByteArray signAsymmetric(QByteArrayView signingInput) const;
    bool verifyAsymmetric(QByteArrayView signingInput, QByteArrayView signature) const;

    JwsAlgorithm m_algorithm;
    QByteArray m_secret;       // HS256 only
    KeyPointer m_privateKey;   // asymmetric, null when verify-only
    KeyPointer m_publicKey;    // asymmetric, always set
};

}   // namespace SignalGate::Jose
