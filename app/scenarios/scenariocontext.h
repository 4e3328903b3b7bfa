#pragma once

#include "scenarios/proberequest.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcScenarios)

class ConnectionPacer;
class Redactor;
class TokenSource;

// The server profile a run judges by (issue 6).
enum class ScenarioProfile {
    SignalGate,   // PROTOCOL.md as written: codes and exact reasons
    Seed,         // the first seed's conventions: token only in the query, 1008
                  // reasons not compared, no in-band refresh (those SKIP)
};
QString profileName(ScenarioProfile profile);
std::optional<ScenarioProfile> profileFromName(const QString &name);

// What every scenario of one run shares: where the server is, how to judge,
// the pacer, the tokens, the redactor, and what the server published.
struct ScenarioContext
{
    QUrl wsUrl;     // ws(s)://host:port/ws
    QUrl httpUrl;   // http(s)://host:port
    QSslConfiguration sslConfiguration = QSslConfiguration::defaultConfiguration();
    ScenarioProfile profile = ScenarioProfile::SignalGate;
    ConnectionPacer *pacer = nullptr;
    TokenSource *tokens = nullptr;
    Redactor *redactor = nullptr;

    // The Origin bad-origin sends: a test may allow-list it to prove the scenario fails.
    QString foreignOrigin = QStringLiteral("https://signalgate-check.invalid");
    int signalWaitMs = 5000;   // for the first live signal after welcome
    int answerWaitMs = 5000;   // for a close or an answer the contract requires
    QJsonObject limits;        // welcome.limits, once a welcome was seen
    int spurious429 = 0;       // 429s the pacer did not prevent (and retried)

    // A locally forged token must first be admitted once: a wrong key would
    // make every minted scenario "pass" for the wrong reason.
    enum class ForgeCheck { Unchecked, Admitted, Refused };
    ForgeCheck forgeCheck = ForgeCheck::Unchecked;
    QString forgeRefusal;

    ProbeRequest::Transport transport() const;
    bool compareReasons() const { return profile == ScenarioProfile::SignalGate; }
    // limits[name] (a number) or limits[name][index] (a pair); fallback when absent.
    int limit(const QString &name, int index, int fallback) const;
    void noteWelcome(const QJsonObject &welcome);
    ProbeRequest request(ProbeRequest::TokenMode mode, const QByteArray &token = {}) const;
};
