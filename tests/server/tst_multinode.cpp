// Several nodes on one Redis (PROTOCOL.md section 10.7): two real servers in
// this process, one key, one redis-server. A signal published on A reaches
// clients of A and B with one seq; a client resumes on B from what it got on
// A; a stale epoch gets resume_gap; while Redis is away /readyz, upgrades and
// logins say 503 and open connections stay, then get what follows.
#include "database.h"
#include "metrics.h"
#include "postgresserver.h"
#include "rawhttp.h"
#include "redisserver.h"
#include "serverprocess.h"
#include "testhttp.h"
#include "testserver.h"
#include "userstore.h"
#include "wsprobe.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace SignalGate::Server;
using TestHttp::Reply;

namespace {

// Node a's key, so tokens of one node are good on the other; one database.
TestServer::Tweak nodeOf(const RedisServer &redis, const PostgresServer &postgres, const QString &name,
                         const QString &keyFile = {})
{
    return [&redis, &postgres, name, keyFile](ServerConfig &config) {
        config.brokerUrl = redis.url();
        config.databaseUrl = postgres.url();
        config.nodeId = name;
        config.signalIntervalMs = 0;   // the tests publish
        // A repeated refresh is reuse at once: a race has one clear winner.
        config.refreshGraceSeconds = 0;
        if (!keyFile.isEmpty())
            config.jwtSecretFile = keyFile;
    };
}

std::unique_ptr<WsProbe> openWithToken(TestServer &server, const QByteArray &token)
{
    return WsProbe::withBearer(server.wsUrl(), token);
}

bool waitReady(TestServer &node)
{
    return QTest::qWaitFor([&] { return TestHttp::get(node, QStringLiteral("/readyz")).status == 200; }, 10000);
}

// Through node, with a token of keyHolder (node a: both trust its key).
qint64 publish(TestServer &node, const QString &symbol, const TestServer &keyHolder)
{
    const QByteArray publisher = keyHolder.mint({{"sub", "bot"}, {"scope", "signals:publish"}});
    const Reply reply =
            TestHttp::post(node, QStringLiteral("/signals"),
                           {{"symbol", symbol}, {"side", "buy"}, {"price", 1.5}, {"confidence", 0.5}}, publisher);
    return reply.status == 202 ? reply.json.value("seq").toInteger() : -reply.status;
}

}   // namespace

class TestMultiNode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void aSignalReachesEveryNodeWithOneSeq();
    void aClientResumesOnAnotherNode();
    void aResumeFromAnotherEpochGetsResumeGap();
    void whileRedisIsAwayNewClientsWaitAndOpenOnesStay();
    void aLogoutOnOneNodeClosesTheFamilyOnAnother();
    void twoNodesRaceOneRefreshToken();
    void anAdminRevokeOnOneNodeClosesTheUserEverywhere();
    void aRestartedNodeCatchesUpOnRevocationsItMissed();
    void userDelOnTheCommandLineClosesEveryNode();
    void perIpLimitsAreSpentAcrossNodes();
    void aFailingRedisLeavesTheLimitsToEachNode();
    void whilePostgresIsAwayLoginsWaitAndNodesSaySo();
    void twoServerProcessesServeOneStream();

private:
    // A user in the nodes' PostgreSQL, password "password-of-NAME".
    bool addUser(const QString &name);
    // `signalgate-server user del NAME` on the nodes' engines: its exit code and stderr.
    QPair<int, QByteArray> userDel(const QString &name);

    PostgresServer m_postgres;
    std::unique_ptr<RedisServer> m_redis;
    std::unique_ptr<TestServer> m_a;
    std::unique_ptr<TestServer> m_b;
};

void TestMultiNode::initTestCase()
{
    QVERIFY2(m_postgres.start(), qPrintable(m_postgres.error()));
    QString error;
    Database database;
    QVERIFY2(database.open(m_postgres.url(), &error), qPrintable(error));
    QVERIFY2(UserStore(database).addUser(QStringLiteral("demo"), "demo-password", {}, &error), qPrintable(error));
}

