// The hardening of PROTOCOL.md sections 3, 4, 6 and 7, attacked over real
// sockets: foreign origins, floods of upgrades, logins and messages, oversized
// and binary messages, a client that stops reading, 1000 source addresses,
// and the audit log and metrics that must record it all without a secret.
#include "metrics.h"
#include "rawhttp.h"
#include "testserver.h"
#include "wsprobe.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace SignalGate::Server;

namespace {

std::unique_ptr<TestServer> startServer(const TestServer::Tweak &tweak)
{
    auto server = std::make_unique<TestServer>(tweak);
    if (!server->start())
        qWarning("server did not start: %s", qPrintable(server->error()));
    return server;
}

std::unique_ptr<WsProbe> openWithToken(TestServer &server, const QByteArray &token, const QByteArray &origin = {})
{
    return WsProbe::withBearer(server.wsUrl(), token, origin);
}

QList<QJsonObject> auditLines(const TestServer &server)
{
    QFile file(server.server()->auditLogPath());
    QList<QJsonObject> lines;
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

bool audited(const TestServer &server, const QString &event, const QString &reason = {}, int code = 0)
{
    for (const QJsonObject &line : auditLines(server)) {
        if (line.value("event").toString() == event && (reason.isEmpty() || line.value("reason").toString() == reason)
            && (code == 0 || line.value("code").toInt() == code))
            return true;
    }
    return false;
}

QByteArray metricsText(const TestServer &server)
{
    return server.server()->metrics().render();
}

}   // namespace

class TestHardening : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void foreignOriginIsRefused403BeforeUpgrade_data();
    void foreignOriginIsRefused403BeforeUpgrade();
    void allowListedOriginAndNoOriginPass();
    void corsOnlyForAllowListedOrigins();
    void connectionRateGives429WithRetryAfter();
    void connectionRateResetsAfterWindow();
    void handshakeTimeoutDropsSilentClients();
    void slowLorisIsCappedPerAddress();
    void tooManyConnectionsPerUser();
    void messageFloodIsDroppedThenClosed();
    void invalidMessagesCountTowardTheRate();
    void wellBehavedClientIsNeverLimited();
    void messageRateResetsAfterWindow();
    void loginFailuresAreLimitedPerIpAndUser();
    void oversizedMessageCloses1009_data();
    void oversizedMessageCloses1009();
    void binaryFrameCloses1003();
    void invalidJsonAndUnknownTypeKeepConnection();
    void slowConsumerIsClosed1013();
    void slowConsumerClosedDuringWelcomeLeavesThePool();
    void limiterTableStaysBoundedWith1000SourceAddresses();
    void auditLogHasSpecificReasons();
    void metricsInPrometheusFormat();
    void welcomeAnnouncesContractDefaults();
};

void TestHardening::foreignOriginIsRefused403BeforeUpgrade_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::newRow("other site") << QByteArray("https://evil.example");
    QTest::newRow("suffix trick") << QByteArray("https://app.example.com.evil.example");
    QTest::newRow("prefix of allowed") << QByteArray("https://app.example.co");
    QTest::newRow("other scheme") << QByteArray("http://app.example.com");
    QTest::newRow("other port") << QByteArray("https://app.example.com:8443");
    QTest::newRow("trailing slash") << QByteArray("https://app.example.com/");
    QTest::newRow("letter case") << QByteArray("https://APP.example.com");
    QTest::newRow("null") << QByteArray("null");
    QTest::newRow("empty") << QByteArray("");
}

