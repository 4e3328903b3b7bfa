// A connection outlives its access token (PROTOCOL.md sections 2, 4, 5):
// in-band refresh, expiry warning and close, revocation by logout, admin and
// refresh-token reuse (also across a restart), resume across a forced
// disconnect, and publishing with and without scope. Real server, real
// sockets, lifetimes of a few seconds with leeway 0.
#include "serverprocess.h"
#include "session.h"
#include "testhttp.h"
#include "testserver.h"
#include "wsprobe.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace SignalGate::Server;
using TestHttp::Reply;

namespace {

const QStringList protocols{QStringLiteral("signalgate.v1")};

std::unique_ptr<WsProbe> openWithToken(TestServer &server, const QByteArray &token)
{
    return WsProbe::withBearer(server.wsUrl(), token);
}

}   // namespace

class TestLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refreshInBandKeepsConnectionAcrossOldExp();
    void expiryWarnsThenCloses();
    void failedRefreshKeepsOldExpiryAndFourthAttemptCloses();
    void successfulRefreshesStartNewLifetimes();
    void anotherUsersTokenClosesRefreshRejected();
    void logoutClosesTheFamilysConnectionsWithin1s();
    void adminRevokeClosesEverySessionOfTheUser();
    void refreshReuseClosesTheFamilysConnections();
    void restartKeepsRevocations();
    void resumeAcrossDisconnectYieldsEverySeqOnce();
    void resumeReportsGap();
    void seqContinuesAcrossACleanRestart();
    void seqNeverRepeatsAfterACrash();
    void publishNeedsScope();
    void thousandConnectionsExpireOnOneTimer();

private:
};

void TestLifecycle::refreshInBandKeepsConnectionAcrossOldExp()
{
    TestServer server([](ServerConfig &c) { c.leewaySeconds = 0; });
    QVERIFY2(server.start(), qPrintable(server.error()));
    const qint64 now = TestServer::now();
    auto probe = openWithToken(server, server.mint({{"exp", now + 3}}));
    QVERIFY(probe->waitForMessages(2));
    // Less than 60 s left: the warning comes at once, right after welcome.
    QCOMPARE(probe->messages().at(0).value("type").toString(), QStringLiteral("welcome"));
    QCOMPARE(probe->messages().at(1).value("type").toString(), QStringLiteral("auth.expiring"));
    QVERIFY(probe->messages().at(1).value("seconds_left").toInteger() <= 3);

    const qint64 newExp = now + 60;
    probe->socket().sendTextMessage(QStringLiteral(R"({"type":"auth.refresh","id":"r1","token":"%1"})")
                                            .arg(QString::fromLatin1(server.mint({{"exp", newExp}}))));
    QTRY_VERIFY(!probe->lastOfType("auth.refreshed").isEmpty());
    const QJsonObject refreshed = probe->lastOfType("auth.refreshed");
    QCOMPARE(refreshed.value("exp").toInteger(), newExp);
    QCOMPARE(refreshed.value("attempts_left").toInt(), 3);
    QCOMPARE(refreshed.value("id").toString(), QStringLiteral("r1"));

    // Past the old exp the connection is still there and still receives signals.
    server.clock().advance((now + 4) * 1000 - server.clock().wallMs());
    const int before = probe->countOfType("signal");
    QTRY_VERIFY(probe->countOfType("signal") > before + 5);
    QVERIFY(!probe->disconnected());
}

void TestLifecycle::expiryWarnsThenCloses()
{
    TestServer server([](ServerConfig &c) { c.leewaySeconds = 0; });
    QVERIFY2(server.start(), qPrintable(server.error()));
    const qint64 exp = TestServer::now() + 2;
    auto probe = openWithToken(server, server.mint({{"exp", exp}}));
    QVERIFY(probe->waitForMessages(2));
    QCOMPARE(probe->countOfType("auth.expiring"), 1);
    QCOMPARE(probe->lastOfType("auth.expiring").value("exp").toInteger(), exp);
    QVERIFY(probe->waitDisconnected(6000));
    QVERIFY2(QDateTime::currentMSecsSinceEpoch() >= exp * 1000, "closed before exp");
    QCOMPARE(probe->closeCode(), 1008);
    QCOMPARE(probe->closeReason(), QStringLiteral("Token expired"));
    QCOMPARE(probe->countOfType("auth.expiring"), 1);   // once
    QTRY_COMPARE(server.server()->expiryQueueSize(), 0);
}