void TestMultiNode::init()
{
    m_redis = std::make_unique<RedisServer>();
    QVERIFY2(m_redis->start(), qPrintable(m_redis->error()));
    m_a = std::make_unique<TestServer>(nodeOf(*m_redis, m_postgres, QStringLiteral("node-a")));
    QVERIFY2(m_a->start(), qPrintable(m_a->error()));
    m_b = std::make_unique<TestServer>(nodeOf(*m_redis, m_postgres, QStringLiteral("node-b"), m_a->secretPath()));
    QVERIFY2(m_b->start(), qPrintable(m_b->error()));
    QVERIFY(waitReady(*m_a));
    QVERIFY(waitReady(*m_b));
}

void TestMultiNode::cleanup()
{
    m_b.reset();
    m_a.reset();
    m_redis.reset();
}

void TestMultiNode::aSignalReachesEveryNodeWithOneSeq()
{
    auto onA = openWithToken(*m_a, m_a->mint());
    auto onB = openWithToken(*m_b, m_a->mint());
    QVERIFY(onA->waitForMessages(1));
    QVERIFY(onB->waitForMessages(1));
    const QJsonObject welcomeA = onA->firstOfType("welcome");
    const QJsonObject welcomeB = onB->firstOfType("welcome");
    QCOMPARE(welcomeA.value("node").toString(), QStringLiteral("node-a"));
    QCOMPARE(welcomeB.value("node").toString(), QStringLiteral("node-b"));

    QCOMPARE(publish(*m_a, "AAA", *m_a), 1);
    QCOMPARE(publish(*m_b, "BBB", *m_a), 2);
    QCOMPARE(publish(*m_a, "CCC", *m_a), 3);
    QVERIFY(onA->waitForMessages(4));
    QVERIFY(onB->waitForMessages(4));
    QCOMPARE(onA->signalSeqs(), (QList<qint64>{1, 2, 3}));
    QCOMPARE(onA->messages().mid(1), onB->messages().mid(1));
    // The epoch is the stream's, the same on every node once it exists.
    auto later = openWithToken(*m_b, m_a->mint());
    QVERIFY(later->waitForMessages(1));
    const QJsonObject welcome = later->firstOfType("welcome");
    QCOMPARE(welcome.value("last_seq").toInteger(), 3);
    QVERIFY(!welcome.value("epoch").toString().isEmpty());
}

void TestMultiNode::aClientResumesOnAnotherNode()
{
    auto onA = openWithToken(*m_a, m_a->mint());
    QVERIFY(onA->waitForMessages(1));
    for (int i = 1; i <= 5; ++i)
        QCOMPARE(publish(*m_a, QStringLiteral("S%1").arg(i), *m_a), i);
    QVERIFY(onA->waitForMessages(6));
    onA.reset();
    for (int i = 6; i <= 8; ++i)
        QCOMPARE(publish(*m_b, QStringLiteral("S%1").arg(i), *m_a), i);

    auto onB = openWithToken(*m_b, m_a->mint());
    QVERIFY(onB->waitForMessages(1));
    const QString epoch = onB->firstOfType("welcome").value("epoch").toString();
    QCOMPARE(onB->firstOfType("welcome").value("last_seq").toInteger(), 8);
    QCOMPARE(publish(*m_a, "live", *m_a), 9);   // live, after the welcome: never in the replay
    onB->socket().sendTextMessage(QJsonDocument(QJsonObject{{"type", "resume"}, {"since", 5}, {"epoch", epoch}})
                                          .toJson(QJsonDocument::Compact));
    QTRY_VERIFY_WITH_TIMEOUT(!onB->firstOfType("resumed").isEmpty(), 5000);
    QList<qint64> got = onB->signalSeqs();
    std::sort(got.begin(), got.end());
    QCOMPARE(got, (QList<qint64>{6, 7, 8, 9}));
    const QJsonObject resumed = onB->firstOfType("resumed");
    QCOMPARE(resumed.value("from").toInteger(), 6);
    QCOMPARE(resumed.value("to").toInteger(), 8);
    QVERIFY(onB->firstOfType("error").isEmpty());
}

