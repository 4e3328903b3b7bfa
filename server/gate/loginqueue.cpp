#include "loginqueue.h"

#include "auth/passwordhasher.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <memory>

LoginQueue::LoginQueue(Limits limits, QObject *parent)
    : QObject(parent), m_limits(limits)
{
    // Thread-safe static initialisation: a login that needs the dummy before
    // this is done waits for it on its worker, never on the event loop.
    (void)QtConcurrent::run(&m_pool, [] { PasswordHasher::dummyHash(); });
}

LoginQueue::~LoginQueue()
{
    m_pool.clear();
    m_pool.waitForDone();
}

LoginQueue::Admission LoginQueue::submit(const QByteArray &addressKey, const QObject *client,
                                         const QByteArray &password, const QByteArray &encodedHash, Done done)
{
    if (m_limits.maxPending > 0 && m_pending >= m_limits.maxPending)
        return Admission::Full;
    int &fromAddress = m_pendingPerAddress[addressKey];
    if (m_limits.maxPendingPerAddress > 0 && fromAddress >= m_limits.maxPendingPerAddress) {
        if (fromAddress == 0)
            m_pendingPerAddress.remove(addressKey);
        return Admission::AddressFull;
    }
    ++m_pending;
    ++fromAddress;

    // The worker cannot look at a QObject of this thread; it reads this flag.
    auto clientGone = std::make_shared<std::atomic_bool>(false);
    connect(client, &QObject::destroyed, this, [clientGone] { clientGone->store(true); });

    auto *watcher = new QFutureWatcher<std::optional<bool>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [=] {
        watcher->deleteLater();
        release(addressKey);
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [clientGone, password, encodedHash]() -> std::optional<bool> {
        if (clientGone->load())
            return std::nullopt;
        return PasswordHasher::verify(password, encodedHash.isEmpty() ? PasswordHasher::dummyHash() : encodedHash);
    }));
    return Admission::Queued;
}

void LoginQueue::release(const QByteArray &addressKey)
{
    --m_pending;
    auto it = m_pendingPerAddress.find(addressKey);
    if (it != m_pendingPerAddress.end() && --it.value() <= 0)
        m_pendingPerAddress.erase(it);
}