void TestLifecycle::failedRefreshKeepsOldExpiryAndFourthAttemptCloses()
{
    TestServer server([](ServerConfig &c) {
        c.leewaySeconds = 0;
        c.signalIntervalMs = 0;
    });
    QVERIFY2(server.start(), qPrintable(server.error()));
    const qint64 exp = TestServer::now() + 600;
    auto probe = openWithToken(server, server.mint({{"exp", exp}}));
    QVERIFY(probe->waitForMessages(1));
    const QList<QByteArray> refused = {
            "garbage", server.mint({{"exp", exp - 10}}),   // not later than the current one
            server.mint({{"iss", "elsewhere"}}),           // invalid
    };
    for (int i = 0; i < refused.size(); ++i) {
        probe->socket().sendTextMessage(
                QStringLiteral(R"({"type":"auth.refresh","token":"%1"})").arg(QString::fromLatin1(refused[i])));
        QTRY_COMPARE(probe->countOfType("error"), i + 1);
        const QJsonObject error = probe->lastOfType("error");
        QCOMPARE(error.value("code").toString(), QStringLiteral("refresh_failed"));
        QCOMPARE(error.value("attempts_left").toInt(), 2 - i);
    }
    QVERIFY(!probe->disconnected());
    // The fourth attempt in this lifetime closes, even with a good token.
    probe->socket().sendTextMessage(QStringLiteral(R"({"type":"auth.refresh","token":"%1"})")
                                            .arg(QString::fromLatin1(server.mint({{"exp", exp + 100}}))));
    QVERIFY(probe->waitDisconnected());
    QCOMPARE(probe->closeCode(), 1008);
    QCOMPARE(probe->closeReason(), QStringLiteral("Refresh rejected"));
    QCOMPARE(probe->countOfType("auth.refreshed"), 0);
}

void TestLifecycle::successfulRefreshesStartNewLifetimes()
{
    TestServer server([](ServerConfig &c) { c.signalIntervalMs = 0; });
    QVERIFY2(server.start(), qPrintable(server.error()));
    qint64 exp = TestServer::now() + 600;
    auto probe = openWithToken(server, server.mint({{"exp", exp}}));
    QVERIFY(probe->waitForMessages(1));
    for (int i = 1; i <= 6; ++i) {
        exp += 10;
        probe->socket().sendTextMessage(QStringLiteral(R"({"type":"auth.refresh","token":"%1"})")
                                                .arg(QString::fromLatin1(server.mint({{"exp", exp}}))));
        QTRY_COMPARE(probe->countOfType("auth.refreshed"), i);
        QCOMPARE(probe->lastOfType("auth.refreshed").value("attempts_left").toInt(), 3);
    }
    QVERIFY(!probe->disconnected());
}

void TestLifecycle::anotherUsersTokenClosesRefreshRejected()
{
    TestServer server([](ServerConfig &c) { c.signalIntervalMs = 0; });
    QVERIFY2(server.start(), qPrintable(server.error()));
    auto probe = openWithToken(server, server.mint({{"sub", "alice"}}));
    QVERIFY(probe->waitForMessages(1));
    probe->socket().sendTextMessage(
            QStringLiteral(R"({"type":"auth.refresh","token":"%1"})")
                    .arg(QString::fromLatin1(server.mint({{"sub", "mallory"}, {"exp", TestServer::now() + 3000}}))));
    QVERIFY(probe->waitDisconnected());
    QCOMPARE(probe->closeCode(), 1008);
    QCOMPARE(probe->closeReason(), QStringLiteral("Refresh rejected"));
}

