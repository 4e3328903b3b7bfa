// Pre-built signal frames written under a real QWebSocket, read by a real
// QWebSocket client on 127.0.0.1: every length encoding arrives whole, and
// frames stay in order with the messages QWebSocket sends itself, whether
// they go straight to the kernel or through Qt's buffer.
#include "framewriter.h"

#include <QTcpServer>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

using namespace SignalGate::Server;

namespace {

constexpr int TimeoutMs = 10000;

// A connected pair: the server side's QWebSocket and the client reading it.
// As in the server, our own listener accepts the TCP socket and hands it to
// QWebSocketServer, so the transport is known.
struct Pair
{
    QTcpServer listener;
    QWebSocketServer server{QStringLiteral("tst_framewriter"), QWebSocketServer::NonSecureMode};
    QWebSocket client;
    QTcpSocket *transport = nullptr;   // the listener's child
    QWebSocket *peer = nullptr;        // ours: Qt gives it no parent
    QStringList received;

    ~Pair()
    {
        // Aborted first: Qt 6.4 would start a closing handshake from the
        // destructor of an open socket, and leak its reason.
        if (peer)
            peer->abort();
        delete peer;
    }

    bool open()
    {
        if (!listener.listen(QHostAddress::LocalHost, 0))
            return false;
        QObject::connect(&listener, &QTcpServer::newConnection, &listener, [this] {
            transport = listener.nextPendingConnection();
            server.handleConnection(transport);
        });
        QObject::connect(&client, &QWebSocket::textMessageReceived, &client,
                         [this](const QString &message) { received.append(message); });
        client.setMaxAllowedIncomingMessageSize(64 * 1024 * 1024);
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(listener.serverPort())));
        if (!QTest::qWaitFor([this] { return server.hasPendingConnections(); }, TimeoutMs))
            return false;
        peer = server.nextPendingConnection();
        // The 101 has gone out once the client is open.
        return QTest::qWaitFor([this] { return client.state() == QAbstractSocket::ConnectedState; }, TimeoutMs)
                && QTest::qWaitFor([this] { return peer->bytesToWrite() == 0; }, TimeoutMs);
    }
};

QString textOfLength(int length)
{
    // Not only ASCII: the frame's length is in UTF-8 bytes, not characters.
    QString text;
    text.reserve(length);
    for (int i = 0; i < length; ++i)
        text.append(i % 7 == 3 ? QChar(0x00e9) : QChar(u'a' + i % 26));
    return text;
}

SignalBatch batchOf(const QStringList &texts)
{
    SignalBatch batch;
    for (const QString &text : texts)
        batch.append(text);
    return batch;
}

}   // namespace

class TestFrameWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void framesArriveWholeAndInOrder_data();
    void framesArriveWholeAndInOrder();
    void queuedBytesKeepTheirOrder();
    void withoutTransportQWebSocketSends();
    void aBatchIsOneWriteOfWholeFrames();
};

void TestFrameWriter::framesArriveWholeAndInOrder_data()
{
    QTest::addColumn<int>("length");
    QTest::newRow("empty") << 0;
    QTest::newRow("7-bit length") << 100;
    QTest::newRow("16-bit length") << 1000;
    QTest::newRow("16-bit limit") << 60000;
    QTest::newRow("64-bit length") << 70000;
}

void TestFrameWriter::framesArriveWholeAndInOrder()
{
    QFETCH(int, length);
    Pair pair;
    QVERIFY(pair.open());
    FrameWriter writer(pair.peer, pair.transport);
    QVERIFY(writer.writesFrames());

    const QString first = textOfLength(length);
    writer.write(batchOf({first}));
    if (length < 1000)
        QCOMPARE(pair.peer->bytesToWrite(), 0);   // straight to the kernel, not Qt's buffer
    pair.peer->sendTextMessage(QStringLiteral("between"));
    const QString last = first + QStringLiteral("!");
    writer.write(batchOf({last}));

    QTRY_COMPARE_WITH_TIMEOUT(pair.received.size(), 3, TimeoutMs);
    QCOMPARE(pair.received.at(0), first);
    QCOMPARE(pair.received.at(1), QStringLiteral("between"));
    QCOMPARE(pair.received.at(2), last);
    QCOMPARE(pair.client.state(), QAbstractSocket::ConnectedState);
}

// A big message QWebSocket has queued but not yet written: a frame written
// after it must wait behind it, not overtake it in the kernel.
void TestFrameWriter::queuedBytesKeepTheirOrder()
{
    Pair pair;
    QVERIFY(pair.open());
    FrameWriter writer(pair.peer, pair.transport);
    const QString big = textOfLength(4 * 1024 * 1024);
    pair.peer->sendTextMessage(big);
    QVERIFY(pair.peer->bytesToWrite() > 0);
    writer.write(batchOf({QStringLiteral("after")}));

    QTRY_COMPARE_WITH_TIMEOUT(pair.received.size(), 2, TimeoutMs);
    QCOMPARE(pair.received.at(0).size(), big.size());
    QCOMPARE(pair.received.at(1), QStringLiteral("after"));
}

// A session whose transport is unknown or gone still gets every signal.
void TestFrameWriter::withoutTransportQWebSocketSends()
{
    Pair pair;
    QVERIFY(pair.open());
    FrameWriter writer(pair.peer, nullptr);
    QVERIFY(!writer.writesFrames());
    writer.write(batchOf({QStringLiteral("{\"seq\":1}"), QStringLiteral("{\"seq\":2}")}));
    QTRY_COMPARE_WITH_TIMEOUT(pair.received,
                              (QStringList{QStringLiteral("{\"seq\":1}"), QStringLiteral("{\"seq\":2}")}), TimeoutMs);
}

// The pool's batch: several signals' frames back to back, sent at once.
void TestFrameWriter::aBatchIsOneWriteOfWholeFrames()
{
    Pair pair;
    QVERIFY(pair.open());
    FrameWriter writer(pair.peer, pair.transport);
    const QStringList texts{textOfLength(10), textOfLength(300), textOfLength(70000), textOfLength(0)};
    SignalBatch batch = batchOf(texts.mid(0, 2));
    batch.append(batchOf(texts.mid(2)));
    QCOMPARE(batch.texts, texts);
    writer.write(batch);
    QTRY_COMPARE_WITH_TIMEOUT(pair.received.size(), texts.size(), TimeoutMs);
    QCOMPARE(pair.received, texts);
}

QTEST_GUILESS_MAIN(TestFrameWriter)
#include "tst_framewriter.moc"
