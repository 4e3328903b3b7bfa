#pragma once

#include "probeframe.h"
#include "scenario.h"
#include "scenariocontext.h"
#include "scenarioresult.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

namespace SignalGate::Scenarios {

class HandshakeProbe;
class ProbeConnection;

// One scenario being run: opens its probes through the pacer, watches them,
// and ends with exactly one verdict. Subclasses implement begin() for the
// scenarios they know (ScenarioRun::create picks the subclass by id).
class ScenarioRun : public QObject
{
    Q_OBJECT
public:
    // A whole scenario never takes longer (expiry-without-refresh is the slowest).
    static constexpr int HardLimitMs = 150 * 1000;

    ScenarioRun(const Scenario &scenario, ScenarioContext *context, QObject *parent = nullptr);
    // The run for scenario.id, or nullptr for an unknown id.
    static ScenarioRun *create(const Scenario &scenario, ScenarioContext *context, QObject *parent = nullptr);

    void start();
    // Ends at once with SKIP and why (the engine's stop()).
    void stop(const QString &why);
    bool isFinished() const { return m_finished; }
    const ScenarioResult &result() const { return m_result; }
    const Scenario &scenario() const { return m_scenario; }

    // For the progress estimate: upgrades it will send, time apart from pacing.
    virtual int plannedUpgrades() const { return 1; }
    virtual qint64 plannedMs() const { return 300; }

Q_SIGNALS:
    void frameRecorded(const ProbeFrame &frame);
    void finished();

protected:
    using ProbeReady = std::function<void(ProbeConnection *probe)>;
    using HandshakeReady = std::function<void(HandshakeProbe *probe)>;

    virtual void begin() = 0;

    // A QWebSocket probe, opened when the pacer allows; ready() runs once the
    // handshake is done (upgraded, or refused and finished). A 429 it did not
    // ask for is counted as spurious, paced and retried (twice at most).
    void openProbe(const ProbeRequest &request, const ProbeReady &ready, int attempt = 0);
    // A raw upgrade (HandshakeProbe), paced the same way unless paced is false
    // (the flood: it is counted, not delayed); ready() runs when it finished.
    void openHandshake(const ProbeRequest &request, const HandshakeReady &ready, int timeoutMs, bool paced = true,
                       bool headOnly = false);
    // A connection with token that the server must admit: act() runs after
    // its welcome; without one the scenario FAILs (it cannot test anything).
    void openAdmitted(const QByteArray &token, const ProbeReady &act);
    // fn once probe has finished (now, if it already has).
    void whenFinished(ProbeConnection *probe, const std::function<void()> &fn);
    // fn after ms, unless the run ended first.
    void after(int ms, const std::function<void()> &fn);

    // The first minted scenario of a run with a local key checks the key:
    // next() runs when a token forged with it was admitted, else the scenario SKIPs.
    void ensureMintWorks(const std::function<void()> &next);

    // Copies what the probe saw into the result (redacted already).
    void take(const ProbeConnection *probe);
    // Refused-token scenarios: not admitted, no signal, one of the profile's
    // refusal close codes (and reason, when the profile compares them);
    // httpStatuses lists refusals before the upgrade that count too.
    void judgeRefusal(const ProbeConnection *probe, const QString &reason, const QList<int> &httpStatuses = {});
    bool closedWith(const ProbeConnection *probe, int code, const QString &reason) const;
    bool refusedWith(const ProbeConnection *probe, const QString &reason) const;
    // "1008 \"Token expired\"", or the profile's codes alone when reasons are not compared.
    QString expectedRefusal(const QString &reason) const;

    void pass(const QString &why);
    void fail(const QString &why);
    void skip(const QString &why);

    Scenario m_scenario;
    ScenarioContext *m_context;
    ScenarioResult m_result;

private:
    bool reasonMatches(const ProbeConnection *probe, const QString &reason) const;
    void finishWith(ScenarioResult::Verdict verdict, const QString &why);
    void record(const ProbeFrame &frame);

    QElapsedTimer m_clock;
    QTimer m_hardLimit;
    bool m_finished = false;
};

}   // namespace SignalGate::Scenarios
