#include "scenariocontext.h"

#include "connectionpacer.h"
#include "scenario.h"
#include "tokensource.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace SignalGate::Scenarios {

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
        return QCoreApplication::translate("ScenarioContext",
                                           "needs a valid token: give a login (--login), a token file (--token-file) "
                                           "or the signing key (--forge-key)");
    if ((needs & Scenario::InBandRefresh) && !profile.supports(TargetProfile::Feature::Refresh))
        return QCoreApplication::translate(
                "ScenarioContext",
                "the target does not claim in-band refresh (features: add \"refresh\" if it has it)");
    if ((needs & Scenario::MessageRate) && !profile.supports(TargetProfile::Feature::MessageRate))
        return QCoreApplication::translate(
                "ScenarioContext",
                "the target does not claim a message rate limit (features: add \"msg-rate\" if it has one)");
    if ((needs & Scenario::RefreshToken) && (!ourLogin || !tokens->hasRefreshToken()))
        return QCoreApplication::translate("ScenarioContext",
                                           "needs a refresh token: the %1 login gave an access token only")
                .arg(TargetProfile::loginName(profile.login));
    if ((needs & Scenario::Logout) && !ourLogin)
        return QCoreApplication::translate("ScenarioContext",
                                           "needs a logout that revokes tokens: only the signalgate login has one");
    if ((needs & Scenario::MintedToken) && !tokens->canMint())
        return TokenSource::mintHint();
    return {};
}

QString ScenarioContext::expectedOutcome(const Scenario &scenario) const
{
    const TargetProfile contract = TargetProfile::signalGate();
    if (profile.refusalCloses == contract.refusalCloses && profile.compareReasons
        && profile.originRefusalStatus == contract.originRefusalStatus
        && profile.rateRefusalStatus == contract.rateRefusalStatus && profile.welcomeType == contract.welcomeType
        && profile.signalType == contract.signalType)
        return scenario.expected;
    QStringList codeList;
    for (int code : profile.refusalCloses)
        codeList << QString::number(code);
    const QString codes = codeList.join(QLatin1Char('/'))
            + (profile.compareReasons
                       ? QCoreApplication::translate("ScenarioContext", " with the reason PROTOCOL.md gives")
                       : QString());
    const QString &id = scenario.id;
    if (id == QLatin1String("valid-token")) {
        const QString admission = profile.welcomeType.isEmpty()
                ? QCoreApplication::translate("ScenarioContext", "still open after %1 ms").arg(profile.admitAfterMs)
                : QCoreApplication::translate("ScenarioContext", "\"%1\"").arg(profile.welcomeType);
        const QString signal = profile.signalType.isEmpty()
                ? QCoreApplication::translate("ScenarioContext", "any message")
                : QCoreApplication::translate("ScenarioContext", "\"%1\" messages").arg(profile.signalType);
        return QCoreApplication::translate("ScenarioContext", "%1, then %2.").arg(admission, signal);
    }
    if (id == QLatin1String("bad-origin"))
        return QCoreApplication::translate("ScenarioContext", "HTTP %1.").arg(profile.originRefusalStatus);
    if (id == QLatin1String("connection-flood"))
        return QCoreApplication::translate("ScenarioContext", "HTTP %1 with Retry-After once the rate is spent.")
                .arg(profile.rateRefusalStatus);
    if (id == QLatin1String("oversized-token"))
        return QCoreApplication::translate("ScenarioContext", "close %1 or HTTP 400/431, no signal.").arg(codes);
    if (id == QLatin1String("invalid-json") && !profile.compareReasons)
        return QCoreApplication::translate("ScenarioContext", "still open, and still streaming after the garbage.");
    if (id == QLatin1String("message-flood"))
        return QCoreApplication::translate("ScenarioContext", "close %1 once over the rate.").arg(codes);
    if (id.startsWith(QLatin1String("refresh-")) && id != QLatin1String("refresh-in-band"))
        return QCoreApplication::translate("ScenarioContext", "close %1 (refresh rejected).").arg(codes);
    if (id == QLatin1String("expiry-without-refresh"))
        return QCoreApplication::translate("ScenarioContext", "close %1 once the token has expired.").arg(codes);
    if (scenario.group == Scenario::Group::Authentication)
        return QCoreApplication::translate("ScenarioContext", "close %1, not admitted, no signal.").arg(codes);
    return scenario.expected;   // WebSocket's own codes (1009, 1003), or our in-band refresh
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

}   // namespace SignalGate::Scenarios
