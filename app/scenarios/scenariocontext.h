#pragma once

#include "probeconnection.h"
#include "proberequest.h"
#include "targetprofile.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

namespace SignalGate::Scenarios {

Q_DECLARE_LOGGING_CATEGORY(lcScenarios)

class ConnectionPacer;
class Redactor;
struct Scenario;
class TokenSource;

// What every scenario of one run shares: where the target is and how to
// judge it (its TargetProfile), the pacer, the tokens, the redactor, and
// what the server published.
struct ScenarioContext
{
    QUrl wsBase;    // ws(s)://host:port of the WebSocket
    QUrl httpUrl;   // http(s)://host:port of the login and token endpoints
    QSslConfiguration sslConfiguration = QSslConfiguration::defaultConfiguration();
    TargetProfile profile;
    ConnectionPacer *pacer = nullptr;
    TokenSource *tokens = nullptr;
    Redactor *redactor = nullptr;

    // The Origin bad-origin sends: a test may allow-list it to prove the scenario fails.
    QString foreignOrigin = QStringLiteral("https://signalgate-check.invalid");
    int signalWaitMs = 5000;   // for the first live signal after admission
    int answerWaitMs = 5000;   // for a close or an answer the contract requires
    QJsonObject limits;        // welcome.limits, once a welcome was seen
    int spurious429 = 0;       // rate refusals the pacer did not prevent (and retried)

    // A locally forged token must first be admitted once: a wrong key would
    // make every minted scenario "pass" for the wrong reason.
    enum class ForgeCheck { Unchecked, Admitted, Refused };
    ForgeCheck forgeCheck = ForgeCheck::Unchecked;
    QString forgeRefusal;

    bool compareReasons() const { return profile.compareReasons; }
    bool isRefusalClose(int code) const { return profile.refusalCloses.contains(code); }
    // A fresh WebSocket URL: "{session}" gets a new id each time.
    QUrl webSocketUrl() const { return profile.webSocketUrl(wsBase); }
    ProbeConnection::Recognition recognition() const;
    // Why a scenario with these Scenario::Need flags cannot prove anything
    // against this target with these tokens; empty when it can run.
    QString missing(int needs) const;
    // What the scenario expects of this target: the catalogue's words for a
    // target judged as PROTOCOL.md says, else the profile's codes, statuses
    // and message types in their place.
    QString expectedOutcome(const Scenario &scenario) const;
    // limits[name] (a number) or limits[name][index] (a pair); fallback when absent.
    int limit(const QString &name, int index, int fallback) const;
    void noteWelcome(const QJsonObject &welcome);
    ProbeRequest request(ProbeRequest::TokenMode mode, const QByteArray &token = {}) const;
};

}   // namespace SignalGate::Scenarios
