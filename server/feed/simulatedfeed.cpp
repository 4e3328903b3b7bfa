#include "simulatedfeed.h"

#include <cmath>

using namespace SignalGate::Protocol;

namespace SignalGate::Server {

SimulatedFeed::SimulatedFeed(int intervalMs, int signalsPerTick, const SignalGate::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_intervalMs(intervalMs)
    , m_signalsPerTick(signalsPerTick)
    , m_instruments({{QStringLiteral("BTC-USD"), 64250.0, 2},
                     {QStringLiteral("ETH-USD"), 3120.0, 20},
                     {QStringLiteral("EUR-USD"), 1.0842, 10000},
                     {QStringLiteral("GBP-USD"), 1.2650, 10000},
                     {QStringLiteral("AAPL"), 189.40, 100},
                     {QStringLiteral("MSFT"), 415.20, 100},
                     {QStringLiteral("NVDA"), 880.10, 100},
                     {QStringLiteral("XAU-USD"), 2335.0, 10}})
    , m_random(QRandomGenerator::securelySeeded())
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SimulatedFeed::onTick);
}

void SimulatedFeed::start()
{
    if (m_intervalMs > 0)
        m_timer.start(m_intervalMs);
}

void SimulatedFeed::stop()
{
    m_timer.stop();
}

void SimulatedFeed::onTick()
{
    for (int i = 0; i < m_signalsPerTick; ++i)
        Q_EMIT produced(next());
}

SignalFrame SimulatedFeed::next()
{
    Instrument &instrument = m_instruments[int(m_random.bounded(m_instruments.size()))];
    // Steps of up to +-0.15 %, rounded to the tick size. Dividing by the
    // ticks-per-unit count (rather than multiplying by the tick) gives the
    // double nearest to the decimal price, so JSON shows "1.0843", not "1.0843000000000001".
    const double step = (m_random.generateDouble() - 0.5) * 0.003;
    const double ticks = std::max(1.0, std::round(instrument.price * (1.0 + step) * instrument.ticksPerUnit));
    instrument.price = ticks / instrument.ticksPerUnit;

    SignalFrame signal;
    signal.timestampMs = m_clock.wallMs();
    signal.symbol = instrument.symbol;
    signal.side = step >= 0 ? QStringLiteral("buy") : QStringLiteral("sell");
    signal.price = instrument.price;
    signal.confidence = std::round((0.5 + m_random.generateDouble() * 0.49) * 100.0) / 100.0;
    return signal;
}

}   // namespace SignalGate::Server
