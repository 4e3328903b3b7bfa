#pragma once

#include <QList>
#include <QString>

#include <optional>

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
    bool needsMintedToken = false;   // the * of section 9: /dev/token or a key
    bool needsInBandRefresh = false; // SKIPs under the seed profile

    // Every scenario of section 9, grouped, in the order a console lists them.
    static const QList<Scenario> &catalogue();
    static std::optional<Scenario> find(const QString &id);
    static QString groupName(Group group);
    static QList<Group> groups();
};
