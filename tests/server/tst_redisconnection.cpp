// RedisConnection, hiredis on the Qt event loop, against a real redis-server:
// typed replies, pipelined commands answered in order, errors as replies,
// and a link that drops (server killed) and comes back by itself.
#include "redisconnection.h"
#include "redisserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace SignalGate::Server;

namespace {

RedisReply ask(RedisConnection &connection, const QList<QByteArray> &arguments)
{
    RedisReply answer;
    bool answered = false;
    connection.command(arguments, [&](const RedisReply &reply) {
        answer = reply;
        answered = true;
    });
    if (!QTest::qWaitFor([&] { return answered; }, 5000))
        return RedisReply::error("no answer within 5 s");
    return answer;
}

// Opens connection to redis and waits for it to be up.
bool openTo(RedisConnection &connection, const RedisServer &redis)
{
    QSignalSpy connected(&connection, &RedisConnection::connected);
    connection.open(QStringLiteral("127.0.0.1"), redis.port());
    return connected.wait(5000);
}

}   // namespace

class TestRedisConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void repliesAreTyped();
    void pipelinedCommandsAreAnsweredInOrder();
    void aCommandWhileDownIsAnErrorReply();
    void reconnectsAfterTheServerCameBack();
    void keepsTryingAnAddressNobodyListensOn();
    void subscriptionsComeBackOnEveryLink();
    void aFailedHandshakeIsNeverConnected();
};

void TestRedisConnection::repliesAreTyped()
{
    RedisServer redis;
    QVERIFY2(redis.start(), qPrintable(redis.error()));
    RedisConnection connection;
    QVERIFY(openTo(connection, redis));

    const RedisReply status = ask(connection, {"SET", "k", QByteArray("a\0b", 3)});
    QCOMPARE(status.type, RedisReply::Type::Status);
    QCOMPARE(status.text, QByteArray("OK"));
    const RedisReply binary = ask(connection, {"GET", "k"});
    QCOMPARE(binary.type, RedisReply::Type::String);
    QCOMPARE(binary.text, QByteArray("a\0b", 3));
    QCOMPARE(ask(connection, {"GET", "missing"}).type, RedisReply::Type::Nil);
    const RedisReply counted = ask(connection, {"INCRBY", "n", "41"});
    QCOMPARE(counted.type, RedisReply::Type::Integer);
    QCOMPARE(counted.integer, 41);
    const RedisReply list = ask(connection, {"MGET", "k", "missing", "n"});
    QCOMPARE(list.type, RedisReply::Type::Array);
    QCOMPARE(list.elements.size(), 3);
    QCOMPARE(list.elements.at(1).type, RedisReply::Type::Nil);
    QCOMPARE(list.elements.at(2).text, QByteArray("41"));
    const RedisReply error = ask(connection, {"INCR", "k"});
    QVERIFY(error.isError());
    QVERIFY2(error.text.contains("not an integer"), error.text.constData());
}

void TestRedisConnection::pipelinedCommandsAreAnsweredInOrder()
{
    RedisServer redis;
    QVERIFY2(redis.start(), qPrintable(redis.error()));
    RedisConnection connection;
    QVERIFY(openTo(connection, redis));

    // All sent before any answer is read.
    QList<qint64> answers;
    for (int i = 0; i < 1000; ++i)
        connection.command({"INCR", "seq"}, [&](const RedisReply &reply) { answers.append(reply.integer); });
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 1000, 10000);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(answers.at(i), qint64(i + 1));
}

void TestRedisConnection::aCommandWhileDownIsAnErrorReply()
{
    RedisConnection connection;
    const RedisReply reply = ask(connection, {"PING"});
    QVERIFY(reply.isError());
    QVERIFY2(reply.text.startsWith("not connected"), reply.text.constData());
}

void TestRedisConnection::reconnectsAfterTheServerCameBack()
{
    RedisServer redis;
    QVERIFY2(redis.start(), qPrintable(redis.error()));
    RedisConnection connection;
    QVERIFY(openTo(connection, redis));
    QSignalSpy connected(&connection, &RedisConnection::connected);
    QSignalSpy disconnected(&connection, &RedisConnection::disconnected);

    // A command in flight when the server dies gets an error, not silence.
    RedisReply inFlight;
    bool answered = false;
    connection.command({"BLPOP", "never", "0"}, [&](const RedisReply &reply) {
        inFlight = reply;
        answered = true;
    });
    QTest::qWait(50);
    redis.kill();
    QTRY_VERIFY_WITH_TIMEOUT(answered, 5000);
    QVERIFY(inFlight.isError());
    QVERIFY(!disconnected.isEmpty());
    QVERIFY(!connection.isConnected());
    QVERIFY2(disconnected.first().first().toString().contains(QString::number(redis.port())),
             qPrintable(disconnected.first().first().toString()));

    QVERIFY2(redis.start(), qPrintable(redis.error()));
    QVERIFY(connected.wait(10000));
    QCOMPARE(ask(connection, {"PING"}).text, QByteArray("PONG"));
}

