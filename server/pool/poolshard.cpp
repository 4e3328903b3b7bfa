#include "poolshard.h"

#include "expiryqueue.h"
#include "session.h"

using namespace SignalGate::Protocol;

namespace SignalGate::Server {

PoolShard::PoolShard(const SignalGate::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_expiry(new ExpiryQueue(clock, this))
{
    connect(m_expiry, &ExpiryQueue::due, this, [](Session *session) { session->onDeadline(); });
}

PoolShard::~PoolShard()
{
    // Before QObject deletes the children: a session cancels its deadline in
    // the expiry queue, which must still be there. All of them, also those
    // that have finished and wait for their deleteLater.
    m_sessions.clear();
    qDeleteAll(findChildren<Session *>(Qt::FindDirectChildrenOnly));
}

void PoolShard::adopt(Session *session, const QJsonObject &welcome)
{
    session->setParent(this);
    connect(session, &Session::finished, this, &PoolShard::onSessionFinished);
    // In the list first, so the shard follows the session even if its welcome
    // already ends it (a tiny --max-outbound-bytes closes it 1013 right there).
    m_sessions.append(session);
    session->open(welcome, m_expiry);
}

void PoolShard::send(const SignalBatch &batch)
{
    // A copy of the list: a slow consumer may be closed while we iterate.
    const QList<Session *> sessions = m_sessions;
    for (Session *session : sessions)
        session->sendSignals(batch);
}

void PoolShard::closeMatching(const std::function<bool(const Session &)> &predicate, const CloseSpec &spec)
{
    const QList<Session *> sessions = m_sessions;
    for (Session *session : sessions) {
        if (!session->isClosing() && predicate(*session))
            session->close(spec);
    }
}

qsizetype PoolShard::expiryQueueSize() const
{
    return m_expiry->size();
}

void PoolShard::onSessionFinished(Session *session)
{
    m_sessions.removeOne(session);
    Q_EMIT sessionLeft(session->claims().subject);
}

}   // namespace SignalGate::Server
