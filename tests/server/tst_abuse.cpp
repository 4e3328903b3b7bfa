// The resource attacks of the v1.1 abuse review (PROTOCOL.md section 10.1),
// each against the real signalgate-server executable, so the memory asserted
// is the server's own RSS and nothing the test does is counted with it:
// a login-queue flood, password checks of clients that left, a resume flood,
// bytes after a complete request, an unauthenticated giant frame, and the
// global connection cap. Each asserts a bound, generous enough not to flake;
// the numbers themselves are bench_abuse's.
#include "rawhttp.h"
#include "rss.h"
#include "serverprocess.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QWebSocket>

#include <memory>
#include <vector>

namespace {

constexpr qint64 MiB = 1024;   // in KiB, the unit of residentKiB()

QStringList devArguments(const QTemporaryDir &dir, const QStringList &extra)
{
    return QStringList{QStringLiteral("--dev"),
                       QStringLiteral("--listen"),
                       QStringLiteral("127.0.0.1:0"),
                       QStringLiteral("--data-dir"),
                       dir.path(),
                       QStringLiteral("--signal-interval-ms"),
                       QStringLiteral("0")}
    + extra;
}

// For the tests that read the server's RSS. Under ASan the allocator keeps
// freed memory in a quarantine (256 MiB by default) that counts in RSS and
// buries what the server itself holds: a small one still catches a use after
// a recent free and lets RSS show the server's own memory. Builds without
// ASan ignore the variable.
QProcessEnvironment measuredEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QString options = environment.value(QStringLiteral("ASAN_OPTIONS"));
    environment.insert(QStringLiteral("ASAN_OPTIONS"),
                       options + (options.isEmpty() ? "" : ":") + QStringLiteral("quarantine_size_mb=8"));
    return environment;
}

qint64 serverRss(ServerProcess &server)
{
    return residentKiB(QString::number(server.process().processId()));
}

QByteArray postRequest(const QByteArray &path, const QByteArray &json, const QByteArray &extraHeaders = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(json.size()) + "\r\n" + extraHeaders + "\r\n" + json;
}

QByteArray loginRequest(const QByteArray &user, const QByteArray &password)
{
    return postRequest("/auth/login", R"({"username":")" + user + R"(","password":")" + password + R"("})");
}

// A user name that is valid and exists nowhere: the server must hash for it.
QByteArray randomName()
{
    return "u" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
}

QByteArray devToken(quint16 port, const QByteArray &claims)
{
    return RawHttp::jsonBody(RawHttp::exchange(port, postRequest("/dev/token", claims)))
            .value(QLatin1String("access_token"))
            .toString()
            .toLatin1();
}

// The value of one unlabelled metric, -1 when absent.
double metric(quint16 port, const QByteArray &adminToken, const QString &name)
{
    const QByteArray answer = RawHttp::exchange(
            port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + adminToken + "\r\n\r\n");
    const QRegularExpression line(QStringLiteral("^%1 (\\S+)$").arg(name), QRegularExpression::MultilineOption);
    const auto match = line.match(QString::fromUtf8(answer));
    return match.hasMatch() ? match.captured(1).toDouble() : -1;
}

// Connects from address and writes bytes; the socket is the caller's.
std::unique_ptr<QTcpSocket> sendFrom(const QHostAddress &address, quint16 port, const QByteArray &bytes)
{
    auto socket = std::make_unique<QTcpSocket>();
    if (!socket->bind(address, 0))
        return nullptr;
    socket->connectToHost(QHostAddress::LocalHost, port);
    if (!socket->waitForConnected(5000))
        return nullptr;
    socket->write(bytes);
    if (!socket->waitForBytesWritten(5000))
        return nullptr;
    return socket;
}