void TestMultiNode::aResumeFromAnotherEpochGetsResumeGap()
{
    QCOMPARE(publish(*m_a, "one", *m_a), 1);
    auto onB = openWithToken(*m_b, m_a->mint());
    QVERIFY(onB->waitForMessages(1));
    onB->socket().sendTextMessage(
            QByteArrayLiteral(R"({"type":"resume","since":0,"epoch":"an-epoch-redis-has-lost"})"));
    QTRY_VERIFY_WITH_TIMEOUT(!onB->firstOfType("resumed").isEmpty(), 5000);
    const QJsonObject gap = onB->firstOfType("error");
    QCOMPARE(gap.value("code").toString(), QStringLiteral("resume_gap"));
    QVERIFY2(gap.value("message").toString().contains("an-epoch-redis-has-lost"),
             qPrintable(gap.value("message").toString()));
}

void TestMultiNode::whileRedisIsAwayNewClientsWaitAndOpenOnesStay()
{
    auto open = openWithToken(*m_b, m_a->mint());
    QVERIFY(open->waitForMessages(1));
    QCOMPARE(publish(*m_a, "before", *m_a), 1);
    QVERIFY(open->waitForMessages(2));

    m_redis->kill();
    QTRY_COMPARE_WITH_TIMEOUT(TestHttp::get(*m_b, QStringLiteral("/readyz")).status, 503, 5000);
    const Reply notReady = TestHttp::get(*m_b, QStringLiteral("/readyz"));
    QVERIFY2(notReady.body.contains("broker") && notReady.body.contains(QByteArray::number(m_redis->port())),
             notReady.body.constData());
    // A new client is told to come back, not let in to a node that cannot feed it.
    const QByteArray upgrade = RawHttp::responseHead(
            m_b->server()->port(), RawHttp::upgradeRequest("/ws", "Authorization: Bearer " + m_a->mint() + "\r\n"));
    QCOMPARE(RawHttp::status(upgrade), 503);
    QCOMPARE(RawHttp::header(upgrade, "Retry-After"), QByteArray("5"));
    const Reply login = TestHttp::post(*m_b, QStringLiteral("/auth/login"), {{"username", "x"}, {"password", "y"}});
    QCOMPARE(login.status, 503);
    QCOMPARE(login.header("Retry-After"), QByteArray("5"));
    QVERIFY(publish(*m_a, "lost", *m_a) < 0);

    QVERIFY2(m_redis->start(), qPrintable(m_redis->error()));
    QVERIFY(waitReady(*m_a));
    QVERIFY(waitReady(*m_b));
    QVERIFY(open->connected() && !open->disconnected());
    QCOMPARE(publish(*m_a, "after", *m_a), 2);   // seq goes on from the node's last one
    QVERIFY(open->waitForMessages(3));
    QCOMPARE(open->signalSeqs(), (QList<qint64>{1, 2}));
    auto later = openWithToken(*m_b, m_a->mint());
    QVERIFY(later->waitForMessages(1));
    QVERIFY(later->connected());
}

