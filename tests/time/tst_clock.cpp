// The one clock type and what moves with it: a ManualClock stands still or
// follows the system, jumps when told, and the ExpiryQueue (the server's one
// deadline timer) acts on a jump at once instead of waiting in real time.
#include "expiryqueue.h"
#include "manualclock.h"
#include "session.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace SignalGate::Server;

using SignalGate::Clock;
using SignalGate::ManualClock;

namespace {

// The queue only stores and hands back the pointers; these are never dereferenced.
Session *fakeSession(int i)
{
    return reinterpret_cast<Session *>(   // NOLINT(performance-no-int-to-ptr): a key, never dereferenced
            quintptr(i + 1) * alignof(std::max_align_t));
}

}   // namespace

class TestClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void systemClockIsWallTimeAndMonotonic();
    void wallSecondsFloorLikeClaims_data();
    void wallSecondsFloorLikeClaims();
    void frozenClockMovesOnlyWhenTold();
    void followingClockRunsInRealTimePlusAdvances();
    void settingTheWallClockLeavesMonotonicTime();
    void expiryQueueActsOnAJump();
    void expiryQueueKeepsLaterDeadlinesAfterAJump();
};

void TestClock::systemClockIsWallTimeAndMonotonic()
{
    const Clock &clock = Clock::system();
    QVERIFY(qAbs(clock.wallMs() - QDateTime::currentMSecsSinceEpoch()) < 1000);
    const qint64 first = clock.monotonicMs();
    QTest::qWait(20);   // real time must pass: this is the system clock under test
    QVERIFY(clock.monotonicMs() >= first + 15);
    QSignalSpy jumps(&clock, &Clock::jumped);
    QCOMPARE(jumps.size(), 0);
}

void TestClock::wallSecondsFloorLikeClaims_data()
{
    QTest::addColumn<qint64>("wallMs");
    QTest::addColumn<qint64>("seconds");
    QTest::newRow("zero") << qint64(0) << qint64(0);
    QTest::newRow("just below a second") << qint64(1999) << qint64(1);
    QTest::newRow("on a second") << qint64(2000) << qint64(2);
    QTest::newRow("before 1970") << qint64(-1) << qint64(-1);
    QTest::newRow("before 1970, on a second") << qint64(-2000) << qint64(-2);
}

void TestClock::wallSecondsFloorLikeClaims()
{
    QFETCH(qint64, wallMs);
    QFETCH(qint64, seconds);
    ManualClock clock;
    clock.setWallMs(wallMs);
    QCOMPARE(clock.wallSeconds(), seconds);
}

void TestClock::frozenClockMovesOnlyWhenTold()
{
    ManualClock clock;
    QSignalSpy jumps(&clock, &Clock::jumped);
    const qint64 wall = clock.wallMs();
    QVERIFY(qAbs(wall - QDateTime::currentMSecsSinceEpoch()) < 1000);
    QCOMPARE(clock.monotonicMs(), qint64(0));
    QTest::qWait(20);   // real time passes; a frozen clock must not notice
    QCOMPARE(clock.wallMs(), wall);
    QCOMPARE(clock.monotonicMs(), qint64(0));

    clock.advance(1500);
    QCOMPARE(clock.wallMs(), wall + 1500);
    QCOMPARE(clock.monotonicMs(), qint64(1500));
    QCOMPARE(jumps.size(), 1);

    clock.advance(-500);   // time does not go back
    clock.advance(0);
    QCOMPARE(clock.wallMs(), wall + 1500);
    QCOMPARE(jumps.size(), 1);
}

void TestClock::followingClockRunsInRealTimePlusAdvances()
{
    ManualClock clock(ManualClock::Flow::FollowsSystem);
    QVERIFY(qAbs(clock.wallMs() - QDateTime::currentMSecsSinceEpoch()) < 1000);
    QVERIFY(clock.monotonicMs() < 1000);
    const qint64 before = clock.monotonicMs();
    QTest::qWait(20);
    QVERIFY(clock.monotonicMs() >= before + 15);
    clock.advance(3600 * 1000);
    QVERIFY(clock.wallMs() - QDateTime::currentMSecsSinceEpoch() >= 3600 * 1000 - 1000);
    QVERIFY(clock.monotonicMs() >= 3600 * 1000);
}

void TestClock::settingTheWallClockLeavesMonotonicTime()
{
    ManualClock clock;
    QSignalSpy jumps(&clock, &Clock::jumped);
    clock.advance(100);
    clock.setWallMs(1'000'000);   // an operator sets the date back to 1970
    QCOMPARE(clock.wallMs(), qint64(1'000'000));
    QCOMPARE(clock.monotonicMs(), qint64(100));
    QCOMPARE(jumps.size(), 2);
}

void TestClock::expiryQueueActsOnAJump()
{
    ManualClock clock;
    ExpiryQueue queue(clock);
    QList<Session *> due;
    connect(&queue, &ExpiryQueue::due, this, [&due](Session *session) { due.append(session); });
    const qint64 now = clock.wallMs();
    queue.schedule(fakeSession(2), now + 60 * 60 * 1000);
    queue.schedule(fakeSession(1), now + 30 * 60 * 1000);
    queue.schedule(fakeSession(3), now + 90 * 60 * 1000);
    queue.cancel(fakeSession(3));
    QCOMPARE(queue.size(), 2);

    // An hour passes at once: both fire, earliest first, without an event loop turn.
    clock.advance(60 * 60 * 1000);
    QCOMPARE(due, (QList<Session *>{fakeSession(1), fakeSession(2)}));
    QCOMPARE(queue.size(), 0);
}

void TestClock::expiryQueueKeepsLaterDeadlinesAfterAJump()
{
    ManualClock clock;
    ExpiryQueue queue(clock);
    QList<Session *> due;
    connect(&queue, &ExpiryQueue::due, this, [&due](Session *session) { due.append(session); });
    const qint64 now = clock.wallMs();
    queue.schedule(fakeSession(1), now + 10'000);
    queue.schedule(fakeSession(2), now + 20'000);
    queue.schedule(fakeSession(1), now + 30'000);   // rescheduled: only the new deadline counts

    clock.advance(25'000);
    QCOMPARE(due, QList<Session *>{fakeSession(2)});
    clock.advance(4'999);
    QCOMPARE(due.size(), 1);
    clock.advance(1);
    QCOMPARE(due, (QList<Session *>{fakeSession(2), fakeSession(1)}));
}

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
