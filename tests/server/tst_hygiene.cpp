// What a request may carry and what it may reach (PROTOCOL.md sections 10.1
// to 10.3), attacked over real sockets: control bytes in headers and in the
// logs, two Authorization headers, user names no user can have, credential
// stuffing across addresses, /metrics without a token, the operations
// listener, dev mode's separate state and /dev/token's absurd numbers. The
// first test also proves the event loop never makes the dummy hash.
#include "filemode.h"
#include "passwordhasher.h"
#include "rawhttp.h"
#include "serverprocess.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace SignalGate::Server;

namespace {

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray postRequest(const QByteArray &path, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

QByteArray getRequest(const QByteArray &path, const QByteArray &extraHeaders = {})
{
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "\r\n";
}

QByteArray loginRequest(const QString &user, const QString &password)
{
    return postRequest("/auth/login",
                       json({{QStringLiteral("username"), user}, {QStringLiteral("password"), password}}));
}

QByteArray bearer(const QByteArray &token)
{
    return "Authorization: Bearer " + token + "\r\n";
}

QList<QJsonObject> auditLines(const QString &path)
{
    QFile file(path);
    QList<QJsonObject> lines;
    if (file.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (!line.isEmpty())
                lines.append(QJsonDocument::fromJson(line).object());
        }
    }
    return lines;
}

std::unique_ptr<TestServer> devServer(const TestServer::Tweak &more = {})
{
    auto server = std::make_unique<TestServer>([more](ServerConfig &config) {
        config.dev = true;
        config.signalIntervalMs = 0;
        if (more)
            more(config);
    });
    if (!server->start())
        qWarning("server did not start: %s", qPrintable(server->error()));
    return server;
}

}   // namespace

class TestHygiene : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // First: the dummy hash is made once per process.
    void dummyHashIsNeverMadeOnTheEventLoop();
    void controlBytesInHeadersAre400_data();
    void controlBytesInHeadersAre400();
    void twoAuthorizationHeadersAre400();
    void noControlByteReachesALog();
    void impossibleUserNamesAreRefusedBeforeHashing_data();
    void impossibleUserNamesAreRefusedBeforeHashing();
    void failedLoginsAreLimitedPerUserFromAnyAddress();
    void metricsNeedAnOperatorToken();
    void metricsListenerServesOperationsOnly();
    void devTokenRefusesAbsurdTimes_data();
    void devTokenRefusesAbsurdTimes();
    void devModeNeverTouchesProductionState();
};

void TestHygiene::dummyHashIsNeverMadeOnTheEventLoop()
{
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!PasswordHasher::hash("calibration").isEmpty());
    const qint64 hashMs = timer.elapsed();

    auto server = devServer();
    qint64 longestStall = 0;
    QElapsedTimer sinceTick;
    QTimer ticker;
    ticker.setInterval(2);
    connect(&ticker, &QTimer::timeout, this, [&] { longestStall = qMax(longestStall, sinceTick.restart()); });
    sinceTick.start();
    ticker.start();
    // An unknown user is checked against the dummy hash, on a worker.
    const QByteArray answer = RawHttp::exchange(server->server()->port(),
                                                loginRequest(QStringLiteral("nobody"), QStringLiteral("guess")));
    ticker.stop();
    QCOMPARE(RawHttp::status(answer), 401);
    QVERIFY2(
            longestStall < hashMs / 2,
            qPrintable(QStringLiteral("event loop stalled %1 ms; one hash takes %2 ms").arg(longestStall).arg(hashMs)));
}

void TestHygiene::controlBytesInHeadersAre400_data()
{
    QTest::addColumn<bool>("upgrade");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("status");
    QTest::newRow("ESC in Origin, upgrade") << true << QByteArray("Origin: http://a\x1b[31mb\r\n") << 400;
    QTest::newRow("NUL in a header, upgrade") << true << QByteArray("X-Note: a\0b\r\n", 13) << 400;
    QTest::newRow("DEL in a header, upgrade") << true << QByteArray("X-Note: a\x7f\r\n") << 400;
    QTest::newRow("VT ending a header, upgrade") << true << QByteArray("X-Note: a\x0b\r\n") << 400;
    QTest::newRow("CR inside a header, request") << false << QByteArray("X-Note: a\rb\r\n") << 400;
    QTest::newRow("SOH in User-Agent, request") << false << QByteArray("User-Agent: \x01\r\n") << 400;
    QTest::newRow("tab is allowed, request") << false << QByteArray("X-Note: a\tb\r\n") << 200;
}

