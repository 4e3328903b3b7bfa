#include "testserver.h"

#include "base64url.h"
#include "datadir.h"
#include "jwssigner.h"
#include "securerandom.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <openssl/evp.h>

using namespace SignalGate::Protocol;
using namespace SignalGate::Jose;
using namespace SignalGate::Server;

TestServer::TestServer(const Tweak &tweak, SignalGate::ManualClock::Flow flow) : m_clock(flow)
{
    m_secret = SecureRandom::bytes(48);
    QFile key(secretPath());
    if (key.open(QIODevice::WriteOnly))
        key.write(m_secret);
    key.close();
    key.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    m_config.listenAddress = QHostAddress::LocalHost;
    m_config.listenPort = 0;
    m_config.dataDir = m_dir.filePath(QStringLiteral("data"));
    m_config.jwtSecretFile = secretPath();
    m_config.signalIntervalMs = 20;
    // Suites other than the hardening one open many connections from one
    // address; rate limits stay off unless a test switches them on.
    m_config.connRate = {};
    m_config.loginRate = {};
    m_config.loginRateUser = {};
    // The suites that ctest also runs as <name>_threads (tests/server/CMakeLists.txt)
    // share their sessions over this many pool threads.
    m_config.threads = qEnvironmentVariableIntValue("SIGNALGATE_TEST_THREADS");
    if (m_config.threads < 1)
        m_config.threads = 1;
    if (tweak)
        tweak(m_config);
}

TestServer::~TestServer() = default;

TestServer::Tweak TestServer::asymmetricKeys(const QString &algorithm, const QString &privateKeyFile,
                                             const QString &publicKeyFile)
{
    return [=](ServerConfig &config) {
        config.jwtAlgorithm = algorithm;
        config.jwtSecretFile.clear();
        config.jwtPrivateKeyFile = privateKeyFile;
        config.jwtPublicKeyFile = publicKeyFile;
    };
}

QString TestServer::secretPath() const
{
    return m_dir.filePath(QStringLiteral("hs256.key"));
}

bool TestServer::start()
{
    ServerConfig config = m_config;
    if (config.dev && config.jwtSecretFile == secretPath()) {
        // Dev mode keeps its key in <data-dir>/dev: put the known one there,
        // as an operator would not pass a key file to dev mode.
        const QString devDir = QDir(config.dataDir).filePath(QStringLiteral("dev"));
        const QString devKey = QDir(devDir).filePath(QStringLiteral("jwt-secret"));
        if (!DataDir::prepare(devDir, &m_error))
            return false;
        if (!QFile::exists(devKey) && !QFile::copy(secretPath(), devKey)) {
            m_error = QStringLiteral("cannot copy the test key to %1").arg(devKey);
            return false;
        }
        config.jwtSecretFile.clear();
    }
    m_server = std::make_unique<Server>(config, m_clock);
    if (!m_server->start(&m_error))
        return false;
    // Remembered now: after a graceful shutdown() the port is already closed.
    m_previousPort = m_server->port();
    return true;
}

void TestServer::stop()
{
    m_server.reset();
}

bool TestServer::startOnPreviousPort()
{
    m_config.listenPort = m_previousPort;
    return start();
}

QUrl TestServer::wsUrl(const QString &query) const
{
    QUrl url(QStringLiteral("%1://127.0.0.1:%2/ws")
                     .arg(m_config.tlsEnabled() ? QLatin1String("wss") : QLatin1String("ws"))
                     .arg(m_server->port()));
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QUrl TestServer::httpUrl(const QString &path) const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                        .arg(m_config.tlsEnabled() ? QLatin1String("https") : QLatin1String("http"))
                        .arg(m_server->port())
                        .arg(path));
}

qint64 TestServer::now()
{
    return QDateTime::currentSecsSinceEpoch();
}

QJsonObject TestServer::defaultClaims() const
{
    const qint64 t = now();
    return {{QStringLiteral("iss"), m_config.issuer},
            {QStringLiteral("aud"), m_config.audience},
            {QStringLiteral("sub"), QStringLiteral("alice")},
            {QStringLiteral("iat"), t},
            {QStringLiteral("exp"), t + 600},
            {QStringLiteral("jti"), QString::fromLatin1(SecureRandom::token(16))}};
}

QByteArray TestServer::mint(const QJsonObject &claimOverrides, const QJsonObject &headerOverrides) const
{
    QJsonObject claims = defaultClaims();
    for (auto it = claimOverrides.constBegin(); it != claimOverrides.constEnd(); ++it) {
        if (it.value().isNull())
            claims.remove(it.key());
        else
            claims.insert(it.key(), it.value());
    }
    return JwsSigner(JwsKey::hmacSha256(m_secret)).sign(claims, headerOverrides);
}

QByteArray TestServer::forge(const QJsonObject &header, const QJsonObject &payload, const QByteArray &key,
                             const char *digest)
{
    const QByteArray input = Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
            + Base64Url::encode(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t length = 0;
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, digest, nullptr, key.constData(), size_t(key.size()),
                   reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size()), mac, sizeof mac,
                   &length))
        return {};
    return input + '.' + Base64Url::encode(QByteArray(reinterpret_cast<const char *>(mac), qsizetype(length)));
}
