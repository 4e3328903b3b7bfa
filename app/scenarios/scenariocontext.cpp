#include "scenarios/scenariocontext.h"

#include "scenarios/connectionpacer.h"

#include <QJsonArray>

Q_LOGGING_CATEGORY(lcScenarios, "signalgate.scenarios", QtInfoMsg)

QString profileName(ScenarioProfile profile)
{
    return profile == ScenarioProfile::Seed ? QStringLiteral("seed") : QStringLiteral("signalgate");
}

std::optional<ScenarioProfile> profileFromName(const QString &name)
{
    if (name == QLatin1String("signalgate"))
        return ScenarioProfile::SignalGate;
    if (name == QLatin1String("seed"))
        return ScenarioProfile::Seed;
    return std::nullopt;
}

ProbeRequest::Transport ScenarioContext::transport() const
{
    return profile == ScenarioProfile::Seed ? ProbeRequest::Transport::Query : ProbeRequest::Transport::Header;
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
    result.url = wsUrl;
    result.tokenMode = mode;
    result.token = token;
    result.transport = transport();
    result.sslConfiguration = sslConfiguration;
    return result;
}
