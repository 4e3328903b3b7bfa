#include "signalpool.h"

#include "metrics.h"
#include "messages.h"
#include "session.h"

using namespace SignalGate::Protocol;

namespace SignalGate::Server {

SignalPool::SignalPool(Metrics *metrics, int historySize, quint64 lastSeq, Reserve reserve, QObject *parent)
    : QObject(parent), m_metrics(metrics), m_history(historySize), m_lastSeq(lastSeq), m_reserve(std::move(reserve))
{
}

void SignalPool::join(Session *session)
{
    session->setParent(this);
    connect(session, &Session::finished, this, &SignalPool::onSessionFinished);
    m_sessions.append(session);
    ++m_perSubject[session->claims().subject];
    Q_EMIT sizeChanged(size());
}

quint64 SignalPool::publish(SignalFrame signal)
{
    const quint64 seq = ++m_lastSeq;
    // The contract's seq is a JSON integer (qint64): 2^63 signals are out of reach.
    signal.seq = qint64(seq);
    if (m_reserve && seq > m_reservedUpTo)
        m_reservedUpTo = m_reserve(m_lastSeq);
    // Qt 6.4's QWebSocket only sends text from a QString; building it once
    // here means the JSON is encoded once per signal, whatever the pool size.
    const QString frame = QString::fromUtf8(Messages::encode(signal.toJson()));
    m_history.append(seq, frame);
    // A copy of the list: a slow consumer may be closed while we iterate.
    const QList<Session *> sessions = m_sessions;
    for (Session *session : sessions)
        session->sendSignal(frame);
    m_metrics->countSignalBroadcast();
    return seq;
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

} // namespace SignalGate::Server
