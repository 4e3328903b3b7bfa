#include "jwskey.h"

#include "opensslhandles.h"

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <cstring>
#include <limits>
#include <memory>
#include <utility>

namespace SignalGate::Jose {

namespace {

// RFC 7518 section 3.2: an HS256 key MUST be at least as long as the hash output.
// A shorter (or empty) secret would make tokens forgeable, so such a key signs nothing.
constexpr qsizetype MinimumHmacSha256KeyBytes = 32;
constexpr size_t Sha256Bytes = 32;
// RFC 7518 section 3.3: "A key of size 2048 bits or larger MUST be used".
constexpr int MinimumRsaBits = 2048;
// RFC 7518 section 3.4: ES256 signatures are R and S, each as 32 big-endian bytes.
constexpr int P256ScalarBytes = 32;
constexpr qsizetype Es256SignatureBytes = 2 * P256ScalarBytes;
constexpr qsizetype Ed25519SignatureBytes = 64;

std::shared_ptr<EVP_PKEY> adoptKey(EVP_PKEY *key)
{
    if (!key)
        return {};
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

// Every failed parse or refused signature leaves entries on this thread's
// OpenSSL error queue. SSL_get_error() reads that queue, so a stale entry from a
// refused token could make the next TLS read on the same thread look broken.
struct ErrorQueueCleaner
{
    ErrorQueueCleaner() = default;
    ErrorQueueCleaner(const ErrorQueueCleaner &) = delete;
    ErrorQueueCleaner &operator=(const ErrorQueueCleaner &) = delete;
    ~ErrorQueueCleaner() { ERR_clear_error(); }
};

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

// A server has nobody to type a passphrase, and OpenSSL's default callback would
// block reading the terminal: an encrypted private key simply fails to load.
int refusePassphrase(char *, int, int, void *)
{
    return -1;
}

BioPtr memoryBio(const QByteArray &pem)
{
    if (pem.size() > std::numeric_limits<int>::max())
        return {};
    return BioPtr(BIO_new_mem_buf(pem.constData(), int(pem.size())));
}

std::shared_ptr<EVP_PKEY> readPrivateKey(const QByteArray &pem)
{
    const BioPtr bio = memoryBio(pem);
    return bio ? adoptKey(PEM_read_bio_PrivateKey(bio.get(), nullptr, refusePassphrase, nullptr)) : nullptr;
}

std::shared_ptr<EVP_PKEY> readPublicKey(const QByteArray &pem)
{
    const BioPtr bio = memoryBio(pem);
    return bio ? adoptKey(PEM_read_bio_PUBKEY(bio.get(), nullptr, refusePassphrase, nullptr)) : nullptr;
}

// The public half of a private key, as a key that holds nothing secret: the
// verifier then never touches private material, and the pair check compares
// like with like.
std::shared_ptr<EVP_PKEY> publicHalf(const EVP_PKEY *privateKey)
{
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(privateKey, &der);
    if (length <= 0)
        return {};
    const unsigned char *cursor = der;
    std::shared_ptr<EVP_PKEY> publicKey = adoptKey(d2i_PUBKEY(nullptr, &cursor, length));
    OPENSSL_free(der);
    return publicKey;
}

QString curveName(const EVP_PKEY *key)
{
    char name[80] = {};
    size_t length = 0;
    if (EVP_PKEY_get_group_name(key, name, sizeof name, &length) != 1)
        return QString();
    return QString::fromLatin1(name, qsizetype(length));
}

bool isP256(const EVP_PKEY *key)
{
    // OpenSSL names a curve only when every parameter (generator included) is
    // the named curve's, so a key with doctored explicit parameters (the
    // CVE-2020-0601 trick) has no name here and is refused.
    const QByteArray name = curveName(key).toLatin1();
    if (name.isEmpty())
        return false;
    return OBJ_sn2nid(name.constData()) == NID_X9_62_prime256v1
            || EC_curve_nist2nid(name.constData()) == NID_X9_62_prime256v1;
}

QString describeKey(const EVP_PKEY *key)
{
    if (EVP_PKEY_is_a(key, "RSA"))
        return QStringLiteral("an RSA key of %1 bits").arg(EVP_PKEY_get_bits(key));
    if (EVP_PKEY_is_a(key, "EC")) {
        const QString curve = curveName(key);
        return curve.isEmpty() ? QStringLiteral("an EC key on an unnamed curve")
                               : QStringLiteral("an EC key on %1").arg(curve);
    }
    if (EVP_PKEY_is_a(key, "ED25519"))
        return QStringLiteral("an Ed25519 key");
    const char *type = EVP_PKEY_get0_type_name(key);
    return QStringLiteral("a %1 key").arg(QString::fromLatin1(type ? type : "unknown"));
}

QString requiredKey(JwsAlgorithm algorithm)
{
    switch (algorithm) {
    case JwsAlgorithm::HS256:
        return QStringLiteral("a secret of at least 32 bytes");
    case JwsAlgorithm::RS256:
        return QStringLiteral("an RSA key of at least %1 bits").arg(MinimumRsaBits);
    case JwsAlgorithm::ES256:
        return QStringLiteral("an EC key on P-256 (prime256v1)");
    case JwsAlgorithm::EdDSA:
        return QStringLiteral("an Ed25519 key");
    }
    return QString();
}

// Exact fit only: "RSA-PSS" is not RSA, Ed448 is not Ed25519, P-384 is not P-256.
// A lenient match here is how one algorithm's key ends up verifying another's tokens.
bool fitsAlgorithm(JwsAlgorithm algorithm, const EVP_PKEY *key)
{
    switch (algorithm) {
    case JwsAlgorithm::HS256:
        return false;
    case JwsAlgorithm::RS256:
        return EVP_PKEY_is_a(key, "RSA") && EVP_PKEY_get_bits(key) >= MinimumRsaBits;
    case JwsAlgorithm::ES256:
        return EVP_PKEY_is_a(key, "EC") && isP256(key);
    case JwsAlgorithm::EdDSA:
        return EVP_PKEY_is_a(key, "ED25519");
    }
    return false;
}

// The P-256 group order n as 32 big-endian bytes, taken from OpenSSL's own curve
// table rather than typed in. Equal-length big-endian byte strings compare like
// the numbers they hold, so memcmp against it is a range check.
const QByteArray &p256Order()
{
    static const QByteArray order = [] {
        QByteArray bytes(P256ScalarBytes, '\0');
        EC_GROUP *group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
        const BIGNUM *n = group ? EC_GROUP_get0_order(group) : nullptr;
        if (!n || BN_bn2binpad(n, reinterpret_cast<unsigned char *>(bytes.data()), P256ScalarBytes) != P256ScalarBytes)
            bytes.clear();
        EC_GROUP_free(group);
        return bytes;
    }();
    return order;
}

// 0 < value < n (SEC 1 4.1.4 step 1). OpenSSL checks this too; doing it here
// keeps zero and out-of-range scalars away from the maths entirely.
bool isValidScalar(const unsigned char *value)
{
    const QByteArray &order = p256Order();
    if (order.size() != P256ScalarBytes)
        return false;
    bool allZero = true;
    for (int i = 0; i < P256ScalarBytes; ++i)
        allZero = allZero && value[i] == 0;
    return !allZero && std::memcmp(value, order.constData(), P256ScalarBytes) < 0;
}

// OpenSSL signs ECDSA as DER SEQUENCE { r, s }; JWS wants R||S, each left-padded to 32 bytes.
QByteArray ecdsaDerToRaw(const QByteArray &der)
{
    const unsigned char *cursor = bytes(der);
    const EcdsaSigPtr signature(d2i_ECDSA_SIG(nullptr, &cursor, long(der.size())));
    if (!signature)
        return {};
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(signature.get(), &r, &s);
    QByteArray raw(Es256SignatureBytes, '\0');
    unsigned char *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(r, out, P256ScalarBytes) != P256ScalarBytes
        || BN_bn2binpad(s, out + P256ScalarBytes, P256ScalarBytes) != P256ScalarBytes)
        return {};
    return raw;
}

// The other way for verification; empty when the raw form is not a valid
// signature shape (wrong length, a scalar of zero or not below the order).
QByteArray ecdsaRawToDer(QByteArrayView raw)
{
    if (raw.size() != Es256SignatureBytes)
        return {};
    const unsigned char *in = bytes(raw);
    if (!isValidScalar(in) || !isValidScalar(in + P256ScalarBytes))
        return {};
    BignumPtr r(BN_bin2bn(in, P256ScalarBytes, nullptr));
    BignumPtr s(BN_bin2bn(in + P256ScalarBytes, P256ScalarBytes, nullptr));
    EcdsaSigPtr signature(ECDSA_SIG_new());
    if (!r || !s || !signature || ECDSA_SIG_set0(signature.get(), r.get(), s.get()) != 1)
        return {};
    // ECDSA_SIG_set0 took ownership of both numbers.
    (void)r.release();
    (void)s.release();
    const int length = i2d_ECDSA_SIG(signature.get(), nullptr);
    if (length <= 0)
        return {};
    QByteArray der(length, '\0');
    unsigned char *cursor = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_ECDSA_SIG(signature.get(), &cursor) != length)
        return {};
    return der;
}

// RS256 and ES256 hash with SHA-256; EdDSA signs the message itself
// (PureEdDSA, RFC 8032), which OpenSSL spells as no digest and a one-shot call.
const char *digestName(JwsAlgorithm algorithm)
{
    return algorithm == JwsAlgorithm::EdDSA ? nullptr : "SHA256";
}

}   // namespace

