#include "refreshscheduler.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace SignalGate::Client {

namespace {

constexpr qint64 FirstRetryMs = 1000;
constexpr qint64 MaxRetryMs = 60 * 1000;
// QTimer takes an int; a day is far beyond any access token's lifetime, and
// poll() re-arms when the timer fires before the time is reached.
constexpr qint64 MaxTimerMs = 24 * 60 * 60 * 1000;

}   // namespace

RefreshScheduler::RefreshScheduler(const SignalGate::Clock &clock, Random random, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_random(std::move(random))
    , m_timer(this)   // a child, so it follows the scheduler to another thread
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RefreshScheduler::poll);
    connect(&m_clock, &SignalGate::Clock::jumped, this, &RefreshScheduler::poll);
}

qint64 RefreshScheduler::refreshAtMs(qint64 issuedAtSec, qint64 expiresAtSec, double jitter)
{
    if (!(jitter >= -1.0))   // also NaN
        jitter = -1.0;
    jitter = std::min(jitter, 1.0);
    const qint64 lifetimeMs = std::max<qint64>(0, expiresAtSec - issuedAtSec) * 1000;
    const qint64 leadMs = std::min(MaxLeadMs, lifetimeMs / 5);
    return expiresAtSec * 1000 - std::llround(static_cast<double>(leadMs) * (1.0 + 0.1 * jitter));
}

void RefreshScheduler::setToken(qint64 issuedAtSec, qint64 expiresAtSec)
{
    m_failures = 0;
    if (expiresAtSec <= 0) {
        // No exp claim: there is no time to refresh before, and refreshing
        // at once would only get the same kind of token again.
        clear();
        return;
    }
    m_expiresAtMs = expiresAtSec * 1000;
    const double jitter = m_random() * 2.0 - 1.0;
    // 0 means "nothing scheduled", so a time at or before the epoch becomes 1.
    m_nextAtMs = std::max<qint64>(1, refreshAtMs(issuedAtSec, expiresAtSec, jitter));
    arm();
}

void RefreshScheduler::clear()
{
    m_timer.stop();
    m_expiresAtMs = 0;
    m_nextAtMs = 0;
    m_failures = 0;
}

void RefreshScheduler::refreshFailed()
{
    if (m_expiresAtMs == 0)
        return;   // no token (cleared): nothing to retry, nothing to give up on
    ++m_failures;
    qint64 retryMs = FirstRetryMs;
    for (int i = 1; i < m_failures && retryMs < MaxRetryMs; ++i)
        retryMs *= 2;
    retryMs = std::min(retryMs, MaxRetryMs);

    const qint64 now = m_clock.wallMs();
    const qint64 lastChanceMs = m_expiresAtMs - GiveUpBeforeExpMs;
    qint64 at = now + retryMs;
    if (at > lastChanceMs) {
        if (lastChanceMs <= now) {
            m_timer.stop();
            m_nextAtMs = 0;
            Q_EMIT gaveUp();
            return;
        }
        at = lastChanceMs;   // one last try while the server still accepts the old token
    }
    m_nextAtMs = at;
    arm();
}

void RefreshScheduler::poll()
{
    if (m_nextAtMs == 0)
        return;
    if (m_clock.wallMs() < m_nextAtMs) {
        // Woken early (the 24 h clamp, or the clock moved): wait for the rest.
        arm();
        return;
    }
    // Cleared before emitting: a slot may call setToken() or refreshFailed()
    // right away, and each scheduled time is announced once only.
    m_nextAtMs = 0;
    m_timer.stop();
    Q_EMIT refreshDue();
}

void RefreshScheduler::arm()
{
    if (m_nextAtMs == 0) {
        m_timer.stop();
        return;
    }
    const qint64 delayMs = std::clamp<qint64>(m_nextAtMs - m_clock.wallMs(), 0, MaxTimerMs);
    m_timer.start(static_cast<int>(delayMs));
}

}   // namespace SignalGate::Client
