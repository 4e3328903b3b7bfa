#pragma once

#include <QObject>
#include <QTimer>

#include "clock.h"

#include <functional>

namespace SignalGate::Client {

// When to refresh the access token: at exp - lead, lead =
// min(5 min, 20 % of the lifetime), with +-10 % jitter on the lead so many
// clients do not refresh in step. A failed refresh is retried with backoff
// (1 s, 2 s, 4 s ... up to 60 s) but never later than 30 s before exp; past
// that the scheduler gives up and says so. Clock and randomness are injected;
// poll() re-evaluates against the clock (the timer calls it, and so does a
// jump of the clock; tests may call it).
class RefreshScheduler : public QObject
{
    Q_OBJECT
public:
    using Random = std::function<double()>;   // uniform in [0, 1)

    static constexpr qint64 MaxLeadMs = 5 * 60 * 1000;
    static constexpr qint64 GiveUpBeforeExpMs = 30 * 1000;

    // Times are the clock's wall milliseconds (compared with the token's exp).
    // An empty random means QRandomGenerator::global().
    RefreshScheduler(const SignalGate::Clock &clock, Random random, QObject *parent = nullptr);

    // jitter in [-1, 1] scales the lead by 1 + 0.1 * jitter.
    static qint64 refreshAtMs(qint64 issuedAtSec, qint64 expiresAtSec, double jitter);

    // A new token: schedules its refresh (also after a successful refresh).
    void setToken(qint64 issuedAtSec, qint64 expiresAtSec);
    void clear();
    void refreshFailed();
    qint64 nextRefreshAtMs() const { return m_nextAtMs; }   // 0 when nothing is scheduled
    void poll();

Q_SIGNALS:
    void refreshDue();
    // No retry fits before exp - 30 s any more: the token will lapse.
    void gaveUp();

private:
    void arm();

    const SignalGate::Clock &m_clock;
    Random m_random;
    QTimer m_timer;
    qint64 m_expiresAtMs = 0;
    qint64 m_nextAtMs = 0;
    int m_failures = 0;
};

}   // namespace SignalGate::Client
