#pragma once

#include "broker.h"
#include "history.h"
#include "redisscript.h"

#include <QElapsedTimer>

#include <map>

namespace SignalGate::Server {

class RedisLink;

// The broker of several nodes (PROTOCOL.md section 10.7): Redis gives every
// signal its seq, keeps the stream's history and fans it out to the nodes.
//
// Publishing is one script (see SCALING.md): it bumps the seq in a meta hash
// that also holds the stream's epoch, XADDs the signal with the seq as its
// ID, and PUBLISHes it. Each node delivers what pub/sub brings in seq order;
// a gap (a message lost while the subscriber reconnected) is filled from the
// stream with XRANGE before anything after it goes out. After every
// reconnect the node reads the stream from its last seq, so open sessions
// miss nothing the stream still holds.
//
// Resume is served from the local History as with one node; it is filled
// from the stream at the first sync, so a client may resume on this node
// from a seq it got on another.
class RedisBroker : public Broker
{
    Q_OBJECT
public:
    struct Stats
    {
        quint64 published = 0;
        quint64 publishFailures = 0;
        double publishSeconds = 0;   // summed from publish() to Redis' answer
        quint64 messagesReceived = 0;
        quint64 gapsFilled = 0;
        quint64 epochChanges = 0;
    };

    RedisBroker(RedisLink &link, int historySize, QObject *parent = nullptr);

    void publish(Protocol::SignalFrame signal, Published done = {}) override;
    quint64 lastSeq() const override { return m_lastSeq; }
    const History &history() const override { return m_history; }
    QString epoch() const override { return QString::fromLatin1(m_epoch); }
    // Ready once the link is up and this node has read the stream's position.
    bool isSynced() const { return m_synced; }
    QString problem() const override;
    const Stats &stats() const { return m_stats; }

private:
    void sync();
    void syncedAt(const QByteArray &epoch, quint64 streamLastSeq);
    void received(const QByteArray &payload);
    void adoptEpoch(const QByteArray &epoch);
    // Delivers pending signals that follow lastSeq; fetches a gap from the stream.
    void pump();
    void fetch(quint64 fromSeq, quint64 toSeq);
    void deliver(quint64 seq, const QByteArray &signalJson);
    // The frame clients get: the stored JSON with its seq; nullopt if it is not a signal.
    static std::optional<QString> frameFor(quint64 seq, const QByteArray &signalJson);

    RedisLink &m_link;
    RedisScript m_publishScript;
    QByteArray m_metaKey;
    QByteArray m_streamKey;
    QByteArray m_channel;
    int m_historySize;
    History m_history;
    QByteArray m_epoch;
    quint64 m_lastSeq = 0;                     // delivered to this node
    quint64 m_knownSeq = 0;                    // the highest seq known to exist in the stream
    std::map<quint64, QByteArray> m_pending;   // seq -> signal JSON, waiting for the seqs before it
    bool m_fetching = false;
    bool m_publishFailing = false;
    bool m_positioned = false;   // the first sync has set m_lastSeq
    bool m_synced = false;       // since the last ready()
    Stats m_stats;
};

}   // namespace SignalGate::Server