QString jwsAlgorithmName(JwsAlgorithm algorithm)
{
    switch (algorithm) {
    case JwsAlgorithm::HS256:
        return QStringLiteral("HS256");
    case JwsAlgorithm::RS256:
        return QStringLiteral("RS256");
    case JwsAlgorithm::ES256:
        return QStringLiteral("ES256");
    case JwsAlgorithm::EdDSA:
        return QStringLiteral("EdDSA");
    }
    return QString();
}

std::optional<JwsAlgorithm> jwsAlgorithmFromName(QStringView name)
{
    // Case-sensitive on purpose (RFC 7515 4.1.1): "hs256" is not a JWA name, and
    // leniency here is how "None"/"nOnE" slipped through other libraries.
    // "EdDSA" is RFC 8037's name; "Ed25519" names a curve, not a JWS algorithm.
    if (name == u"HS256")
        return JwsAlgorithm::HS256;
    if (name == u"RS256")
        return JwsAlgorithm::RS256;
    if (name == u"ES256")
        return JwsAlgorithm::ES256;
    if (name == u"EdDSA")
        return JwsAlgorithm::EdDSA;
    return std::nullopt;
}

JwsKey::JwsKey(JwsAlgorithm algorithm, QByteArray secret) : m_algorithm(algorithm), m_secret(std::move(secret)) {}