void TestLifecycle::logoutClosesTheFamilysConnectionsWithin1s()
{
    TestServer server([](ServerConfig &c) { c.dev = true; });
    QVERIFY2(server.start(), qPrintable(server.error()));
    const Reply login = TestHttp::post(server, "/auth/login", {{"username", "demo"}, {"password", "demo"}});
    QCOMPARE(login.status, 200);
    const QByteArray firstAccess = login.json.value("access_token").toString().toLatin1();
    const Reply rotated =
            TestHttp::post(server, "/auth/refresh", {{"refresh_token", login.json.value("refresh_token")}});
    QCOMPARE(rotated.status, 200);
    const QByteArray secondAccess = rotated.json.value("access_token").toString().toLatin1();
    const Reply otherLogin = TestHttp::post(server, "/auth/login", {{"username", "demo"}, {"password", "demo"}});

    auto first = openWithToken(server, firstAccess);
    auto second = openWithToken(server, secondAccess);   // same family, another token
    auto other = openWithToken(server, otherLogin.json.value("access_token").toString().toLatin1());
    QVERIFY(first->waitForMessages(1) && second->waitForMessages(1) && other->waitForMessages(1));

    QElapsedTimer latency;
    latency.start();
    const Reply logout = TestHttp::post(server, "/auth/logout",
                                        {{"refresh_token", rotated.json.value("refresh_token")}}, firstAccess);
    QCOMPARE(logout.status, 204);
    QVERIFY(first->waitDisconnected(1000));
    QVERIFY(second->waitDisconnected(1000));
    const qint64 elapsed = latency.elapsed();
    QVERIFY2(elapsed < 1000, qPrintable(QStringLiteral("%1 ms").arg(elapsed)));
    qInfo("revocation to close: %lld ms (both connections of the family)", elapsed);
    for (const auto &probe : {first.get(), second.get()}) {
        QCOMPARE(probe->closeCode(), 1008);
        QCOMPARE(probe->closeReason(), QStringLiteral("Token revoked"));
    }
    QTest::qWait(200);
    QVERIFY(!other->disconnected());   // another family is untouched

    // The revoked tokens open nothing, the family's refresh token is dead.
    auto again = openWithToken(server, secondAccess);
    QVERIFY(again->waitDisconnected());
    QCOMPARE(again->closeReason(), QStringLiteral("Invalid or expired token"));
    QCOMPARE(TestHttp::post(server, "/auth/refresh", {{"refresh_token", rotated.json.value("refresh_token")}}).status,
             401);
    // Logout needs a valid access token.
    QCOMPARE(TestHttp::post(server, "/auth/logout", {}, firstAccess).status, 401);
    QCOMPARE(TestHttp::post(server, "/auth/logout", {}).status, 401);
}

void TestLifecycle::adminRevokeClosesEverySessionOfTheUser()
{
    TestServer server([](ServerConfig &c) { c.dev = true; });
    QVERIFY2(server.start(), qPrintable(server.error()));
    const QByteArray demoToken = TestHttp::post(server, "/auth/login", {{"username", "demo"}, {"password", "demo"}})
                                         .json.value("access_token")
                                         .toString()
                                         .toLatin1();
    const QByteArray adminToken = TestHttp::post(server, "/auth/login", {{"username", "admin"}, {"password", "admin"}})
                                          .json.value("access_token")
                                          .toString()
                                          .toLatin1();
    auto demo1 = openWithToken(server, demoToken);
    auto demo2 = openWithToken(server, server.mint({{"sub", "demo"}}));   // not from a login at all
    auto admin = openWithToken(server, adminToken);
    QVERIFY(demo1->waitForMessages(1) && demo2->waitForMessages(1) && admin->waitForMessages(1));

    QCOMPARE(TestHttp::post(server, "/admin/revoke", {{"sub", "admin"}}, demoToken).status, 403);   // no admin scope
    QCOMPARE(TestHttp::post(server, "/admin/revoke", {{"sub", "demo"}}, adminToken).status, 204);
    QVERIFY(demo1->waitDisconnected(1000));
    QVERIFY(demo2->waitDisconnected(1000));
    QCOMPARE(demo1->closeReason(), QStringLiteral("Token revoked"));
    QCOMPARE(demo2->closeReason(), QStringLiteral("Token revoked"));
    QVERIFY(!admin->disconnected());
    // Tokens issued before the revocation stay dead; a later login works.
    auto late = openWithToken(server, demoToken);
    QVERIFY(late->waitDisconnected());
    QCOMPARE(late->closeReason(), QStringLiteral("Invalid or expired token"));
    // At once, most likely in the revocation's own second: iat has whole
    // seconds, and a token the login hands out must not be born revoked.
    const QByteArray fresh = TestHttp::post(server, "/auth/login", {{"username", "demo"}, {"password", "demo"}})
                                     .json.value("access_token")
                                     .toString()
                                     .toLatin1();
    auto back = openWithToken(server, fresh);
    QVERIFY(back->waitForMessages(1));
    QCOMPARE(back->messages().first().value("type").toString(), QStringLiteral("welcome"));
}

