#include "limiterstore.h"
#include "ratelimiter.h"
#include "tokenbucket.h"

#include <QTest>

#include <limits>
#include <memory>

using namespace SignalGate::Server;

namespace {

// All time is simulated: the clock reads a variable the test moves, backwards
// too, which no real monotonic clock does; the limiter must survive it anyway.
class VariableClock final : public SignalGate::Clock
{
public:
    explicit VariableClock(const qint64 &nowMs) : m_nowMs(nowMs) {}
    qint64 wallMs() const override { return m_nowMs; }
    qint64 monotonicMs() const override { return m_nowMs; }

private:
    const qint64 &m_nowMs;
};

QByteArray keyNumber(int i)
{
    return QByteArray("10.0.") + QByteArray::number(i / 256) + '.' + QByteArray::number(i % 256);
}

}   // namespace

class TestRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // TokenBucket
    void burstThenRefused_data();
    void burstThenRefused();
    void resetsAfterWindow();
    void steadyClientIsNeverRefused();
    void fastClientGetsTheRate();
    void backwardsClockGivesNoTokens();
    void hugeGapsAreCapped();
    void disabledBucketAllows_data();
    void disabledBucketAllows();

    // RateLimiter
    void keysAreIndependent();
    void refusalCarriesRetryAfter();
    void checkDoesNotConsume();
    void checkDoesNotInsert();
    void checkDoesNotRefreshRecency();
    void idleKeysExpire();
    void fullTableEvictsInsteadOfRefusing();
    void evictsLeastRecentlyUsed();
    void disabledLimiterStoresNothing();
    void nonPositiveMaxKeysMeansOne();
    void localStoreAnswersBeforeReturning();
    void backwardsClockInLimiter();
    void defaultClockWorks();
};

void TestRateLimiter::burstThenRefused_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("windowSeconds");
    QTest::addColumn<qint64>("expectedRetryMs");

    QTest::newRow("10/60 (upgrades)") << 10 << 60 << qint64(6000);
    QTest::newRow("60/60 (messages)") << 60 << 60 << qint64(1000);
    QTest::newRow("5/300 (logins)") << 5 << 300 << qint64(60000);
    QTest::newRow("3/10 (not whole ms)") << 3 << 10 << qint64(3334);
    QTest::newRow("1/1") << 1 << 1 << qint64(1000);
}

void TestRateLimiter::burstThenRefused()
{
    QFETCH(int, count);
    QFETCH(int, windowSeconds);
    QFETCH(qint64, expectedRetryMs);

    const qint64 start = 5000;
    TokenBucket bucket(RateLimit{count, windowSeconds}, start);
    QVERIFY(bucket.isFull(start));
    QCOMPARE(bucket.retryAfterMs(start), qint64(0));

    for (int i = 0; i < count; ++i)
        QVERIFY2(bucket.tryTake(start), qPrintable(QStringLiteral("burst token %1").arg(i)));
    QVERIFY(!bucket.tryTake(start));
    QVERIFY(!bucket.isFull(start));

    const qint64 retryMs = bucket.retryAfterMs(start);
    QVERIFY2(qAbs(retryMs - expectedRetryMs) <= 1,
             qPrintable(QStringLiteral("retryAfterMs %1, expected %2").arg(retryMs).arg(expectedRetryMs)));

    // Just before the promised time: still nothing; at it: exactly one.
    QVERIFY(!bucket.tryTake(start + retryMs - 1));
    QVERIFY(bucket.tryTake(start + retryMs));
    QVERIFY(!bucket.tryTake(start + retryMs));
    QVERIFY(bucket.retryAfterMs(start + retryMs) > 0);
}

void TestRateLimiter::resetsAfterWindow()
{
    const RateLimit limit{10, 60};
    qint64 now = 0;
    TokenBucket bucket(limit, now);
    for (int i = 0; i < 10; ++i)
        QVERIFY(bucket.tryTake(now));
    QVERIFY(!bucket.tryTake(now));

    // One window of silence: the whole burst is available again, and no more.
    now += 60 * 1000;
    QVERIFY(bucket.isFull(now));
    for (int i = 0; i < 10; ++i)
        QVERIFY2(bucket.tryTake(now), qPrintable(QStringLiteral("token %1 after reset").arg(i)));
    QVERIFY(!bucket.tryTake(now));

    // Half a window refills half the bucket.
    now += 30 * 1000;
    QVERIFY(!bucket.isFull(now));
    int allowed = 0;
    while (bucket.tryTake(now))
        ++allowed;
    QCOMPARE(allowed, 5);

    // Refill stops at capacity, also within a window (9 + 5 would be 14).
    now += 60 * 1000;
    QVERIFY(bucket.tryTake(now));
    now += 30 * 1000;
    QVERIFY(bucket.isFull(now));
    allowed = 0;
    while (allowed <= 10 && bucket.tryTake(now))
        ++allowed;
    QCOMPARE(allowed, 10);
}