// Sends bytes on one new connection (queued at once on the client side) and
// runs the event loop until they are all taken or nothing has moved for
// stallMs, sampling the server's RSS meanwhile. Returns how far RSS rose
// above where it was before, in KiB (-1 when no connection).
qint64 growthWhileSending(ServerProcess &server, const QByteArray &bytes, int stallMs = 2000)
{
    QTest::qWait(300);   // the server settles after its start
    const qint64 before = serverRss(server);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    if (!socket.waitForConnected(5000))
        return -1;
    socket.write(bytes);
    qint64 peak = before;
    qint64 lastLeft = socket.bytesToWrite();
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    while (socket.bytesToWrite() > 0 && socket.state() == QAbstractSocket::ConnectedState
           && sinceProgress.elapsed() < stallMs) {
        QTest::qWait(50);
        peak = qMax(peak, serverRss(server));
        if (socket.bytesToWrite() != lastLeft) {
            lastLeft = socket.bytesToWrite();
            sinceProgress.restart();
        }
    }
    for (int i = 0; i < 10; ++i) {
        QTest::qWait(50);
        peak = qMax(peak, serverRss(server));
    }
    qInfo("RSS %lld KiB before, %lld KiB at the peak", before, peak);
    return peak - before;
}

// Publishes count signals over socket (already open, welcomed) in batches it
// reads back before the next, so no outbound limit closes it; received
// collects what comes back. False when they did not all arrive.
bool publishSignals(QWebSocket &socket, const QList<QJsonObject> &received, int count)
{
    const QString publish = QStringLiteral(
            R"({"type":"publish","signal":{"symbol":"ETH-USD","side":"sell","price":2500.25,"confidence":0.75}})");
    const qsizetype start = received.size();
    for (int sent = 0; sent < count;) {
        for (int i = 0; i < 100 && sent < count; ++i, ++sent)
            socket.sendTextMessage(publish);
        if (!QTest::qWaitFor([&] { return received.size() >= start + sent; }, 10000))
            return false;
    }
    return true;
}

}   // namespace

class TestAbuse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loginFloodLeavesRoomForARealUser();
    void passwordChecksOfClientsThatLeftAreDropped();
    void resumeFloodStaysWithinTheOutboundLimit();
    void resumeReplaysInOrderAndOneAtATime();
    void bytesAfterACompleteRequestAreNotRead();
    void giantFrameBeforeAuthenticationIsRefused();
    void connectionCapAnswers503BeforeTheUpgrade();
};

void TestAbuse::initTestCase()
{
    QVERIFY(QFile::exists(ServerProcess::binary()));
}

void TestAbuse::loginFloodLeavesRoomForARealUser()
{
    QTemporaryDir dir;
    ServerProcess server;
    QVERIFY(server.start(devArguments(dir, {})));
    const quint16 port = server.port();

    // 200 attackers from 200 addresses send a login and hold the socket open...
    std::vector<std::unique_ptr<QTcpSocket>> holders;
    for (int i = 0; i < 200; ++i) {
        holders.push_back(sendFrom(QHostAddress(QStringLiteral("127.10.0.%1").arg(i + 1)), port,
                                   loginRequest(randomName(), "guess")));
        QVERIFY(holders.back());
    }
    // ...and 1000 more from 1000 addresses send one and hang up at once.
    for (int i = 0; i < 1000; ++i) {
        auto socket = sendFrom(QHostAddress(QStringLiteral("127.20.%1.%2").arg(i / 250).arg(i % 250 + 1)), port,
                               loginRequest(randomName(), "guess"));
        QVERIFY(socket);
        socket->abort();
    }

    // A real user is answered at once: signed in, or told when to come back.
    QElapsedTimer timer;
    timer.start();
    QByteArray answer =
            RawHttp::exchange(port, loginRequest("demo", "demo"), QHostAddress(QStringLiteral("127.0.0.1")));
    const qint64 firstAnswerMs = timer.elapsed();
    int status = RawHttp::status(answer);
    QVERIFY2(status == 200 || (status == 503 && !RawHttp::header(answer, "Retry-After").isEmpty()),
             answer.left(300).constData());
    QVERIFY2(firstAnswerMs < 3000, qPrintable(QStringLiteral("first answer after %1 ms").arg(firstAnswerMs)));
    // Following Retry-After gets through: the flood holds no slot for long.
    for (int attempt = 0; attempt < 10 && status != 200; ++attempt) {
        QTest::qWait(int(RawHttp::header(answer, "Retry-After").toInt()) * 1000);
        answer = RawHttp::exchange(port, loginRequest("demo", "demo"), QHostAddress(QStringLiteral("127.0.0.1")));
        status = RawHttp::status(answer);
    }
    QCOMPARE(status, 200);

    // The queue never held more than its bound.
    const QByteArray admin = devToken(port, R"({"sub":"admin","scope":"admin"})");
    const double pending = metric(port, admin, QStringLiteral("signalgate_login_checks_pending"));
    QVERIFY2(pending >= 0 && pending <= 4 * QThread::idealThreadCount(), qPrintable(QString::number(pending)));

    // And the server still stops promptly with the attackers connected.
    timer.restart();
    server.process().terminate();
    QVERIFY2(server.waitForExit(10000), "SIGTERM did not end the server within 10 s");
    qInfo("first answer %lld ms; stopped %lld ms after SIGTERM", firstAnswerMs, timer.elapsed());
}

