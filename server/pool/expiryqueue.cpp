#include "expiryqueue.h"

#include <QList>

#include <algorithm>

namespace SignalGate::Server {

ExpiryQueue::ExpiryQueue(const SignalGate::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_timer(this)   // a child, so it moves to the pool thread with the queue
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ExpiryQueue::onTimeout);
    connect(&m_clock, &SignalGate::Clock::jumped, this, &ExpiryQueue::onTimeout);
}

void ExpiryQueue::schedule(Session *session, qint64 atMs)
{
    const auto existing = m_entries.constFind(session);
    if (existing != m_entries.constEnd())
        m_byTime.erase(existing.value());
    m_entries.insert(session, m_byTime.emplace(atMs, session));
    arm();
}

void ExpiryQueue::cancel(Session *session)
{
    const auto existing = m_entries.constFind(session);
    if (existing == m_entries.constEnd())
        return;
    m_byTime.erase(existing.value());
    m_entries.erase(existing);
    arm();
}

void ExpiryQueue::arm()
{
    if (m_byTime.empty()) {
        m_timer.stop();
        return;
    }
    // QTimer takes an int of milliseconds; a deadline further out is reached
    // in steps (re-armed on each timeout).
    const qint64 wait = std::clamp<qint64>(m_byTime.begin()->first - m_clock.wallMs(), 0, 24 * 3600 * 1000);
    m_timer.start(int(wait));
}

void ExpiryQueue::onTimeout()
{
    const qint64 now = m_clock.wallMs();
    QList<Session *> due;
    while (!m_byTime.empty() && m_byTime.begin()->first <= now) {
        Session *session = m_byTime.begin()->second;
        m_entries.remove(session);
        m_byTime.erase(m_byTime.begin());
        due.append(session);
    }
    arm();
    // Handlers may schedule again (warning -> expiry) or close the session.
    for (Session *session : std::as_const(due))
        Q_EMIT this->due(session);
}

}   // namespace SignalGate::Server
