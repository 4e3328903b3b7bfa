#include "passwordhasher.h"

#include "base64url.h"
#include "securerandom.h"

#include <QList>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <climits>

using namespace SignalGate::Protocol;
using namespace SignalGate::Jose;

namespace SignalGate::Server {

namespace {

constexpr QByteArrayView Scheme("pbkdf2-sha256");
constexpr int SaltBytes = 16;
constexpr int HashBytes = 32;
// The verify() window: below the floor a stored hash is too weak to trust (it
// would mean the database was tampered with); above the ceiling a planted hash
// could make each login burn seconds of CPU.
constexpr int MinIterations = 100000;
constexpr int MaxIterations = 10000000;
// Longer than any encoding we produce; refusing early keeps garbage cheap.
constexpr qsizetype MaxEncodedLength = 128;

bool derive(QByteArrayView password, QByteArrayView salt, int iterations, unsigned char *out)
{
    if (password.size() > INT_MAX)
        return false;
    // OpenSSL wants a non-null pointer even for an empty password.
    const char *pass = password.isEmpty() ? "" : password.data();
    return PKCS5_PBKDF2_HMAC(pass, int(password.size()), reinterpret_cast<const unsigned char *>(salt.data()),
                             int(salt.size()), iterations, EVP_sha256(), HashBytes, out)
            == 1;
}

// Only the canonical decimal spelling: no sign, no blanks, no leading zero,
// so one hash has exactly one encoding.
int parseIterations(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > 8 || text.front() == '0')
        return -1;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

}   // namespace

namespace PasswordHasher {

QByteArray hash(QByteArrayView password, int iterations)
{
    // Refuse rather than write a hash that verify() would later reject: a user
    // who could never log in is a worse surprise than an empty result here.
    if (iterations < MinIterations || iterations > MaxIterations)
        return {};

    const QByteArray salt = SecureRandom::bytes(SaltBytes);
    unsigned char derived[HashBytes];
    if (!derive(password, salt, iterations, derived))
        return {};

    QByteArray encoded;
    encoded.reserve(100);
    encoded.append(Scheme.data(), Scheme.size())
            .append('$')
            .append(QByteArray::number(iterations))
            .append('$')
            .append(Base64Url::encode(salt))
            .append('$')
            .append(Base64Url::encode(QByteArrayView(derived, HashBytes)));
    OPENSSL_cleanse(derived, sizeof derived);
    return encoded;
}

bool verify(QByteArrayView password, QByteArrayView encoded)
{
    if (encoded.isEmpty() || encoded.size() > MaxEncodedLength)
        return false;

    const QList<QByteArray> parts = encoded.toByteArray().split('$');
    if (parts.size() != 4 || parts.at(0) != Scheme)
        return false;

    const int iterations = parseIterations(parts.at(1));
    if (iterations < MinIterations || iterations > MaxIterations)
        return false;

    const std::optional<QByteArray> salt = Base64Url::decode(parts.at(2));
    const std::optional<QByteArray> expected = Base64Url::decode(parts.at(3));
    if (!salt || salt->size() != SaltBytes || !expected || expected->size() != HashBytes)
        return false;

    unsigned char derived[HashBytes];
    if (!derive(password, *salt, iterations, derived))
        return false;
    const bool same = CRYPTO_memcmp(derived, expected->constData(), HashBytes) == 0;
    OPENSSL_cleanse(derived, sizeof derived);
    return same;
}

QByteArray dummyHash()
{
    // Computed once (thread-safe static init) with the default cost, so that
    // checking an unknown user takes as long as checking a real one.
    static const QByteArray dummy = hash(SecureRandom::bytes(32));
    return dummy;
}

}   // namespace PasswordHasher

}   // namespace SignalGate::Server