void TestAbuse::passwordChecksOfClientsThatLeftAreDropped()
{
    QTemporaryDir dir;
    ServerProcess server;
    // Room for every request in the queue, so only leaving can drop them.
    QVERIFY(server.start(devArguments(dir, {QStringLiteral("--max-pending-logins"), QStringLiteral("100")})));
    const quint16 port = server.port();
    for (int i = 0; i < 40; ++i) {
        auto socket = sendFrom(QHostAddress(QStringLiteral("127.30.0.%1").arg(i + 1)), port,
                               loginRequest(randomName(), "guess"));
        QVERIFY(socket);
        socket->abort();
    }
    const QByteArray admin = devToken(port, R"({"sub":"admin","scope":"admin"})");
    // 40 checks of about 0.1 s on the server's cores would take seconds; the
    // ones whose client had gone before they started are never run.
    QTRY_COMPARE_WITH_TIMEOUT(metric(port, admin, QStringLiteral("signalgate_login_checks_pending")), 0.0, 20000);
    const double dropped = metric(port, admin, QStringLiteral("signalgate_login_checks_dropped_total"));
    QVERIFY2(dropped >= 20, qPrintable(QString::number(dropped)));
}

void TestAbuse::resumeFloodStaysWithinTheOutboundLimit()
{
    QTemporaryDir dir;
    ServerProcess server(measuredEnvironment());
    QVERIFY(server.start(devArguments(dir,
                                      {QStringLiteral("--msg-rate"), QStringLiteral("0"),
                                       QStringLiteral("--max-conns-per-user"), QStringLiteral("0")})));
    const quint16 port = server.port();

    // A full history (10000 signals), then a quiet feed.
    QWebSocket publisher;
    QList<QJsonObject> published;
    connect(&publisher, &QWebSocket::textMessageReceived, this,
            [&](const QString &text) { published.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
    QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port)));
    request.setRawHeader("Authorization",
                         "Bearer " + devToken(port, R"({"sub":"admin","scope":"admin signals:publish"})"));
    publisher.open(request);
    QTRY_VERIFY_WITH_TIMEOUT(!published.isEmpty(), 10000);   // welcome
    QVERIFY(publishSignals(publisher, published, 10000));
    publisher.close();

    const QByteArray token = devToken(port, R"({"sub":"demo"})");
    QTest::qWait(500);
    const qint64 before = serverRss(server);
    // 5 connections of one user that never read ask for the whole history 58 times each.
    std::vector<std::unique_ptr<QTcpSocket>> readers;
    for (int i = 0; i < 5; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->setReadBufferSize(1);
        socket->connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket->waitForConnected(5000));
        socket->write(RawHttp::upgradeRequest("/ws", "Authorization: Bearer " + token + "\r\n"));
        readers.push_back(std::move(socket));
    }
    const QByteArray resume = RawHttp::clientFrame(R"({"type":"resume","since":1})");
    qint64 peak = before;
    for (int round = 0; round < 58; ++round) {
        for (auto &socket : readers)
            socket->write(resume);
        QTest::qWait(50);
        peak = qMax(peak, serverRss(server));
    }
    for (int i = 0; i < 30; ++i) {
        QTest::qWait(100);
        peak = qMax(peak, serverRss(server));
    }
    qInfo("RSS %lld KiB before, %lld KiB at the peak", before, peak);
    // Five connections at --max-outbound-bytes (1 MiB) each, and room for
    // allocator slack: far below the 300 MiB this attack reached before.
    QVERIFY2(peak - before < 48 * MiB, qPrintable(QStringLiteral("RSS grew %1 KiB").arg(peak - before)));
}

