// The HTTP face of the port: login, refresh rotation and reuse detection,
// /dev/token only in dev mode, strict request parsing. Real server, real
// sockets (QNetworkAccessManager and raw QTcpSocket).
#include "rawhttp.h"
#include "testhttp.h"
#include "testserver.h"
#include "wsprobe.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace SignalGate::Server;

using TestHttp::Reply;

class TestHttpApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void healthz();
    void securityHeadersOnEveryAnswer_data();
    void securityHeadersOnEveryAnswer();
    void loginIssuesTokenPair();
    void loginWithWrongPasswordIs401_data();
    void loginWithWrongPasswordIs401();
    void loginRejectsBadBodies_data();
    void loginRejectsBadBodies();
    void refreshRotates();
    void refreshReuseRevokesFamily();
    void refreshRejectsGarbage();
    void devTokenAbsentWithoutDev();
    void devTokenMintsAcceptedAndHostileTokens();
    void plainGetOnWebSocketPathIs426();
    void unknownPathAndWrongMethod();
    void oversizedHeadIs431();
    void oversizedBodyIs413();
    void malformedRequestsAre400_data();
    void malformedRequestsAre400();

private:
    QByteArray raw(TestServer &server, const QByteArray &request);

    std::unique_ptr<TestServer> m_plain;   // production mode
    std::unique_ptr<TestServer> m_dev;     // --dev
};

void TestHttpApi::initTestCase()
{
    m_plain = std::make_unique<TestServer>();
    QVERIFY2(m_plain->start(), qPrintable(m_plain->error()));
    m_dev = std::make_unique<TestServer>([](ServerConfig &c) { c.dev = true; });
    QVERIFY2(m_dev->start(), qPrintable(m_dev->error()));
}

QByteArray TestHttpApi::raw(TestServer &server, const QByteArray &request)
{
    return RawHttp::exchange(server.server()->port(), request, {}, 7000);
}

void TestHttpApi::healthz()
{
    const Reply reply = TestHttp::get(*m_plain, QStringLiteral("/healthz"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QByteArray("ok"));
}

void TestHttpApi::securityHeadersOnEveryAnswer_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::newRow("healthz") << QStringLiteral("/healthz") << 200;
    QTest::newRow("not found") << QStringLiteral("/nothing-here") << 404;
    QTest::newRow("login via GET") << QStringLiteral("/auth/login") << 405;
}

void TestHttpApi::securityHeadersOnEveryAnswer()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    const Reply reply = TestHttp::get(*m_plain, path);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(reply.header("Referrer-Policy"), QByteArray("no-referrer"));
    QCOMPARE(reply.header("Content-Security-Policy"), QByteArray("default-src 'none'"));
    QCOMPARE(reply.header("Access-Control-Allow-Origin"), QByteArray());
}

void TestHttpApi::loginIssuesTokenPair()
{
    const Reply reply =
            TestHttp::postBytes(*m_dev, QStringLiteral("/auth/login"), R"({"username":"demo","password":"demo"})");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Cache-Control"), QByteArray("no-store"));
    QCOMPARE(reply.json.value("token_type").toString(), QStringLiteral("Bearer"));
    QCOMPARE(reply.json.value("expires_in").toInt(), 900);
    QCOMPARE(reply.json.value("refresh_expires_in").toInt(), 8 * 3600);
    const QByteArray access = reply.json.value("access_token").toString().toLatin1();
    const QByteArray refresh = reply.json.value("refresh_token").toString().toLatin1();
    QCOMPARE(access.count('.'), 2);
    QCOMPARE(refresh.count('.'), 0);   // opaque, not a JWT
    QVERIFY(refresh.size() >= 43);     // 32 random bytes, base64url

    // The access token opens the stream.
    WsProbe probe;
    QNetworkRequest request(m_dev->wsUrl());
    request.setRawHeader("Authorization", "Bearer " + access);
    probe.open(request, {QStringLiteral("signalgate.v1")});
    QVERIFY(probe.waitForMessages(1));
    QCOMPARE(probe.messages().first().value("sub").toString(), QStringLiteral("demo"));
    probe.socket().close();
    QVERIFY(probe.waitDisconnected());
}

void TestHttpApi::loginWithWrongPasswordIs401_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("wrong password") << QByteArray(R"({"username":"demo","password":"wrong"})");
    QTest::newRow("unknown user") << QByteArray(R"({"username":"mallory","password":"demo"})");
    QTest::newRow("invalid user name") << QByteArray(R"({"username":"a b/c","password":"demo"})");
    QTest::newRow("password case") << QByteArray(R"({"username":"demo","password":"DEMO"})");
}

