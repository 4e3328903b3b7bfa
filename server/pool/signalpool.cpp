#include "signalpool.h"

#include "protocol/messages.h"
#include "session.h"

SignalPool::SignalPool(QObject *parent) : QObject(parent) { }

void SignalPool::join(Session *session)
{
    session->setParent(this);
    connect(session, &Session::finished, this, &SignalPool::onSessionFinished);
    m_sessions.append(session);
    Q_EMIT sizeChanged(size());
}

void SignalPool::publish(Signal signal)
{
    signal.seq = ++m_lastSeq;
    // Qt 6.4's QWebSocket only sends text from a QString; building it once
    // here means the JSON is encoded once per signal, whatever the pool size.
    const QString frame = QString::fromUtf8(Messages::encode(signal.toJson()));
    for (Session *session : std::as_const(m_sessions))
        session->sendText(frame);
}

void SignalPool::closeAll(const CloseSpec &spec)
{
    for (Session *session : std::as_const(m_sessions))
        session->close(spec);
}

void SignalPool::onSessionFinished(Session *session)
{
    m_sessions.removeOne(session);
    Q_EMIT sizeChanged(size());
}
