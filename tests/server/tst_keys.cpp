// Asymmetric access-token keys on a real server: RS256, ES256 and EdDSA from
// PEM files. Tokens from /auth/login carry the configured alg and open /ws; a
// token from another key of the same type is closed 1008; a server holding
// only the public key verifies tokens but answers 503 where it would issue one.
#include "base64url.h"
#include "jwskey.h"
#include "jwssigner.h"
#include "testhttp.h"
#include "testkeys.h"
#include "testserver.h"
#include "wsprobe.h"

#include <QDir>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

using namespace SignalGate::Protocol;
using namespace SignalGate::Jose;
using namespace SignalGate::Server;
using TestHttp::Reply;

Q_DECLARE_METATYPE(JwsAlgorithm)

namespace {

const QString invalidToken = QStringLiteral("Invalid or expired token");

// One algorithm's key material: pair A is the server's, B is a stranger's of the same type.
struct KeyFiles
{
    QString privatePath;
    QString publicPath;
    QByteArray privatePem;
    QByteArray otherPrivatePem;
    QByteArray publicPem;
};

QJsonObject tokenHeader(const QByteArray &token)
{
    const std::optional<QByteArray> json = Base64Url::decode(token.split('.').value(0));
    return json ? QJsonDocument::fromJson(*json).object() : QJsonObject();
}

}   // namespace

class TestAsymmetricKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void loginIssuesConfiguredAlgorithm_data();
    void loginIssuesConfiguredAlgorithm();
    void publicKeyOnlyServerVerifiesButDoesNotIssue_data();
    void publicKeyOnlyServerVerifiesButDoesNotIssue();
    void badKeyFilesStopTheStart_data();
    void badKeyFilesStopTheStart();

private:
    std::unique_ptr<WsProbe> openWith(TestServer &server, const QByteArray &token);
    static bool admitted(WsProbe &probe, const QString &subject);
    static bool refused(WsProbe &probe);
    QByteArray signWith(JwsAlgorithm algorithm, const QByteArray &privatePem, const TestServer &server);
    QString writeKey(const QString &name, const QByteArray &pem);

    QTemporaryDir m_dir;
    std::map<JwsAlgorithm, KeyFiles> m_keys;
    std::unique_ptr<TestServer> m_server;   // the current test's server, checked in cleanup()
};

QString TestAsymmetricKeys::writeKey(const QString &name, const QByteArray &pem)
{
    const QString path = m_dir.filePath(name);
    return !pem.isEmpty() && TestKeys::writeFile(path, pem) ? path : QString();
}

void TestAsymmetricKeys::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const struct
    {
        JwsAlgorithm algorithm;
        TestKeys::Key key;
        TestKeys::Key other;
    } generated[] = {
            {JwsAlgorithm::RS256, TestKeys::rsa(2048), TestKeys::rsa(2048)},
            {JwsAlgorithm::ES256, TestKeys::ec("P-256"), TestKeys::ec("P-256")},
            {JwsAlgorithm::EdDSA, TestKeys::generate("ED25519"), TestKeys::generate("ED25519")},
    };
    for (const auto &entry : generated) {
        QVERIFY(entry.key && entry.other);
        const QString name = jwsAlgorithmName(entry.algorithm).toLower();
        KeyFiles files;
        files.privatePem = TestKeys::privatePem(entry.key);
        files.publicPem = TestKeys::publicPem(entry.key);
        files.otherPrivatePem = TestKeys::privatePem(entry.other);
        files.privatePath = writeKey(name + QStringLiteral("-private.pem"), files.privatePem);
        files.publicPath = writeKey(name + QStringLiteral("-public.pem"), files.publicPem);
        QVERIFY(!files.privatePath.isEmpty() && !files.publicPath.isEmpty());
        m_keys[entry.algorithm] = files;
    }
}

void TestAsymmetricKeys::cleanup()
{
    if (m_server && m_server->server())
        QTRY_COMPARE(m_server->server()->sessionCount(), 0);
    m_server.reset();
}

std::unique_ptr<WsProbe> TestAsymmetricKeys::openWith(TestServer &server, const QByteArray &token)
{
    auto probe = std::make_unique<WsProbe>();
    QNetworkRequest request(server.wsUrl());
    request.setRawHeader("Authorization", "Bearer " + token);
    probe->open(request, {QStringLiteral("signalgate.v1")});
    return probe;
}

bool TestAsymmetricKeys::admitted(WsProbe &probe, const QString &subject)
{
    if (!probe.waitForMessages(1))
        return false;
    const QJsonObject welcome = probe.messages().first();
    const bool ok = welcome.value(QLatin1String("type")).toString() == QLatin1String("welcome")
            && welcome.value(QLatin1String("sub")).toString() == subject;
    probe.socket().close();
    return probe.waitDisconnected() && ok;
}