JwsKey::JwsKey(JwsAlgorithm algorithm, KeyPointer privateKey, KeyPointer publicKey)
    : m_algorithm(algorithm)
    , m_privateKey(std::move(privateKey))
    , m_publicKey(std::move(publicKey))
{}

JwsKey JwsKey::hmacSha256(QByteArray secret)
{
    return JwsKey(JwsAlgorithm::HS256, std::move(secret));
}

std::optional<JwsKey> JwsKey::fromPem(JwsAlgorithm algorithm, const QByteArray &privatePem, const QByteArray &publicPem,
                                      QString *error)
{
    const ErrorQueueCleaner cleaner;
    const QString name = jwsAlgorithmName(algorithm);
    if (algorithm == JwsAlgorithm::HS256) {
        *error = QStringLiteral("HS256 takes a secret, not a PEM key");
        return std::nullopt;
    }
    if (privatePem.isEmpty() && publicPem.isEmpty()) {
        *error = QStringLiteral("%1 needs a private key (to sign) or a public key (to verify), or both").arg(name);
        return std::nullopt;
    }

    KeyPointer privateKey;
    KeyPointer derivedPublic;
    if (!privatePem.isEmpty()) {
        privateKey = readPrivateKey(privatePem);
        if (!privateKey) {
            *error = QStringLiteral("the private key is not an unencrypted PEM private key "
                                    "(PKCS#8 or traditional; passphrase-protected keys are not supported)");
            return std::nullopt;
        }
        if (!fitsAlgorithm(algorithm, privateKey.get())) {
            *error = QStringLiteral("the private key is %1, but %2 needs %3")
                             .arg(describeKey(privateKey.get()), name, requiredKey(algorithm));
            return std::nullopt;
        }
        derivedPublic = publicHalf(privateKey.get());
        if (!derivedPublic) {
            *error = QStringLiteral("cannot derive the public key from the private key");
            return std::nullopt;
        }
    }

    KeyPointer publicKey;
    if (!publicPem.isEmpty()) {
        publicKey = readPublicKey(publicPem);
        if (!publicKey) {
            *error = QStringLiteral("the public key is not a PEM public key (-----BEGIN PUBLIC KEY-----)");
            return std::nullopt;
        }
        if (!fitsAlgorithm(algorithm, publicKey.get())) {
            *error = QStringLiteral("the public key is %1, but %2 needs %3")
                             .arg(describeKey(publicKey.get()), name, requiredKey(algorithm));
            return std::nullopt;
        }
        // A mismatched pair would issue tokens this very server refuses.
        if (derivedPublic && EVP_PKEY_eq(derivedPublic.get(), publicKey.get()) != 1) {
            *error = QStringLiteral("the private and public keys are not one key pair");
            return std::nullopt;
        }
    }
    return JwsKey(algorithm, std::move(privateKey), publicKey ? std::move(publicKey) : std::move(derivedPublic));
}

