#include "signalpool.h"

#include "metrics.h"
#include "poolshard.h"
#include "session.h"
#include "threadinbox.h"

#include <QPointer>
#include <QThread>

#include <algorithm>

using namespace SignalGate::Protocol;

namespace SignalGate::Server {

SignalPool::SignalPool(Metrics *metrics, const SignalGate::Clock &clock, ThreadInbox *home, int threads,
                       quint64 lastSeq, QObject *parent)
    : QObject(parent)
    , m_metrics(metrics)
    , m_lastSeq(lastSeq)
{
    const int count = qMax(1, threads);
    const QPointer<SignalPool> self(this);
    for (int i = 0; i < count; ++i) {
        Shard shard;
        shard.shard = new PoolShard(clock);
        shard.inbox = new ThreadInbox;
        if (count > 1) {
            shard.thread = new QThread;
            shard.thread->setObjectName(QStringLiteral("signalgate-pool-%1").arg(i));
            shard.shard->moveToThread(shard.thread);
            shard.inbox->moveToThread(shard.thread);
            shard.thread->start();
        }
        // Emitted on the shard's thread; counted on this one. The pointer
        // guards against a report that arrives after the pool is gone.
        connect(
                shard.shard, &PoolShard::sessionLeft, shard.shard,
                [home, self, i](const QString &subject) {
                    home->post([self, i, subject] {
                        if (self)
                            self->onSessionLeft(i, subject);
                    });
                },
                Qt::DirectConnection);
        m_shards.append(shard);
    }
}

SignalPool::~SignalPool()
{
    for (const Shard &shard : std::as_const(m_shards)) {
        // Sessions and their timers are deleted on the thread they belong
        // to; run() returning also orders all of that thread's work before
        // what this thread does next.
        PoolShard *doomed = shard.shard;
        shard.inbox->run([doomed] { delete doomed; });
        if (shard.thread) {
            shard.thread->quit();
            shard.thread->wait();
            delete shard.thread;
        }
        delete shard.inbox;
    }
}

template<typename Call>
void SignalPool::forEachShard(Call call)
{
    // At once for a shard on this thread, queued (in call order) for a pool thread.
    for (const Shard &shard : std::as_const(m_shards)) {
        PoolShard *target = shard.shard;
        shard.inbox->post([target, call] { call(*target); });
    }
}

void SignalPool::join(Session *session, const QJsonObject &welcome)
{
    const auto least = std::min_element(m_shards.begin(), m_shards.end(),
                                        [](const Shard &a, const Shard &b) { return a.size < b.size; });
    ++least->size;
    ++m_size;
    ++m_perSubject[session->claims().subject];
    if (least->thread)
        session->moveToThread(least->thread);
    // Queued behind every batch already handed out, ahead of every later one.
    PoolShard *target = least->shard;
    least->inbox->post([target, session, welcome] { target->adopt(session, welcome); });
    Q_EMIT sizeChanged(m_size);
}

QList<int> SignalPool::shardSizes() const
{
    QList<int> sizes;
    for (const Shard &shard : m_shards)
        sizes.append(shard.size);
    return sizes;
}

qsizetype SignalPool::expiryQueueSize() const
{
    qsizetype total = 0;
    for (const Shard &shard : m_shards) {
        const PoolShard *target = shard.shard;
        shard.inbox->run([target, &total] { total += target->expiryQueueSize(); });
    }
    return total;
}

void SignalPool::deliver(quint64 seq, const QString &frame)
{
    if (m_pending.isEmpty())
        QMetaObject::invokeMethod(this, &SignalPool::sendPending, Qt::QueuedConnection);
    m_pending.append(frame);
    m_pendingLastSeq = seq;
}

void SignalPool::startAt(quint64 lastSeq)
{
    if (m_pending.isEmpty())
        m_lastSeq = m_pendingLastSeq = lastSeq;
}

void SignalPool::sendPending()
{
    // Moved out whole: the shards share this batch and nobody writes to it again.
    const SignalBatch batch = std::exchange(m_pending, {});
    if (batch.isEmpty())
        return;
    m_lastSeq = m_pendingLastSeq;
    forEachShard([batch](PoolShard &shard) { shard.send(batch); });
    m_metrics->countSignalsBroadcast(batch.texts.size());
}

void SignalPool::closeAll(const CloseSpec &spec)
{
    closeMatching([](const Session &) { return true; }, spec);
}

void SignalPool::closeMatching(const std::function<bool(const Session &)> &predicate, const CloseSpec &spec)
{
    forEachShard([predicate, spec](PoolShard &shard) { shard.closeMatching(predicate, spec); });
}

void SignalPool::onSessionLeft(int shard, const QString &subject)
{
    --m_shards[shard].size;
    --m_size;
    auto it = m_perSubject.find(subject);
    if (it != m_perSubject.end() && --it.value() <= 0)
        m_perSubject.erase(it);
    Q_EMIT sizeChanged(m_size);
}

}   // namespace SignalGate::Server
