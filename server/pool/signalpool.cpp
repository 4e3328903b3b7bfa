#include "signalpool.h"

#include "metrics.h"
#include "session.h"

using namespace SignalGate::Protocol;

namespace SignalGate::Server {

SignalPool::SignalPool(Metrics *metrics, quint64 lastSeq, QObject *parent)
    : QObject(parent)
    , m_metrics(metrics)
    , m_lastSeq(lastSeq)
{}

void SignalPool::join(Session *session)
{
    session->setParent(this);
    connect(session, &Session::finished, this, &SignalPool::onSessionFinished);
    m_sessions.append(session);
    ++m_perSubject[session->claims().subject];
    Q_EMIT sizeChanged(size());
}

void SignalPool::deliver(quint64 seq, const QString &frame)
{
    if (m_pending.isEmpty())
        QMetaObject::invokeMethod(this, &SignalPool::sendPending, Qt::QueuedConnection);
    m_pending.append(frame);
    m_pendingLastSeq = seq;
}

void SignalPool::sendPending()
{
    const SignalBatch batch = std::exchange(m_pending, {});
    if (batch.isEmpty())
        return;
    m_lastSeq = m_pendingLastSeq;
    // A copy of the list: a slow consumer may be closed while we iterate.
    const QList<Session *> sessions = m_sessions;
    for (Session *session : sessions)
        session->sendSignals(batch);
    m_metrics->countSignalsBroadcast(batch.texts.size());
}

void SignalPool::closeAll(const CloseSpec &spec)
{
    for (Session *session : std::as_const(m_sessions))
        session->close(spec);
}

int SignalPool::closeMatching(const std::function<bool(const Session &)> &predicate, const CloseSpec &spec)
{
    int closed = 0;
    const QList<Session *> sessions = m_sessions;
    for (Session *session : sessions) {
        if (!session->isClosing() && predicate(*session)) {
            session->close(spec);
            ++closed;
        }
    }
    return closed;
}

void SignalPool::onSessionFinished(Session *session)
{
    m_sessions.removeOne(session);
    auto it = m_perSubject.find(session->claims().subject);
    if (it != m_perSubject.end() && --it.value() <= 0)
        m_perSubject.erase(it);
    Q_EMIT sizeChanged(size());
}

}   // namespace SignalGate::Server