void TestHygiene::controlBytesInHeadersAre400()
{
    QFETCH(bool, upgrade);
    QFETCH(QByteArray, header);
    QFETCH(int, status);
    auto server = devServer();
    const QByteArray token = server->mint({{QStringLiteral("sub"), QStringLiteral("demo")}});
    const QByteArray request =
            upgrade ? RawHttp::upgradeRequest("/ws", bearer(token) + header) : getRequest("/healthz", header);
    QCOMPARE(RawHttp::status(RawHttp::responseHead(server->server()->port(), request)), status);
}

void TestHygiene::twoAuthorizationHeadersAre400()
{
    auto server = devServer();
    const QByteArray admin = server->mint(
            {{QStringLiteral("sub"), QStringLiteral("admin")}, {QStringLiteral("scope"), QStringLiteral("admin")}});
    const QByteArray other = server->mint({{QStringLiteral("sub"), QStringLiteral("demo")}});
    const quint16 port = server->server()->port();
    QCOMPARE(RawHttp::status(RawHttp::exchange(port, postRequest("/auth/logout", "{}", bearer(other) + bearer(admin)))),
             400);
    QCOMPARE(RawHttp::status(RawHttp::exchange(port, getRequest("/metrics", bearer(admin) + bearer(other)))), 400);
    QCOMPARE(RawHttp::status(RawHttp::exchange(port, getRequest("/metrics", bearer(admin)))), 200);
}

void TestHygiene::noControlByteReachesALog()
{
    QTemporaryDir dir;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("signalgate.*.debug=true"));
    ServerProcess server(environment);
    const QString audit = dir.filePath(QStringLiteral("audit.log"));
    QVERIFY(server.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"),
                          dir.filePath(QStringLiteral("data")), QStringLiteral("--audit-log"), audit,
                          QStringLiteral("--signal-interval-ms"), QStringLiteral("0")}));
    const quint16 port = server.port();
    // Refused 400 (a control byte), 403 (a foreign origin with bytes past ASCII),
    // and a logged target with an escaped control byte in its query.
    QCOMPARE(RawHttp::status(
                     RawHttp::exchange(port, RawHttp::upgradeRequest("/ws", "Origin: http://a\x1b[2J\x1b[Hb\r\n"))),
             400);
    QCOMPARE(RawHttp::status(
                     RawHttp::exchange(port, RawHttp::upgradeRequest("/ws", "Origin: http://\xe9vil\x9b.example\r\n"))),
             403);
    QCOMPARE(RawHttp::status(RawHttp::exchange(port, getRequest("/nothing?x=%1b%5b2J"))), 404);
    server.process().terminate();
    QVERIFY(server.waitForExit());

    QFile auditFile(audit);
    QVERIFY(auditFile.open(QIODevice::ReadOnly));
    const QByteArray logs = server.allOutput() + auditFile.readAll();
    QVERIFY(logs.contains("origin.rejected"));
    for (char c : logs) {
        const auto u = static_cast<unsigned char>(c);
        QVERIFY2((u >= 0x20 && u != 0x7f && u != 0x9b) || u == '\n',
                 qPrintable(QStringLiteral("byte 0x%1 reached a log").arg(u, 2, 16, QLatin1Char('0'))));
    }
}

void TestHygiene::impossibleUserNamesAreRefusedBeforeHashing_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("65 characters") << QString(65, QLatin1Char('a'));
    QTest::newRow("control character") << QStringLiteral("de\x01mo");
    QTest::newRow("newline") << QStringLiteral("demo\nadmin");
    QTest::newRow("space") << QStringLiteral("de mo");
    QTest::newRow("beyond ASCII") << QStringLiteral("d\u00e9mo");
}

void TestHygiene::impossibleUserNamesAreRefusedBeforeHashing()
{
    QFETCH(QString, name);
    auto server = devServer();
    const QByteArray answer = RawHttp::exchange(server->server()->port(), loginRequest(name, QStringLiteral("guess")));
    QCOMPARE(RawHttp::status(answer), 401);
    QCOMPARE(RawHttp::jsonBody(answer).value(QLatin1String("error")).toString(), QStringLiteral("invalid_credentials"));
    const QList<QJsonObject> lines = auditLines(server->server()->auditLogPath());
    QVERIFY(!lines.isEmpty());
    QCOMPARE(lines.last().value(QLatin1String("event")).toString(), QStringLiteral("login.failure"));
    QCOMPARE(lines.last().value(QLatin1String("reason")).toString(), QStringLiteral("invalid_name"));
    QVERIFY(lines.last().value(QLatin1String("sub")).isNull());
}