void TestLifecycle::refreshReuseClosesTheFamilysConnections()
{
    TestServer server([](ServerConfig &c) { c.dev = true; });
    QVERIFY2(server.start(), qPrintable(server.error()));
    const Reply login = TestHttp::post(server, "/auth/login", {{"username", "demo"}, {"password", "demo"}});
    const Reply rotated =
            TestHttp::post(server, "/auth/refresh", {{"refresh_token", login.json.value("refresh_token")}});
    const Reply again =
            TestHttp::post(server, "/auth/refresh", {{"refresh_token", rotated.json.value("refresh_token")}});
    auto victim = openWithToken(server, again.json.value("access_token").toString().toLatin1());
    QVERIFY(victim->waitForMessages(1));
    // A spent refresh token comes back, and not the last one spent (that one
    // the grace period would forgive): the whole family goes, connections included.
    QCOMPARE(TestHttp::post(server, "/auth/refresh", {{"refresh_token", login.json.value("refresh_token")}}).status,
             401);
    QVERIFY(victim->waitDisconnected(1000));
    QCOMPARE(victim->closeCode(), 1008);
    QCOMPARE(victim->closeReason(), QStringLiteral("Token revoked"));
}

void TestLifecycle::restartKeepsRevocations()
{
    TestServer server([](ServerConfig &c) { c.dev = true; });
    QVERIFY2(server.start(), qPrintable(server.error()));
    const Reply login = TestHttp::post(server, "/auth/login", {{"username", "demo"}, {"password", "demo"}});
    const QByteArray access = login.json.value("access_token").toString().toLatin1();
    const QByteArray minted = server.mint({{"sub", "alice"}});
    QCOMPARE(TestHttp::post(server, "/auth/logout", {{"refresh_token", login.json.value("refresh_token")}}, access)
                     .status,
             204);
    QCOMPARE(TestHttp::post(server, "/auth/logout", {}, minted).status, 204);
    const QByteArray adminToken = TestHttp::post(server, "/auth/login", {{"username", "admin"}, {"password", "admin"}})
                                          .json.value("access_token")
                                          .toString()
                                          .toLatin1();
    const QByteArray bobToken = server.mint({{"sub", "bob"}});
    QCOMPARE(TestHttp::post(server, "/admin/revoke", {{"sub", "bob"}}, adminToken).status, 204);

    server.stop();
    QVERIFY2(server.start(), qPrintable(server.error()));
    for (const QByteArray &token : {access, minted, bobToken}) {
        auto probe = openWithToken(server, token);
        QVERIFY(probe->waitDisconnected());
        QCOMPARE(probe->closeReason(), QStringLiteral("Invalid or expired token"));
    }
    QCOMPARE(TestHttp::post(server, "/auth/refresh", {{"refresh_token", login.json.value("refresh_token")}}).status,
             401);
    auto fine = openWithToken(server, server.mint({{"sub", "carol"}}));
    QVERIFY(fine->waitForMessages(1));
    QCOMPARE(fine->messages().first().value("type").toString(), QStringLiteral("welcome"));
}

void TestLifecycle::resumeAcrossDisconnectYieldsEverySeqOnce()
{
    TestServer server([](ServerConfig &c) { c.signalIntervalMs = 10; });
    QVERIFY2(server.start(), qPrintable(server.error()));
    const QByteArray token = server.mint();
    auto before = openWithToken(server, token);
    QVERIFY(before->waitForMessages(20));
    before->socket().abort();   // forced: no close handshake
    QList<qint64> seen = before->signalSeqs();
    const qint64 lastSeen = seen.last();
    QTest::qWait(300);   // ~30 signals go by while we are away

    auto after = openWithToken(server, token);
    QVERIFY(after->waitForMessages(1));
    after->socket().sendTextMessage(QStringLiteral(R"({"type":"resume","since":%1,"id":"r"})").arg(lastSeen));
    QTRY_VERIFY(!after->lastOfType("resumed").isEmpty());
    QTRY_VERIFY(after->countOfType("signal") > 60);
    const QJsonObject resumed = after->lastOfType("resumed");
    QCOMPARE(resumed.value("from").toInteger(), lastSeen + 1);
    QCOMPARE(resumed.value("to").toInteger(), after->messages().first().value("last_seq").toInteger());
    QVERIFY(resumed.value("count").toInt() >= 20);
    QCOMPARE(after->countOfType("error"), 0);

    seen += after->signalSeqs();
    QSet<qint64> unique(seen.begin(), seen.end());
    QCOMPARE(unique.size(), seen.size());   // exactly once
    std::sort(seen.begin(), seen.end());
    for (qsizetype i = 1; i < seen.size(); ++i)
        QCOMPARE(seen[i], seen[i - 1] + 1);   // nothing lost
}