bool TestAsymmetricKeys::refused(WsProbe &probe)
{
    return probe.waitDisconnected() && probe.closeCode() == 1008 && probe.closeReason() == invalidToken
            && probe.messages().isEmpty();
}

// A token the way another issuer holding privatePem would mint it.
QByteArray TestAsymmetricKeys::signWith(JwsAlgorithm algorithm, const QByteArray &privatePem, const TestServer &server)
{
    QString error;
    const std::optional<JwsKey> key = JwsKey::fromPem(algorithm, privatePem, {}, &error);
    if (!key) {
        qWarning("cannot load a test key: %s", qPrintable(error));
        return {};
    }
    return JwsSigner(*key).sign(server.defaultClaims());
}

void TestAsymmetricKeys::loginIssuesConfiguredAlgorithm_data()
{
    QTest::addColumn<JwsAlgorithm>("algorithm");
    QTest::newRow("ES256") << JwsAlgorithm::ES256;
    QTest::newRow("EdDSA") << JwsAlgorithm::EdDSA;
    QTest::newRow("RS256") << JwsAlgorithm::RS256;
}

void TestAsymmetricKeys::loginIssuesConfiguredAlgorithm()
{
    QFETCH(JwsAlgorithm, algorithm);
    const KeyFiles &keys = m_keys[algorithm];
    const QString name = jwsAlgorithmName(algorithm);
    // Both files: the server checks that they are one pair before it listens.
    const TestServer::Tweak asymmetric = TestServer::asymmetricKeys(name, keys.privatePath, keys.publicPath);
    m_server = std::make_unique<TestServer>([&](ServerConfig &config) {
        asymmetric(config);
        config.dev = true;
    });
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    TestServer &server = *m_server;

    const Reply login = TestHttp::post(server, QStringLiteral("/auth/login"),
                                       {{QStringLiteral("username"), QStringLiteral("demo")},
                                        {QStringLiteral("password"), QStringLiteral("demo")}});
    QCOMPARE(login.status, 200);
    const QByteArray access = login.json.value(QLatin1String("access_token")).toString().toLatin1();
    QVERIFY(!access.isEmpty());
    QCOMPARE(tokenHeader(access).value(QLatin1String("alg")).toString(), name);
    QCOMPARE(tokenHeader(access).value(QLatin1String("typ")).toString(), QStringLiteral("at+jwt"));
    QVERIFY(!tokenHeader(access).contains(QLatin1String("kid")));
    auto probe = openWith(server, access);
    QVERIFY(admitted(*probe, QStringLiteral("demo")));

    // Refresh rotation issues with the same key and algorithm.
    const Reply refreshed =
            TestHttp::post(server, QStringLiteral("/auth/refresh"),
                           {{QStringLiteral("refresh_token"), login.json.value(QLatin1String("refresh_token"))}});
    QCOMPARE(refreshed.status, 200);
    const QByteArray second = refreshed.json.value(QLatin1String("access_token")).toString().toLatin1();
    QCOMPARE(tokenHeader(second).value(QLatin1String("alg")).toString(), name);
    probe = openWith(server, second);
    QVERIFY(admitted(*probe, QStringLiteral("demo")));

    // The same private key used elsewhere (an external issuer) is accepted...
    const QByteArray external = signWith(algorithm, keys.privatePem, server);
    QVERIFY(!external.isEmpty());
    probe = openWith(server, external);
    QVERIFY(admitted(*probe, QStringLiteral("alice")));

    // ...another key of the very same type is not.
    const QByteArray stranger = signWith(algorithm, keys.otherPrivatePem, server);
    QVERIFY(!stranger.isEmpty());
    QCOMPARE(tokenHeader(stranger).value(QLatin1String("alg")).toString(), name);
    probe = openWith(server, stranger);
    QVERIFY(refused(*probe));

    // Key confusion end to end: HMAC with the public key's PEM text as the secret,
    // under HS256 and under the configured alg's name.
    for (const QString &alg : {QStringLiteral("HS256"), name}) {
        const QByteArray forged =
                TestServer::forge({{QStringLiteral("alg"), alg}, {QStringLiteral("typ"), QStringLiteral("at+jwt")}},
                                  server.defaultClaims(), keys.publicPem);
        probe = openWith(server, forged);
        QVERIFY2(refused(*probe), qPrintable(alg));
    }
}

void TestAsymmetricKeys::publicKeyOnlyServerVerifiesButDoesNotIssue_data()
{
    loginIssuesConfiguredAlgorithm_data();
}