void TestHygiene::failedLoginsAreLimitedPerUserFromAnyAddress()
{
    auto server = devServer([](ServerConfig &config) { config.loginRateUser = {3, 300}; });
    const quint16 port = server->server()->port();
    auto from = [](int i) { return QHostAddress(QStringLiteral("127.40.0.%1").arg(i)); };
    for (int i = 1; i <= 3; ++i)
        QCOMPARE(RawHttp::status(RawHttp::exchange(port, loginRequest(QStringLiteral("demo"), QStringLiteral("wrong")),
                                                   from(i))),
                 401);
    // A fourth address gets no fresh budget for demo...
    const QByteArray limited =
            RawHttp::exchange(port, loginRequest(QStringLiteral("demo"), QStringLiteral("demo")), from(4));
    QCOMPARE(RawHttp::status(limited), 429);
    QVERIFY(RawHttp::header(limited, "Retry-After").toInt() >= 1);
    // ...while other users are not held back by it.
    QCOMPARE(RawHttp::status(
                     RawHttp::exchange(port, loginRequest(QStringLiteral("admin"), QStringLiteral("admin")), from(4))),
             200);
}

void TestHygiene::metricsNeedAnOperatorToken()
{
    auto server = devServer();
    const quint16 port = server->server()->port();
    auto withScope = [&](const QString &scope) {
        return bearer(server->mint({{QStringLiteral("sub"), QStringLiteral("ops")}, {QStringLiteral("scope"), scope}}));
    };
    const QByteArray anonymous = RawHttp::exchange(port, getRequest("/metrics"));
    QCOMPARE(RawHttp::status(anonymous), 401);
    QVERIFY(!anonymous.contains("signalgate_"));
    QCOMPARE(RawHttp::status(
                     RawHttp::exchange(port, getRequest("/metrics", withScope(QStringLiteral("signals:publish"))))),
             403);
    for (const QString &scope : {QStringLiteral("metrics"), QStringLiteral("admin")}) {
        const QByteArray answer = RawHttp::exchange(port, getRequest("/metrics", withScope(scope)));
        QCOMPARE(RawHttp::status(answer), 200);
        QVERIFY(answer.contains("signalgate_connections_active"));
    }
    QCOMPARE(RawHttp::exchange(port, getRequest("/readyz")).split('\n').last(), QByteArray("ready"));
}

void TestHygiene::metricsListenerServesOperationsOnly()
{
    auto server = devServer([](ServerConfig &config) {
        config.metricsListenAddress = QHostAddress(QHostAddress::LocalHost);
        config.metricsListenPort = 0;
    });
    const quint16 ops = server->server()->metricsPort();
    const quint16 main = server->server()->port();
    QVERIFY(ops != 0 && ops != main);
    const QByteArray metrics = RawHttp::exchange(ops, getRequest("/metrics"));
    QCOMPARE(RawHttp::status(metrics), 200);
    QVERIFY(metrics.contains("signalgate_connections_active"));
    QCOMPARE(RawHttp::status(RawHttp::exchange(ops, getRequest("/healthz"))), 200);
    QCOMPARE(RawHttp::status(RawHttp::exchange(ops, getRequest("/readyz"))), 200);
    QCOMPARE(RawHttp::status(RawHttp::exchange(ops, loginRequest(QStringLiteral("demo"), QStringLiteral("demo")))),
             404);
    const QByteArray token = server->mint({{QStringLiteral("sub"), QStringLiteral("demo")}});
    QCOMPARE(RawHttp::status(RawHttp::responseHead(ops, RawHttp::upgradeRequest("/ws", bearer(token)))), 404);
    // On the main port /metrics is gone, even for an admin.
    const QByteArray admin = server->mint(
            {{QStringLiteral("sub"), QStringLiteral("admin")}, {QStringLiteral("scope"), QStringLiteral("admin")}});
    QCOMPARE(RawHttp::status(RawHttp::exchange(main, getRequest("/metrics", bearer(admin)))), 404);
    QCOMPARE(RawHttp::status(RawHttp::exchange(main, getRequest("/healthz"))), 200);
}

