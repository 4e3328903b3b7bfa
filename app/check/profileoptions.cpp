#include "profileoptions.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

namespace SignalGate::Scenarios {

namespace {
QCommandLineOption option(const char *name, const char *help, const char *value)
{
    return QCommandLineOption(QLatin1String(name), QLatin1String(help), QLatin1String(value));
}

QJsonArray split(const QString &list)
{
    QJsonArray items;
    for (const QString &item : list.split(QLatin1Char(','), Qt::SkipEmptyParts))
        items.append(item.trimmed());
    return items;
}
}   // namespace

ProfileOptions::ProfileOptions()
    : m_profile(option("profile",
                       "The target: signalgate (default), seed, or a profile file (JSON, as --print-profile writes).",
                       "NAME|FILE"))
    , m_profileName(option("profile-name", "The profile's name in reports.", "NAME"))
    , m_wsUrl(option("ws-url",
                     "The WebSocket: a path (/ws/agent/{session}) or a whole ws(s):// URL; {session} becomes a "
                     "fresh id per connection.",
                     "URL"))
    , m_tokenIn(option("token-in",
                       "Where the token goes: header, query[:NAME], subprotocol[:PREFIX] or subprotocol-bare "
                       "(the token itself is one subprotocol entry).",
                       "WHERE"))
    , m_offer(option("offer-subprotocol", "A subprotocol to offer (repeatable); \"none\" offers none.", "P"))
    , m_login(option("login",
                     "How to get the valid token: signalgate, json:PATH, oauth2:PATH (the password grant as a "
                     "form post) or none.",
                     "KIND"))
    , m_loginFields(option("login-fields", "The JSON login's field names for the user and the password.", "USER,PASS"))
    , m_welcomeType(option("welcome-type",
                           "The type of the message that admits a connection, or none (admitted: still "
                           "open after --admit-after ms).",
                           "T|none"))
    , m_admitAfter(option("admit-after",
                          "Without a welcome: how long a connection must stay open to count as admitted.", "MS"))
    , m_signalType(option("signal-type", "The type of a live signal message, or any.", "T|any"))
    , m_refusalClose(option("refusal-close", "Close codes that count as a refusal (comma separated).", "CODE,..."))
    , m_compareReasons(option("compare-reasons", "Compare close reasons with PROTOCOL.md's.", "yes|no"))
    , m_originStatus(option("origin-status", "The HTTP status that refuses a foreign Origin.", "STATUS"))
    , m_rateStatus(option("rate-status", "The HTTP status that refuses an upgrade over the rate.", "STATUS"))
    , m_features(option("features", "What the target supports: refresh, resume, msg-rate (comma separated), or none.",
                        "LIST"))
{
    m_profile.setDefaultValue(QStringLiteral("signalgate"));
}

void ProfileOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_profile, m_profileName, m_wsUrl, m_tokenIn, m_offer, m_login, m_loginFields, m_welcomeType,
                       m_admitAfter, m_signalType, m_refusalClose, m_compareReasons, m_originStatus, m_rateStatus,
                       m_features});
}

QUrl ProfileOptions::webSocketServer(const QCommandLineParser &parser) const
{
    const QUrl url(parser.value(m_wsUrl));
    if (url.host().isEmpty())
        return {};
    QUrl server = url;
    server.setPath({});
    server.setQuery(QString());
    return server;
}

