#pragma once

#include "scenariorun.h"

namespace SignalGate::Scenarios {

// The token lifecycle on an open connection: refresh-in-band,
// refresh-other-user, refresh-exhausted, expiry-without-refresh.
class RefreshScenario : public ScenarioRun
{
    Q_OBJECT
public:
    using ScenarioRun::ScenarioRun;
    static bool handles(const QString &id);
    qint64 plannedMs() const override;
    // expiry-without-refresh: the token's lifetime, and how long the close may
    // take after it (the server's leeway is not published; the contract's is 30 s).
    static constexpr int ExpiringTokenSeconds = 2;
    static constexpr int ExpiryCloseWaitMs = 125 * 1000;

protected:
    void begin() override;

private:
    void inBand(ProbeConnection *probe);
    void otherUser(ProbeConnection *probe);
    void exhausted(ProbeConnection *probe);
    void expiry(ProbeConnection *probe);
    void sendRefresh(ProbeConnection *probe, const QByteArray &token, const QString &id);
    void expectClose(ProbeConnection *probe, const QString &reason, int waitMs,
                     const std::function<QString()> &extra = {});
};

}   // namespace SignalGate::Scenarios