void TestAbuse::resumeReplaysInOrderAndOneAtATime()
{
    QTemporaryDir dir;
    ServerProcess server;
    QVERIFY(server.start(devArguments(dir,
                                      {QStringLiteral("--msg-rate"), QStringLiteral("0"),
                                       QStringLiteral("--max-outbound-bytes"), QStringLiteral("65536")})));
    const quint16 port = server.port();
    auto openClient = [&](QWebSocket &socket, QList<QJsonObject> &received) {
        connect(&socket, &QWebSocket::textMessageReceived, this,
                [&received](const QString &text) { received.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
        QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port)));
        request.setRawHeader("Authorization",
                             "Bearer " + devToken(port, R"({"sub":"admin","scope":"admin signals:publish"})"));
        socket.open(request);
        return QTest::qWaitFor([&] { return !received.isEmpty(); }, 10000);   // welcome
    };
    QWebSocket publisher;
    QList<QJsonObject> published;
    QVERIFY(openClient(publisher, published));
    QVERIFY(publishSignals(publisher, published, 3000));

    // A client that joins now got none of them live. Its replay of 3000
    // signals is far over 32 KiB (half the limit here), so it is still going
    // out when the second resume arrives.
    QWebSocket client;
    QList<QJsonObject> received;
    QVERIFY(openClient(client, received));
    received.clear();
    client.sendTextMessage(QStringLiteral(R"({"type":"resume","since":0,"id":1})"));
    client.sendTextMessage(QStringLiteral(R"({"type":"resume","since":0,"id":2})"));
    QTRY_VERIFY_WITH_TIMEOUT(
            !received.isEmpty() && received.last().value(QLatin1String("type")) == QLatin1String("resumed"), 30000);
    QTest::qWait(200);   // nothing else may follow

    int errors = 0;
    qint64 expected = 1;
    int resumed = 0;
    for (const QJsonObject &message : std::as_const(received)) {
        const QString type = message.value(QLatin1String("type")).toString();
        if (type == QLatin1String("error")) {
            QCOMPARE(message.value(QLatin1String("code")).toString(), QStringLiteral("bad_request"));
            QCOMPARE(message.value(QLatin1String("id")).toInt(), 2);
            ++errors;
        } else if (type == QLatin1String("signal")) {
            QCOMPARE(qint64(message.value(QLatin1String("seq")).toDouble()), expected++);
        } else {
            QCOMPARE(type, QStringLiteral("resumed"));
            QCOMPARE(message.value(QLatin1String("id")).toInt(), 1);
            QCOMPARE(message.value(QLatin1String("count")).toInt(), 3000);
            QCOMPARE(message.value(QLatin1String("from")).toInt(), 1);
            QCOMPARE(message.value(QLatin1String("to")).toInt(), 3000);
            ++resumed;
        }
    }
    QCOMPARE(errors, 1);
    QCOMPARE(resumed, 1);
    QCOMPARE(expected, 3001);
    QCOMPARE(received.last().value(QLatin1String("type")).toString(), QStringLiteral("resumed"));
}