void TestLifecycle::resumeReportsGap()
{
    TestServer server([](ServerConfig &c) {
        c.signalIntervalMs = 5;
        c.history = 10;
    });
    QVERIFY2(server.start(), qPrintable(server.error()));
    QTest::qWait(300);   // far more than 10 signals
    auto probe = openWithToken(server, server.mint());
    QVERIFY(probe->waitForMessages(1));
    const qint64 lastSeq = probe->messages().first().value("last_seq").toInteger();
    QVERIFY(lastSeq > 20);
    probe->socket().sendTextMessage(QStringLiteral(R"({"type":"resume","since":0})"));
    QTRY_VERIFY(!probe->lastOfType("resumed").isEmpty());
    const QJsonObject gap = probe->lastOfType("error");
    QCOMPARE(gap.value("code").toString(), QStringLiteral("resume_gap"));
    const qint64 firstRetained = gap.value("first_seq").toInteger();
    QVERIFY(firstRetained > 1 && firstRetained <= lastSeq);
    const QJsonObject resumed = probe->lastOfType("resumed");
    QCOMPARE(resumed.value("from").toInteger(), firstRetained);
    QCOMPARE(resumed.value("to").toInteger(), lastSeq);
    QCOMPARE(resumed.value("count").toInteger(), lastSeq - firstRetained + 1);
}

void TestLifecycle::seqContinuesAcrossACleanRestart()
{
    TestServer server([](ServerConfig &c) { c.signalIntervalMs = 5; });
    QVERIFY2(server.start(), qPrintable(server.error()));
    auto before = openWithToken(server, server.mint());
    QVERIFY(before->waitForMessages(20));
    server.stop();
    QVERIFY(before->waitDisconnected());
    const qint64 lastBefore = before->signalSeqs().last();

    QVERIFY2(server.start(), qPrintable(server.error()));
    auto after = openWithToken(server, server.mint());
    QVERIFY(after->waitForMessages(5));
    const qint64 joinSeq = after->messages().first().value("last_seq").toInteger();
    // The stop is recorded with its exact last seq: the next run goes on from it.
    QVERIFY2(joinSeq >= lastBefore && joinSeq <= lastBefore + 5, QByteArray::number(joinSeq).constData());
    QCOMPARE(after->signalSeqs().first(), joinSeq + 1);
}

void TestLifecycle::seqNeverRepeatsAfterACrash()
{
    TestServer keyHolder;
    QTemporaryDir dir;
    const QStringList arguments{"--listen",          "127.0.0.1:0",          "--data-dir",           dir.path(),
                                "--jwt-secret-file", keyHolder.secretPath(), "--signal-interval-ms", "5"};
    qint64 lastSeen = 0;
    {
        ServerProcess crashing;
        QVERIFY(crashing.start(arguments));
        WsProbe probe;
        QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(crashing.port())));
        request.setRawHeader("Authorization", "Bearer " + keyHolder.mint());
        probe.open(request, protocols);
        QVERIFY(probe.waitForMessages(30));
        crashing.process().kill();   // SIGKILL: no destructor, no clean-stop record
        QVERIFY(crashing.waitForExit());
        QVERIFY(probe.waitDisconnected());
        lastSeen = probe.signalSeqs().last();
    }
    ServerProcess restarted;
    QVERIFY(restarted.start(arguments));
    WsProbe probe;
    QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(restarted.port())));
    request.setRawHeader("Authorization", "Bearer " + keyHolder.mint());
    probe.open(request, protocols);
    QVERIFY(probe.waitForMessages(3));
    // After a crash the run starts above everything the dead one had reserved:
    // a jump, never a seq a client has already seen.
    const qint64 joinSeq = probe.messages().first().value("last_seq").toInteger();
    QVERIFY2(joinSeq > lastSeen, qPrintable(QStringLiteral("%1 after %2").arg(joinSeq).arg(lastSeen)));
    QVERIFY(probe.signalSeqs().first() > lastSeen);
}