void TestMultiNode::aLogoutOnOneNodeClosesTheFamilyOnAnother()
{
    const Reply login = TestHttp::post(*m_a, "/auth/login", {{"username", "demo"}, {"password", "demo-password"}});
    QCOMPARE(login.status, 200);
    const QByteArray access = login.json.value("access_token").toString().toLatin1();
    auto onA = openWithToken(*m_a, access);
    auto onB = openWithToken(*m_b, access);
    auto otherUser = openWithToken(*m_b, m_a->mint({{"sub", "carol"}}));
    QVERIFY(onA->waitForMessages(1) && onB->waitForMessages(1) && otherUser->waitForMessages(1));

    QElapsedTimer latency;
    latency.start();
    QCOMPARE(
            TestHttp::post(*m_a, "/auth/logout", {{"refresh_token", login.json.value("refresh_token")}}, access).status,
            204);
    QVERIFY(onB->waitDisconnected(1000));
    const qint64 elapsed = latency.elapsed();
    QVERIFY2(elapsed < 1000, qPrintable(QStringLiteral("%1 ms").arg(elapsed)));
    qInfo("revocation on node a to close on node b: %lld ms", elapsed);
    QCOMPARE(onB->closeCode(), 1008);
    QCOMPARE(onB->closeReason(), QStringLiteral("Token revoked"));
    QVERIFY(onA->waitDisconnected(1000));
    QTest::qWait(200);
    QVERIFY(!otherUser->disconnected());

    // The token opens nothing on b either.
    auto again = openWithToken(*m_b, access);
    QVERIFY(again->waitDisconnected());
    QCOMPARE(again->closeReason(), QStringLiteral("Invalid or expired token"));
}

void TestMultiNode::twoNodesRaceOneRefreshToken()
{
    const Reply login = TestHttp::post(*m_a, "/auth/login", {{"username", "demo"}, {"password", "demo-password"}});
    QCOMPARE(login.status, 200);
    const QJsonObject spend{{"refresh_token", login.json.value("refresh_token")}};
    // Both requests are on the wire before either node answers.
    QNetworkAccessManager network;
    QNetworkRequest toA(m_a->httpUrl("/auth/refresh"));
    QNetworkRequest toB(m_b->httpUrl("/auth/refresh"));
    for (QNetworkRequest *request : {&toA, &toB})
        request->setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QByteArray body = QJsonDocument(spend).toJson(QJsonDocument::Compact);
    std::unique_ptr<QNetworkReply> a(network.post(toA, body));
    std::unique_ptr<QNetworkReply> b(network.post(toB, body));
    QTRY_VERIFY_WITH_TIMEOUT(a->isFinished() && b->isFinished(), 10000);
    const int statusA = a->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const int statusB = b->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // One rotation; the other is the reuse that ends the family (grace 0).
    QVERIFY2((statusA == 200) != (statusB == 200), qPrintable(QStringLiteral("%1 and %2").arg(statusA).arg(statusB)));
    QCOMPARE(qMin(statusA, statusB) == 200 ? qMax(statusA, statusB) : 0, 401);
    const QJsonObject won = QJsonDocument::fromJson((statusA == 200 ? a : b)->readAll()).object();
    // The reuse revoked the family, the winner's new token with it: a stolen
    // copy raced the client, and neither keeps the session.
    QCOMPARE(TestHttp::post(*m_b, "/auth/refresh", {{"refresh_token", won.value("refresh_token")}}).status, 401);
}

void TestMultiNode::anAdminRevokeOnOneNodeClosesTheUserEverywhere()
{
    auto first = openWithToken(*m_b, m_a->mint({{"sub", "dave"}}));
    auto second = openWithToken(*m_a, m_a->mint({{"sub", "dave"}}));
    QVERIFY(first->waitForMessages(1) && second->waitForMessages(1));
    const QByteArray admin = m_a->mint({{"sub", "root"}, {"scope", "admin"}});
    QCOMPARE(TestHttp::post(*m_a, "/admin/revoke", {{"sub", "dave"}}, admin).status, 204);
    QVERIFY(first->waitDisconnected(1000));
    QVERIFY(second->waitDisconnected(1000));
    QCOMPARE(first->closeReason(), QStringLiteral("Token revoked"));
    const QByteArray metrics = m_b->server()->metrics().render();
    QVERIFY2(metrics.contains("signalgate_revocations_from_other_nodes_total 1\n"), metrics.constData());
}