void TestHttpApi::loginWithWrongPasswordIs401()
{
    QFETCH(QByteArray, body);
    const Reply reply = TestHttp::postBytes(*m_dev, QStringLiteral("/auth/login"), body);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.json.value("error").toString(), QStringLiteral("invalid_credentials"));
    QVERIFY(!reply.json.contains("access_token"));
}

void TestHttpApi::loginRejectsBadBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not JSON") << QByteArray("username=demo&password=demo");
    QTest::newRow("array") << QByteArray(R"(["demo","demo"])");
    QTest::newRow("missing password") << QByteArray(R"({"username":"demo"})");
    QTest::newRow("empty") << QByteArray();
}

void TestHttpApi::loginRejectsBadBodies()
{
    QFETCH(QByteArray, body);
    QCOMPARE(TestHttp::postBytes(*m_dev, QStringLiteral("/auth/login"), body).status, 400);
}

void TestHttpApi::refreshRotates()
{
    const Reply login =
            TestHttp::postBytes(*m_dev, QStringLiteral("/auth/login"), R"({"username":"demo","password":"demo"})");
    QCOMPARE(login.status, 200);
    const QString first = login.json.value("refresh_token").toString();

    const Reply rotated = TestHttp::postBytes(*m_dev, QStringLiteral("/auth/refresh"),
                                              QJsonDocument(QJsonObject{{"refresh_token", first}}).toJson());
    QCOMPARE(rotated.status, 200);
    QCOMPARE(rotated.header("Cache-Control"), QByteArray("no-store"));
    const QString second = rotated.json.value("refresh_token").toString();
    QVERIFY(!second.isEmpty());
    QVERIFY(second != first);
    QVERIFY(rotated.json.value("access_token").toString() != login.json.value("access_token").toString());

    const Reply again = TestHttp::postBytes(*m_dev, QStringLiteral("/auth/refresh"),
                                            QJsonDocument(QJsonObject{{"refresh_token", second}}).toJson());
    QCOMPARE(again.status, 200);
}

void TestHttpApi::refreshReuseRevokesFamily()
{
    const Reply login =
            TestHttp::postBytes(*m_dev, QStringLiteral("/auth/login"), R"({"username":"demo","password":"demo"})");
    const QString first = login.json.value("refresh_token").toString();
    const Reply rotated = TestHttp::postBytes(*m_dev, QStringLiteral("/auth/refresh"),
                                              QJsonDocument(QJsonObject{{"refresh_token", first}}).toJson());
    QCOMPARE(rotated.status, 200);
    const Reply again = TestHttp::postBytes(
            *m_dev, QStringLiteral("/auth/refresh"),
            QJsonDocument(QJsonObject{{"refresh_token", rotated.json.value("refresh_token")}}).toJson());
    QCOMPARE(again.status, 200);
    const QString third = again.json.value("refresh_token").toString();

    // An attacker replays the first token, which is not the family's last
    // spent one (so no grace applies): refused, and the whole family dies,
    // so the legitimate holder of the newest token is signed out too.
    const Reply reuse = TestHttp::postBytes(*m_dev, QStringLiteral("/auth/refresh"),
                                            QJsonDocument(QJsonObject{{"refresh_token", first}}).toJson());
    QCOMPARE(reuse.status, 401);
    const Reply victim = TestHttp::postBytes(*m_dev, QStringLiteral("/auth/refresh"),
                                             QJsonDocument(QJsonObject{{"refresh_token", third}}).toJson());
    QCOMPARE(victim.status, 401);

    // Another login starts a fresh, working family.
    const Reply fresh =
            TestHttp::postBytes(*m_dev, QStringLiteral("/auth/login"), R"({"username":"demo","password":"demo"})");
    const Reply ok = TestHttp::postBytes(
            *m_dev, QStringLiteral("/auth/refresh"),
            QJsonDocument(QJsonObject{{"refresh_token", fresh.json.value("refresh_token")}}).toJson());
    QCOMPARE(ok.status, 200);
}

