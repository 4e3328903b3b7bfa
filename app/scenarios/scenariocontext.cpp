#include "scenarios/scenariocontext.h"

#include "scenarios/connectionpacer.h"
#include "scenarios/scenario.h"
#include "scenarios/tokensource.h"

#include <QCoreApplication>
#include <QJsonArray>

Q_LOGGING_CATEGORY(lcScenarios, "signalgate.scenarios", QtInfoMsg)

ProbeConnection::Recognition ScenarioContext::recognition() const
{
    ProbeConnection::Recognition result;
    result.welcomeType = profile.welcomeType;
    result.admitAfterMs = profile.admitAfterMs;
    result.signalType = profile.signalType;
    return result;
}

QString ScenarioContext::missing(int needs) const
{
    const bool ourLogin = profile.login == TargetProfile::Login::SignalGate;
    if ((needs & Scenario::ValidToken) && tokens->accessToken().isEmpty())
        return QCoreApplication::translate("ScenarioContext", "needs a valid token: give a login (--login), a token file (--token-file) or the signing key (--forge-key)");
    if ((needs & Scenario::InBandRefresh) && !profile.supports(TargetProfile::Feature::Refresh))
        return QCoreApplication::translate("ScenarioContext", "the target does not claim in-band refresh (features: add \"refresh\" if it has it)");
    if ((needs & Scenario::MessageRate) && !profile.supports(TargetProfile::Feature::MessageRate))
        return QCoreApplication::translate("ScenarioContext", "the target does not claim a message rate limit (features: add \"msg-rate\" if it has one)");
    if ((needs & Scenario::RefreshToken) && (!ourLogin || !tokens->hasRefreshToken()))
        return QCoreApplication::translate("ScenarioContext", "needs a refresh token: the %1 login gave an access token only").arg(TargetProfile::loginName(profile.login));
    if ((needs & Scenario::Logout) && !ourLogin)
        return QCoreApplication::translate("ScenarioContext", "needs a logout that revokes tokens: only the signalgate login has one");
    if ((needs & Scenario::MintedToken) && !tokens->canMint())
        return TokenSource::mintHint();
    return {};
}

int ScenarioContext::limit(const QString &name, int index, int fallback) const
{
    const QJsonValue value = limits.value(name);
    if (value.isArray()) {
        const QJsonValue item = value.toArray().at(index);
        return item.isDouble() ? item.toInt() : fallback;
    }
    return value.isDouble() ? value.toInt() : fallback;
}

void ScenarioContext::noteWelcome(const QJsonObject &welcome)
{
    const QJsonObject published = welcome.value(QLatin1String("limits")).toObject();
    if (published.isEmpty())
        return;
    limits = published;
    const QJsonArray connRate = published.value(QLatin1String("conn_rate")).toArray();
    if (pacer && connRate.size() == 2)
        pacer->setLimit(connRate.at(0).toInt(), connRate.at(1).toInt());
}

ProbeRequest ScenarioContext::request(ProbeRequest::TokenMode mode, const QByteArray &token) const
{
    ProbeRequest result;
    result.url = webSocketUrl();
    result.tokenMode = mode;
    result.token = token;
    result.carryAs(profile);
    result.sslConfiguration = sslConfiguration;
    return result;
}
