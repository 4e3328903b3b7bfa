#include "connectionpacer.h"

#include <QLoggingCategory>
#include <QPointer>

#include <cmath>

namespace SignalGate::Scenarios {

Q_DECLARE_LOGGING_CATEGORY(lcScenarios)

ConnectionPacer::ConnectionPacer(QObject *parent) : QObject(parent), m_updatedMs(m_clock->monotonicMs()) {}

void ConnectionPacer::setClock(const SignalGate::Clock &clock)
{
    m_clock = &clock;
    m_updatedMs = m_clock->monotonicMs();
}

void ConnectionPacer::setLimit(int count, int windowSeconds)
{
    if (count == m_count && windowSeconds == m_window)
        return;
    refill();
    // What we spent under the assumed limit stays spent under the real one.
    const double spent = limited() ? double(m_count) - m_tokens : 0.0;
    m_count = qMax(0, count);
    m_window = qMax(0, windowSeconds);
    if (limited())
        m_tokens = qMax(0.0, double(m_count) - spent);
    qCInfo(lcScenarios) << "server publishes conn_rate" << m_count << "per" << m_window << "s";
}

qint64 ConnectionPacer::intervalMs() const
{
    return limited() ? qint64(std::ceil(m_window * 1000.0 / m_count)) : 0;
}

void ConnectionPacer::refill() const
{
    const qint64 now = m_clock->monotonicMs();
    if (limited() && now > m_updatedMs)
        m_tokens = qMin(double(m_count), m_tokens + double(now - m_updatedMs) / double(intervalMs()));
    m_updatedMs = now;
}

qint64 ConnectionPacer::delayMs() const
{
    if (!limited())
        return 0;
    refill();
    const qint64 now = m_clock->monotonicMs();
    qint64 wait = m_tokens >= 1.0 ? 0 : qint64(std::ceil((1.0 - m_tokens) * double(intervalMs()))) + MarginMs;
    if (m_blockedUntilMs > now)
        wait = qMax(wait, m_blockedUntilMs - now + MarginMs);
    return wait;
}

qint64 ConnectionPacer::estimateMs(int upgrades) const
{
    if (!limited() || upgrades <= 0)
        return 0;
    refill();
    const double missing = double(upgrades) - m_tokens;
    return qMax<qint64>(0, m_blockedUntilMs - m_clock->monotonicMs())
            + (missing > 0 ? qint64(std::ceil(missing * double(intervalMs() + MarginMs))) : 0);
}

int ConnectionPacer::available() const
{
    if (!limited())
        return 0;
    refill();
    return m_blockedUntilMs > m_clock->monotonicMs() ? 0 : int(std::floor(m_tokens));
}

void ConnectionPacer::acquire(QObject *context, const std::function<void()> &go)
{
    const qint64 wait = delayMs();
    if (wait <= 0) {
        spend();
        go();
        return;
    }
    qCInfo(lcScenarios) << "pacing: next upgrade in" << wait << "ms";
    Q_EMIT waiting(wait);
    QPointer<QObject> guard(context);
    QTimer::singleShot(wait, context, [this, guard, context, go] {
        if (guard)
            acquire(context, go);   // checks again: a 429 may have come meanwhile
    });
}

void ConnectionPacer::spend()
{
    refill();
    m_tokens = qMax(0.0, m_tokens - 1.0);
}

void ConnectionPacer::refused(qint64 retryAfterMs)
{
    refill();
    m_tokens = 0;
    const qint64 wait = retryAfterMs >= 0 ? retryAfterMs : qMax<qint64>(intervalMs(), 1000);
    m_blockedUntilMs = qMax(m_blockedUntilMs, m_clock->monotonicMs() + wait);
}

}   // namespace SignalGate::Scenarios
