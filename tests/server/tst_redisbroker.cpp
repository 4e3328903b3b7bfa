// RedisBroker and RedisLink against a real redis-server, two nodes in one
// process: one seq order for every node, a late node reading the stream's
// history, a stretch missed while pub/sub was down read back from the
// stream, a new epoch when Redis lost its data, publishing while Redis is
// unreachable.
#include "history.h"
#include "lossyproxy.h"
#include "redisbroker.h"
#include "redislink.h"
#include "redisserver.h"
#include "servermessages.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace SignalGate::Server;
using namespace SignalGate::Protocol;

namespace {

// One node's broker with what it delivered.
struct Node
{
    explicit Node(const RedisServer &redis, int history = 100) : Node(redis.port(), history) {}
    // Through a relay on port, or straight to Redis.
    Node(quint16 port, int history, int probeTimeoutMs = 3000)
    {
        RedisLink::Settings settings;
        settings.address.host = QStringLiteral("127.0.0.1");
        settings.address.port = port;
        settings.probeIntervalMs = qMin(1000, probeTimeoutMs / 3);
        settings.probeTimeoutMs = probeTimeoutMs;
        settings.connection = {1000, 20, 200, {}};
        link = std::make_unique<RedisLink>(settings);
        broker = std::make_unique<RedisBroker>(*link, history);
        QObject::connect(broker.get(), &Broker::delivered, broker.get(), [this](quint64 seq, const QString &frame) {
            delivered.append({seq, frame});
        });
        link->open();
    }
    bool waitSynced()
    {
        return QTest::qWaitFor([this] { return broker->problem().isEmpty(); }, 10000);
    }
    QList<quint64> seqs() const
    {
        QList<quint64> out;
        for (const auto &entry : delivered)
            out.append(entry.first);
        return out;
    }

    std::unique_ptr<RedisLink> link;
    std::unique_ptr<RedisBroker> broker;
    QList<QPair<quint64, QString>> delivered;
};

SignalFrame signalNumber(int n)
{
    SignalFrame signal;
    signal.timestampMs = 1700000000000 + n;
    signal.symbol = QStringLiteral("S%1").arg(n);
    signal.side = QStringLiteral("buy");
    signal.price = 100 + n;
    signal.confidence = 0.5;
    return signal;
}

QList<quint64> oneTo(quint64 last, quint64 first = 1)
{
    QList<quint64> out;
    for (quint64 seq = first; seq <= last; ++seq)
        out.append(seq);
    return out;
}

QJsonObject parsed(const QString &frame)
{
    return QJsonDocument::fromJson(frame.toUtf8()).object();
}

}   // namespace

class TestRedisBroker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void everyNodeDeliversOneOrder();
    void aLateNodeStartsWhereTheStreamIs();
    void aStretchMissedWhilePubSubWasDownIsReadFromTheStream();
    void redisLosingItsDataStartsANewEpoch();
    void publishingWhileRedisIsDownAnswersZero();
    void aSilentlyDeadLinkIsFoundWithinSeconds();

private:
    std::unique_ptr<RedisServer> m_redis;   // a fresh one for every row
};

void TestRedisBroker::init()
{
    m_redis = std::make_unique<RedisServer>();
    QVERIFY2(m_redis->start(), qPrintable(m_redis->error()));
}

void TestRedisBroker::cleanup()
{
    m_redis.reset();
}

