// RefreshTracker alone: in-band refreshes matched to their answers by the id
// the server echoes, or to the oldest outstanding one when it echoes none.
#include "refreshtracker.h"

#include <QTest>

using namespace SignalGate::Client;

class TestRefreshTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersMatchTheEchoedId();
    void withoutIdsTheOldestIsAnswered();
    void errorsThatAnswerNoRefresh_data();
    void errorsThatAnswerNoRefresh();
    void newestIsTheLastSent();
};

void TestRefreshTracker::answersMatchTheEchoedId()
{
    RefreshTracker tracker;
    const QString first = tracker.add("token-1");
    const QString second = tracker.add("token-2");
    QVERIFY(first != second);
    QCOMPARE(tracker.takeRefreshed(second), QByteArray("token-2"));
    QVERIFY(tracker.takeFailed(first, true));
    QVERIFY(!tracker.takeRefreshed(first));   // nothing outstanding any more
    QVERIFY(tracker.newest().isEmpty());
}

void TestRefreshTracker::withoutIdsTheOldestIsAnswered()
{
    RefreshTracker tracker;
    tracker.add("token-1");
    tracker.add("token-2");
    tracker.add("token-3");
    QCOMPARE(tracker.takeRefreshed(QJsonValue(QJsonValue::Undefined)), QByteArray("token-1"));
    QVERIFY(tracker.takeFailed(QJsonValue(QJsonValue::Undefined), true));   // token-2
    QCOMPARE(tracker.takeRefreshed(QStringLiteral("an id we never sent")), QByteArray("token-3"));
    QVERIFY(!tracker.takeRefreshed(QJsonValue(QJsonValue::Undefined)));
}

void TestRefreshTracker::errorsThatAnswerNoRefresh_data()
{
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<bool>("refreshFailed");
    // Another request's error (ours carry "refresh-N" ids).
    QTest::newRow("another id") << QJsonValue(QStringLiteral("r9")) << true;
    QTest::newRow("a number id") << QJsonValue(1) << true;
    // Without an id, only refresh_failed can answer a refresh.
    QTest::newRow("no id, another code") << QJsonValue(QJsonValue::Undefined) << false;
}

void TestRefreshTracker::errorsThatAnswerNoRefresh()
{
    QFETCH(QJsonValue, id);
    QFETCH(bool, refreshFailed);
    RefreshTracker tracker;
    tracker.add("token-1");
    QVERIFY(!tracker.takeFailed(id, refreshFailed));
    QCOMPARE(tracker.newest(), QByteArray("token-1"));   // still outstanding
}

void TestRefreshTracker::newestIsTheLastSent()
{
    RefreshTracker tracker;
    QVERIFY(tracker.newest().isEmpty());
    tracker.add("token-1");
    tracker.add("token-2");
    QCOMPARE(tracker.newest(), QByteArray("token-2"));
    tracker.clear();
    QVERIFY(tracker.newest().isEmpty());
    QVERIFY(!tracker.takeRefreshed(QJsonValue(QJsonValue::Undefined)));
}

QTEST_GUILESS_MAIN(TestRefreshTracker)
#include "tst_refreshtracker.moc"