void TestHttpApi::refreshRejectsGarbage()
{
    QCOMPARE(TestHttp::postBytes(*m_dev, QStringLiteral("/auth/refresh"), R"({"refresh_token":"AAAA"})").status, 401);
    const QByteArray access =
            TestHttp::postBytes(*m_dev, QStringLiteral("/auth/login"), R"({"username":"demo","password":"demo"})")
                    .json.value("access_token")
                    .toString()
                    .toLatin1();
    // An access token is not a refresh token.
    QCOMPARE(TestHttp::postBytes(*m_dev, QStringLiteral("/auth/refresh"),
                                 QJsonDocument(QJsonObject{{"refresh_token", QString::fromLatin1(access)}}).toJson())
                     .status,
             401);
    QCOMPARE(TestHttp::postBytes(*m_dev, QStringLiteral("/auth/refresh"), R"({})").status, 400);
}

void TestHttpApi::devTokenAbsentWithoutDev()
{
    const Reply reply = TestHttp::postBytes(*m_plain, QStringLiteral("/dev/token"), "{}");
    QCOMPARE(reply.status, 404);
    QVERIFY(!reply.body.contains("access_token"));
    QCOMPARE(TestHttp::get(*m_plain, QStringLiteral("/dev/token")).status, 404);
}

void TestHttpApi::devTokenMintsAcceptedAndHostileTokens()
{
    const Reply good = TestHttp::postBytes(*m_dev, QStringLiteral("/dev/token"), R"({"sub":"admin"})");
    QCOMPARE(good.status, 200);
    WsProbe accepted;
    accepted.open(QNetworkRequest(m_dev->wsUrl(QStringLiteral("token=") + good.json.value("access_token").toString())),
                  {QStringLiteral("signalgate.v1")});
    QVERIFY(accepted.waitForMessages(1));
    QCOMPARE(accepted.messages().first().value("sub").toString(), QStringLiteral("admin"));
    accepted.socket().close();
    QVERIFY(accepted.waitDisconnected());

    // Overrides make tokens the server itself must refuse: expired, wrong type.
    for (const QByteArray &body : {QByteArray(R"({"$ttl":-120})"), QByteArray(R"({"$header":{"typ":"JWT"}})"),
                                   QByteArray(R"({"iss":"elsewhere"})")}) {
        const Reply hostile = TestHttp::postBytes(*m_dev, QStringLiteral("/dev/token"), body);
        QCOMPARE(hostile.status, 200);
        WsProbe refused;
        refused.open(
                QNetworkRequest(m_dev->wsUrl(QStringLiteral("token=") + hostile.json.value("access_token").toString())),
                {QStringLiteral("signalgate.v1")});
        QVERIFY(refused.waitDisconnected());
        QCOMPARE(refused.closeCode(), 1008);
        QCOMPARE(refused.closeReason(), QStringLiteral("Invalid or expired token"));
    }
}

void TestHttpApi::plainGetOnWebSocketPathIs426()
{
    QCOMPARE(TestHttp::get(*m_plain, QStringLiteral("/ws")).status, 426);
}

void TestHttpApi::unknownPathAndWrongMethod()
{
    QCOMPARE(TestHttp::get(*m_plain, QStringLiteral("/admin")).status, 404);
    const Reply wrongMethod = TestHttp::get(*m_plain, QStringLiteral("/auth/refresh"));
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(wrongMethod.header("Allow"), QByteArray("POST"));
}

void TestHttpApi::oversizedHeadIs431()
{
    const QByteArray answer =
            raw(*m_plain, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + QByteArray(20000, 'a') + "\r\n\r\n");
    QVERIFY2(answer.startsWith("HTTP/1.1 431 "), answer.left(80).constData());
}

void TestHttpApi::oversizedBodyIs413()
{
    const QByteArray answer =
            raw(*m_plain, "POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n{");
    QVERIFY2(answer.startsWith("HTTP/1.1 413 "), answer.left(80).constData());
}

void TestHttpApi::malformedRequestsAre400_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("transfer-encoding") << QByteArray(
            "POST /auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    QTest::newRow("two content-lengths") << QByteArray(
            "POST /auth/login HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}");
    QTest::newRow("folded header") << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\n continued\r\n\r\n");
    QTest::newRow("bad request line") << QByteArray("GET /healthz\r\n\r\n");
    QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    QTest::newRow("bare LF") << QByteArray("GET /healthz HTTP/1.1\nHost: x\r\n\r\n");
}

void TestHttpApi::malformedRequestsAre400()
{
    QFETCH(QByteArray, request);
    const QByteArray answer = raw(*m_plain, request);
    QVERIFY2(answer.startsWith("HTTP/1.1 400 "), answer.left(80).constData());
}

QTEST_GUILESS_MAIN(TestHttpApi)
#include "tst_httpapi.moc"
