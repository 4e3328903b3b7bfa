#include "keyloader.h"

#include "logging.h"
#include "secretfile.h"

#include <QFileInfo>

using namespace SignalGate::Jose;

namespace SignalGate::Server::KeyLoader {

namespace {

std::optional<JwsKey> loadKeyPair(const ServerConfig &config, JwsAlgorithm algorithm, QString *error)
{
    const QString &privatePath = config.jwtPrivateKeyFile;
    const QString &publicPath = config.jwtPublicKeyFile;
    if (privatePath.isEmpty() && publicPath.isEmpty()) {
        *error = QStringLiteral("--jwt-alg %1 needs --jwt-private-key FILE and/or --jwt-public-key FILE")
                         .arg(jwsAlgorithmName(algorithm));
        return std::nullopt;
    }
    // Each file is checked on its own first, so the error names the one at fault;
    // only then the pair, whose mismatch names both.
    QByteArray privatePem;
    QByteArray publicPem;
    QString why;
    if (!privatePath.isEmpty()) {
        const std::optional<QByteArray> pem = SecretFile::readPem(privatePath, error);
        if (!pem)
            return std::nullopt;
        if (!JwsKey::fromPem(algorithm, *pem, {}, &why)) {
            *error = QStringLiteral("--jwt-private-key %1: %2").arg(privatePath, why);
            return std::nullopt;
        }
        if (SecretFile::isReadableByOthers(privatePath))
            qCWarning(lcServer).noquote()
                    << "key file" << privatePath << "is readable by group or others; chmod 600 it";
        privatePem = *pem;
    }
    if (!publicPath.isEmpty()) {
        const std::optional<QByteArray> pem = SecretFile::readPem(publicPath, error);
        if (!pem)
            return std::nullopt;
        if (!JwsKey::fromPem(algorithm, {}, *pem, &why)) {
            *error = QStringLiteral("--jwt-public-key %1: %2").arg(publicPath, why);
            return std::nullopt;
        }
        publicPem = *pem;
    }
    std::optional<JwsKey> key = JwsKey::fromPem(algorithm, privatePem, publicPem, &why);
    if (!key) {
        *error = QStringLiteral("--jwt-private-key %1 and --jwt-public-key %2: %3; pass the public key of that private "
                                "key (or only the private key)")
                         .arg(privatePath, publicPath, why);
        return std::nullopt;
    }
    return key;
}

}   // namespace

std::optional<JwsKey> load(const ServerConfig &config, Missing missing, QString *error)
{
    const std::optional<JwsAlgorithm> algorithm = jwsAlgorithmFromName(config.jwtAlgorithm);
    if (!algorithm) {
        *error = QStringLiteral("--jwt-alg: expected HS256, RS256, ES256 or EdDSA, got '%1'").arg(config.jwtAlgorithm);
        return std::nullopt;
    }
    if (*algorithm != JwsAlgorithm::HS256)
        return loadKeyPair(config, *algorithm, error);

    auto toKey = [](const std::optional<QByteArray> &secret) {
        return secret ? std::optional<JwsKey>(JwsKey::hmacSha256(*secret)) : std::nullopt;
    };
    if (!config.jwtSecretFile.isEmpty()) {
        const auto key = SecretFile::read(config.jwtSecretFile, error);
        if (key && SecretFile::isReadableByOthers(config.jwtSecretFile))
            qCWarning(lcServer).noquote()
                    << "key file" << config.jwtSecretFile << "is readable by group or others; chmod 600 it";
        return toKey(key);
    }
    const QString path = config.defaultSecretPath();
    if (QFileInfo::exists(path))
        return toKey(SecretFile::read(path, error));
    if (missing == Missing::Refuse) {
        *error = QStringLiteral("no HS256 key in %1 yet; start the server once (it makes one there) or pass "
                                "--jwt-secret-file FILE")
                         .arg(path);
        return std::nullopt;
    }
    qCInfo(lcServer).noquote() << "generated a new HS256 key in" << path;
    return toKey(SecretFile::create(path, error));
}

}   // namespace SignalGate::Server::KeyLoader
