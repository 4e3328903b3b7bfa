#pragma once

// Asymmetric test keys made with OpenSSL EVP and written as PEM, for the unit
// tests (which link only signalgate_auth, so this is header-only) and the
// integration tests (which write the PEM to files for a real server).

#include <QByteArray>
#include <QFile>
#include <QString>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>

namespace TestKeys {

using Key = std::shared_ptr<EVP_PKEY>;

inline Key adopt(EVP_PKEY *key)
{
    return key ? Key(key, EVP_PKEY_free) : Key();
}

// type: "RSA", or "RSA-PSS" for a key restricted to PSS signatures.
// (EVP_PKEY_Q_keygen only knows "RSA", so the context is built by hand.)
inline Key rsa(unsigned bits, const char *type = "RSA")
{
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> context(
            EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr), EVP_PKEY_CTX_free);
    EVP_PKEY *key = nullptr;
    if (!context || EVP_PKEY_keygen_init(context.get()) != 1
        || EVP_PKEY_CTX_set_rsa_keygen_bits(context.get(), int(bits)) != 1
        || EVP_PKEY_generate(context.get(), &key) != 1)
        return {};
    return adopt(key);
}

// curve: an OpenSSL curve name ("P-256", "P-384", "secp256k1").
inline Key ec(const char *curve)
{
    return adopt(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", const_cast<char *>(curve)));
}

// Key types without parameters only: "ED25519", "ED448", "X25519" (EVP_PKEY_Q_keygen
// reads a size_t for RSA and a curve name for EC from its variadic arguments).
inline Key generate(const char *type)
{
    return adopt(EVP_PKEY_Q_keygen(nullptr, nullptr, type));
}

inline QByteArray readBio(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return length > 0 ? QByteArray(data, qsizetype(length)) : QByteArray();
}

// PKCS#8 "BEGIN PRIVATE KEY", unencrypted unless a passphrase is given.
inline QByteArray privatePem(const Key &key, const QByteArray &passphrase = {})
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!key || !bio)
        return {};
    const EVP_CIPHER *cipher = passphrase.isEmpty() ? nullptr : EVP_aes_256_cbc();
    if (PEM_write_bio_PKCS8PrivateKey(bio.get(), key.get(), cipher,
                                      passphrase.isEmpty() ? nullptr : passphrase.constData(), int(passphrase.size()),
                                      nullptr, nullptr)
        != 1)
        return {};
    return readBio(bio.get());
}

// SubjectPublicKeyInfo "BEGIN PUBLIC KEY".
inline QByteArray publicPem(const Key &key)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!key || !bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1)
        return {};
    return readBio(bio.get());
}

// A P-256 key from JWK x and y (32 bytes each: the uncompressed point
// 04||x||y), and the private scalar d when given (a key pair).
inline Key p256Key(const QByteArray &x, const QByteArray &y, const QByteArray &d = {})
{
    const QByteArray point = QByteArray(1, '\x04') + x + y;
    std::unique_ptr<BIGNUM, decltype(&BN_free)> scalar(
            d.isEmpty() ? nullptr
                        : BN_bin2bn(reinterpret_cast<const unsigned char *>(d.constData()), int(d.size()), nullptr),
            BN_free);
    std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> builder(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
    if ((!d.isEmpty() && !scalar) || !builder
        || OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) != 1
        || OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                            size_t(point.size()))
                != 1
        || (scalar && OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar.get()) != 1))
        return {};
    std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(builder.get()),
                                                                   OSSL_PARAM_free);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> context(
            EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr), EVP_PKEY_CTX_free);
    EVP_PKEY *key = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1
        || EVP_PKEY_fromdata(context.get(), &key, scalar ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return {};
    return adopt(key);
}

inline Key ed25519PrivateKey(const QByteArray &d)
{
    return adopt(EVP_PKEY_new_raw_private_key(
            EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(d.constData()), size_t(d.size())));
}

inline Key ed25519PublicKey(const QByteArray &x)
{
    return adopt(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                             reinterpret_cast<const unsigned char *>(x.constData()), size_t(x.size())));
}

inline QByteArray rawPublicKey(const Key &key)
{
    size_t length = 0;
    if (!key || EVP_PKEY_get_raw_public_key(key.get(), nullptr, &length) != 1)
        return {};
    QByteArray raw(qsizetype(length), '\0');
    if (EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char *>(raw.data()), &length) != 1)
        return {};
    return raw;
}

// What OpenSSL itself produces for ECDSA: a DER SEQUENCE { r, s }, not JWS's R||S.
inline QByteArray derEcdsaSignature(const Key &key, const QByteArray &data)
{
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!key || !context
        || EVP_DigestSignInit_ex(context.get(), nullptr, "SHA256", nullptr, nullptr, key.get(), nullptr) != 1)
        return {};
    size_t length = size_t(EVP_PKEY_get_size(key.get()));
    QByteArray signature(qsizetype(length), '\0');
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()))
        != 1)
        return {};
    signature.truncate(qsizetype(length));
    return signature;
}

inline bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size())
        return false;
    file.close();
    return file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

}   // namespace TestKeys
