// The Qt 6.4 workarounds alone: reading a refused handshake's status from
// QWebSocket's error text, and recognising the close code Qt cannot read.
// The real sockets behind them are exercised in tst_signalconnection.
#include "websocketcompat.h"

#include <QTest>

namespace WebSocketCompat = SignalGate::WebSocketCompat;

class TestWebSocketCompat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusedHttpStatus_data();
    void refusedHttpStatus();
    void unreadableCloseCode_data();
    void unreadableCloseCode();
};

void TestWebSocketCompat::refusedHttpStatus_data()
{
    QTest::addColumn<QString>("errorText");
    QTest::addColumn<int>("status");
    QTest::newRow("Qt 6.4, 429")
            << "QWebSocketPrivate::processHandshake: Unhandled http status code: 429 (Too Many Requests)." << 429;
    QTest::newRow("Qt 6.4, 403") << "QWebSocketPrivate::processHandshake: Unhandled http status code: 403 (Forbidden)."
                                 << 403;
    QTest::newRow("without the colon") << "Unhandled http status code 503" << 503;
    QTest::newRow("another case") << "UNHANDLED HTTP STATUS CODE: 401" << 401;
    QTest::newRow("no status") << "Connection refused" << 0;
    QTest::newRow("not an HTTP status") << "status code: 99" << 0;
    QTest::newRow("a longer number") << "status code: 4290" << 0;
    QTest::newRow("empty") << QString() << 0;
}

void TestWebSocketCompat::refusedHttpStatus()
{
    QFETCH(QString, errorText);
    QFETCH(int, status);
    QCOMPARE(WebSocketCompat::refusedHttpStatus(errorText), status);
}

void TestWebSocketCompat::unreadableCloseCode_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("unreadable");
    QTest::newRow("Qt's replacement") << 1002 << "Invalid close code 1002 detected." << true;
    QTest::newRow("a server's own 1002") << 1002 << "Protocol error" << false;
    QTest::newRow("the text with another code") << 1008 << "Invalid close code 1008 detected." << false;
    QTest::newRow("1013 read fine") << 1013 << "Slow consumer" << false;
}

void TestWebSocketCompat::unreadableCloseCode()
{
    QFETCH(int, code);
    QFETCH(QString, reason);
    QFETCH(bool, unreadable);
    QCOMPARE(WebSocketCompat::isUnreadableCloseCode(quint16(code), reason), unreadable);
}

QTEST_GUILESS_MAIN(TestWebSocketCompat)
#include "tst_websocketcompat.moc"
