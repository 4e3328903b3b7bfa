#pragma once

#include "broker.h"
#include "history.h"

namespace SignalGate::Server {

// The broker of a single node: seqs count up in memory, reserved in blocks
// so a restart never hands out a seq twice (see SequenceStore), and the
// history is a ring of the last N frames.
class InProcessBroker : public Broker
{
    Q_OBJECT
public:
    // Asked for a new limit whenever seq would pass the current one; returns it.
    using Reserve = std::function<quint64(quint64 lastSeq)>;

    // lastSeq is where the previous run stopped.
    InProcessBroker(int historySize, quint64 lastSeq = 0, Reserve reserve = {}, QObject *parent = nullptr);

    void publish(Protocol::SignalFrame signal, Published done = {}) override;
    quint64 lastSeq() const override { return m_lastSeq; }
    const History &history() const override { return m_history; }

private:
    History m_history;
    quint64 m_lastSeq = 0;
    quint64 m_reservedUpTo = 0;
    Reserve m_reserve;
};

}   // namespace SignalGate::Server
