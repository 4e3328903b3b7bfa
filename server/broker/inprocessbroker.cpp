#include "inprocessbroker.h"

#include "messages.h"

using namespace SignalGate::Protocol;

namespace SignalGate::Server {

InProcessBroker::InProcessBroker(int historySize, quint64 lastSeq, Reserve reserve, QObject *parent)
    : Broker(parent)
    , m_history(historySize)
    , m_lastSeq(lastSeq)
    , m_reserve(std::move(reserve))
{}

void InProcessBroker::publish(SignalFrame signal, Published done)
{
    const quint64 seq = ++m_lastSeq;
    if (m_reserve && seq > m_reservedUpTo)
        m_reservedUpTo = m_reserve(m_lastSeq);
    // The contract's seq is a JSON integer (qint64): 2^63 signals are out of reach.
    signal.seq = qint64(seq);
    // Qt 6.4's QWebSocket only sends text from a QString; building it once
    // here means the JSON is encoded once per signal, whatever the pool size.
    const QString frame = QString::fromUtf8(Messages::encode(signal.toJson()));
    m_history.append(seq, frame);
    Q_EMIT delivered(seq, frame);
    if (done)
        done(seq);
}

}   // namespace SignalGate::Server
