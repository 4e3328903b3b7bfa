#include "targetprofile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUuid>

#include <functional>

namespace SignalGate::Scenarios {

namespace {

// A profile is a few hundred bytes; anything far larger is the wrong file.
constexpr qint64 MaxProfileBytes = 64 * 1024;

// The names the JSON (and the command line) use for each enum value.
template<typename Enum>
struct Named
{
    Enum value;
    const char *name;
};

const Named<TargetProfile::TokenPlacement> placementNames[] = {
        {TargetProfile::TokenPlacement::Header, "header"},
        {TargetProfile::TokenPlacement::Query, "query"},
        {TargetProfile::TokenPlacement::Subprotocol, "subprotocol"},
        {TargetProfile::TokenPlacement::SubprotocolBare, "subprotocol-bare"},
};
const Named<TargetProfile::Login> loginNames[] = {
        {TargetProfile::Login::None, "none"},
        {TargetProfile::Login::SignalGate, "signalgate"},
        {TargetProfile::Login::Json, "json"},
        {TargetProfile::Login::OAuth2, "oauth2"},
};
const Named<TargetProfile::Feature> featureNames[] = {
        {TargetProfile::Feature::Refresh, "refresh"},
        {TargetProfile::Feature::Resume, "resume"},
        {TargetProfile::Feature::MessageRate, "msg-rate"},
};

template<typename Enum, size_t N>
QString nameOf(const Named<Enum> (&table)[N], Enum value)
{
    for (const Named<Enum> &entry : table) {
        if (entry.value == value)
            return QLatin1String(entry.name);
    }
    return {};
}

template<typename Enum, size_t N>
std::optional<Enum> valueOf(const Named<Enum> (&table)[N], const QString &name)
{
    for (const Named<Enum> &entry : table) {
        if (name == QLatin1String(entry.name))
            return entry.value;
    }
    return std::nullopt;
}

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

// Reads typed members of a profile object; keeps the first problem, after
// which every read leaves its target alone.
class JsonReader
{
public:
    explicit JsonReader(const QJsonObject &object) : m_object(object) {}

    QString problem() const { return m_problem; }
    void fail(const char *key, const char *expected)
    {
        if (m_problem.isEmpty())
            m_problem = QStringLiteral("\"%1\" must be %2").arg(QLatin1String(key), QLatin1String(expected));
    }

    void text(const char *key, QString *target, const std::function<bool(const QString &)> &valid, const char *expected)
    {
        const QJsonValue value = member(key);
        if (value.isUndefined())
            return;
        if (!value.isString() || !valid(value.toString()))
            return fail(key, expected);
        *target = value.toString();
    }
    // null or absent: none.
    void optionalText(const char *key, QString *target)
    {
        const QJsonValue value = member(key);
        if (value.isNull())
            target->clear();
        else
            text(
                    key, target, [](const QString &t) { return !t.isEmpty(); }, "a text or null");
    }
    template<typename Enum>
    void choice(const char *key, Enum *target, std::optional<Enum> (*parse)(const QString &), const char *expected)
    {
        QString name;
        text(
                key, &name, [parse](const QString &t) { return parse(t).has_value(); }, expected);
        if (!name.isEmpty() && m_problem.isEmpty())
            *target = *parse(name);
    }
    void integer(const char *key, int *target, int min, int max)
    {
        const QJsonValue value = member(key);
        if (value.isUndefined())
            return;
        const double number = value.toDouble(double(min) - 1);
        if (!value.isDouble() || number != double(qint64(number)) || number < min || number > max) {
            if (m_problem.isEmpty())
                m_problem = QStringLiteral("\"%1\" must be a whole number from %2 to %3")
                                    .arg(QLatin1String(key))
                                    .arg(min)
                                    .arg(max);
            return;
        }
        *target = int(number);
    }
    void integers(const char *key, QList<int> *target, int min, int max)
    {
        const QJsonValue value = member(key);
        if (value.isUndefined())
            return;
        QList<int> numbers;
        for (const QJsonValue item : value.toArray()) {
            const double number = item.toDouble(double(min) - 1);
            if (!item.isDouble() || number != double(qint64(number)) || number < min || number > max)
                return fail(key, "a list of close codes from 1000 to 4999");
            numbers.append(int(number));
        }
        if (!value.isArray() || numbers.isEmpty())
            return fail(key, "a list of close codes from 1000 to 4999");
        *target = numbers;
    }
    // count 0: any number of entries.
    void texts(const char *key, QStringList *target, qsizetype count, const char *expected)
    {
        const QJsonValue value = member(key);
        if (value.isUndefined())
            return;
        QStringList items;
        for (const QJsonValue item : value.toArray()) {
            if (!item.isString() || item.toString().isEmpty())
                return fail(key, expected);
            items.append(item.toString());
        }
        if (!value.isArray() || (count > 0 && items.size() != count))
            return fail(key, expected);
        *target = items;
    }
    void boolean(const char *key, bool *target)
    {
        const QJsonValue value = member(key);
        if (value.isUndefined())
            return;
        if (!value.isBool())
            return fail(key, "true or false");
        *target = value.toBool();
    }

private:
    QJsonValue member(const char *key) const
    {
        return m_problem.isEmpty() ? m_object.value(QLatin1String(key)) : QJsonValue(QJsonValue::Undefined);
    }