void TestAbuse::bytesAfterACompleteRequestAreNotRead()
{
    QTemporaryDir dir;
    ServerProcess server(measuredEnvironment());
    QVERIFY(server.start(devArguments(dir, {})));
    // A login is answered after its password check (about 0.1 s): time
    // enough for a server that keeps reading to take in all the rest.
    const qint64 growth = growthWhileSending(server, loginRequest("demo", "demo") + QByteArray(48 * 1024 * 1024, 'x'));
    QVERIFY2(growth >= 0 && growth < 16 * MiB, qPrintable(QStringLiteral("RSS grew %1 KiB").arg(growth)));
    QCOMPARE(RawHttp::status(RawHttp::exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")),
             200);
}

void TestAbuse::giantFrameBeforeAuthenticationIsRefused()
{
    QTemporaryDir dir;
    ServerProcess server(measuredEnvironment());
    QVERIFY(server.start(devArguments(dir, {})));
    // No token: this connection will be refused 1008, but first it announces
    // a 48 MiB text frame and starts sending it.
    const qint64 size = 48 * 1024 * 1024;
    const qint64 growth = growthWhileSending(
            server, RawHttp::upgradeRequest("/ws") + RawHttp::clientFrame({}, 0x1, size) + QByteArray(size, 'x'));
    QVERIFY2(growth >= 0 && growth < 16 * MiB, qPrintable(QStringLiteral("RSS grew %1 KiB").arg(growth)));
}

void TestAbuse::connectionCapAnswers503BeforeTheUpgrade()
{
    QTemporaryDir dir;
    ServerProcess server;
    QVERIFY(server.start(
            devArguments(dir,
                         {QStringLiteral("--max-conns"), QStringLiteral("4"), QStringLiteral("--max-conns-per-user"),
                          QStringLiteral("0"), QStringLiteral("--metrics-listen"), QStringLiteral("127.0.0.1:0")})));
    const quint16 port = server.port();
    const auto opsPort = QRegularExpression(QStringLiteral("operations endpoints .* on http://127\\.0\\.0\\.1:(\\d+)"))
                                 .match(QString::fromUtf8(server.allOutput()));
    QVERIFY(opsPort.hasMatch());
    const quint16 ops = opsPort.captured(1).toUShort();
    const QByteArray readyz = "GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    QCOMPARE(RawHttp::status(RawHttp::exchange(ops, readyz)), 200);
    const QByteArray token = devToken(port, R"({"sub":"demo"})");
    std::vector<std::unique_ptr<QWebSocket>> open;
    for (int i = 0; i < 4; ++i) {
        auto socket = std::make_unique<QWebSocket>();
        QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port)));
        request.setRawHeader("Authorization", "Bearer " + token);
        socket->open(request);
        QTRY_VERIFY_WITH_TIMEOUT(socket->state() == QAbstractSocket::ConnectedState, 10000);
        open.push_back(std::move(socket));
    }
    // Full: an upgrade and a plain request are both answered 503 with Retry-After.
    const QByteArray refusedUpgrade =
            RawHttp::responseHead(port, RawHttp::upgradeRequest("/ws", "Authorization: Bearer " + token + "\r\n"));
    QCOMPARE(RawHttp::status(refusedUpgrade), 503);
    QVERIFY(!RawHttp::header(refusedUpgrade, "Retry-After").isEmpty());
    QCOMPARE(RawHttp::status(RawHttp::exchange(port, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")), 503);
    // The operations listener has its own budget and says why this node is not ready.
    const QByteArray notReady = RawHttp::exchange(ops, readyz);
    QCOMPARE(RawHttp::status(notReady), 503);
    QVERIFY2(notReady.contains("connection limit"), notReady.constData());

    // One leaves, and there is room again.
    open.front()->close();
    QTRY_COMPARE_WITH_TIMEOUT(
            RawHttp::status(RawHttp::exchange(port, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")), 200, 10000);
    QCOMPARE(RawHttp::status(RawHttp::exchange(ops, readyz)), 200);
}

QTEST_GUILESS_MAIN(TestAbuse)
#include "tst_abuse.moc"