void TestHardening::foreignOriginIsRefused403BeforeUpgrade()
{
    QFETCH(QByteArray, origin);
    auto server = startServer([](ServerConfig &c) { c.allowedOrigins = {QStringLiteral("https://app.example.com")}; });
    const QByteArray token = server->mint();
    const QByteArray head = RawHttp::responseHead(
            server->server()->port(),
            RawHttp::upgradeRequest("/ws", "Origin: " + origin + "\r\nAuthorization: Bearer " + token + "\r\n"));
    QCOMPARE(RawHttp::status(head), 403);
    QVERIFY(RawHttp::header(head, "Access-Control-Allow-Origin").isEmpty());
    QCOMPARE(server->server()->sessionCount(), 0);
    QVERIFY(audited(*server, QStringLiteral("origin.rejected"), QStringLiteral("origin_not_allowed"), 403));
    // Refused origins do not spend the IP's upgrade budget.
    QCOMPARE(server->server()->connectionLimiterSize(), 0);
}

void TestHardening::allowListedOriginAndNoOriginPass()
{
    auto server = startServer([](ServerConfig &c) { c.allowedOrigins = {QStringLiteral("https://app.example.com")}; });
    auto allowed = openWithToken(*server, server->mint(), "https://app.example.com");
    QVERIFY(allowed->waitForMessages(1));
    QCOMPARE(allowed->messages().first().value("type").toString(), QStringLiteral("welcome"));
    auto native = openWithToken(*server, server->mint());
    QVERIFY(native->waitForMessages(1));
    QCOMPARE(native->messages().first().value("type").toString(), QStringLiteral("welcome"));

    // A foreign origin through a real client library: refused, never connected.
    auto foreign = openWithToken(*server, server->mint(), "https://evil.example");
    QVERIFY(foreign->waitDisconnected());
    QVERIFY(!foreign->connected());
    QCOMPARE(foreign->messages().size(), 0);
}