std::optional<TargetProfile> ProfileOptions::apply(const QCommandLineParser &parser, QString *error) const
{
    std::optional<TargetProfile> base = TargetProfile::load(parser.value(m_profile), error);
    if (!base)
        return std::nullopt;
    // The flags become JSON members over the profile's own, so each is checked
    // by the same rules (and worded the same way) as a profile file.
    QJsonObject json = base->toJson();
    QString flagProblem;
    const auto bad = [&flagProblem](const QCommandLineOption &flag, const QString &expected) {
        if (flagProblem.isEmpty())
            flagProblem = QStringLiteral("--%1 takes %2").arg(flag.names().constFirst(), expected);
    };
    const auto set = [&](const QCommandLineOption &flag, const char *key, const QJsonValue &value) {
        if (parser.isSet(flag))
            json.insert(QLatin1String(key), value);
    };
    set(m_profileName, "name", parser.value(m_profileName));
    if (parser.isSet(m_wsUrl)) {
        const QString given = parser.value(m_wsUrl);
        const QUrl url(given);
        const QString scheme = url.scheme();
        if (given.startsWith(QLatin1Char('/'))) {
            json.insert(QStringLiteral("ws_path"), given);
        } else if ((scheme == QLatin1String("ws") || scheme == QLatin1String("wss")) && !url.host().isEmpty()) {
            // Taken from the text: QUrl would encode the braces of {session}.
            const qsizetype pathStart = given.indexOf(QLatin1Char('/'), given.indexOf(QLatin1String("//")) + 2);
            json.insert(QStringLiteral("ws_path"), pathStart < 0 ? QStringLiteral("/") : given.mid(pathStart));
        } else {
            bad(m_wsUrl, QStringLiteral("a path starting with / or a ws:// or wss:// URL"));
        }
    }
    if (parser.isSet(m_tokenIn)) {
        const QString value = parser.value(m_tokenIn);
        const QString kind = value.section(QLatin1Char(':'), 0, 0);
        const QString detail = value.section(QLatin1Char(':'), 1);
        json.insert(QStringLiteral("token_in"), kind);
        if (kind == QLatin1String("query") && !detail.isEmpty())
            json.insert(QStringLiteral("token_name"), detail);
        else if (kind == QLatin1String("subprotocol") && value.contains(QLatin1Char(':')))
            json.insert(QStringLiteral("subprotocol_prefix"), detail);
        else if (!detail.isEmpty() || !TargetProfile::placementFromName(kind))
            bad(m_tokenIn, QStringLiteral("header, query[:NAME], subprotocol[:PREFIX] or subprotocol-bare"));
    }
    if (parser.isSet(m_offer)) {
        const QStringList offers = parser.values(m_offer);
        json.insert(QStringLiteral("offer_subprotocols"),
                    offers == QStringList{QStringLiteral("none")} ? QJsonArray() : QJsonArray::fromStringList(offers));
    }
    if (parser.isSet(m_login)) {
        const QString value = parser.value(m_login);
        const QString kind = value.section(QLatin1Char(':'), 0, 0);
        const QString path = value.section(QLatin1Char(':'), 1);
        const bool needsPath = kind == QLatin1String("json") || kind == QLatin1String("oauth2");
        json.insert(QStringLiteral("login"), kind);
        if (needsPath && path.startsWith(QLatin1Char('/')))
            json.insert(QStringLiteral("login_path"), path);
        else if (needsPath || !path.isEmpty() || !TargetProfile::loginFromName(kind))
            bad(m_login, QStringLiteral("signalgate, none, json:/PATH or oauth2:/PATH"));
    }
    set(m_loginFields, "login_fields", split(parser.value(m_loginFields)));
    const QString welcome = parser.value(m_welcomeType);
    set(m_welcomeType, "welcome_type", welcome == QLatin1String("none") ? QJsonValue() : QJsonValue(welcome));
    const QString signal = parser.value(m_signalType);
    set(m_signalType, "signal_type", signal == QLatin1String("any") ? QJsonValue() : QJsonValue(signal));
    const auto number = [&](const QCommandLineOption &flag, const char *key) {
        bool ok = false;
        const int value = parser.value(flag).toInt(&ok);
        if (parser.isSet(flag))
            json.insert(QLatin1String(key), ok ? QJsonValue(value) : QJsonValue(parser.value(flag)));
    };
    number(m_admitAfter, "admit_after_ms");
    number(m_originStatus, "origin_refusal_status");
    number(m_rateStatus, "rate_refusal_status");
    if (parser.isSet(m_refusalClose)) {
        QJsonArray codes;
        for (const QJsonValue code : split(parser.value(m_refusalClose))) {
            bool ok = false;
            const int value = code.toString().toInt(&ok);
            codes.append(ok ? QJsonValue(value) : code);
        }
        json.insert(QStringLiteral("refusal_closes"), codes);
    }
    if (parser.isSet(m_compareReasons)) {
        const QString value = parser.value(m_compareReasons);
        if (value != QLatin1String("yes") && value != QLatin1String("no"))
            bad(m_compareReasons, QStringLiteral("yes or no"));
        json.insert(QStringLiteral("compare_reasons"), value == QLatin1String("yes"));
    }
    const QString features = parser.value(m_features);
    set(m_features, "features", features == QLatin1String("none") ? QJsonArray() : split(features));
    if (!flagProblem.isEmpty()) {
        *error = flagProblem;
        return std::nullopt;
    }
    // A profile the flags changed is not the one named any more.
    if (!parser.isSet(m_profileName) && json != base->toJson())
        json.insert(QStringLiteral("name"), QStringLiteral("%1 + flags").arg(base->name));
    QString problem;
    std::optional<TargetProfile> profile = TargetProfile::fromJson(json, &problem);
    if (!profile) {
        // fromJson names the JSON key; the user typed a flag.
        const std::pair<const char *, const QCommandLineOption *> flags[] = {{"name", &m_profileName},
                                                                             {"ws_path", &m_wsUrl},
                                                                             {"offer_subprotocols", &m_offer},
                                                                             {"login_fields", &m_loginFields},
                                                                             {"welcome_type", &m_welcomeType},
                                                                             {"admit_after_ms", &m_admitAfter},
                                                                             {"signal_type", &m_signalType},
                                                                             {"refusal_closes", &m_refusalClose},
                                                                             {"origin_refusal_status", &m_originStatus},
                                                                             {"rate_refusal_status", &m_rateStatus},
                                                                             {"features", &m_features},
                                                                             {"token_name", &m_tokenIn}};
        for (const auto &[key, flag] : flags) {
            if (parser.isSet(*flag))
                problem.replace(QStringLiteral("\"%1\"").arg(QLatin1String(key)),
                                QStringLiteral("--") + flag->names().constFirst());
        }
        *error = problem;
    }
    return profile;
}

}   // namespace SignalGate::Scenarios
