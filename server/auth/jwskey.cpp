#include "jwskey.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <utility>

namespace {

// RFC 7518 section 3.2: an HS256 key MUST be at least as long as the hash output.
// A shorter (or empty) secret would make tokens forgeable, so such a key signs nothing.
constexpr qsizetype MinimumHmacSha256KeyBytes = 32;
constexpr size_t Sha256Bytes = 32;

} // namespace

QString jwsAlgorithmName(JwsAlgorithm algorithm)
{
    switch (algorithm) {
    case JwsAlgorithm::HS256:
        return QStringLiteral("HS256");
    }
    return QString();
}

std::optional<JwsAlgorithm> jwsAlgorithmFromName(QStringView name)
{
    // Case-sensitive on purpose (RFC 7515 4.1.1): "hs256" is not a JWA name, and
    // leniency here is how "None"/"nOnE" slipped through other libraries.
    if (name == u"HS256")
        return JwsAlgorithm::HS256;
    return std::nullopt;
}

JwsKey::JwsKey(JwsAlgorithm algorithm, QByteArray secret)
    : m_algorithm(algorithm), m_secret(std::move(secret))
{
}

JwsKey JwsKey::hmacSha256(QByteArray secret)
{
    return JwsKey(JwsAlgorithm::HS256, std::move(secret));
}

QByteArray JwsKey::sign(QByteArrayView signingInput) const
{
    switch (m_algorithm) {
    case JwsAlgorithm::HS256: {
        if (m_secret.size() < MinimumHmacSha256KeyBytes)
            return {};
        QByteArray mac(qsizetype(Sha256Bytes), Qt::Uninitialized);
        size_t macLength = 0;
        const unsigned char *result = EVP_Q_mac(
                nullptr, "HMAC", nullptr, "SHA256", nullptr, m_secret.constData(),
                size_t(m_secret.size()),
                reinterpret_cast<const unsigned char *>(signingInput.data()),
                size_t(signingInput.size()), reinterpret_cast<unsigned char *>(mac.data()),
                size_t(mac.size()), &macLength);
        if (!result || macLength != Sha256Bytes)
            return {};
        return mac;
    }
    }
    return {};
}

bool JwsKey::verify(QByteArrayView signingInput, QByteArrayView signature) const
{
    const QByteArray expected = sign(signingInput);
    if (expected.isEmpty())
        return false;
    // The length is public (fixed by the algorithm), so an early exit on it leaks
    // nothing; the bytes themselves must be compared in constant time.
    if (signature.size() != expected.size())
        return false;
    return CRYPTO_memcmp(expected.constData(), signature.data(), size_t(expected.size())) == 0;
}
