// The parts SignalConnection is built from, each alone: the token and where
// it goes, the keep-alive, the reader of server messages, and the delivery
// that holds live signals while a resume replays.
#include "connectiontoken.h"
#include "keepalive.h"
#include "servermessagereader.h"
#include "signaldelivery.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <memory>
#include <vector>

using namespace SignalGate::Client;

using namespace SignalGate::Protocol;

namespace {

QByteArray part(const QJsonObject &object)
{
    return QJsonDocument(object)
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray tokenExpiringAt(qint64 exp)
{
    return part({{QStringLiteral("alg"), QStringLiteral("HS256")}}) + '.'
            + part({{QStringLiteral("sub"), QStringLiteral("alice")}, {QStringLiteral("exp"), exp}}) + ".c2ln";
}

QJsonObject signal(qint64 seq)
{
    return {{QStringLiteral("type"), QStringLiteral("signal")}, {QStringLiteral("seq"), seq}};
}

QString text(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

}   // namespace

class TestConnectionParts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenIsUsableOnlyWithTimeLeft();
    void unreadableTokensAreNone();
    void refusedTokenWaitsForAnother();
    void adoptsOnlyALongerLivedToken();
    void tokenPlacement_data();
    void tokenPlacement();
    void keepAlivePingsThenCallsThePeerSilent();
    void anythingHeardKeepsThePeerAlive();
    void readerTypesWhatItKnows();
    void readerDropsWhatNoClientCanUse_data();
    void readerDropsWhatNoClientCanUse();
    void deliveryHoldsLiveSignalsDuringAResume();
    void deliveryBatchesOnlyWhenAsked();
};

void TestConnectionParts::tokenIsUsableOnlyWithTimeLeft()
{
    ConnectionToken token;
    QVERIFY(token.set(tokenExpiringAt(1000)));
    QCOMPARE(token.expiresAt(), 1000);
    QVERIFY(token.usable(970 * 1000, 30 * 1000));
    QVERIFY(!token.usable(970 * 1000 + 1, 30 * 1000));
}

void TestConnectionParts::unreadableTokensAreNone()
{
    ConnectionToken token;
    QVERIFY(token.set(tokenExpiringAt(1000)));
    QVERIFY(!token.set("not.a.token"));
    QVERIFY(token.isEmpty());
    QCOMPARE(token.expiresAt(), 0);
    QVERIFY(!token.set(part({}) + '.' + part({{QStringLiteral("sub"), QStringLiteral("alice")}})
                       + ".c2ln"));   // no exp
    QVERIFY(!token.usable(0, 0));
}

void TestConnectionParts::refusedTokenWaitsForAnother()
{
    ConnectionToken token;
    token.set(tokenExpiringAt(1000));
    token.refuse();
    QVERIFY(!token.usable(0, 0));
    token.refreshed(tokenExpiringAt(2000), 0);
    QVERIFY(token.usable(0, 0));
    QCOMPARE(token.expiresAt(), 2000);
    token.refreshed(tokenExpiringAt(2000), 2500);   // the server's exp wins when it gives one
    QCOMPARE(token.expiresAt(), 2500);
}

void TestConnectionParts::adoptsOnlyALongerLivedToken()
{
    ConnectionToken token;
    token.set(tokenExpiringAt(1000));
    token.adoptIfNewer(tokenExpiringAt(900));
    QCOMPARE(token.expiresAt(), 1000);
    token.adoptIfNewer(QByteArray());
    QCOMPARE(token.expiresAt(), 1000);
    token.refuse();
    token.adoptIfNewer(tokenExpiringAt(1100));
    QCOMPARE(token.expiresAt(), 1100);
    QVERIFY(token.usable(0, 0));
}

void TestConnectionParts::tokenPlacement_data()
{
    QTest::addColumn<ConnectionToken::Transport>("transport");
    QTest::addColumn<bool>("inHeader");
    QTest::addColumn<bool>("inSubprotocol");
    QTest::addColumn<bool>("inQuery");
    QTest::newRow("header") << ConnectionToken::Transport::Header << true << false << false;
    QTest::newRow("subprotocol") << ConnectionToken::Transport::Subprotocol << false << true << false;
    QTest::newRow("query") << ConnectionToken::Transport::Query << false << false << true;
}

void TestConnectionParts::tokenPlacement()
{
    QFETCH(ConnectionToken::Transport, transport);
    QFETCH(bool, inHeader);
    QFETCH(bool, inSubprotocol);
    QFETCH(bool, inQuery);
    const QByteArray raw = tokenExpiringAt(1000);
    ConnectionToken token;
    token.set(raw);
    QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:1/ws?token=old&x=1")));
    QStringList subprotocols{QStringLiteral("signalgate.v1")};
    token.place(transport, request, subprotocols);

    QCOMPARE(request.rawHeader("Authorization") == "Bearer " + raw, inHeader);
    QCOMPARE(subprotocols.contains(QStringLiteral("bearer.") + QString::fromLatin1(raw)), inSubprotocol);
    const QUrlQuery query(request.url());
    QCOMPARE(query.queryItemValue(QStringLiteral("x")), QStringLiteral("1"));
    // One token in the query at most: the old one is replaced, never repeated.
    QCOMPARE(query.allQueryItemValues(QStringLiteral("token")),
             inQuery ? QStringList{QString::fromLatin1(raw)} : QStringList{QStringLiteral("old")});
}

void TestConnectionParts::keepAlivePingsThenCallsThePeerSilent()
{
    KeepAlive keepAlive;
    keepAlive.setIntervalMs(20);
    QSignalSpy pings(&keepAlive, &KeepAlive::pingDue);
    QSignalSpy silent(&keepAlive, &KeepAlive::silent);
    keepAlive.start();
    QVERIFY(silent.wait(5000));
    QCOMPARE(pings.count(), 1);   // one ping, then a whole interval with nothing heard
    QCOMPARE(silent.count(), 1);
    QTest::qWait(60);   // stopped itself: no second verdict
    QCOMPARE(silent.count(), 1);
}

void TestConnectionParts::anythingHeardKeepsThePeerAlive()
{
    KeepAlive keepAlive;
    keepAlive.setIntervalMs(20);
    QSignalSpy silent(&keepAlive, &KeepAlive::silent);
    connect(&keepAlive, &KeepAlive::pingDue, &keepAlive, &KeepAlive::heard);   // a pong for every ping
    QSignalSpy pings(&keepAlive, &KeepAlive::pingDue);
    keepAlive.start();
    QTRY_VERIFY_WITH_TIMEOUT(pings.count() >= 4, 5000);
    QCOMPARE(silent.count(), 0);
    keepAlive.setIntervalMs(0);   // off
    const int sent = pings.count();
    QTest::qWait(60);
    QCOMPARE(pings.count(), sent);
}

void TestConnectionParts::readerTypesWhatItKnows()
{
    ServerMessageReader reader;
    QSignalSpy welcomes(&reader, &ServerMessageReader::welcome);
    QSignalSpy signalFrames(&reader, &ServerMessageReader::signalFrame);
    QSignalSpy expiring(&reader, &ServerMessageReader::expiring);
    QSignalSpy refreshed(&reader, &ServerMessageReader::refreshed);
    QSignalSpy resumed(&reader, &ServerMessageReader::resumed);
    QSignalSpy errors(&reader, &ServerMessageReader::error);

    reader.read(text(Welcome{QStringLiteral("s1"), QStringLiteral("alice"), 100, 5, 7, {}, {}, {}}.toJson()));
    reader.read(text(signal(8)));
    reader.read(text(Expiring{100, 30}.toJson()));
    reader.read(text(Refreshed{200, 4, QStringLiteral("refresh-1")}.toJson()));
    reader.read(text({{QStringLiteral("type"), QStringLiteral("resumed")}}));
    reader.read(text(ErrorFrame(QStringLiteral("resume_gap"), QStringLiteral("gone")).toJson()));

    QCOMPARE(welcomes.count(), 1);
    QCOMPARE(welcomes.first().first().toJsonObject().value(QStringLiteral("last_seq")).toInteger(), 7);
    QCOMPARE(signalFrames.count(), 1);
    QCOMPARE(signalFrames.first().first().toLongLong(), 8);
    QCOMPARE(expiring.first().first().toLongLong(), 30);
    QCOMPARE(refreshed.first().first().value<Refreshed>().exp, 200);
    QCOMPARE(resumed.count(), 1);
    QCOMPARE(errors.first().first().value<ErrorFrame>().code, QStringLiteral("resume_gap"));
}

void TestConnectionParts::readerDropsWhatNoClientCanUse_data()
{
    QTest::addColumn<QString>("message");
    QTest::newRow("not JSON") << QStringLiteral("{\"type\":");
    QTest::newRow("an array") << QStringLiteral("[1,2]");
    QTest::newRow("signal without seq") << text({{QStringLiteral("type"), QStringLiteral("signal")}});
    QTest::newRow("signal with seq 0") << text(signal(0));
    QTest::newRow("signal with seq -3") << text(signal(-3));
    QTest::newRow("signal with text seq") << QStringLiteral(R"({"type":"signal","seq":"5"})");
    QTest::newRow("unknown type") << text({{QStringLiteral("type"), QStringLiteral("surprise")}});
    QTest::newRow("pong") << text({{QStringLiteral("type"), QStringLiteral("pong")}});
}

void TestConnectionParts::readerDropsWhatNoClientCanUse()
{
    QFETCH(QString, message);
    ServerMessageReader reader;
    // A spy on every signal the reader has: none may fire.
    std::vector<std::unique_ptr<QSignalSpy>> spies;
    const QMetaObject &meta = ServerMessageReader::staticMetaObject;
    for (int i = meta.methodOffset(); i < meta.methodCount(); ++i) {
        if (meta.method(i).methodType() == QMetaMethod::Signal)
            spies.push_back(std::make_unique<QSignalSpy>(&reader, meta.method(i)));
    }
    QCOMPARE(spies.size(), size_t(6));
    reader.read(message);
    for (const auto &spy : spies)
        QCOMPARE(spy->count(), 0);
}

void TestConnectionParts::deliveryHoldsLiveSignalsDuringAResume()
{
    SignalDelivery delivery;
    QList<qint64> delivered;
    connect(&delivery, &SignalDelivery::signalReceived, &delivery,
            [&delivered](const QJsonObject &frame) { delivered << frame.value(QStringLiteral("seq")).toInteger(); });
    QSignalSpy results(&delivery, &SignalDelivery::resumeResult);

    QVERIFY(!delivery.welcomed(5).resume);   // the first welcome only records where the stream is
    delivery.signal(6, signal(6));
    delivery.abandon();   // the connection is lost after seq 6
    const ResumeTracker::Start start = delivery.welcomed(9);
    QVERIFY(start.resume);
    QCOMPARE(start.since, 6);
    delivery.signal(10, signal(10));   // live: held until the replay is done
    delivery.signal(8, signal(8));     // replayed: the server no longer had 7
    delivery.signal(6, signal(6));     // already delivered: dropped
    delivery.signal(9, signal(9));
    QCOMPARE(delivered, (QList<qint64>{6, 8, 9}));
    delivery.finishResume();
    QCOMPARE(delivered, (QList<qint64>{6, 8, 9, 10}));
    QCOMPARE(results.count(), 1);
    QCOMPARE(results.first().at(0).toLongLong(), 2);   // recovered
    QCOMPARE(results.first().at(1).toLongLong(), 1);   // lost
    QCOMPARE(delivery.lastSeq(), 10);

    QSignalSpy skipped(&delivery, &SignalDelivery::signalsSkipped);
    delivery.signal(11, signal(11));
    delivery.signal(14, signal(14));   // live, outside a resume: 12 and 13 are skipped
    QCOMPARE(skipped.count(), 1);
    QCOMPARE(skipped.first().first().toLongLong(), 2);
    QCOMPARE(delivered, (QList<qint64>{6, 8, 9, 10, 11, 14}));
}

void TestConnectionParts::deliveryBatchesOnlyWhenAsked()
{
    SignalDelivery delivery;
    QSignalSpy batches(&delivery, &SignalDelivery::signalBatchReceived);
    delivery.welcomed(0);
    delivery.signal(1, signal(1));   // no one asked for batches
    bool wanted = false;
    delivery.setBatchesWanted([&wanted] { return wanted; });
    delivery.signal(2, signal(2));   // asked, and nobody listens
    QTest::qWait(0);
    QCOMPARE(batches.count(), 0);

    wanted = true;
    delivery.signal(3, signal(3));
    delivery.signal(4, signal(4));
    QTRY_COMPARE(batches.count(), 1);   // one batch per event-loop pass
    QCOMPARE(batches.first().first().value<QList<QJsonObject>>().size(), 2);
    delivery.signal(5, signal(5));
    delivery.flush();   // before a state change: now, not later
    QCOMPARE(batches.count(), 2);
}

QTEST_GUILESS_MAIN(TestConnectionParts)
#include "tst_connectionparts.moc"