void TestRedisConnection::keepsTryingAnAddressNobodyListensOn()
{
    RedisServer redis;   // its port, before anyone listens there
    RedisConnection connection({500, 20, 100, {}});
    QSignalSpy disconnected(&connection, &RedisConnection::disconnected);
    QSignalSpy connected(&connection, &RedisConnection::connected);
    connection.open(QStringLiteral("127.0.0.1"), redis.port());
    QTRY_VERIFY_WITH_TIMEOUT(disconnected.size() >= 3, 5000);
    QVERIFY2(disconnected.first().first().toString().contains(QStringLiteral("refused")),
             qPrintable(disconnected.first().first().toString()));
    QVERIFY2(redis.start(), qPrintable(redis.error()));
    QVERIFY(connected.wait(5000));
    connection.close();
    QVERIFY(!connection.isConnected());
}

void TestRedisConnection::subscriptionsComeBackOnEveryLink()
{
    RedisServer redis;
    QVERIFY2(redis.start(), qPrintable(redis.error()));
    RedisConnection publisher;
    QVERIFY(openTo(publisher, redis));
    RedisConnection subscriber;
    QList<QByteArray> got;
    subscriber.subscribe("a", [&](const QByteArray &payload) { got.append("a:" + payload); });
    subscriber.subscribe("b", [&](const QByteArray &payload) { got.append("b:" + payload); });
    QSignalSpy subscribed(&subscriber, &RedisConnection::subscribed);
    subscriber.open(QStringLiteral("127.0.0.1"), redis.port());
    QVERIFY(subscribed.wait(5000));
    QVERIFY(subscriber.isSubscribed());
    QCOMPARE(ask(publisher, {"PUBLISH", "a", "1"}).integer, 1);
    QCOMPARE(ask(publisher, {"PUBLISH", "b", QByteArray("2\0", 2)}).integer, 1);
    QCOMPARE(ask(publisher, {"PUBLISH", "c", "3"}).integer, 0);
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), 2, 5000);
    QCOMPARE(got, (QList<QByteArray>{"a:1", QByteArray("b:2\0", 4)}));

    // The server forgets every subscription when it restarts; the connection
    // does not, and subscribes again before it says subscribed().
    redis.kill();
    QTRY_VERIFY_WITH_TIMEOUT(!subscriber.isSubscribed(), 5000);
    QVERIFY2(redis.start(), qPrintable(redis.error()));
    QVERIFY(subscribed.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(publisher.isConnected(), 10000);
    QCOMPARE(ask(publisher, {"PUBLISH", "a", "4"}).integer, 1);
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), 3, 5000);
    QCOMPARE(got.last(), QByteArray("a:4"));
}

void TestRedisConnection::aFailedHandshakeIsNeverConnected()
{
    RedisServer redis;
    QVERIFY2(redis.start(), qPrintable(redis.error()));
    QCOMPARE(redis.command("CONFIG SET requirepass s3cret"), QByteArray("+OK"));

    RedisConnection::Settings wrong{500, 20, 100, {{"AUTH", "nope"}}};
    RedisConnection refused(wrong);
    QSignalSpy connected(&refused, &RedisConnection::connected);
    QSignalSpy disconnected(&refused, &RedisConnection::disconnected);
    refused.open(QStringLiteral("127.0.0.1"), redis.port());
    QTRY_VERIFY_WITH_TIMEOUT(disconnected.size() >= 2, 5000);   // and it keeps trying
    QVERIFY(connected.isEmpty());
    const QString why = disconnected.first().first().toString();
    QVERIFY2(why.contains(QStringLiteral("AUTH failed")) && why.contains(QStringLiteral("WRONGPASS")), qPrintable(why));

    RedisConnection::Settings right{500, 20, 100, {{"AUTH", "s3cret"}, {"SELECT", "3"}}};
    RedisConnection accepted(right);
    QVERIFY(openTo(accepted, redis));
    QCOMPARE(ask(accepted, {"SET", "k", "v"}).text, QByteArray("OK"));
    // SELECT 3 ran first: the key is in database 3.
    QCOMPARE(ask(accepted, {"CLIENT", "INFO"}).text.contains(" db=3 "), true);
}

QTEST_GUILESS_MAIN(TestRedisConnection)
#include "tst_redisconnection.moc"
