#pragma once

#include <QList>
#include <QString>

namespace SignalGate::Server {

// The last N broadcast signals, already encoded, for resume (PROTOCOL.md
// section 5). A ring: appending is O(1) and memory is bounded by N frames.
class History
{
public:
    explicit History(int capacity);

    void append(quint64 seq, const QString &frame);
    bool isEmpty() const { return m_size == 0; }
    quint64 firstSeq() const;   // 0 when empty
    quint64 lastSeq() const;    // 0 when empty
    int capacity() const { return int(m_frames.size()); }
    // Frames with afterSeq < seq <= upToSeq that are still retained, in order;
    // at most maxCount of them (the first ones) when maxCount >= 0.
    QList<QString> between(quint64 afterSeq, quint64 upToSeq, qsizetype maxCount = -1) const;

private:
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
