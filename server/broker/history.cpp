#include "history.h"

namespace SignalGate::Server {

History::History(int capacity) : m_frames(qMax(0, capacity)) {}

void History::append(quint64 seq, const QString &frame)
{
    if (m_frames.isEmpty())
        return;
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
    return m_size ? m_frames[m_head].seq : 0;
}

quint64 History::lastSeq() const
{
    return m_size ? m_frames[(m_head + m_size - 1) % int(m_frames.size())].seq : 0;
}

QList<QString> History::between(quint64 afterSeq, quint64 upToSeq, qsizetype maxCount) const
{
    QList<QString> frames;
    if (m_size == 0 || upToSeq <= afterSeq)
        return frames;
    // seq rises by one per entry, so the start is found by arithmetic.
    const quint64 first = firstSeq();
    const quint64 from = qMax(afterSeq + 1, first);
    quint64 to = qMin(upToSeq, lastSeq());
    if (maxCount >= 0 && from <= to && to - from + 1 > quint64(maxCount))
        to = from + quint64(maxCount) - 1;
    if (from > to || maxCount == 0)
        return frames;
    frames.reserve(qsizetype(to - from + 1));
    const int capacity = int(m_frames.size());
    for (quint64 seq = from; seq <= to; ++seq)
        frames.append(m_frames[(m_head + int(seq - first)) % capacity].frame);
    return frames;
}

}   // namespace SignalGate::Server