void TestRateLimiter::steadyClientIsNeverRefused()
{
    TokenBucket bucket(RateLimit{60, 60}, 0);
    // Ten simulated minutes at exactly the permitted rate.
    for (int second = 0; second < 600; ++second) {
        QVERIFY2(bucket.tryTake(qint64(second) * 1000), qPrintable(QStringLiteral("refused at %1 s").arg(second)));
    }
}

void TestRateLimiter::fastClientGetsTheRate()
{
    TokenBucket bucket(RateLimit{60, 60}, 0);
    const int seconds = 3600;
    int allowed = 0;
    int allowedSecondHalf = 0;
    int firstRefusalMs = -1;
    // Two attempts per second against one per second.
    for (int ms = 0; ms < seconds * 1000; ms += 500) {
        if (bucket.tryTake(ms)) {
            ++allowed;
            if (ms >= seconds * 1000 / 2)
                ++allowedSecondHalf;
        } else if (firstRefusalMs < 0) {
            firstRefusalMs = ms;
        }
    }

    QVERIFY(firstRefusalMs >= 0);
    // The burst of 60 drains at a net one per second: first refusal near 60 s.
    QVERIFY2(firstRefusalMs >= 55 * 1000 && firstRefusalMs <= 65 * 1000,
             qPrintable(QStringLiteral("first refusal at %1 ms").arg(firstRefusalMs)));
    // The burst plus one per second, nothing more.
    QVERIFY2(qAbs(allowed - (60 + seconds)) <= 2, qPrintable(QStringLiteral("allowed %1").arg(allowed)));
    // In steady state exactly the rate.
    QVERIFY2(qAbs(allowedSecondHalf - seconds / 2) <= 1,
             qPrintable(QStringLiteral("allowed in second half %1").arg(allowedSecondHalf)));
}

void TestRateLimiter::backwardsClockGivesNoTokens()
{
    const qint64 t0 = 10'000'000;
    TokenBucket bucket(RateLimit{10, 60}, t0);
    for (int i = 0; i < 10; ++i)
        QVERIFY(bucket.tryTake(t0));

    // An hour back: no time has passed, so nothing new...
    const qint64 past = t0 - 3'600'000;
    QVERIFY(!bucket.tryTake(past));
    QVERIFY(!bucket.isFull(past));
    QCOMPARE(bucket.retryAfterMs(past), qint64(6000));

    // ...and coming forward again must not pay out the hour it went back.
    QVERIFY(!bucket.tryTake(t0));
    QVERIFY(!bucket.tryTake(t0 + 5999));
    QVERIFY(bucket.tryTake(t0 + 6000));
    QVERIFY(!bucket.tryTake(t0 + 6000));
}

void TestRateLimiter::hugeGapsAreCapped()
{
    const qint64 minMs = std::numeric_limits<qint64>::min();
    const qint64 maxMs = std::numeric_limits<qint64>::max();

    // From the most negative to the most positive time: the signed difference
    // does not fit in qint64 (UBSan would flag a naive subtraction).
    TokenBucket bucket(RateLimit{10, 60}, minMs);
    for (int i = 0; i < 10; ++i)
        QVERIFY(bucket.tryTake(minMs));
    QVERIFY(!bucket.tryTake(minMs));

    QVERIFY(bucket.isFull(maxMs));
    QCOMPARE(bucket.retryAfterMs(maxMs), qint64(0));
    int allowed = 0;
    while (allowed <= 10 && bucket.tryTake(maxMs))
        ++allowed;
    QCOMPARE(allowed, 10);   // capped at capacity
    QCOMPARE(bucket.retryAfterMs(maxMs), qint64(6000));

    // The largest window the flag can express does not overflow either.
    const int maxInt = std::numeric_limits<int>::max();
    TokenBucket wide(RateLimit{maxInt, maxInt}, 0);
    QVERIFY(wide.tryTake(0));
    QVERIFY(!wide.isFull(0));
    QVERIFY(wide.isFull(maxMs));
}

