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
    m_restarted = start.restarted;
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
    else if (seq > m_lastSeq + 1)
        m_skipped += seq - m_lastSeq - 1;
    m_lastSeq = seq;
    return Action::Deliver;
}

std::optional<ResumeTracker::Outcome> ResumeTracker::finish()
{
    if (!m_resuming)
        return std::nullopt;
    m_resuming = false;
    m_lastSeq = qMax(m_lastSeq, m_joinSeq);
    Outcome outcome{m_recovered, 0, {}};
    for (const auto &[seq, frame] : std::exchange(m_held, {})) {
        if (seq > m_lastSeq) {
            m_lastSeq = seq;
            outcome.due.append(frame);
        }
    }
    // Everything delivered during the resume is one rising run of seqs after
    // since, so whatever is not in it never came.
    outcome.lost = m_restarted ? -1 : m_lastSeq - m_since - m_recovered - outcome.due.size();
    return outcome;
}

void ResumeTracker::abandon()
{
    m_resuming = false;
    m_held.clear();
}

}   // namespace SignalGate::Client
