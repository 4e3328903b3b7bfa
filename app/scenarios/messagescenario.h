#pragma once

#include "scenariorun.h"

namespace SignalGate::Scenarios {

// The scenarios about what a client sends on an open connection:
// message-flood, oversized-message, binary-frame, invalid-json. Each opens
// one admitted connection and judges the server's answer.
class MessageScenario : public ScenarioRun
{
    Q_OBJECT
public:
    using ScenarioRun::ScenarioRun;
    static bool handles(const QString &id);
    // A flood sends the published message rate plus this many.
    static constexpr int FloodExtra = 5;
    static constexpr int DefaultMsgRate = 60;
    static constexpr int DefaultMaxMessageBytes = 65536;

protected:
    void begin() override;

private:
    void act(ProbeConnection *probe);
    void expectClose(ProbeConnection *probe, int code, const QString &reason);
    void invalidJson(ProbeConnection *probe);
    void messageFlood(ProbeConnection *probe);
};

}   // namespace SignalGate::Scenarios
