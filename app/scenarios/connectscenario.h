#pragma once

#include "scenariorun.h"

namespace SignalGate::Scenarios {

// The scenarios that are one connection with one token, judged by how the
// server answers it: valid-token (welcome, then signals) and every token the
// server must refuse at connect (no, empty, null signature, malformed, bad
// signature, alg none, the minted ones, revoked).
class ConnectScenario : public ScenarioRun
{
    Q_OBJECT
public:
    using ScenarioRun::ScenarioRun;
    static bool handles(const QString &id);
    qint64 plannedMs() const override;

protected:
    void begin() override;

private:
    void connectWith(ProbeRequest::TokenMode mode, const QByteArray &token);
    void expectWelcomeAndSignal(ProbeConnection *probe);
    int waitMs() const;   // for admission and the first signal
};

}   // namespace SignalGate::Scenarios
