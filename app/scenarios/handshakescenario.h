#pragma once

#include "scenariorun.h"

#include <QElapsedTimer>

namespace SignalGate::Scenarios {

// The scenarios decided before or at the upgrade, run on raw sockets
// (HandshakeProbe) because QWebSocket 6.4 hides the HTTP status and headers:
// bad-origin (403), oversized-token (400/431, or 1008 after the upgrade),
// connection-flood (429 with Retry-After once the published rate is spent).
class HandshakeScenario : public ScenarioRun
{
    Q_OBJECT
public:
    using ScenarioRun::ScenarioRun;
    static bool handles(const QString &id);
    int plannedUpgrades() const override;
    // A flood beyond the published rate sends at most this many more.
    static constexpr int FloodExtra = 3;
    // Without a published rate (or when it is off): the contract's default.
    static constexpr int DefaultConnRate = 10;
    // A bucket that refills faster than this cannot be emptied by a bounded
    // flood (each upgrade takes about a millisecond): the scenario SKIPs.
    static constexpr qint64 MinRefillIntervalMs = 50;

protected:
    void begin() override;

private:
    void badOrigin();
    void oversizedToken();
    void flood();
    void floodNext(int sent);
    int floodBound() const;
    void take(const HandshakeProbe *probe);

    int m_floodBase = 0;          // tokens the server had when the flood began, plus FloodExtra
    QElapsedTimer m_floodClock;   // the bucket refills while the flood runs
};

}   // namespace SignalGate::Scenarios
