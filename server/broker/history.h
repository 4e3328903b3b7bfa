#pragma once

#include <QList>
#include <QString>

#include <mutex>

namespace SignalGate::Server {

// The last N broadcast signals, already encoded, for resume (PROTOCOL.md
// section 5). A ring: appending is O(1) and memory is bounded by N frames.
// The broker appends on the main thread while sessions replay from their
// pool threads, so every call takes the ring's lock and answers from one
// consistent state.
class History
{
public:
    explicit History(int capacity);

    // What between() found, read under one lock: the frames, and the first
    // seq the ring still held at that moment (0 when empty), so a reader
    // knows where the frames start and whether it missed some.
    struct Slice
    {
        quint64 retainedFrom = 0;
        QList<QString> frames;
        quint64 firstFrameSeq(quint64 afterSeq) const { return qMax(afterSeq + 1, retainedFrom); }
    };

    void append(quint64 seq, const QString &frame);
    bool isEmpty() const { return firstSeq() == 0; }
    quint64 firstSeq() const;   // 0 when empty
    quint64 lastSeq() const;    // 0 when empty
    int capacity() const { return int(m_frames.size()); }
    // Frames with afterSeq < seq <= upToSeq that are still retained, in order;
    // at most maxCount of them (the first ones) when maxCount >= 0.
    Slice between(quint64 afterSeq, quint64 upToSeq, qsizetype maxCount = -1) const;

private:
    quint64 firstSeqLocked() const;
    quint64 lastSeqLocked() const;

    mutable std::mutex m_mutex;
    struct Entry
    {
        quint64 seq = 0;
        QString frame;
    };

    QList<Entry> m_frames;
    int m_head = 0;   // index of the oldest entry
    int m_size = 0;
};

}   // namespace SignalGate::Server