bool JwsKey::canSign() const
{
    if (m_algorithm == JwsAlgorithm::HS256)
        return m_secret.size() >= MinimumHmacSha256KeyBytes;
    return m_privateKey != nullptr;
}

QByteArray JwsKey::sign(QByteArrayView signingInput) const
{
    switch (m_algorithm) {
    case JwsAlgorithm::HS256: {
        if (m_secret.size() < MinimumHmacSha256KeyBytes)
            return {};
        QByteArray mac(qsizetype(Sha256Bytes), Qt::Uninitialized);
        size_t macLength = 0;
        const unsigned char *result =
                EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, m_secret.constData(), size_t(m_secret.size()),
                          reinterpret_cast<const unsigned char *>(signingInput.data()), size_t(signingInput.size()),
                          reinterpret_cast<unsigned char *>(mac.data()), size_t(mac.size()), &macLength);
        if (!result || macLength != Sha256Bytes)
            return {};
        return mac;
    }
    case JwsAlgorithm::RS256:
    case JwsAlgorithm::ES256:
    case JwsAlgorithm::EdDSA:
        return signAsymmetric(signingInput);
    }
    return {};
}

bool JwsKey::verify(QByteArrayView signingInput, QByteArrayView signature) const
{
    if (m_algorithm != JwsAlgorithm::HS256)
        return verifyAsymmetric(signingInput, signature);

    const QByteArray expected = sign(signingInput);
    if (expected.isEmpty())
        return false;
    // The length is public (fixed by the algorithm), so an early exit on it leaks
    // nothing; the bytes themselves must be compared in constant time.
    if (signature.size() != expected.size())
        return false;
    return CRYPTO_memcmp(expected.constData(), signature.data(), size_t(expected.size())) == 0;
}

QByteArray JwsKey::signAsymmetric(QByteArrayView signingInput) const
{
    const ErrorQueueCleaner cleaner;
    if (!m_privateKey)
        return {};
    const EvpMdContextPtr context(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyContext = nullptr;
    if (!context
        || EVP_DigestSignInit_ex(context.get(), &keyContext, digestName(m_algorithm), nullptr, nullptr,
                                 m_privateKey.get(), nullptr)
                != 1)
        return {};
    // PKCS#1 v1.5 is OpenSSL's default for RSA today; RS256 is defined as
    // exactly that (RFC 7518 3.3), so it is said rather than assumed.
    if (m_algorithm == JwsAlgorithm::RS256 && EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) != 1)
        return {};
    // The largest signature this key makes (modulus bytes, DER ECDSA maximum, 64 for Ed25519).
    const int maxLength = EVP_PKEY_get_size(m_privateKey.get());
    if (maxLength <= 0)
        return {};
    QByteArray signature(maxLength, '\0');
    size_t length = size_t(signature.size());
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, bytes(signingInput),
                       size_t(signingInput.size()))
        != 1)
        return {};
    signature.truncate(qsizetype(length));
    if (m_algorithm == JwsAlgorithm::ES256)
        return ecdsaDerToRaw(signature);
    return signature;
}

bool JwsKey::verifyAsymmetric(QByteArrayView signingInput, QByteArrayView signature) const
{
    const ErrorQueueCleaner cleaner;
    if (!m_publicKey)
        return false;

    // Shape checks first: the JWS form of each algorithm has one exact length,
    // and anything else (a DER ECDSA signature, a truncated RSA one) is refused
    // without asking OpenSSL to be lenient about it.
    QByteArray der;
    QByteArrayView toVerify = signature;
    switch (m_algorithm) {
    case JwsAlgorithm::HS256:
        return false;
    case JwsAlgorithm::RS256:
        if (signature.size() != EVP_PKEY_get_size(m_publicKey.get()))
            return false;
        break;
    case JwsAlgorithm::ES256:
        der = ecdsaRawToDer(signature);
        if (der.isEmpty())
            return false;
        toVerify = der;
        break;
    case JwsAlgorithm::EdDSA:
        if (signature.size() != Ed25519SignatureBytes)
            return false;
        break;
    }

    const EvpMdContextPtr context(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyContext = nullptr;
    if (!context
        || EVP_DigestVerifyInit_ex(context.get(), &keyContext, digestName(m_algorithm), nullptr, nullptr,
                                   m_publicKey.get(), nullptr)
                != 1)
        return false;
    if (m_algorithm == JwsAlgorithm::RS256 && EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) != 1)
        return false;
    return EVP_DigestVerify(context.get(), bytes(toVerify), size_t(toVerify.size()), bytes(signingInput),
                            size_t(signingInput.size()))
            == 1;
}

}   // namespace SignalGate::Jose