void TestMultiNode::aRestartedNodeCatchesUpOnRevocationsItMissed()
{
    const QByteArray token = m_a->mint({{"sub", "erin"}});
    m_b->stop();
    auto onA = openWithToken(*m_a, token);
    QVERIFY(onA->waitForMessages(1));
    QCOMPARE(TestHttp::post(*m_a, "/auth/logout", {}, token).status, 204);
    QVERIFY(onA->waitDisconnected(1000));

    // b never heard the event live; the keys tell it at start, before it is ready.
    QVERIFY2(m_b->start(), qPrintable(m_b->error()));
    QVERIFY(waitReady(*m_b));
    auto onB = openWithToken(*m_b, token);
    QVERIFY(onB->waitDisconnected());
    QCOMPARE(onB->closeReason(), QStringLiteral("Invalid or expired token"));
    // A token of the same user that was not revoked still works there.
    auto fine = openWithToken(*m_b, m_a->mint({{"sub", "erin"}}));
    QVERIFY(fine->waitForMessages(1));
    QVERIFY(!fine->disconnected());
}

void TestMultiNode::userDelOnTheCommandLineClosesEveryNode()
{
    QVERIFY(addUser(QStringLiteral("leaver")));
    const Reply login =
            TestHttp::post(*m_a, "/auth/login", {{"username", "leaver"}, {"password", "password-of-leaver"}});
    QCOMPARE(login.status, 200);
    auto onB = openWithToken(*m_b, login.json.value("access_token").toString().toLatin1());
    QVERIFY(onB->waitForMessages(1));

    QCOMPARE(userDel(QStringLiteral("leaver")).first, 0);
    QVERIFY(onB->waitDisconnected(2000));
    QCOMPARE(onB->closeReason(), QStringLiteral("Token revoked"));

    // Redis away: the user is still deleted, and the tool says who was not told.
    m_redis->kill();
    QVERIFY(addUser(QStringLiteral("leaver2")));
    const auto [exitCode, said] = userDel(QStringLiteral("leaver2"));
    QCOMPARE(exitCode, 1);
    QVERIFY2(said.contains("deleted") && said.contains("not told") && said.contains("/admin/revoke"), said.constData());
    QString error;
    Database database;
    QVERIFY2(database.open(m_postgres.url(), &error), qPrintable(error));
    QVERIFY(!UserStore(database).find(QStringLiteral("leaver2")).has_value());
}

bool TestMultiNode::addUser(const QString &name)
{
    QString error;
    Database database;
    return database.open(m_postgres.url(), &error)
            && UserStore(database).addUser(name, "password-of-" + name.toUtf8(), {}, &error);
}

QPair<int, QByteArray> TestMultiNode::userDel(const QString &name)
{
    QTemporaryDir dataDir;
    QProcess del;
    del.start(ServerProcess::binary(),
              {"user", "del", name, "--database", m_postgres.url(), "--broker", m_redis->url(), "--data-dir",
               dataDir.path()});
    if (!QTest::qWaitFor([&] { return del.state() == QProcess::NotRunning; }, 20000))
        return {-1, "did not end within 20 s"};
    return {del.exitCode(), del.readAllStandardError()};
}

namespace {

// Two fresh nodes whose per-IP limits are on: 3 upgrades per minute, 2 failed logins per 5 minutes.
struct LimitedPair
{
    LimitedPair(const RedisServer &redis, const PostgresServer &postgres)
    {
        const auto limited = [&](const QString &name, const QString &key) {
            return [=, &redis, &postgres](ServerConfig &config) {
                nodeOf(redis, postgres, name, key)(config);
                config.connRate = {3, 60};
                config.loginRate = {2, 300};
            };
        };
        a = std::make_unique<TestServer>(limited(QStringLiteral("limited-a"), {}));
        if (a->start()) {
            b = std::make_unique<TestServer>(limited(QStringLiteral("limited-b"), a->secretPath()));
            b->start();
        }
    }
    int upgrade(TestServer &node, const QHostAddress &from)
    {
        return RawHttp::status(RawHttp::responseHead(
                node.server()->port(), RawHttp::upgradeRequest("/ws", "Authorization: Bearer " + a->mint() + "\r\n"),
                from));
    }
    std::unique_ptr<TestServer> a;
    std::unique_ptr<TestServer> b;
};

int failedLogin(TestServer &node)
{
    return TestHttp::post(node, "/auth/login", {{"username", "demo"}, {"password", "wrong"}}).status;
}

}   // namespace

