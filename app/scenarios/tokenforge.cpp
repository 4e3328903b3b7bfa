#include "tokenforge.h"

#include "base64url.h"
#include "jwssigner.h"
#include "opensslhandles.h"
#include "secretfile.h"
#include "tokenmutation.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <utility>

using namespace SignalGate::Protocol;
using namespace SignalGate::Jose;

namespace SignalGate::Scenarios {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SignalGate::Scenarios::TokenForge", text);
}

// SubjectPublicKeyInfo PEM of a private key's public half: the text a
// confused verifier would take as an HMAC secret.
QByteArray publicPemOf(const QByteArray &privatePem)
{
    BioPtr in(BIO_new_mem_buf(privatePem.constData(), int(privatePem.size())));
    EvpPkeyPtr key(in ? PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr) : nullptr);
    BioPtr out(BIO_new(BIO_s_mem()));
    if (!key || !out || PEM_write_bio_PUBKEY(out.get(), key.get()) != 1)
        return {};
    char *data = nullptr;
    const long length = BIO_get_mem_data(out.get(), &data);
    return length > 0 ? QByteArray(data, qsizetype(length)) : QByteArray();
}

QByteArray hmac(const char *digest, const QByteArray &key, const QByteArray &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t length = 0;
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, digest, nullptr, key.constData(), size_t(key.size()),
                   reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()), out, sizeof out,
                   &length))
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(length));
}

}   // namespace

TokenForge::TokenForge(JwsKey key, QByteArray secret, QByteArray publicPem)
    : m_key(std::move(key))
    , m_secret(std::move(secret))
    , m_publicPem(std::move(publicPem))
{}

std::optional<TokenForge> TokenForge::fromFile(const QString &path, QString *error)
{
    QString readError;
    const std::optional<QByteArray> pem = SecretFile::readPem(path, &readError);
    if (!pem) {
        *error = readError;
        return std::nullopt;
    }
    if (pem->contains("-----BEGIN")) {
        if (pem->contains("ENCRYPTED")) {
            *error = tr("%1 is an encrypted private key; give an unencrypted PEM.").arg(path);
            return std::nullopt;
        }
        // The key type picks the algorithm: try each; JwsKey checks the type fits exactly.
        for (const JwsAlgorithm algorithm : {JwsAlgorithm::RS256, JwsAlgorithm::ES256, JwsAlgorithm::EdDSA}) {
            QString keyError;
            if (std::optional<JwsKey> key = JwsKey::fromPem(algorithm, *pem, {}, &keyError); key && key->canSign())
                return TokenForge(*key, {}, publicPemOf(*pem));
        }
        *error = tr("%1 is not an unencrypted RSA (2048 bits or more), EC P-256 or Ed25519 private key.").arg(path);
        return std::nullopt;
    }
    const std::optional<QByteArray> secret = SecretFile::read(path, &readError);
    if (!secret) {
        *error = readError;
        return std::nullopt;
    }
    return TokenForge(JwsKey::hmacSha256(*secret), *secret, {});
}

QByteArray TokenForge::sign(const QJsonObject &claims, const QJsonObject &headerOverrides) const
{
    return JwsSigner(m_key).sign(claims, headerOverrides);
}

QByteArray TokenForge::confusedAlgorithm(const QJsonObject &claims) const
{
    if (m_key.algorithm() != JwsAlgorithm::HS256)
        return JwsSigner(JwsKey::hmacSha256(m_publicPem)).sign(claims);
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("HS512")},
                             {QStringLiteral("typ"), QStringLiteral("at+jwt")}};
    const QByteArray input = TokenMutation::assemble(header, claims, {}).chopped(1);
    return input + '.' + Base64Url::encode(hmac("SHA512", m_secret, input));
}

}   // namespace SignalGate::Scenarios
