#pragma once

#include "clock.h"
#include "servermessages.h"

#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

namespace SignalGate::Server {

// A plausible market: a random walk per symbol, sides and confidences that
// look like a model's output. For demos, tests and benchmarks.
class SimulatedFeed : public QObject
{
    Q_OBJECT
public:
    // Signals are stamped with clock's wall time.
    SimulatedFeed(int intervalMs, int signalsPerTick, const SignalGate::Clock &clock, QObject *parent = nullptr);

    void start();   // no-op when intervalMs is 0
    void stop();

Q_SIGNALS:
    void produced(const SignalGate::Protocol::SignalFrame &signal);

private:
    struct Instrument
    {
        QString symbol;
        double price;
        double ticksPerUnit;
    };

    void onTick();
    SignalGate::Protocol::SignalFrame next();

    const SignalGate::Clock &m_clock;
    QTimer m_timer;
    int m_intervalMs;
    int m_signalsPerTick;
    QList<Instrument> m_instruments;
    QRandomGenerator m_random;
};

}   // namespace SignalGate::Server