void TestMultiNode::perIpLimitsAreSpentAcrossNodes()
{
    LimitedPair pair(*m_redis, m_postgres);
    QVERIFY(pair.b && waitReady(*pair.a) && waitReady(*pair.b));
    const QHostAddress from(QStringLiteral("127.0.0.61"));
    QCOMPARE(pair.upgrade(*pair.a, from), 101);
    QCOMPARE(pair.upgrade(*pair.b, from), 101);
    QCOMPARE(pair.upgrade(*pair.a, from), 101);
    // One node alone would still have 2 left for this address: the budget is shared.
    QCOMPARE(pair.upgrade(*pair.b, from), 429);
    QCOMPARE(pair.upgrade(*pair.a, from), 429);
    QCOMPARE(pair.upgrade(*pair.b, QHostAddress(QStringLiteral("127.0.0.62"))), 101);

    QCOMPARE(failedLogin(*pair.a), 401);
    QCOMPARE(failedLogin(*pair.b), 401);
    QCOMPARE(failedLogin(*pair.a), 429);
    QCOMPARE(failedLogin(*pair.b), 429);
}

void TestMultiNode::aFailingRedisLeavesTheLimitsToEachNode()
{
    LimitedPair pair(*m_redis, m_postgres);
    QVERIFY(pair.b && waitReady(*pair.a) && waitReady(*pair.b));
    // Redis up but refusing every write, as when it runs out of memory.
    QCOMPARE(m_redis->command("CONFIG SET maxmemory-policy noeviction"), QByteArray("+OK"));
    QCOMPARE(m_redis->command("CONFIG SET maxmemory 1"), QByteArray("+OK"));
    const QHostAddress from(QStringLiteral("127.0.0.63"));
    // Each node counts alone now: 3 on a, 3 more on b, and neither lets a 4th in.
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(pair.upgrade(*pair.a, from), 101);
        QCOMPARE(pair.upgrade(*pair.b, from), 101);
    }
    QCOMPARE(pair.upgrade(*pair.a, from), 429);
    QCOMPARE(pair.upgrade(*pair.b, from), 429);
    const QByteArray metrics = pair.a->server()->metrics().render();
    QVERIFY2(metrics.contains("signalgate_ratelimit_local_fallbacks_total{kind=\"connection\"} 4"),
             metrics.constData());
    QCOMPARE(m_redis->command("CONFIG SET maxmemory 0"), QByteArray("+OK"));
}

void TestMultiNode::whilePostgresIsAwayLoginsWaitAndNodesSaySo()
{
    auto open = openWithToken(*m_b, m_a->mint());
    QVERIFY(open->waitForMessages(1));
    m_postgres.kill();
    const Reply notReady = TestHttp::get(*m_b, QStringLiteral("/readyz"));
    QCOMPARE(notReady.status, 503);
    QVERIFY2(notReady.body.contains("postgresql://signalgate@127.0.0.1"), notReady.body.constData());
    // Not "wrong password", and nothing charged to the client's login budget.
    const Reply login = TestHttp::post(*m_a, "/auth/login", {{"username", "demo"}, {"password", "demo-password"}});
    QCOMPARE(login.status, 503);
    QCOMPARE(login.header("Retry-After"), QByteArray("5"));
    QCOMPARE(publish(*m_a, "still flowing", *m_a), 1);   // the stream does not need the database
    QVERIFY(open->waitForMessages(2));

    QVERIFY2(m_postgres.start(), qPrintable(m_postgres.error()));
    // The node reconnects by itself, whether or not anyone asks /readyz.
    QTRY_COMPARE_WITH_TIMEOUT(
            TestHttp::post(*m_a, "/auth/login", {{"username", "demo"}, {"password", "demo-password"}}).status, 200,
            10000);
    QVERIFY(waitReady(*m_b));
    QVERIFY(!open->disconnected());
}