void TestRateLimiter::disabledBucketAllows_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("windowSeconds");

    QTest::newRow("count 0") << 0 << 60;
    QTest::newRow("window 0") << 10 << 0;
    QTest::newRow("both 0") << 0 << 0;
    QTest::newRow("negative count") << -5 << 60;
    QTest::newRow("negative window") << 10 << -1;
}

void TestRateLimiter::disabledBucketAllows()
{
    QFETCH(int, count);
    QFETCH(int, windowSeconds);

    TokenBucket bucket(RateLimit{count, windowSeconds}, 0);
    for (int i = 0; i < 1000; ++i)
        QVERIFY(bucket.tryTake(0));
    QCOMPARE(bucket.retryAfterMs(0), qint64(0));
    QVERIFY(bucket.isFull(0));

    TokenBucket defaulted;
    QVERIFY(defaulted.tryTake(0));
    QVERIFY(defaulted.tryTake(0));
    QCOMPARE(defaulted.retryAfterMs(0), qint64(0));
    QVERIFY(defaulted.isFull(0));
}

void TestRateLimiter::keysAreIndependent()
{
    qint64 now = 0;
    VariableClock clock(now);
    RateLimiter limiter(RateLimit{3, 60}, 100, clock);

    for (int i = 0; i < 3; ++i)
        QVERIFY(limiter.take("A").allowed);
    QVERIFY(!limiter.take("A").allowed);

    for (int i = 0; i < 3; ++i)
        QVERIFY(limiter.take("B").allowed);
    QVERIFY(!limiter.take("B").allowed);
    QVERIFY(!limiter.take("A").allowed);
    QCOMPARE(limiter.size(), qsizetype(2));
}

void TestRateLimiter::refusalCarriesRetryAfter()
{
    qint64 now = 1000;
    VariableClock clock(now);
    RateLimiter limiter(RateLimit{10, 60}, 100, clock);

    for (int i = 0; i < 10; ++i) {
        const RateLimiter::Decision d = limiter.take("203.0.113.7");
        QVERIFY(d.allowed);
        QCOMPARE(d.retryAfterMs, qint64(0));
    }
    const RateLimiter::Decision refused = limiter.take("203.0.113.7");
    QVERIFY(!refused.allowed);
    QVERIFY2(qAbs(refused.retryAfterMs - 6000) <= 1, qPrintable(QString::number(refused.retryAfterMs)));

    now += 2000;
    const RateLimiter::Decision later = limiter.take("203.0.113.7");
    QVERIFY(!later.allowed);
    QVERIFY2(qAbs(later.retryAfterMs - 4000) <= 1, qPrintable(QString::number(later.retryAfterMs)));

    now += later.retryAfterMs;
    QVERIFY(limiter.take("203.0.113.7").allowed);
}

void TestRateLimiter::checkDoesNotConsume()
{
    qint64 now = 0;
    VariableClock clock(now);
    RateLimiter limiter(RateLimit{2, 60}, 100, clock);

    QVERIFY(limiter.take("user").allowed);
    for (int i = 0; i < 100; ++i) {
        const RateLimiter::Decision d = limiter.check("user");
        QVERIFY(d.allowed);
        QCOMPARE(d.retryAfterMs, qint64(0));
    }
    QVERIFY(limiter.take("user").allowed);   // the second token is still there

    const RateLimiter::Decision d = limiter.check("user");
    QVERIFY(!d.allowed);
    QVERIFY2(qAbs(d.retryAfterMs - 30000) <= 1, qPrintable(QString::number(d.retryAfterMs)));
    QVERIFY(!limiter.take("user").allowed);
}

void TestRateLimiter::checkDoesNotInsert()
{
    qint64 now = 0;
    VariableClock clock(now);
    RateLimiter limiter(RateLimit{1, 60}, 100, clock);

    for (int i = 0; i < 50; ++i) {
        const RateLimiter::Decision d = limiter.check(keyNumber(i));
        QVERIFY(d.allowed);
        QCOMPARE(d.retryAfterMs, qint64(0));
    }
    QCOMPARE(limiter.size(), qsizetype(0));

    QVERIFY(limiter.take("x").allowed);
    QVERIFY(limiter.check("y").allowed);
    QCOMPARE(limiter.size(), qsizetype(1));
    QCOMPARE(limiter.evictions(), qsizetype(0));
}