void TestAsymmetricKeys::publicKeyOnlyServerVerifiesButDoesNotIssue()
{
    QFETCH(JwsAlgorithm, algorithm);
    const KeyFiles &keys = m_keys[algorithm];
    const TestServer::Tweak asymmetric =
            TestServer::asymmetricKeys(jwsAlgorithmName(algorithm), QString(), keys.publicPath);
    m_server = std::make_unique<TestServer>([&](ServerConfig &config) {
        asymmetric(config);
        config.dev = true;
    });
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    TestServer &server = *m_server;

    const Reply login = TestHttp::post(server, QStringLiteral("/auth/login"),
                                       {{QStringLiteral("username"), QStringLiteral("demo")},
                                        {QStringLiteral("password"), QStringLiteral("demo")}});
    QCOMPARE(login.status, 503);
    QCOMPARE(login.json.value(QLatin1String("error")).toString(), QStringLiteral("cannot_issue"));
    QVERIFY(!login.json.value(QLatin1String("message")).toString().isEmpty());
    QVERIFY(!login.json.contains(QLatin1String("access_token")));
    const Reply refresh = TestHttp::post(
            server, QStringLiteral("/auth/refresh"),
            {{QStringLiteral("refresh_token"), QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")}});
    QCOMPARE(refresh.status, 503);
    QCOMPARE(refresh.json.value(QLatin1String("error")).toString(), QStringLiteral("cannot_issue"));
    // /dev/token would otherwise answer 200 with an empty token.
    QCOMPARE(TestHttp::post(server, QStringLiteral("/dev/token"), {}).status, 503);

    auto probe = openWith(server, signWith(algorithm, keys.privatePem, server));
    QVERIFY(admitted(*probe, QStringLiteral("alice")));
    probe = openWith(server, signWith(algorithm, keys.otherPrivatePem, server));
    QVERIFY(refused(*probe));
}

void TestAsymmetricKeys::badKeyFilesStopTheStart_data()
{
    QTest::addColumn<QString>("algorithm");
    QTest::addColumn<QString>("privatePath");
    QTest::addColumn<QString>("publicPath");
    QTest::addColumn<QStringList>("mentions");

    const QString notAKey = writeKey(QStringLiteral("not-a-key.txt"), "hello, I am not a key\n");
    const QString p384 = writeKey(QStringLiteral("p384.pem"), TestKeys::privatePem(TestKeys::ec("P-384")));
    const QString otherEs256Public =
            writeKey(QStringLiteral("other-es256-public.pem"), TestKeys::publicPem(TestKeys::ec("P-256")));
    const QString missing = m_dir.filePath(QStringLiteral("no-such.pem"));
    const KeyFiles &es256 = m_keys[JwsAlgorithm::ES256];
    const KeyFiles &rs256 = m_keys[JwsAlgorithm::RS256];

    QTest::newRow("private key file is not a key")
            << "ES256" << notAKey << QString() << QStringList{"--jwt-private-key", notAKey, "PEM private key"};
    QTest::newRow("public key file is not a key")
            << "EdDSA" << QString() << notAKey << QStringList{"--jwt-public-key", notAKey, "PEM public key"};
    QTest::newRow("missing key file") << "RS256" << missing << QString()
                                      << QStringList{"cannot read key file", missing};
    QTest::newRow("P-384 key for ES256") << "ES256" << p384 << QString() << QStringList{p384, "P-256"};
    QTest::newRow("RSA key for EdDSA") << "EdDSA" << rs256.privatePath << QString()
                                       << QStringList{rs256.privatePath, "Ed25519"};
    QTest::newRow("EC key for RS256") << "RS256" << QString() << es256.publicPath
                                      << QStringList{es256.publicPath, "RSA key of at least 2048 bits"};
    QTest::newRow("mismatched pair") << "ES256" << es256.privatePath << otherEs256Public
                                     << QStringList{es256.privatePath, otherEs256Public, "not one key pair"};
    QTest::newRow("no key files") << "ES256" << QString() << QString() << QStringList{"--jwt-private-key"};
}

void TestAsymmetricKeys::badKeyFilesStopTheStart()
{
    QFETCH(QString, algorithm);
    QFETCH(QString, privatePath);
    QFETCH(QString, publicPath);
    QFETCH(QStringList, mentions);

    TestServer server(TestServer::asymmetricKeys(algorithm, privatePath, publicPath));
    QVERIFY(!server.start());
    const QString error = server.error();
    QVERIFY(!error.contains(u'\n'));
    for (const QString &word : mentions)
        QVERIFY2(error.contains(word), qPrintable(error));
    // Refused before the database is opened: nothing half-written.
    QVERIFY(!QFile::exists(QDir(server.dataDir()).filePath(QStringLiteral("data/signalgate.db"))));
}

QTEST_GUILESS_MAIN(TestAsymmetricKeys)
#include "tst_keys.moc"
