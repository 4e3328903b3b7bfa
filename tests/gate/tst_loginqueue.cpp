// LoginQueue on its own (PROTOCOL.md section 10.1): its global and
// per-address bounds, the verdicts, checks of clients that left dropped
// before they run, and a destructor that does not wait for the queue.
// Real PBKDF2 (about 0.1 s a check) on real worker threads; built under the
// tsan preset too.
#include "loginqueue.h"
#include "passwordhasher.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <memory>
#include <optional>
#include <vector>

using namespace SignalGate::Server;

class TestLoginQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void verdicts();
    void boundsAreGlobalAndPerAddress();
    void checksOfClientsThatLeftAreDropped();
    void destructionDropsWhatHasNotStarted();

private:
    QByteArray m_hash;     // of "right"
    qint64 m_hashMs = 0;   // one check, measured here
};

void TestLoginQueue::initTestCase()
{
    QElapsedTimer timer;
    timer.start();
    m_hash = PasswordHasher::hash("right");
    m_hashMs = qMax<qint64>(1, timer.elapsed());
    QVERIFY(!m_hash.isEmpty());
}

void TestLoginQueue::verdicts()
{
    LoginQueue queue({});
    QObject client;
    std::vector<std::optional<bool>> results(3);
    int done = 0;
    auto record = [&](int i) {
        return [&, i](std::optional<bool> verdict) {
            results[i] = verdict;
            ++done;
        };
    };
    QCOMPARE(queue.submit("a", &client, "right", m_hash, record(0)), LoginQueue::Admission::Queued);
    QCOMPARE(queue.submit("a", &client, "wrong", m_hash, record(1)), LoginQueue::Admission::Queued);
    // No hash: an unknown user, checked against the dummy and never matching.
    QCOMPARE(queue.submit("a", &client, "right", {}, record(2)), LoginQueue::Admission::Queued);
    QTRY_COMPARE_WITH_TIMEOUT(done, 3, 30000);
    QCOMPARE(results[0], std::optional<bool>(true));
    QCOMPARE(results[1], std::optional<bool>(false));
    QCOMPARE(results[2], std::optional<bool>(false));
    QCOMPARE(queue.pending(), 0);
}

void TestLoginQueue::boundsAreGlobalAndPerAddress()
{
    LoginQueue queue({3, 2});
    QObject client;
    int done = 0;
    auto count = [&](std::optional<bool>) { ++done; };
    QCOMPARE(queue.submit("a", &client, "x", m_hash, count), LoginQueue::Admission::Queued);
    QCOMPARE(queue.submit("a", &client, "x", m_hash, count), LoginQueue::Admission::Queued);
    QCOMPARE(queue.submit("a", &client, "x", m_hash, count), LoginQueue::Admission::AddressFull);
    QCOMPARE(queue.submit("b", &client, "x", m_hash, count), LoginQueue::Admission::Queued);
    QCOMPARE(queue.submit("c", &client, "x", m_hash, count), LoginQueue::Admission::Full);
    QCOMPARE(queue.pending(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(done, 3, 30000);
    QCOMPARE(queue.pending(), 0);
    // Room again, for everyone.
    QCOMPARE(queue.submit("a", &client, "x", m_hash, count), LoginQueue::Admission::Queued);
    QCOMPARE(queue.submit("c", &client, "x", m_hash, count), LoginQueue::Admission::Queued);
    QTRY_COMPARE_WITH_TIMEOUT(done, 5, 30000);
}

void TestLoginQueue::checksOfClientsThatLeftAreDropped()
{
    LoginQueue queue({});
    constexpr int Checks = 12;
    std::vector<std::unique_ptr<QObject>> clients;
    std::vector<std::optional<bool>> results(Checks);
    int done = 0;
    for (int i = 0; i < Checks; ++i) {
        clients.push_back(std::make_unique<QObject>());
        queue.submit(QByteArray::number(i), clients.back().get(), "right", m_hash, [&, i](std::optional<bool> verdict) {
            results[i] = verdict;
            ++done;
        });
    }
    // The last eight leave at once: the workers are busy with the first ones
    // (a check takes about 0.1 s), so none of the eight has started.
    for (int i = 4; i < Checks; ++i)
        clients[i].reset();
    QTRY_COMPARE_WITH_TIMEOUT(done, Checks, 30000);
    int dropped = 0;
    for (int i = 0; i < Checks; ++i) {
        if (i < 4)
            QCOMPARE(results[i], std::optional<bool>(true));
        else if (!results[i])
            ++dropped;
    }
    QVERIFY2(dropped >= Checks - 4 - QThread::idealThreadCount(), qPrintable(QString::number(dropped)));
    QCOMPARE(queue.pending(), 0);
}

void TestLoginQueue::destructionDropsWhatHasNotStarted()
{
    QObject client;
    QElapsedTimer timer;
    {
        LoginQueue queue({});
        for (int i = 0; i < 40; ++i)
            queue.submit("a", &client, "right", m_hash, [](std::optional<bool>) {});
        timer.start();
    }
    // Forty checks would take 40 / cores of them; only the running ones (one
    // each per core, and the dummy hash) are waited for. Half is a wide margin.
    const qint64 allOfThem = 40 * m_hashMs / qMax(1, QThread::idealThreadCount());
    QVERIFY2(timer.elapsed() < allOfThem / 2,
             qPrintable(QStringLiteral("%1 ms, all would take %2 ms").arg(timer.elapsed()).arg(allOfThem)));
}

QTEST_GUILESS_MAIN(TestLoginQueue)
#include "tst_loginqueue.moc"
