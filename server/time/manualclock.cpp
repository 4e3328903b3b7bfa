#include "manualclock.h"

namespace SignalGate {

ManualClock::ManualClock(Flow flow, QObject *parent) : Clock(parent), m_flow(flow), m_frozenWall(system().wallMs())
{
    // Following the system, monotonic time starts at 0 like a frozen clock's.
    if (m_flow == Flow::FollowsSystem)
        m_monotonicOffset = -system().monotonicMs();
}

qint64 ManualClock::wallMs() const
{
    return (m_flow == Flow::Frozen ? m_frozenWall : system().wallMs()) + m_wallOffset;
}

qint64 ManualClock::monotonicMs() const
{
    return (m_flow == Flow::Frozen ? 0 : system().monotonicMs()) + m_monotonicOffset;
}

void ManualClock::advance(qint64 ms)
{
    if (ms <= 0)
        return;
    m_wallOffset += ms;
    m_monotonicOffset += ms;
    Q_EMIT jumped();
}

void ManualClock::setWallMs(qint64 ms)
{
    m_wallOffset += ms - wallMs();
    Q_EMIT jumped();
}

}   // namespace SignalGate
