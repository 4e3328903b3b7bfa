#pragma once

#include "clock.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace SignalGate::Scenarios {

// Mirrors the server's per-IP upgrade bucket (PROTOCOL.md section 6, "N per
// S seconds": a burst of N, then one every S/N seconds) so the engine never
// causes a 429 it did not mean to. It starts from the contract's default
// (10 per 60 s) until a welcome publishes conn_rate, spends one token per
// upgrade sent, and after any 429 waits for Retry-After (or one refill
// interval when Qt hid it). It cannot see other clients on the same address:
// an unexpected 429 is reported (spurious) and the attempt repeated.
class ConnectionPacer : public QObject
{
    Q_OBJECT
public:
    // Added to every wait: the server's clock and ours do not tick together.
    static constexpr qint64 MarginMs = 250;

    explicit ConnectionPacer(QObject *parent = nullptr);

    // Buckets refill on the clock's monotonic time (the system clock unless set).
    void setClock(const SignalGate::Clock &clock);
    // From welcome.limits.conn_rate; count or window 0 means the server has no limit.
    void setLimit(int count, int windowSeconds);
    int limitCount() const { return m_count; }
    int limitWindowSeconds() const { return m_window; }
    bool limited() const { return m_count > 0 && m_window > 0; }

    // Milliseconds until one upgrade may be sent (0: now).
    qint64 delayMs() const;
    // Milliseconds until n more upgrades will have been sent, pacing as we do.
    qint64 estimateMs(int upgrades) const;
    // Whole tokens available now (the flood sends these plus a few).
    int available() const;
    // Runs go() once an upgrade may be sent (at once when it may), then
    // counts that upgrade as sent. context ends the wait when destroyed.
    void acquire(QObject *context, const std::function<void()> &go);
    void spend();
    // The server answered 429: nothing left until retryAfterMs (-1: unknown).
    void refused(qint64 retryAfterMs);
    qint64 intervalMs() const;

Q_SIGNALS:
    // A wait begins (for the console and the progress estimate).
    void waiting(qint64 ms);

private:
    void refill() const;

    const SignalGate::Clock *m_clock = &SignalGate::Clock::system();
    int m_count = 10;
    int m_window = 60;
    mutable double m_tokens = 10;
    mutable qint64 m_updatedMs = 0;
    qint64 m_blockedUntilMs = 0;
};

}   // namespace SignalGate::Scenarios
