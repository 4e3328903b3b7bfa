// The pool shared over several threads (--threads, docs/PERFORMANCE.md):
// sessions spread over every thread; each gets every signal once and in seq
// order while the feed runs; a publish from a session on any thread reaches
// everyone in one order; revocation, shutdown and destruction reach every
// thread. ctest also runs this under TSan (the tsan preset).
#include "serverconfig.h"
#include "testhttp.h"
#include "testserver.h"
#include "wsprobe.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <memory>
#include <vector>

using namespace SignalGate::Server;

namespace {

const QStringList protocols{QStringLiteral("signalgate.v1")};
constexpr int Threads = 3;

// A server with its sessions on Threads pool threads and the feed at intervalMs (0: off).
TestServer::Tweak onThreads(int intervalMs = 20)
{
    return [intervalMs](ServerConfig &c) {
        c.threads = Threads;
        c.signalIntervalMs = intervalMs;
    };
}

// count connections, the i-th with a token of claims(i).
std::vector<std::unique_ptr<WsProbe>> openMany(TestServer &server, int count,
                                               const std::function<QJsonObject(int)> &claims)
{
    std::vector<std::unique_ptr<WsProbe>> probes;
    for (int i = 0; i < count; ++i) {
        auto probe = std::make_unique<WsProbe>();
        QNetworkRequest request(server.wsUrl());
        request.setRawHeader("Authorization", "Bearer " + server.mint(claims(i)));
        probe->open(request, protocols);
        probes.push_back(std::move(probe));
    }
    return probes;
}

// count connections of users prefix-0, prefix-1, ...
std::vector<std::unique_ptr<WsProbe>> openMany(TestServer &server, int count, const QString &prefix = "user")
{
    return openMany(server, count, [&](int i) {
        return QJsonObject{{"sub", QStringLiteral("%1-%2").arg(prefix).arg(i)}};
    });
}

bool allWelcomed(const std::vector<std::unique_ptr<WsProbe>> &probes)
{
    for (const auto &probe : probes) {
        if (!probe->waitForMessages(1) || probe->messages().first().value("type").toString() != "welcome")
            return false;
    }
    return true;
}

// The signal seqs a probe got, after checking they are exactly seq+1, seq+2, ...
// from its welcome on; empty (and a message in *why) if not.
QList<qint64> consecutiveSignals(const WsProbe &probe, QString *why)
{
    const qint64 joinSeq = probe.messages().first().value("last_seq").toInteger();
    QList<qint64> seqs;
    for (const QJsonObject &message : probe.messages()) {
        if (message.value("type").toString() != "signal")
            continue;
        const qint64 seq = message.value("seq").toInteger();
        const qint64 expected = seqs.isEmpty() ? joinSeq + 1 : seqs.last() + 1;
        if (seq != expected) {
            *why = QStringLiteral("expected seq %1, got %2").arg(expected).arg(seq);
            return {};
        }
        seqs.append(seq);
    }
    return seqs;
}

}   // namespace

class TestPoolThreads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sessionsSpreadOverEveryThread();
    void everySessionGetsEverySignalOnceInOrder();
    void publishFromAnyThreadReachesEveryoneInOneOrder();
    void revocationReachesEveryThread();
    void shutdownClosesEveryThreadsSessions();
    void destroyedWithOpenSessionsOnEveryThread();
    void destroyedRightAfterASessionLeft();
};

void TestPoolThreads::sessionsSpreadOverEveryThread()
{
    TestServer server(onThreads());
    QVERIFY2(server.start(), qPrintable(server.error()));
    QCOMPARE(server.server()->sessionsPerThread(), QList<int>({0, 0, 0}));
    auto probes = openMany(server, 3 * Threads);
    QVERIFY(allWelcomed(probes));
    QCOMPARE(server.server()->sessionsPerThread(), QList<int>({3, 3, 3}));
    QCOMPARE(server.server()->expiryQueueSize(), 3 * Threads);

    // Leaving frees the thread's share; the next session goes where there is room.
    probes[0]->socket().close();
    QVERIFY(probes[0]->waitDisconnected());
    QTRY_COMPARE(server.server()->sessionCount(), 3 * Threads - 1);
    auto another = openMany(server, 1, "late");
    QVERIFY(allWelcomed(another));
    QCOMPARE(server.server()->sessionsPerThread(), QList<int>({3, 3, 3}));
}

void TestPoolThreads::everySessionGetsEverySignalOnceInOrder()
{
    // 5 signals every 2 ms: batches keep arriving while sessions join on
    // three threads, the moment a joining session could miss or repeat one.
    TestServer server([](ServerConfig &c) {
        c.threads = Threads;
        c.signalIntervalMs = 2;
        c.signalsPerTick = 5;
    });
    QVERIFY2(server.start(), qPrintable(server.error()));
    auto probes = openMany(server, 30);
    QVERIFY(allWelcomed(probes));
    for (const auto &probe : probes)
        QVERIFY(probe->waitForMessages(201, 15000));

    QList<QList<qint64>> received;
    for (const auto &probe : probes) {
        QString why;
        received.append(consecutiveSignals(*probe, &why));
        QVERIFY2(!received.last().isEmpty(), qPrintable(why));
    }
    // Every session saw the same signal under the same seq.
    QHash<qint64, QJsonObject> bySeq;
    for (const QJsonObject &message : probes.front()->messages())
        bySeq.insert(message.value("seq").toInteger(), message);
    for (const auto &probe : probes) {
        for (const QJsonObject &message : probe->messages()) {
            const auto first = bySeq.constFind(message.value("seq").toInteger());
            if (message.value("type").toString() == "signal" && first != bySeq.constEnd())
                QCOMPARE(message, first.value());
        }
    }
}