void TestHygiene::devTokenRefusesAbsurdTimes_data()
{
    const double now = double(TestServer::now());
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::newRow("exp 1e30") << QJsonObject{{QStringLiteral("exp"), 1e30}} << 400;
    QTest::newRow("$ttl 1e30") << QJsonObject{{QStringLiteral("$ttl"), 1e30}} << 400;
    QTest::newRow("$ttl -1e30") << QJsonObject{{QStringLiteral("$ttl"), -1e30}} << 400;
    QTest::newRow("nbf 11 years ahead") << QJsonObject{{QStringLiteral("nbf"), now + 11 * 366 * 86400.0}} << 400;
    QTest::newRow("iat 0") << QJsonObject{{QStringLiteral("iat"), 0}} << 400;
    QTest::newRow("exp not whole") << QJsonObject{{QStringLiteral("exp"), now + 60.5}} << 400;
    QTest::newRow("exp a string") << QJsonObject{{QStringLiteral("exp"), QStringLiteral("tomorrow")}} << 400;
    QTest::newRow("$ttl a string") << QJsonObject{{QStringLiteral("$ttl"), QStringLiteral("60")}} << 400;
    QTest::newRow("expired a minute ago") << QJsonObject{{QStringLiteral("$ttl"), -60}} << 200;
    QTest::newRow("exp in an hour") << QJsonObject{{QStringLiteral("exp"), now + 3600}} << 200;
    QTest::newRow("no exp at all") << QJsonObject{{QStringLiteral("exp"), QJsonValue::Null}} << 200;
}

void TestHygiene::devTokenRefusesAbsurdTimes()
{
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    auto server = devServer();
    const QByteArray answer = RawHttp::exchange(server->server()->port(), postRequest("/dev/token", json(body)));
    QCOMPARE(RawHttp::status(answer), status);
    if (status == 400)
        QVERIFY(!RawHttp::jsonBody(answer).value(QLatin1String("message")).toString().isEmpty());
}

void TestHygiene::devModeNeverTouchesProductionState()
{
    QTemporaryDir dir;
    const QStringList common{QStringLiteral("--listen"),
                             QStringLiteral("127.0.0.1:0"),
                             QStringLiteral("--data-dir"),
                             dir.path(),
                             QStringLiteral("--signal-interval-ms"),
                             QStringLiteral("0")};
    QByteArray devToken;
    {
        ServerProcess dev;
        QVERIFY(dev.start(QStringList{QStringLiteral("--dev")} + common));
        QCOMPARE(RawHttp::status(
                         RawHttp::exchange(dev.port(), loginRequest(QStringLiteral("admin"), QStringLiteral("admin")))),
                 200);
        devToken = RawHttp::jsonBody(RawHttp::exchange(dev.port(),
                                                       postRequest("/dev/token", R"({"sub":"admin","scope":"admin"})")))
                           .value(QLatin1String("access_token"))
                           .toString()
                           .toLatin1();
        QVERIFY(!devToken.isEmpty());
        QCOMPARE(RawHttp::status(RawHttp::exchange(dev.port(), getRequest("/metrics", bearer(devToken)))), 200);
        dev.process().terminate();
        QVERIFY(dev.waitForExit());
    }
    // Everything dev mode wrote is in <data-dir>/dev, owner only.
    const QString devDir = dir.filePath(QStringLiteral("dev"));
    QCOMPARE(fileMode(devDir), 0700);
    for (const char *name : {"jwt-secret", "signalgate.db", "audit.log"})
        QVERIFY2(QFile::exists(devDir + QLatin1Char('/') + QLatin1String(name)), name);
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("signalgate.db"))));

    ServerProcess production;
    QVERIFY(production.start(common));
    const quint16 port = production.port();
    QCOMPARE(RawHttp::status(RawHttp::exchange(port, loginRequest(QStringLiteral("admin"), QStringLiteral("admin")))),
             401);
    QCOMPARE(RawHttp::status(RawHttp::exchange(port, loginRequest(QStringLiteral("demo"), QStringLiteral("demo")))),
             401);
    QCOMPARE(RawHttp::status(RawHttp::exchange(port, getRequest("/metrics", bearer(devToken)))), 401);
    QCOMPARE(RawHttp::status(RawHttp::exchange(port, postRequest("/dev/token", "{}"))), 404);
}

QTEST_GUILESS_MAIN(TestHygiene)
#include "tst_hygiene.moc"