void TestRateLimiter::checkDoesNotRefreshRecency()
{
    qint64 now = 0;
    VariableClock clock(now);
    RateLimiter limiter(RateLimit{1, 60}, 2, clock);

    QVERIFY(limiter.take("A").allowed);     // A exhausted
    QVERIFY(limiter.take("B").allowed);     // B exhausted
    QVERIFY(!limiter.check("A").allowed);   // looking at A must not make it recent
    QVERIFY(limiter.take("C").allowed);     // evicts the least recently *used*: A

    QCOMPARE(limiter.evictions(), qsizetype(1));
    QVERIFY(limiter.check("A").allowed);    // forgotten
    QVERIFY(!limiter.check("B").allowed);   // still remembered
    QVERIFY(!limiter.check("C").allowed);
}

void TestRateLimiter::idleKeysExpire()
{
    qint64 now = 0;
    VariableClock clock(now);
    RateLimiter limiter(RateLimit{60, 60}, RateLimiter::DefaultMaxKeys, clock);

    const int keys = 1000;
    for (int i = 0; i < keys; ++i)
        QVERIFY(limiter.take(keyNumber(i)).allowed);
    QCOMPARE(limiter.size(), qsizetype(keys));

    now += 60 * 1000 + 1;   // every bucket has refilled

    // One call removes a bounded batch from the idle end (one call is never
    // long), so the 1000 idle keys are gone after a few calls, not one.
    QVERIFY(limiter.take("probe").allowed);
    const qsizetype afterOne = limiter.size();
    QVERIFY2(afterOne <= keys + 1 - 32, qPrintable(QStringLiteral("size %1 after one call").arg(afterOne)));
    QVERIFY2(afterOne >= keys + 1 - 64, qPrintable(QStringLiteral("size %1 after one call").arg(afterOne)));

    int calls = 1;
    qsizetype previous = afterOne;
    while (limiter.size() > 1 && calls < 40) {
        QVERIFY(limiter.take("probe").allowed);
        QVERIFY(limiter.size() < previous);   // each call makes progress
        previous = limiter.size();
        ++calls;
    }
    QCOMPARE(limiter.size(), qsizetype(1));
    QVERIFY2(calls <= 17, qPrintable(QStringLiteral("%1 calls to drain").arg(calls)));
    QCOMPARE(limiter.evictions(), qsizetype(0));   // expiry is not eviction

    // The survivor is the probe with its state (one token per call spent): not reset.
    for (int i = 0; i < 60 - calls; ++i)
        QVERIFY(limiter.take("probe").allowed);
    QVERIFY(!limiter.take("probe").allowed);

    // check() also expires, and an expired key starts afresh.
    now += 60 * 1000;
    QVERIFY(limiter.check("someone else").allowed);
    QCOMPARE(limiter.size(), qsizetype(0));
}

void TestRateLimiter::fullTableEvictsInsteadOfRefusing()
{
    qint64 now = 0;
    VariableClock clock(now);
    RateLimiter limiter(RateLimit{1, 60}, 100, clock);
    QCOMPARE(limiter.maxKeys(), qsizetype(100));

    for (int i = 0; i < 1000; ++i) {
        QVERIFY2(limiter.take(keyNumber(i)).allowed, qPrintable(QStringLiteral("new key %1 refused").arg(i)));
        QVERIFY(limiter.size() <= 100);
    }
    QCOMPARE(limiter.size(), qsizetype(100));
    QCOMPARE(limiter.evictions(), qsizetype(900));

    // The newest 100 are the ones kept.
    QVERIFY(!limiter.check(keyNumber(999)).allowed);
    QVERIFY(!limiter.check(keyNumber(900)).allowed);
    QVERIFY(limiter.check(keyNumber(899)).allowed);
    QVERIFY(limiter.check(keyNumber(0)).allowed);
}

void TestRateLimiter::evictsLeastRecentlyUsed()
{
    qint64 now = 0;
    VariableClock clock(now);
    RateLimiter limiter(RateLimit{2, 60}, 3, clock);

    // Exhaust every bucket, so whichever key is evicted becomes visible as
    // the only one allowed again.
    for (const char *key : {"A", "B", "C"}) {
        QVERIFY(limiter.take(key).allowed);
        QVERIFY(limiter.take(key).allowed);
    }
    QVERIFY(!limiter.take("A").allowed);   // a refused take still counts as use
    QVERIFY(limiter.take("D").allowed);    // table full: B is least recently used

    QCOMPARE(limiter.size(), qsizetype(3));
    QCOMPARE(limiter.evictions(), qsizetype(1));
    QVERIFY2(limiter.check("B").allowed, "B should have been evicted (forgotten)");
    QVERIFY2(!limiter.check("A").allowed, "A was used recently and must be kept");
    QVERIFY2(!limiter.check("C").allowed, "C is newer than B and must be kept");
    QVERIFY(limiter.check("D").allowed);   // one of two tokens left
}

