#include "loginqueue.h"

#include "passwordhasher.h"

#include <QThread>

namespace SignalGate::Server {

LoginQueue::LoginQueue(Limits limits, QObject *parent) : QObject(parent), m_limits(limits)
{
    const int workers = qMax(1, QThread::idealThreadCount());
    for (int i = 0; i < workers; ++i)
        m_workers.emplace_back([this] { work(); });
}

LoginQueue::~LoginQueue()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
        m_jobs.clear();
    }
    m_wake.notify_all();
    for (std::thread &worker : m_workers)
        worker.join();
}

LoginQueue::Admission LoginQueue::submit(const QByteArray &addressKey, const QObject *client,
                                         const QByteArray &password, const QByteArray &encodedHash, Done done)
{
    if (m_limits.maxPending > 0 && m_pending >= m_limits.maxPending)
        return Admission::Full;
    if (m_limits.maxPendingPerAddress > 0 && m_pendingPerAddress.value(addressKey) >= m_limits.maxPendingPerAddress)
        return Admission::AddressFull;
    ++m_pending;
    ++m_pendingPerAddress[addressKey];

    // A worker cannot look at a QObject of this thread; it reads this flag.
    auto clientGone = std::make_shared<std::atomic_bool>(false);
    connect(client, &QObject::destroyed, this, [clientGone] { clientGone->store(true); });
    const quint64 id = ++m_nextId;
    m_waiting.insert(id, {addressKey, std::move(done)});
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_jobs.push_back({id, password, encodedHash, std::move(clientGone)});
    }
    m_wake.notify_one();
    return Admission::Queued;
}

void LoginQueue::work()
{
    // Thread-safe static initialisation: a check that needs the dummy before
    // this is done waits for it here, on a worker, never on the event loop.
    PasswordHasher::dummyHash();
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_stopping)
                return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        std::optional<bool> verdict;
        if (!job.clientGone->load())
            verdict = PasswordHasher::verify(job.password,
                                             job.encodedHash.isEmpty() ? PasswordHasher::dummyHash() : job.encodedHash);
        bool wakeOwner = false;
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            wakeOwner = m_results.empty();
            m_results.push_back({job.id, verdict});
        }
        // One queued call per batch; the destructor joins us before the
        // object goes, and Qt drops calls queued for a deleted object.
        if (wakeOwner)
            QMetaObject::invokeMethod(this, "deliverResults", Qt::QueuedConnection);
    }
}

void LoginQueue::deliverResults()
{
    std::vector<Result> results;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        results.swap(m_results);
    }
    for (const Result &result : results) {
        const Waiting waiting = m_waiting.take(result.id);
        --m_pending;
        auto it = m_pendingPerAddress.find(waiting.addressKey);
        if (it != m_pendingPerAddress.end() && --it.value() <= 0)
            m_pendingPerAddress.erase(it);
        waiting.done(result.verdict);
    }
}

}   // namespace SignalGate::Server
