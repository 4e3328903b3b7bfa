#pragma once

#include "probeframe.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

namespace SignalGate::Scenarios {

// What one scenario run found: the actual outcome next to the
// verdict and its reason. Nothing in here may hold a token: errors and
// frames come redacted from the probes.
struct ScenarioResult
{
    Q_GADGET
public:
    enum class Verdict { Pass, Fail, Skip };
    Q_ENUM(Verdict)

    struct Actual
    {
        int httpStatus = 0;   // 101 when upgraded, the refusal's status, 0 when no answer
        int closeCode = -1;   // -1: no close (refused, or still open when judged)
        QString closeReason;
        bool welcomed = false;   // admitted: the welcome, or open for the profile's admit_after_ms
        int signalsReceived = 0;
        QStringList messageTypes;   // of the other messages received, in order, repeats folded ("pong x60")
        QStringList errors;         // error messages from the server and the socket
        int upgrades = 0;           // WebSocket upgrades this scenario sent
        qint64 pacedMs = 0;         // of durationMs, spent waiting for the server's connection rate
        qint64 durationMs = 0;

        QString summary() const;   // one line for tables
        QJsonObject toJson() const;
    };

    QString id;
    Verdict verdict = Verdict::Skip;
    QString reason;     // why this verdict, one sentence
    QString expected;   // for this target (ScenarioContext::expectedOutcome); empty: the catalogue's
    Actual actual;
    QList<ProbeFrame> frames;   // redacted; at most MaxFrames
    static constexpr int MaxFrames = 200;

    static QString verdictName(Verdict verdict);   // PASS / FAIL / SKIP
    QJsonObject toJson() const;
};

}   // namespace SignalGate::Scenarios

Q_DECLARE_METATYPE(SignalGate::Scenarios::ScenarioResult)
