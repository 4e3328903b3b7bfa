#pragma once

#include <QObject>

namespace SignalGate {

// The one source of time for every part that reads it: wall time for what is
// compared with token claims or shown to people, monotonic time for rates and
// timeouts. Parts take a Clock instead of calling QDateTime, so a test moves
// time forward instead of sleeping through it.
class Clock : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Unix time in milliseconds; may step (NTP, an operator, a test).
    virtual qint64 wallMs() const = 0;
    // Milliseconds since an arbitrary start; never goes back.
    virtual qint64 monotonicMs() const = 0;
    // Unix seconds as JWT claims count them (floor of wallMs).
    qint64 wallSeconds() const;

    // The process-wide system clock.
    static const Clock &system();

Q_SIGNALS:
    // Time moved further than a timer armed from it has noticed (a test
    // advanced it). Whoever arms a QTimer from this clock re-evaluates its
    // deadlines on this signal; the system clock never emits it.
    void jumped();
};

}   // namespace SignalGate