void TestLifecycle::publishNeedsScope()
{
    TestServer server([](ServerConfig &c) { c.signalIntervalMs = 0; });
    QVERIFY2(server.start(), qPrintable(server.error()));
    const QByteArray reader = server.mint({{"sub", "reader"}});
    const QByteArray publisher = server.mint({{"sub", "bot"}, {"scope", "signals:publish"}});
    auto listener = openWithToken(server, reader);
    auto writer = openWithToken(server, publisher);
    QVERIFY(listener->waitForMessages(1) && writer->waitForMessages(1));
    const QString signal = QStringLiteral(R"({"symbol":"ACME","side":"buy","price":12.5,"confidence":0.9})");

    listener->socket().sendTextMessage(QStringLiteral(R"({"type":"publish","id":1,"signal":%1})").arg(signal));
    QTRY_COMPARE(listener->countOfType("error"), 1);
    QCOMPARE(listener->lastOfType("error").value("code").toString(), QStringLiteral("forbidden"));

    writer->socket().sendTextMessage(QStringLiteral(R"({"type":"publish","signal":%1})").arg(signal));
    QTRY_COMPARE(listener->countOfType("signal"), 1);
    const QJsonObject received = listener->lastOfType("signal");
    QCOMPARE(received.value("symbol").toString(), QStringLiteral("ACME"));
    QCOMPARE(received.value("seq").toInteger(), 1);
    QVERIFY(received.value("ts").toInteger() > 0);

    const QJsonObject body = QJsonDocument::fromJson(signal.toUtf8()).object();
    QCOMPARE(TestHttp::post(server, "/signals", body).status, 401);
    QCOMPARE(TestHttp::post(server, "/signals", body, reader).status, 403);
    const Reply accepted = TestHttp::post(server, "/signals", body, publisher);
    QCOMPARE(accepted.status, 202);
    QCOMPARE(accepted.json.value("seq").toInteger(), 2);
    QTRY_COMPARE(listener->countOfType("signal"), 2);
    QCOMPARE(TestHttp::post(server, "/signals",
                            {{"symbol", "ACME"}, {"side", "hold"}, {"price", 1}, {"confidence", 0.5}}, publisher)
                     .status,
             400);
    // Simulated and published signals share one order.
    QCOMPARE(listener->lastOfType("signal").value("seq").toInteger(), 2);
}

void TestLifecycle::thousandConnectionsExpireOnOneTimer()
{
    TestServer server([](ServerConfig &c) {
        c.leewaySeconds = 0;
        c.signalIntervalMs = 0;
        c.maxConnsPerUser = 0;
        c.maxPendingPerIp = 0;   // 1000 upgrades from one address at once
    });
    QVERIFY2(server.start(), qPrintable(server.error()));
    SignalGate::ManualClock &clock = server.clock();
    const int count = 1000;
    // Far enough out that however long the opening takes (seconds under
    // ASan), no deadline passes before the test moves the clock.
    const qint64 exp = clock.wallSeconds() + 2 * Session::ExpiryWarningSeconds;
    const QByteArray token = server.mint({{"exp", exp}});
    std::vector<std::unique_ptr<WsProbe>> probes;
    probes.reserve(count);
    for (int i = 0; i < count; ++i)
        probes.push_back(openWithToken(server, token));
    QElapsedTimer opening;
    opening.start();
    QTRY_VERIFY_WITH_TIMEOUT(server.server()->sessionCount() == count, 30000);
    qInfo("1000 connections opened in %lld ms", opening.elapsed());
    QCOMPARE(server.server()->expiryQueueSize(), qsizetype(count));

    // The warning deadline: every session is warned once, none is closed.
    clock.advance((exp - Session::ExpiryWarningSeconds) * 1000 - clock.wallMs());
    for (const auto &probe : probes)
        QTRY_COMPARE(probe->countOfType("auth.expiring"), 1);
    QCOMPARE(server.server()->sessionCount(), count);
    QCOMPARE(server.server()->expiryQueueSize(), qsizetype(count));

    // exp itself: the same queue closes them all.
    clock.advance(exp * 1000 - clock.wallMs());
    for (const auto &probe : probes)
        QVERIFY(probe->waitDisconnected(15000));
    for (const auto &probe : probes) {
        QCOMPARE(probe->closeCode(), 1008);
        QCOMPARE(probe->closeReason(), QStringLiteral("Token expired"));
        QCOMPARE(probe->countOfType("auth.expiring"), 1);
    }
    QTRY_COMPARE(server.server()->expiryQueueSize(), 0);
}

QTEST_GUILESS_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
