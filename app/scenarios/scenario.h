#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace SignalGate::Scenarios {

// One entry of the test console's catalogue (PROTOCOL.md section 9): what a
// scenario is, never how it runs (that is ScenarioRun's job). Ids are stable.
struct Scenario
{
    enum class Group { Authentication, OriginAndRateLimits, Messages, RefreshAndExpiry };

    QString id;
    Group group = Group::Authentication;
    QString title;
    QString proves;          // what a PASS shows about the server
    QString prerequisites;   // what the run needs for it (a login always)
    QString expected;        // the contract's expected outcome
    // What a run must have for the scenario to prove anything; a run that
    // lacks one SKIPs it and says which (ScenarioContext::missing).
    enum Need {
        ValidToken = 1,      // an admitted token: a login, --token-file or a key
        MintedToken = 2,     // the * of section 9: /dev/token or a key
        InBandRefresh = 4,   // the target claims the "refresh" feature
        RefreshToken = 8,    // our login's pair: HTTP /auth/refresh
        Logout = 16,         // our login: /auth/logout revokes
        MessageRate = 32,    // the target claims the "msg-rate" feature
    };
    int needs = ValidToken;

    bool needsMintedToken() const { return needs & MintedToken; }
    // "token, minted, refresh" for --list and the console.
    static QString needNames(int needs);

    // Every scenario of section 9, grouped, in the order a console lists them.
    static const QList<Scenario> &catalogue();
    static std::optional<Scenario> find(const QString &id);
    static QString groupName(Group group);
    static QList<Group> groups();
};

}   // namespace SignalGate::Scenarios
