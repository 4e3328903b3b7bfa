#pragma once

#include "closecodes.h"
#include "framewriter.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>

#include <functional>
#include <memory>

class QThread;

namespace SignalGate {
class Clock;
}

namespace SignalGate::Server {

class Metrics;
class PoolShard;
class Session;
class ThreadInbox;

// The broadcast pool of this node: only authenticated sessions are ever in
// it. The broker orders and encodes each signal; the pool sends every member
// the same (implicitly shared) frames.
//
// Signals are sent once per event-loop turn: that turn's frames, encoded
// once and back to back, with one write() per socket, as a raw broadcaster
// does (FrameWriter, docs/PERFORMANCE.md).
//
// The sessions are shared over one PoolShard per thread (--threads). The
// pool itself lives on the main thread with the gate and the broker: it
// keeps the counts the gate checks, hands each shard the same immutable
// batch, and reaches the shards only through their ThreadInbox. Work for one
// shard runs in the order it was posted, so a session joining after a batch
// was handed out never gets that batch, and one joining before always does.
class SignalPool : public QObject
{
    Q_OBJECT
public:
    // lastSeq: the broker's position when the pool starts. threads 1 keeps the
    // one shard on this thread; more start that many threads. home: this
    // thread's inbox, where the shards report sessions that left; it must
    // outlive the pool.
    SignalPool(Metrics *metrics, const SignalGate::Clock &clock, ThreadInbox *home, int threads = 1,
               quint64 lastSeq = 0, QObject *parent = nullptr);
    ~SignalPool() override;

    // Takes ownership of a session made on this thread with no parent: moves
    // it to the least busy shard, which sends it welcome. The session leaves
    // by itself when its socket is gone.
    void join(Session *session, const QJsonObject &welcome);
    int size() const { return m_size; }
    int countFor(const QString &subject) const { return m_perSubject.value(subject); }
    // Sessions per shard, as the pool counts them (for tests and benchmarks).
    QList<int> shardSizes() const;
    // The last seq handed to the shards: where a session joining now starts.
    // Signals still waiting for this turn's send are after it, so a session
    // that joins now gets them live and never also in a resume.
    quint64 lastSeq() const { return m_lastSeq; }
    // Deadlines the shards' expiry queues hold; waits for each pool thread.
    qsizetype expiryQueueSize() const;

    // A signal from the broker, to every member by the end of this turn.
    void deliver(quint64 seq, const QString &frame);
    // The broker's stream is at lastSeq without this pool having seen it go
    // by (a node's first sync with a shared broker): later joins start there.
    void startAt(quint64 lastSeq);
    void closeAll(const Protocol::CloseSpec &spec);
    // Closes every session the predicate picks; it runs on the pool threads,
    // so it must own what it reads.
    void closeMatching(const std::function<bool(const Session &)> &predicate, const Protocol::CloseSpec &spec);

Q_SIGNALS:
    void sizeChanged(int size);

private:
    struct Shard
    {
        PoolShard *shard = nullptr;
        ThreadInbox *inbox = nullptr;   // on the shard's thread
        QThread *thread = nullptr;      // null: the main thread
        int size = 0;
    };

    void sendPending();
    void onSessionLeft(int shard, const QString &subject);
    template<typename Call>
    void forEachShard(Call call);

    Metrics *m_metrics;
    QList<Shard> m_shards;
    int m_size = 0;
    QHash<QString, int> m_perSubject;
    quint64 m_lastSeq = 0;
    SignalBatch m_pending;   // this turn's signals, in seq order
    quint64 m_pendingLastSeq = 0;
};

}   // namespace SignalGate::Server