void TestHardening::corsOnlyForAllowListedOrigins()
{
    auto server = startServer([](ServerConfig &c) { c.allowedOrigins = {QStringLiteral("https://app.example.com")}; });
    const quint16 port = server->server()->port();
    const QByteArray allowed =
            RawHttp::responseHead(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example.com\r\n\r\n");
    QCOMPARE(RawHttp::status(allowed), 200);
    QCOMPARE(RawHttp::header(allowed, "Access-Control-Allow-Origin"), QByteArray("https://app.example.com"));
    QCOMPARE(RawHttp::header(allowed, "Vary"), QByteArray("Origin"));

    const QByteArray none = RawHttp::responseHead(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(RawHttp::status(none), 200);
    QVERIFY(RawHttp::header(none, "Access-Control-Allow-Origin").isEmpty());

    const QByteArray foreign = RawHttp::responseHead(
            port,
            "POST /auth/login HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\nContent-Length: 2\r\n\r\n{}");
    QCOMPARE(RawHttp::status(foreign), 403);
    QVERIFY(RawHttp::header(foreign, "Access-Control-Allow-Origin").isEmpty());

    const QByteArray preflight =
            RawHttp::responseHead(port,
                                  "OPTIONS /auth/login HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example.com\r\n"
                                  "Access-Control-Request-Method: POST\r\n\r\n");
    QCOMPARE(RawHttp::status(preflight), 204);
    QCOMPARE(RawHttp::header(preflight, "Access-Control-Allow-Origin"), QByteArray("https://app.example.com"));
    QVERIFY(RawHttp::header(preflight, "Access-Control-Allow-Methods").contains("POST"));
    for (const QByteArray &head : {allowed, none, foreign, preflight}) {
        QCOMPARE(RawHttp::header(head, "X-Content-Type-Options"), QByteArray("nosniff"));
        QCOMPARE(RawHttp::header(head, "Referrer-Policy"), QByteArray("no-referrer"));
        QCOMPARE(RawHttp::header(head, "Content-Security-Policy"), QByteArray("default-src 'none'"));
    }
}

void TestHardening::connectionRateGives429WithRetryAfter()
{
    auto server = startServer([](ServerConfig &c) { c.connRate = {3, 60}; });
    std::vector<std::unique_ptr<WsProbe>> open;
    for (int i = 0; i < 3; ++i) {
        open.push_back(openWithToken(*server, server->mint()));
        QVERIFY(open.back()->waitForMessages(1));
    }
    const QByteArray head =
            RawHttp::responseHead(server->server()->port(),
                                  RawHttp::upgradeRequest("/ws", "Authorization: Bearer " + server->mint() + "\r\n"));
    QCOMPARE(RawHttp::status(head), 429);
    const int retryAfter = RawHttp::header(head, "Retry-After").toInt();
    QVERIFY2(retryAfter >= 1 && retryAfter <= 60, head.constData());
    QVERIFY(audited(*server, QStringLiteral("ratelimit.connection"), QStringLiteral("connection_rate"), 429));
    QVERIFY(metricsText(*server).contains("signalgate_ratelimit_rejections_total{kind=\"connection\"} 1"));
    // HTTP requests are not upgrades and do not count.
    QCOMPARE(RawHttp::status(RawHttp::responseHead(server->server()->port(), "GET /healthz HTTP/1.1\r\n\r\n")), 200);
}

void TestHardening::connectionRateResetsAfterWindow()
{
    auto server = startServer([](ServerConfig &c) { c.connRate = {2, 1}; });
    const quint16 port = server->server()->port();
    const QByteArray request = RawHttp::upgradeRequest("/ws");
    QCOMPARE(RawHttp::status(RawHttp::responseHead(port, request)), 101);
    QCOMPARE(RawHttp::status(RawHttp::responseHead(port, request)), 101);
    QCOMPARE(RawHttp::status(RawHttp::responseHead(port, request)), 429);
    // After the window the bucket is full again.
    server->clock().advance(1100);
    QCOMPARE(RawHttp::status(RawHttp::responseHead(port, request)), 101);
    QCOMPARE(RawHttp::status(RawHttp::responseHead(port, request)), 101);
}

void TestHardening::handshakeTimeoutDropsSilentClients()
{
    auto server = startServer([](ServerConfig &c) { c.handshakeTimeoutMs = 300; });
    QTcpSocket slow;
    slow.connectToHost(QHostAddress::LocalHost, server->server()->port());
    QVERIFY(slow.waitForConnected(5000));
    slow.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n");   // never finished
    QElapsedTimer timer;
    timer.start();
    QTRY_COMPARE_WITH_TIMEOUT(slow.state(), QAbstractSocket::UnconnectedState, 5000);
    QVERIFY2(timer.elapsed() >= 250, "closed before the timeout");
    QCOMPARE(slow.readAll(), QByteArray());   // dropped, not answered
}

void TestHardening::slowLorisIsCappedPerAddress()
{
    auto server = startServer([](ServerConfig &c) { c.maxPendingPerIp = 8; });
    const quint16 port = server->server()->port();
    std::vector<std::unique_ptr<QTcpSocket>> loris;
    for (int i = 0; i < 12; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket->waitForConnected(5000));
        socket->write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n");   // never finished
        loris.push_back(std::move(socket));
    }
    // The first 8 are held (until the handshake timeout), the rest dropped at once.
    QTRY_COMPARE(std::count_if(loris.begin(), loris.end(),
                               [](const auto &s) { return s->state() == QAbstractSocket::UnconnectedState; }),
                 qsizetype(4));
    QVERIFY(metricsText(*server).contains("signalgate_ratelimit_rejections_total{kind=\"pending\"} 4"));
    // Another address is not affected.
    const QByteArray head =
            RawHttp::responseHead(port, "GET /healthz HTTP/1.1\r\n\r\n", QHostAddress(QStringLiteral("127.0.0.2")));
    QCOMPARE(RawHttp::status(head), 200);
    // Once the held ones are gone, the address may connect again.
    loris.clear();
    QTRY_COMPARE(RawHttp::status(RawHttp::responseHead(port, "GET /healthz HTTP/1.1\r\n\r\n")), 200);
}

void TestHardening::tooManyConnectionsPerUser()
{
    auto server = startServer([](ServerConfig &c) { c.maxConnsPerUser = 2; });
    auto first = openWithToken(*server, server->mint());
    auto second = openWithToken(*server, server->mint());
    QVERIFY(first->waitForMessages(1));
    QVERIFY(second->waitForMessages(1));
    auto third = openWithToken(*server, server->mint());
    QVERIFY(third->waitDisconnected());
    QCOMPARE(third->closeCode(), 1008);
    QCOMPARE(third->closeReason(), QStringLiteral("Too many connections"));
    QCOMPARE(third->messages().size(), 0);   // closed before welcome

    // Another user is not affected.
    auto bob = openWithToken(*server, server->mint({{"sub", "bob"}}));
    QVERIFY(bob->waitForMessages(1));
    // A slot freed is a slot available.
    first->socket().close();
    QVERIFY(first->waitDisconnected());
    QTRY_COMPARE(server->server()->sessionCount(), 2);
    auto fourth = openWithToken(*server, server->mint());
    QVERIFY(fourth->waitForMessages(1));
    QCOMPARE(fourth->messages().first().value("type").toString(), QStringLiteral("welcome"));
    QVERIFY(audited(*server, QStringLiteral("ratelimit.connection"), QStringLiteral("too_many_connections"), 1008));
}

void TestHardening::messageFloodIsDroppedThenClosed()
{
    auto server = startServer([](ServerConfig &c) {
        c.msgRate = {5, 60};
        c.signalIntervalMs = 0;
    });
    auto probe = openWithToken(*server, server->mint());
    QVERIFY(probe->waitForMessages(1));
    for (int i = 0; i < 20; ++i)
        probe->socket().sendTextMessage(QStringLiteral(R"({"type":"ping","id":%1})").arg(i));
    QVERIFY(probe->waitDisconnected());
    QCOMPARE(probe->closeCode(), 1008);
    QCOMPARE(probe->closeReason(), QStringLiteral("Rate limit exceeded"));
    // 5 answered, the 6th and 7th dropped with an error, the 8th closed.
    QCOMPARE(probe->countOfType("pong"), 5);
    QCOMPARE(probe->countOfType("error"), 2);
    for (const QJsonObject &message : probe->messages()) {
        if (message.value("type").toString() == "error") {
            QCOMPARE(message.value("code").toString(), QStringLiteral("rate_limited"));
            QVERIFY(message.value("retry_after_ms").toInteger() > 0);
        }
    }
    QVERIFY(audited(*server, QStringLiteral("ratelimit.message"), QStringLiteral("message_rate")));
    QVERIFY(audited(*server, QStringLiteral("conn.close"), QStringLiteral("Rate limit exceeded"), 1008));
}

void TestHardening::invalidMessagesCountTowardTheRate()
{
    auto server = startServer([](ServerConfig &c) {
        c.msgRate = {3, 60};
        c.signalIntervalMs = 0;
    });
    auto probe = openWithToken(*server, server->mint());
    QVERIFY(probe->waitForMessages(1));
    for (int i = 0; i < 10; ++i)
        probe->socket().sendTextMessage(QStringLiteral("not json"));
    QVERIFY(probe->waitDisconnected());
    QCOMPARE(probe->closeReason(), QStringLiteral("Rate limit exceeded"));
    int badRequests = 0;
    for (const QJsonObject &message : probe->messages())
        badRequests += message.value("code").toString() == "bad_request";
    QCOMPARE(badRequests, 3);
}

void TestHardening::wellBehavedClientIsNeverLimited()
{
    // 5 per second allowed; the client sends 4 per second for 3 seconds.
    auto server = startServer([](ServerConfig &c) {
        c.msgRate = {5, 1};
        c.signalIntervalMs = 0;
    });
    auto probe = openWithToken(*server, server->mint());
    QVERIFY(probe->waitForMessages(1));
    for (int i = 0; i < 12; ++i) {
        probe->socket().sendTextMessage(QStringLiteral(R"({"type":"ping"})"));
        // Answered before the clock moves, so each ping lands in its own quarter second.
        QTRY_COMPARE(probe->countOfType("pong") + probe->countOfType("error"), i + 1);
        server->clock().advance(250);
    }
    QCOMPARE(probe->countOfType("pong"), 12);
    QCOMPARE(probe->countOfType("error"), 0);
    QVERIFY(!probe->disconnected());
}

void TestHardening::messageRateResetsAfterWindow()
{
    auto server = startServer([](ServerConfig &c) {
        c.msgRate = {3, 1};
        c.signalIntervalMs = 0;
    });
    auto probe = openWithToken(*server, server->mint());
    QVERIFY(probe->waitForMessages(1));
    for (int i = 0; i < 4; ++i)
        probe->socket().sendTextMessage(QStringLiteral(R"({"type":"ping"})"));
    QTRY_COMPARE(probe->countOfType("pong") + probe->countOfType("error"), 4);
    QCOMPARE(probe->countOfType("error"), 1);
    server->clock().advance(1100);   // a new window
    for (int i = 0; i < 3; ++i)
        probe->socket().sendTextMessage(QStringLiteral(R"({"type":"ping"})"));
    QTRY_COMPARE(probe->countOfType("pong"), 6);
    QCOMPARE(probe->countOfType("error"), 1);
    QVERIFY(!probe->disconnected());
}

void TestHardening::loginFailuresAreLimitedPerIpAndUser()
{
    auto server = startServer([](ServerConfig &c) {
        c.dev = true;
        c.loginRate = {3, 300};
    });
    QNetworkAccessManager network;
    auto login = [&](const QByteArray &user, const QByteArray &password) {
        QNetworkRequest request(server->httpUrl(QStringLiteral("/auth/login")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QNetworkReply *reply =
                network.post(request, R"({"username":")" + user + R"(","password":")" + password + R"("})");
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(10000);
        reply->deleteLater();
        return std::make_pair(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                              reply->rawHeader("Retry-After"));
    };
    for (int i = 0; i < 3; ++i)
        QCOMPARE(login("demo", "guess").first, 401);
    const auto limited = login("demo", "demo");   // even the right password now waits
    QCOMPARE(limited.first, 429);
    QVERIFY(limited.second.toInt() >= 1 && limited.second.toInt() <= 300);
    QCOMPARE(login("admin", "admin").first, 200);   // another user name is another key
    QVERIFY(audited(*server, QStringLiteral("ratelimit.login"), QStringLiteral("login_rate"), 429));
    QVERIFY(audited(*server, QStringLiteral("login.failure"), QStringLiteral("wrong_password"), 401));
    QVERIFY(metricsText(*server).contains("signalgate_login_failures_total 3"));
}

void TestHardening::oversizedMessageCloses1009_data()
{
    QTest::addColumn<int>("bytes");
    QTest::addColumn<int>("frameSize");
    QTest::newRow("one byte over, one frame") << 1025 << 0;
    QTest::newRow("twice the limit, one frame") << 2048 << 0;
    QTest::newRow("fragmented in 256-byte frames") << 4000 << 256;
}

void TestHardening::oversizedMessageCloses1009()
{
    QFETCH(int, bytes);
    QFETCH(int, frameSize);
    auto server = startServer([](ServerConfig &c) {
        c.maxMessageBytes = 1024;
        c.signalIntervalMs = 0;
    });
    auto probe = openWithToken(*server, server->mint());
    QVERIFY(probe->waitForMessages(1));
    // Exactly at the limit is fine.
    const QString atLimit = QStringLiteral(R"({"type":"ping","pad":"%1"})").arg(QString(1024 - 24, QLatin1Char('x')));
    QCOMPARE(atLimit.toUtf8().size(), 1024);
    probe->socket().sendTextMessage(atLimit);
    QTRY_COMPARE(probe->countOfType("pong"), 1);

    if (frameSize > 0)
        probe->socket().setOutgoingFrameSize(quint64(frameSize));
    probe->socket().sendTextMessage(
            QStringLiteral(R"({"type":"ping","pad":"%1"})").arg(QString(bytes - 24, QLatin1Char('y'))));
    QVERIFY(probe->waitDisconnected());
    QCOMPARE(probe->closeCode(), 1009);
    QCOMPARE(probe->closeReason(), QStringLiteral("Message too big"));
}

void TestHardening::binaryFrameCloses1003()
{
    auto server = startServer([](ServerConfig &c) { c.signalIntervalMs = 0; });
    auto probe = openWithToken(*server, server->mint());
    QVERIFY(probe->waitForMessages(1));
    probe->socket().sendBinaryMessage(QByteArray("\x00\x01\x02", 3));
    QVERIFY(probe->waitDisconnected());
    QCOMPARE(probe->closeCode(), 1003);
    QCOMPARE(probe->closeReason(), QStringLiteral("Unsupported data"));
}

void TestHardening::invalidJsonAndUnknownTypeKeepConnection()
{
    auto server = startServer([](ServerConfig &c) { c.signalIntervalMs = 0; });
    auto probe = openWithToken(*server, server->mint());
    QVERIFY(probe->waitForMessages(1));
    probe->socket().sendTextMessage(QStringLiteral("{not json"));
    probe->socket().sendTextMessage(QStringLiteral(R"({"type":"teleport","id":"t1"})"));
    probe->socket().sendTextMessage(QStringLiteral(R"({"type":"resume","since":-4,"id":7})"));
    probe->socket().sendTextMessage(QStringLiteral(R"({"type":"ping","id":"p1"})"));
    QVERIFY(probe->waitForMessages(5));
    QCOMPARE(probe->messages().at(1).value("code").toString(), QStringLiteral("bad_request"));
    QCOMPARE(probe->messages().at(2).value("code").toString(), QStringLiteral("unknown_type"));
    QCOMPARE(probe->messages().at(2).value("id").toString(), QStringLiteral("t1"));
    QCOMPARE(probe->messages().at(3).value("code").toString(), QStringLiteral("bad_request"));
    QCOMPARE(probe->messages().at(3).value("id").toInt(), 7);
    QCOMPARE(probe->messages().at(4).value("type").toString(), QStringLiteral("pong"));
    QCOMPARE(probe->messages().at(4).value("id").toString(), QStringLiteral("p1"));
    QVERIFY(!probe->disconnected());
}

void TestHardening::slowConsumerIsClosed1013()
{
    auto server = startServer([](ServerConfig &c) {
        c.maxOutboundBytes = 64 * 1024;
        c.signalIntervalMs = 2;
        c.signalsPerTick = 50;
    });
    // A raw client that completes the upgrade and then stops reading: its own
    // buffer is tiny, so the kernel buffers fill and the server's queue grows.
    QTcpSocket stalled;
    stalled.setReadBufferSize(1);
    stalled.connectToHost(QHostAddress::LocalHost, server->server()->port());
    QVERIFY(stalled.waitForConnected(5000));
    stalled.write(RawHttp::upgradeRequest("/ws", "Authorization: Bearer " + server->mint() + "\r\n"));
    // A well-behaved reader next to it must keep receiving.
    auto reader = openWithToken(*server, server->mint());
    QVERIFY(reader->waitForMessages(2));

    QTRY_VERIFY_WITH_TIMEOUT(metricsText(*server).contains("signalgate_slow_consumer_closes_total 1"), 30000);
    QVERIFY(audited(*server, QStringLiteral("conn.close"), QStringLiteral("Slow consumer"), 1013));

    // Drain: the close frame 1013 "Slow consumer" is at the end of the stream.
    stalled.setReadBufferSize(0);
    QByteArray drained;
    QTRY_VERIFY_WITH_TIMEOUT((drained += stalled.readAll(), drained.contains("\x03\xf5Slow consumer")), 10000);
    const int before = reader->countOfType("signal");
    QTRY_VERIFY(reader->countOfType("signal") > before + 10);
    QVERIFY(!reader->disconnected());
}

void TestHardening::slowConsumerClosedDuringWelcomeLeavesThePool()
{
    // An outbound limit smaller than the welcome closes the session while it
    // is being admitted; the pool must not keep a pointer to it (this was a
    // use-after-free at the next broadcast, found under ASan).
    auto server = startServer([](ServerConfig &c) {
        c.maxOutboundBytes = 1;
        c.signalIntervalMs = 2;
    });
    for (int i = 0; i < 3; ++i) {
        auto probe = openWithToken(*server, server->mint());
        QVERIFY(probe->waitDisconnected());
        QVERIFY(probe->connected());
    }
    QTRY_COMPARE(server->server()->sessionCount(), 0);
    QTest::qWait(100);   // broadcasts keep going over an empty pool
    QVERIFY(metricsText(*server).contains("signalgate_slow_consumer_closes_total 3"));
}

void TestHardening::limiterTableStaysBoundedWith1000SourceAddresses()
{
    const int cap = 256;
    auto server = startServer([&](ServerConfig &c) {
        c.connRate = {10, 60};
        c.rateTableMax = cap;
        c.signalIntervalMs = 0;
    });
    const quint16 port = server->server()->port();
    qsizetype largest = 0;
    int upgraded = 0;
    const int sources = 1000;
    for (int batch = 0; batch < sources; batch += 50) {
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = batch; i < batch + 50; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            const QHostAddress source(QStringLiteral("127.0.%1.%2").arg(1 + i / 250).arg(1 + i % 250));
            QVERIFY2(socket->bind(source, 0), qPrintable(socket->errorString()));
            socket->connectToHost(QHostAddress::LocalHost, port);
            socket->write(RawHttp::upgradeRequest("/ws"));
            sockets.push_back(std::move(socket));
        }
        for (auto &socket : sockets) {
            QByteArray answer;
            QVERIFY(QTest::qWaitFor(
                    [&] {
                        answer += socket->readAll();
                        return answer.contains("\r\n\r\n") || socket->state() == QAbstractSocket::UnconnectedState;
                    },
                    5000));
            // Never refused for want of room in the table.
            upgraded += answer.startsWith("HTTP/1.1 101 ");
            socket->abort();
        }
        largest = qMax(largest, server->server()->connectionLimiterSize());
    }
    QCOMPARE(upgraded, sources);
    QVERIFY2(largest <= cap, qPrintable(QStringLiteral("table reached %1 keys").arg(largest)));
    QCOMPARE(server->server()->connectionLimiterSize(), cap);
    qInfo("limiter table: %lld keys after %d source addresses (cap %d)",
          qlonglong(server->server()->connectionLimiterSize()), sources, cap);
}

void TestHardening::auditLogHasSpecificReasons()
{
    auto server = startServer([](ServerConfig &c) { c.signalIntervalMs = 0; });
    const qint64 now = TestServer::now();
    const struct
    {
        QByteArray token;
        const char *reason;
    } cases[] = {
            {server->mint({{"exp", now - 300}}), "expired"},
            {server->mint({{"nbf", now + 300}}), "not_yet_valid"},
            {TestServer::forge({{"alg", "HS256"}, {"typ", "at+jwt"}}, server->defaultClaims(),
                               "0123456789abcdef0123456789abcdef"),
             "bad_signature"},
            {server->mint({}, {{"alg", "none"}}), "alg_not_allowed"},
            {server->mint({{"iss", "x"}}), "wrong_issuer"},
            {server->mint({{"aud", "x"}}), "wrong_audience"},
            {server->mint({}, {{"typ", "JWT"}}), "wrong_type"},
            {"not-a-token", "malformed"},
            {QByteArray(), "missing"},
    };
    for (const auto &c : cases) {
        auto probe = openWithToken(*server, c.token);
        QVERIFY(probe->waitDisconnected());
        QCOMPARE(probe->closeCode(), 1008);
    }
    for (const auto &c : cases)
        QVERIFY2(audited(*server, QStringLiteral("auth.failure"), QString::fromLatin1(c.reason), 1008), c.reason);

    auto good = openWithToken(*server, server->mint());
    QVERIFY(good->waitForMessages(1));
    good->socket().close();
    QVERIFY(good->waitDisconnected());
    QTRY_VERIFY(audited(*server, QStringLiteral("conn.close"), QStringLiteral("peer_closed"), 1000));
    QVERIFY(audited(*server, QStringLiteral("conn.open")));
    QVERIFY(audited(*server, QStringLiteral("auth.success")));

    // Every line has the same keys, and no line holds a token.
    QFile file(server->server()->auditLogPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray raw = file.readAll();
    for (const QJsonObject &line : auditLines(*server)) {
        QCOMPARE(line.keys(), (QStringList{"code", "event", "ip", "reason", "session_id", "sub", "ts"}));
        QVERIFY(line.value("ts").toString().endsWith('Z'));
    }
    for (const auto &c : cases) {
        if (c.token.size() > 20)
            QVERIFY(!raw.contains(c.token.split('.').last()));
    }
    QVERIFY(QFileInfo(server->server()->auditLogPath()).permissions()
            == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser));
}

void TestHardening::metricsInPrometheusFormat()
{
    auto server = startServer([](ServerConfig &c) { c.signalIntervalMs = 10; });
    auto good = openWithToken(*server, server->mint());
    QVERIFY(good->waitForMessages(3));
    good->socket().sendTextMessage(QStringLiteral(R"({"type":"ping"})"));
    QTRY_COMPARE(good->countOfType("pong"), 1);
    auto expired = openWithToken(*server, server->mint({{"exp", TestServer::now() - 300}}));
    QVERIFY(expired->waitDisconnected());

    QNetworkAccessManager network;
    QNetworkRequest request(server->httpUrl(QStringLiteral("/metrics")));
    request.setRawHeader("Authorization", "Bearer " + server->mint({{"sub", "ops"}, {"scope", "metrics"}}));
    QNetworkReply *reply = network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->header(QNetworkRequest::ContentTypeHeader).toString().startsWith("text/plain; version=0.0.4"));
    const QByteArray text = reply->readAll();
    reply->deleteLater();
    QVERIFY(text.contains("signalgate_connections_active 1\n"));
    QVERIFY(text.contains("signalgate_auth_failures_total{reason=\"expired\"} 1\n"));
    QVERIFY(text.contains("signalgate_closes_total{code=\"1008\"} 1\n"));
    QVERIFY(text.contains("signalgate_messages_received_total 1\n"));
    QVERIFY(text.contains("# TYPE signalgate_signals_broadcast_total counter"));
    QVERIFY(text.contains("signalgate_slow_consumer_closes_total 0\n"));
    QVERIFY(text.contains("signalgate_login_failures_total 0\n"));
    QVERIFY(text.contains("# TYPE signalgate_ratelimit_rejections_total counter"));
    // Every sample line is "name{labels} value" with a signalgate_ name.
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        QVERIFY2(line.startsWith("signalgate_"), line.constData());
        bool numeric = false;
        line.mid(line.lastIndexOf(' ') + 1).toDouble(&numeric);
        QVERIFY2(numeric, line.constData());
    }
    // Counters end in _total.
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith("# TYPE") && line.endsWith(" counter"))
            QVERIFY2(line.split(' ').at(2).endsWith("_total"), line.constData());
    }
}

void TestHardening::welcomeAnnouncesContractDefaults()
{
    auto server = startServer([](ServerConfig &c) { c.connRate = ServerConfig().connRate; });
    auto probe = openWithToken(*server, server->mint());
    QVERIFY(probe->waitForMessages(1));
    const QJsonObject limits = probe->messages().first().value("limits").toObject();
    QCOMPARE(limits.value("conn_rate").toArray(), (QJsonArray{10, 60}));
    QCOMPARE(limits.value("msg_rate").toArray(), (QJsonArray{60, 60}));
    QCOMPARE(limits.value("max_message_bytes").toInt(), 65536);
}

QTEST_GUILESS_MAIN(TestHardening)
#include "tst_hardening.moc"
