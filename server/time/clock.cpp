#include "clock.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace SignalGate {
namespace {

class SystemClock final : public Clock
{
public:
    SystemClock() { m_monotonic.start(); }
    qint64 wallMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
    qint64 monotonicMs() const override { return m_monotonic.elapsed(); }

private:
    QElapsedTimer m_monotonic;
};

}   // namespace

qint64 Clock::wallSeconds() const
{
    const qint64 ms = wallMs();
    return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

const Clock &Clock::system()
{
    static const SystemClock clock;
    return clock;
}

}   // namespace SignalGate
