#pragma once

#include "clock.h"

#include <atomic>

namespace SignalGate {

// A clock that moves when told, for tests and benchmarks. Frozen, it stands
// still between calls; following the system clock, it runs in real time plus
// whatever the test added, so code that waits for real time still works
// while the test jumps over the long waits.
class ManualClock final : public Clock
{
    Q_OBJECT
public:
    enum class Flow { Frozen, FollowsSystem };

    // Starts at the system's wall time and monotonic 0.
    explicit ManualClock(Flow flow = Flow::Frozen, QObject *parent = nullptr);

    qint64 wallMs() const override;
    qint64 monotonicMs() const override;

    // Both clocks move forward by ms (negative ms is ignored).
    void advance(qint64 ms);
    // The wall clock steps to ms (backwards too); monotonic time does not move.
    void setWallMs(qint64 ms);

private:
    // Read from the server's pool threads while a test moves it.
    const Flow m_flow;
    std::atomic<qint64> m_wallOffset{0};
    std::atomic<qint64> m_monotonicOffset{0};
    const qint64 m_frozenWall;
};

}   // namespace SignalGate