void TestMultiNode::twoServerProcessesServeOneStream()
{
    // The real executables, configured by their flags alone.
    QTemporaryDir dirs;
    const auto arguments = [&](const QString &name) {
        return QStringList{"--listen",
                           "127.0.0.1:0",
                           "--data-dir",
                           dirs.filePath(name),
                           "--jwt-secret-file",
                           m_a->secretPath(),
                           "--broker",
                           m_redis->url(),
                           "--database",
                           m_postgres.url(),
                           "--node-id",
                           name,
                           "--signal-interval-ms",
                           "0",
                           "--conn-rate",
                           "0"};
    };
    ServerProcess first;
    ServerProcess second;
    QVERIFY2(first.start(arguments("proc-a")), first.allOutput().constData());
    QVERIFY2(second.start(arguments("proc-b")), second.allOutput().constData());
    const auto url = [](const ServerProcess &node, const QString &path) {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(node.port()).arg(path));
    };
    for (const ServerProcess *node : {&first, &second})
        QVERIFY(QTest::qWaitFor(
                [&] {
                    return RawHttp::status(
                                   RawHttp::exchange(node->port(), "GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
                            == 200;
                },
                10000));
    const auto open = [&](const ServerProcess &node) {
        return WsProbe::withBearer(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(node.port())), m_a->mint());
    };
    auto onFirst = open(first);
    auto onSecond = open(second);
    QVERIFY(onFirst->waitForMessages(1) && onSecond->waitForMessages(1));
    QCOMPARE(onSecond->firstOfType("welcome").value("node").toString(), QStringLiteral("proc-b"));
    const QByteArray publisher = m_a->mint({{"sub", "bot"}, {"scope", "signals:publish"}});
    const QJsonObject signal{{"symbol", "PROC"}, {"side", "sell"}, {"price", 2.5}, {"confidence", 0.9}};
    const Reply published = TestHttp::post(url(first, "/signals"), signal, publisher);
    QCOMPARE(published.status, 202);
    QVERIFY(onFirst->waitForMessages(2) && onSecond->waitForMessages(2));
    QCOMPARE(onFirst->signalSeqs(), QList<qint64>{published.json.value("seq").toInteger()});
    QCOMPARE(onSecond->signalSeqs(), onFirst->signalSeqs());

    // The first node dies; its client comes to the second and resumes.
    const qint64 held = onFirst->signalSeqs().last();
    const QString epoch = onFirst->firstOfType("welcome").value("epoch").toString();
    first.process().kill();
    QVERIFY(onFirst->waitDisconnected());
    QCOMPARE(TestHttp::post(url(second, "/signals"), signal, publisher).status, 202);
    auto moved = open(second);
    QVERIFY(moved->waitForMessages(1));
    moved->socket().sendTextMessage(QJsonDocument(QJsonObject{{"type", "resume"}, {"since", held}, {"epoch", epoch}})
                                            .toJson(QJsonDocument::Compact));
    QTRY_VERIFY_WITH_TIMEOUT(!moved->firstOfType("resumed").isEmpty(), 5000);
    QCOMPARE(moved->signalSeqs(), QList<qint64>{held + 1});
    QVERIFY(moved->firstOfType("error").isEmpty());
}

QTEST_GUILESS_MAIN(TestMultiNode)
#include "tst_multinode.moc"
