#include "resumetracker.h"

namespace SignalGate::Client {

void ResumeTracker::reset()
{
    abandon();
    m_everWelcomed = false;
    m_lastSeq = 0;
}

ResumeTracker::Start ResumeTracker::welcomed(qint64 joinSeq)
{
    const bool reconnect = std::exchange(m_everWelcomed, true);
    if (!reconnect) {
        m_lastSeq = qMax(m_lastSeq, joinSeq);
        return {};
    }
    Start start{true, m_lastSeq, false, m_lastSeq};
    if (joinSeq < m_lastSeq) {
        // A restarted server with its in-memory history gone: its seqs start
        // again at 1, so the old position means nothing; replay whatever the
        // new one still has.
        start.restarted = true;
        start.since = 0;
        m_lastSeq = 0;
    }
    m_resuming = true;
    m_since = start.since;
    m_joinSeq = joinSeq;
    m_recovered = 0;
    m_lost = start.restarted ? -1 : 0;
    m_held.clear();
    return start;
}

ResumeTracker::Action ResumeTracker::signal(qint64 seq, const QJsonObject &frame)
{
    if (m_resuming && seq > m_joinSeq) {
        // Live, and the replay of older ones is still coming: held, so that
        // seqs stay in order and the replay is not mistaken for duplicates.
        m_held.append({seq, frame});
        return Action::Hold;
    }
    if (seq <= m_lastSeq)
        return Action::Drop;
    if (m_resuming)
        ++m_recovered;
    m_lastSeq = seq;
    return Action::Deliver;
}

void ResumeTracker::gap(qint64 firstSeq)
{
    if (m_resuming && m_lost >= 0)
        m_lost = qMax<qint64>(0, firstSeq - m_since - 1);
}

std::optional<ResumeTracker::Outcome> ResumeTracker::finish()
{
    if (!m_resuming)
        return std::nullopt;
    m_resuming = false;
    Outcome outcome{m_recovered, m_lost, {}};
    for (const auto &[seq, frame] : std::exchange(m_held, {})) {
        if (seq > m_lastSeq) {
            m_lastSeq = seq;
            outcome.due.append(frame);
        }
    }
    return outcome;
}

void ResumeTracker::abandon()
{
    m_resuming = false;
    m_held.clear();
}

}   // namespace SignalGate::Client