void TestRedisBroker::everyNodeDeliversOneOrder()
{
    RedisServer &redis = *m_redis;
    Node a(redis);
    Node b(redis);
    QVERIFY(a.waitSynced() && b.waitSynced());

    QList<quint64> given;
    for (int i = 1; i <= 60; ++i)
        (i % 2 ? a : b).broker->publish(signalNumber(i), [&](quint64 seq) { given.append(seq); });
    QTRY_COMPARE_WITH_TIMEOUT(a.delivered.size(), 60, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(b.delivered.size(), 60, 10000);
    QCOMPARE(a.seqs(), oneTo(60));
    QCOMPARE(a.delivered, b.delivered);
    std::sort(given.begin(), given.end());
    QCOMPARE(given, oneTo(60));
    // The frame is the signal with Redis' seq in it.
    const QJsonObject first = parsed(a.delivered.first().second);
    QCOMPARE(first.value(QLatin1String("seq")).toInt(), 1);
    QCOMPARE(first.value(QLatin1String("type")).toString(), QStringLiteral("signal"));
    QVERIFY(!a.broker->epoch().isEmpty());
    QCOMPARE(a.broker->epoch(), b.broker->epoch());
    QCOMPARE(a.broker->lastSeq(), 60u);
    QCOMPARE(a.broker->stats().published + b.broker->stats().published, 60u);
}

void TestRedisBroker::aLateNodeStartsWhereTheStreamIs()
{
    RedisServer &redis = *m_redis;
    Node a(redis, 10);
    QVERIFY(a.waitSynced());
    for (int i = 1; i <= 25; ++i)
        a.broker->publish(signalNumber(i));
    QTRY_COMPARE_WITH_TIMEOUT(a.delivered.size(), 25, 10000);

    Node b(redis, 10);
    QSignalSpy positioned(b.broker.get(), &Broker::positionChanged);
    QVERIFY(b.waitSynced());
    QCOMPARE(b.broker->lastSeq(), 25u);
    QCOMPARE(positioned.size(), 1);
    QCOMPARE(positioned.first().first().toULongLong(), 25u);
    QVERIFY(b.delivered.isEmpty());   // history is for resumes, not a replay
    // Its resume history is the stream's tail, the same frames A sent.
    const History::Slice slice = b.broker->history().between(0, 25);
    QVERIFY2(slice.retainedFrom <= 16, qPrintable(QString::number(slice.retainedFrom)));
    QCOMPARE(slice.frames.last(), a.delivered.last().second);
    QCOMPARE(slice.frames.first(), a.delivered.at(int(slice.retainedFrom) - 1).second);

    a.broker->publish(signalNumber(26));
    QTRY_COMPARE_WITH_TIMEOUT(b.delivered.size(), 1, 5000);
    QCOMPARE(b.delivered.first().first, 26u);
}

void TestRedisBroker::aStretchMissedWhilePubSubWasDownIsReadFromTheStream()
{
    RedisServer &redis = *m_redis;
    Node a(redis);
    Node b(redis);
    QVERIFY(a.waitSynced() && b.waitSynced());
    a.broker->publish(signalNumber(1));
    QTRY_COMPARE_WITH_TIMEOUT(b.delivered.size(), 1, 5000);

    // Every subscriber connection dropped; the publishes below reach nobody
    // live, and are sent before any subscriber is back (first backoff 20 ms).
    QCOMPARE(redis.command("CLIENT KILL TYPE pubsub").left(1), QByteArray(":"));
    for (int i = 2; i <= 40; ++i)
        a.broker->publish(signalNumber(i));
    QTRY_COMPARE_WITH_TIMEOUT(a.delivered.size(), 40, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(b.delivered.size(), 40, 10000);
    QCOMPARE(a.seqs(), oneTo(40));
    QCOMPARE(b.seqs(), oneTo(40));
    QCOMPARE(a.delivered, b.delivered);
    QVERIFY(b.broker->stats().gapsFilled >= 1);
    QVERIFY(b.link->reconnects() >= 1);
}

void TestRedisBroker::redisLosingItsDataStartsANewEpoch()
{
    RedisServer &redis = *m_redis;
    Node a(redis);
    Node b(redis);
    QVERIFY(a.waitSynced() && b.waitSynced());
    for (int i = 1; i <= 5; ++i)
        a.broker->publish(signalNumber(i));
    QTRY_COMPARE_WITH_TIMEOUT(b.delivered.size(), 5, 5000);
    const QString oldEpoch = b.broker->epoch();

    redis.kill();   // no persistence: the stream, its seq and epoch are gone
    QTRY_VERIFY_WITH_TIMEOUT(!b.broker->problem().isEmpty(), 5000);
    QVERIFY2(redis.start(), qPrintable(redis.error()));
    QVERIFY(a.waitSynced());
    QVERIFY(b.waitSynced());
    a.broker->publish(signalNumber(6));
    QTRY_COMPARE_WITH_TIMEOUT(b.delivered.size(), 6, 5000);
    // The numbers go on from the publisher's last seq; the epoch says the
    // history behind them is another one.
    QCOMPARE(b.seqs(), oneTo(6));
    QVERIFY(b.broker->epoch() != oldEpoch);
    QCOMPARE(b.broker->epoch(), a.broker->epoch());
    QCOMPARE(b.broker->stats().epochChanges, 1u);
    QCOMPARE(redis.command("XLEN signalgate:{stream}:history"), QByteArray(":1"));
}

void TestRedisBroker::publishingWhileRedisIsDownAnswersZero()
{
    RedisServer &redis = *m_redis;
    Node a(redis);
    QVERIFY(a.waitSynced());
    redis.kill();
    QTRY_VERIFY_WITH_TIMEOUT(!a.broker->problem().isEmpty(), 5000);
    QVERIFY2(a.broker->problem().contains(QString::number(redis.port())), qPrintable(a.broker->problem()));
    quint64 given = 99;
    a.broker->publish(signalNumber(1), [&](quint64 seq) { given = seq; });
    QTRY_COMPARE_WITH_TIMEOUT(given, 0u, 5000);
    QCOMPARE(a.broker->stats().publishFailures, 1u);
}

void TestRedisBroker::aSilentlyDeadLinkIsFoundWithinSeconds()
{
    RedisServer &redis = *m_redis;
    LossyProxy network(redis.port());
    QVERIFY(network.listen());
    Node behind(network.port(), 100, 900);
    Node publisher(redis);
    QVERIFY(behind.waitSynced());
    QVERIFY(publisher.waitSynced());
    publisher.broker->publish(signalNumber(1));
    QTRY_COMPARE_WITH_TIMEOUT(behind.delivered.size(), 1, 5000);

    // Both of its connections go silent without closing: no error, no FIN.
    QSignalSpy lost(behind.link.get(), &RedisLink::lost);
    QElapsedTimer found;
    found.start();
    network.stall();
    for (int i = 2; i <= 10; ++i)
        publisher.broker->publish(signalNumber(i));
    QVERIFY(lost.wait(5000));
    qInfo("a silent link found in %lld ms (probe timeout 900 ms)", found.elapsed());
    QVERIFY2(lost.first().first().toString().contains(QStringLiteral("stale")),
             qPrintable(lost.first().first().toString()));
    // Reconnected through the relay, it reads what it missed from the stream.
    QTRY_COMPARE_WITH_TIMEOUT(behind.delivered.size(), 10, 10000);
    QCOMPARE(behind.seqs(), oneTo(10));
    QVERIFY(behind.broker->problem().isEmpty());
}

QTEST_GUILESS_MAIN(TestRedisBroker)
#include "tst_redisbroker.moc"
