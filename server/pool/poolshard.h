#pragma once

#include "closecodes.h"
#include "framewriter.h"

#include <QJsonObject>
#include <QList>
#include <QObject>

#include <functional>

namespace SignalGate {
class Clock;
}

namespace SignalGate::Server {

class ExpiryQueue;
class Session;

// One event loop's share of the pool: its sessions, their expiry deadlines,
// and the fan-out of each batch to them. It lives on a pool thread (or on
// the main thread with --threads 1) and is only called there: SignalPool
// reaches it with queued calls, so everything here is single-threaded.
class PoolShard : public QObject
{
    Q_OBJECT
public:
    explicit PoolShard(const SignalGate::Clock &clock, QObject *parent = nullptr);
    ~PoolShard() override;

    // Takes ownership of a session already moved to this thread, sends its
    // welcome and starts following its token's expiry.
    void adopt(Session *session, const QJsonObject &welcome);
    void send(const SignalBatch &batch);
    void closeMatching(const std::function<bool(const Session &)> &predicate, const Protocol::CloseSpec &spec);
    qsizetype expiryQueueSize() const;

Q_SIGNALS:
    // A session of this shard has ended (and deletes itself).
    void sessionLeft(const QString &subject);

private:
    void onSessionFinished(Session *session);

    ExpiryQueue *m_expiry;   // a child: it moves to the pool thread with the shard
    QList<Session *> m_sessions;
};

}   // namespace SignalGate::Server