void TestPoolThreads::publishFromAnyThreadReachesEveryoneInOneOrder()
{
    TestServer server(onThreads(0));
    QVERIFY2(server.start(), qPrintable(server.error()));
    auto readers = openMany(server, 2 * Threads);
    auto writers = openMany(server, Threads, [](int i) {
        return QJsonObject{{"sub", QStringLiteral("bot-%1").arg(i)}, {"scope", "signals:publish"}};
    });
    QVERIFY(allWelcomed(readers) && allWelcomed(writers));
    QCOMPARE(server.server()->sessionsPerThread(), QList<int>({3, 3, 3}));

    constexpr int PerWriter = 20;
    for (int n = 0; n < PerWriter; ++n) {
        for (int w = 0; w < Threads; ++w) {
            writers[size_t(w)]->socket().sendTextMessage(
                    QStringLiteral(
                            R"({"type":"publish","signal":{"symbol":"W%1","side":"buy","price":%2,"confidence":0.5}})")
                            .arg(w)
                            .arg(n + 1));
        }
    }
    const int total = PerWriter * Threads;
    QStringList firstOrder;
    for (const auto &reader : readers) {
        QVERIFY(reader->waitForMessages(1 + total, 10000));
        QString why;
        QCOMPARE(consecutiveSignals(*reader, &why).size(), total);
        QStringList order;
        for (const QJsonObject &message : reader->messages()) {
            if (message.value("type").toString() == "signal")
                order.append(message.value("symbol").toString() + message.value("price").toVariant().toString());
        }
        if (firstOrder.isEmpty())
            firstOrder = order;
        QCOMPARE(order, firstOrder);
    }
    // Each writer's own signals keep the order it sent them in.
    for (int w = 0; w < Threads; ++w) {
        const QStringList mine = firstOrder.filter(QStringLiteral("W%1").arg(w));
        QCOMPARE(mine.size(), PerWriter);
        for (int n = 0; n < PerWriter; ++n)
            QCOMPARE(mine.at(n), QStringLiteral("W%1%2").arg(w).arg(n + 1));
    }
}

void TestPoolThreads::revocationReachesEveryThread()
{
    TestServer server([](ServerConfig &c) {
        c.threads = Threads;
        c.maxConnsPerUser = 0;
    });
    QVERIFY2(server.start(), qPrintable(server.error()));
    auto victims = openMany(server, 2 * Threads, [](int) { return QJsonObject{{"sub", "victim"}}; });
    auto bystanders = openMany(server, Threads, "bystander");
    QVERIFY(allWelcomed(victims) && allWelcomed(bystanders));
    const QByteArray admin = server.mint({{"sub", "root"}, {"scope", "admin"}});
    QCOMPARE(TestHttp::post(server, "/admin/revoke", {{"sub", "victim"}}, admin).status, 204);
    for (const auto &victim : victims) {
        QVERIFY(victim->waitDisconnected(1000));
        QCOMPARE(victim->closeReason(), QStringLiteral("Token revoked"));
    }
    QTRY_COMPARE(server.server()->sessionCount(), Threads);
    for (const auto &bystander : bystanders)
        QVERIFY(!bystander->disconnected());
}

void TestPoolThreads::shutdownClosesEveryThreadsSessions()
{
    TestServer server(onThreads());
    QVERIFY2(server.start(), qPrintable(server.error()));
    auto probes = openMany(server, 2 * Threads);
    QVERIFY(allWelcomed(probes));
    QSignalSpy stopped(server.server(), &Server::stopped);
    server.server()->shutdown();
    QVERIFY(stopped.wait(5000));
    for (const auto &probe : probes) {
        QVERIFY(probe->waitDisconnected());
        QCOMPARE(probe->closeCode(), 1001);
    }
    QCOMPARE(server.server()->sessionCount(), 0);
}

void TestPoolThreads::destroyedWithOpenSessionsOnEveryThread()
{
    // No shutdown(): the sessions are deleted on their own threads while
    // signals are still being handed out; the clients see the connection drop.
    TestServer server(onThreads(1));
    QVERIFY2(server.start(), qPrintable(server.error()));
    auto probes = openMany(server, 3 * Threads);
    QVERIFY(allWelcomed(probes));
    QVERIFY(probes.back()->waitForMessages(10));
    server.stop();
    for (const auto &probe : probes)
        QVERIFY(probe->waitDisconnected());
}

void TestPoolThreads::destroyedRightAfterASessionLeft()
{
    // The pool has counted the session out, but its deleteLater has not run
    // yet when the server goes: it is deleted with its shard, and must not
    // reach for the shard's expiry queue after that is gone.
    TestServer server([](ServerConfig &c) { c.threads = 1; });
    QVERIFY2(server.start(), qPrintable(server.error()));
    auto probes = openMany(server, 2);
    QVERIFY(allWelcomed(probes));
    probes.front()->socket().close();
    QElapsedTimer waited;
    waited.start();
    // One pass at a time: the pass that counts the session out leaves its
    // deleteLater for the next one.
    while (server.server()->sessionCount() != 1 && waited.elapsed() < 5000)
        QCoreApplication::processEvents();
    QCOMPARE(server.server()->sessionCount(), 1);
    server.stop();
    QVERIFY(probes.back()->waitDisconnected());
}

QTEST_GUILESS_MAIN(TestPoolThreads)
#include "tst_poolthreads.moc"
