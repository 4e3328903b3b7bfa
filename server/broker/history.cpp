#include "history.h"

namespace SignalGate::Server {

History::History(int capacity) : m_frames(qMax(0, capacity)) {}

void History::append(quint64 seq, const QString &frame)
{
    const std::lock_guard lock(m_mutex);
    if (m_frames.isEmpty())
        return;
    // between() finds a seq by arithmetic, so the ring holds one unbroken
    // run: a jump (signals lost from a shared stream) starts it over.
    if (m_size > 0 && seq != lastSeqLocked() + 1) {
        m_head = 0;
        m_size = 0;
    }
    const int capacity = int(m_frames.size());
    if (m_size < capacity) {
        m_frames[(m_head + m_size) % capacity] = {seq, frame};
        ++m_size;
    } else {
        m_frames[m_head] = {seq, frame};
        m_head = (m_head + 1) % capacity;
    }
}

quint64 History::firstSeq() const
{
    const std::lock_guard lock(m_mutex);
    return firstSeqLocked();
}

quint64 History::lastSeq() const
{
    const std::lock_guard lock(m_mutex);
    return lastSeqLocked();
}

quint64 History::firstSeqLocked() const
{
    return m_size ? m_frames[m_head].seq : 0;
}

quint64 History::lastSeqLocked() const
{
    return m_size ? m_frames[(m_head + m_size - 1) % int(m_frames.size())].seq : 0;
}

History::Slice History::between(quint64 afterSeq, quint64 upToSeq, qsizetype maxCount) const
{
    const std::lock_guard lock(m_mutex);
    Slice slice;
    slice.retainedFrom = firstSeqLocked();
    if (m_size == 0 || upToSeq <= afterSeq)
        return slice;
    // seq rises by one per entry, so the start is found by arithmetic.
    const quint64 first = slice.retainedFrom;
    const quint64 from = slice.firstFrameSeq(afterSeq);
    quint64 to = qMin(upToSeq, lastSeqLocked());
    if (maxCount >= 0 && from <= to && to - from + 1 > quint64(maxCount))
        to = from + quint64(maxCount) - 1;
    if (from > to || maxCount == 0)
        return slice;
    slice.frames.reserve(qsizetype(to - from + 1));
    const int capacity = int(m_frames.size());
    for (quint64 seq = from; seq <= to; ++seq)
        slice.frames.append(m_frames[(m_head + int(seq - first)) % capacity].frame);
    return slice;
}

}   // namespace SignalGate::Server