    const QJsonObject &m_object;
    QString m_problem;
};

}   // namespace

TargetProfile TargetProfile::signalGate()
{
    return {};
}

TargetProfile TargetProfile::seed()
{
    TargetProfile profile;
    profile.name = QStringLiteral("seed");
    profile.tokenIn = TokenPlacement::Query;
    profile.compareReasons = false;
    profile.features = int(Feature::Resume) | int(Feature::MessageRate);
    return profile;
}

QStringList TargetProfile::builtInNames()
{
    return {QStringLiteral("signalgate"), QStringLiteral("seed")};
}

QString TargetProfile::placementName(TokenPlacement placement)
{
    return nameOf(placementNames, placement);
}

std::optional<TargetProfile::TokenPlacement> TargetProfile::placementFromName(const QString &name)
{
    return valueOf(placementNames, name);
}

QString TargetProfile::loginName(Login login)
{
    return nameOf(loginNames, login);
}

std::optional<TargetProfile::Login> TargetProfile::loginFromName(const QString &name)
{
    return valueOf(loginNames, name);
}

QJsonObject TargetProfile::toJson() const
{
    QJsonArray closes;
    for (int code : refusalCloses)
        closes.append(code);
    QJsonArray featureList;
    for (const auto &entry : featureNames) {
        if (supports(entry.value))
            featureList.append(QLatin1String(entry.name));
    }
    return {{QLatin1String("name"), name},
            {QLatin1String("ws_path"), wsPath},
            {QLatin1String("token_in"), placementName(tokenIn)},
            {QLatin1String("token_name"), tokenName},
            {QLatin1String("subprotocol_prefix"), subprotocolPrefix},
            {QLatin1String("offer_subprotocols"), QJsonArray::fromStringList(offerSubprotocols)},
            {QLatin1String("login"), loginName(login)},
            {QLatin1String("login_path"), loginPath},
            {QLatin1String("login_fields"), QJsonArray{userField, passwordField}},
            {QLatin1String("refusal_closes"), closes},
            {QLatin1String("compare_reasons"), compareReasons},
            {QLatin1String("origin_refusal_status"), originRefusalStatus},
            {QLatin1String("rate_refusal_status"), rateRefusalStatus},
            {QLatin1String("welcome_type"), orNull(welcomeType)},
            {QLatin1String("admit_after_ms"), admitAfterMs},
            {QLatin1String("signal_type"), orNull(signalType)},
            {QLatin1String("features"), featureList}};
}

std::optional<TargetProfile> TargetProfile::fromJson(const QJsonObject &object, QString *error)
{
    static const QStringList known{QStringLiteral("name"),
                                   QStringLiteral("ws_path"),
                                   QStringLiteral("token_in"),
                                   QStringLiteral("token_name"),
                                   QStringLiteral("subprotocol_prefix"),
                                   QStringLiteral("offer_subprotocols"),
                                   QStringLiteral("login"),
                                   QStringLiteral("login_path"),
                                   QStringLiteral("login_fields"),
                                   QStringLiteral("refusal_closes"),
                                   QStringLiteral("compare_reasons"),
                                   QStringLiteral("origin_refusal_status"),
                                   QStringLiteral("rate_refusal_status"),
                                   QStringLiteral("welcome_type"),
                                   QStringLiteral("admit_after_ms"),
                                   QStringLiteral("signal_type"),
                                   QStringLiteral("features")};
    for (const QString &key : object.keys()) {
        if (!known.contains(key)) {
            *error = QStringLiteral("unknown key \"%1\"; the keys are %2").arg(key, known.join(QLatin1String(", ")));
            return std::nullopt;
        }
    }

    TargetProfile profile;
    JsonReader read(object);
    auto path = [](const QString &t) { return t.startsWith(QLatin1Char('/')); };
    auto any = [](const QString &t) { return !t.isEmpty(); };
    read.text("name", &profile.name, any, "a name");
    read.text("ws_path", &profile.wsPath, path, "a path starting with /");
    read.choice("token_in", &profile.tokenIn, placementFromName, "header, query, subprotocol or subprotocol-bare");
    read.text("token_name", &profile.tokenName, any, "a query parameter name");
    read.text(
            "subprotocol_prefix", &profile.subprotocolPrefix, [](const QString &) { return true; }, "a text");
    read.texts("offer_subprotocols", &profile.offerSubprotocols, 0, "a list of subprotocol names");
    read.choice("login", &profile.login, loginFromName, "none, signalgate, json or oauth2");
    read.text("login_path", &profile.loginPath, path, "a path starting with /");
    QStringList fields{profile.userField, profile.passwordField};
    read.texts("login_fields", &fields, 2, "two field names, for the user and the password");
    profile.userField = fields.value(0);
    profile.passwordField = fields.value(1);
    read.integers("refusal_closes", &profile.refusalCloses, 1000, 4999);
    read.boolean("compare_reasons", &profile.compareReasons);
    read.integer("origin_refusal_status", &profile.originRefusalStatus, 100, 599);
    read.integer("rate_refusal_status", &profile.rateRefusalStatus, 100, 599);
    read.optionalText("welcome_type", &profile.welcomeType);
    read.integer("admit_after_ms", &profile.admitAfterMs, 1, 60000);
    read.optionalText("signal_type", &profile.signalType);
    QStringList featureList = profile.toJson().value(QLatin1String("features")).toVariant().toStringList();
    read.texts("features", &featureList, 0, "a list of refresh, resume, msg-rate");
    profile.features = 0;
    for (const QString &name : std::as_const(featureList)) {
        if (const std::optional<Feature> feature = valueOf(featureNames, name))
            profile.features |= int(*feature);
        else
            read.fail("features", "a list of refresh, resume, msg-rate");
    }
    if (!read.problem().isEmpty()) {
        *error = read.problem();
        return std::nullopt;
    }
    return profile;
}

std::optional<TargetProfile> TargetProfile::load(const QString &nameOrFile, QString *error)
{
    if (nameOrFile == QLatin1String("signalgate"))
        return signalGate();
    if (nameOrFile == QLatin1String("seed"))
        return seed();
    QFile file(nameOrFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("profile %1: %2; give signalgate, seed or a profile file you can read")
                         .arg(nameOrFile, file.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = file.read(MaxProfileBytes + 1);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (bytes.size() > MaxProfileBytes || parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error =
                QStringLiteral("profile %1 is not a JSON object (%2); write it with --print-profile or Save as…")
                        .arg(nameOrFile,
                             bytes.size() > MaxProfileBytes ? QStringLiteral("over 64 KiB") : parseError.errorString());
        return std::nullopt;
    }
    QString problem;
    std::optional<TargetProfile> profile = fromJson(document.object(), &problem);
    if (!profile)
        *error = QStringLiteral("profile %1: %2").arg(nameOrFile, problem);
    return profile;
}

bool TargetProfile::save(const QString &file, QString *error) const
{
    QSaveFile out(file);
    if (out.open(QIODevice::WriteOnly) && out.write(QJsonDocument(toJson()).toJson()) >= 0 && out.commit())
        return true;
    *error = QStringLiteral("cannot save the profile to %1: %2").arg(file, out.errorString());
    return false;
}

QUrl TargetProfile::webSocketUrl(const QUrl &server) const
{
    QString path = wsPath;
    path.replace(QLatin1String("{session}"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    const bool tls = server.scheme() == QLatin1String("https") || server.scheme() == QLatin1String("wss");
    QUrl url(QStringLiteral("%1://%2%3")
                     .arg(tls ? QLatin1String("wss") : QLatin1String("ws"), server.authority(), path));
    return url;
}

}   // namespace SignalGate::Scenarios