void TestRateLimiter::disabledLimiterStoresNothing()
{
    qint64 now = 0;
    VariableClock clock(now);
    RateLimiter limiter(RateLimit{0, 60}, 10, clock);
    QVERIFY(!limiter.enabled());

    for (int i = 0; i < 100; ++i) {
        const RateLimiter::Decision d = limiter.take("same");
        QVERIFY(d.allowed);
        QCOMPARE(d.retryAfterMs, qint64(0));
        QVERIFY(limiter.take(keyNumber(i)).allowed);
        QVERIFY(limiter.check(keyNumber(i)).allowed);
    }
    QCOMPARE(limiter.size(), qsizetype(0));
    QCOMPARE(limiter.evictions(), qsizetype(0));

    RateLimiter noWindow(RateLimit{10, 0}, 10, clock);
    QVERIFY(!noWindow.enabled());
    for (int i = 0; i < 100; ++i)
        QVERIFY(noWindow.take("same").allowed);
    QCOMPARE(noWindow.size(), qsizetype(0));
}

void TestRateLimiter::nonPositiveMaxKeysMeansOne()
{
    qint64 now = 0;
    for (const qsizetype maxKeys : {qsizetype(0), qsizetype(-1)}) {
        VariableClock clock(now);
        RateLimiter limiter(RateLimit{1, 60}, maxKeys, clock);
        QCOMPARE(limiter.maxKeys(), qsizetype(1));
        for (int i = 0; i < 10; ++i) {
            QVERIFY(limiter.take(keyNumber(i)).allowed);
            QCOMPARE(limiter.size(), qsizetype(1));
        }
        QCOMPARE(limiter.evictions(), qsizetype(9));
        QVERIFY(!limiter.take(keyNumber(9)).allowed);   // the one kept is still limited
    }
}

void TestRateLimiter::backwardsClockInLimiter()
{
    qint64 now = 1'000'000;
    VariableClock clock(now);
    RateLimiter limiter(RateLimit{2, 60}, 100, clock);
    QVERIFY(limiter.take("k").allowed);
    QVERIFY(limiter.take("k").allowed);

    now -= 500'000;
    QVERIFY(!limiter.take("k").allowed);   // not reset, not expired
    QCOMPARE(limiter.size(), qsizetype(1));
    now += 500'000;
    QVERIFY(!limiter.take("k").allowed);
    now += 30'000;
    QVERIFY(limiter.take("k").allowed);
}

void TestRateLimiter::defaultClockWorks()
{
    // Monotonic real clock; a long window makes the test timing-independent.
    RateLimiter first(RateLimit{3, 3600});
    RateLimiter second(RateLimit{3, 3600});
    for (int i = 0; i < 3; ++i)
        QVERIFY(first.take("k").allowed);
    const RateLimiter::Decision d = first.take("k");
    QVERIFY(!d.allowed);
    QVERIFY(d.retryAfterMs > 0 && d.retryAfterMs <= 1'200'000);
    QVERIFY(second.take("k").allowed);   // separate instances, separate state
}

void TestRateLimiter::localStoreAnswersBeforeReturning()
{
    qint64 now = 0;
    VariableClock clock(now);
    LocalLimiterStore store(RateLimit{1, 60}, 100, clock);
    std::unique_ptr<LimiterStore::Decision> answer;
    const auto keep = [&answer](LimiterStore::Decision decision) {
        answer = std::make_unique<LimiterStore::Decision>(decision);
    };

    store.check("a", keep);
    QVERIFY(answer && answer->allowed);
    QCOMPARE(store.size(), 0);   // looking costs no slot
    answer.reset();
    store.take("a", keep);
    QVERIFY(answer && answer->allowed);
    answer.reset();
    store.take("a", keep);
    QVERIFY(answer && !answer->allowed);
    QVERIFY(answer->retryAfterMs > 0);
    QCOMPARE(store.size(), 1);
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
