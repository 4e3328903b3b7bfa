#include "devendpoints.h"

#include "authendpoints.h"
#include "jsonkeys.h"
#include "tokenissuer.h"
#include "userstore.h"

#include <cmath>

using namespace SignalGate::Jose;

namespace SignalGate::Server {

namespace Key = SignalGate::Protocol::Key;

DevEndpoints::DevEndpoints(const TokenIssuer &issuer, const UserStore &users, const SignalGate::Clock &clock)
    : m_issuer(issuer)
    , m_users(users)
    , m_clock(clock)
{}

void DevEndpoints::token(const HttpCall &call) const
{
    const HttpCall::Respond &respond = call.respond;
    if (!m_issuer.canSign())
        return respond(AuthEndpoints::cannotIssue());
    const auto body = call.jsonBody(true);
    if (!body)
        return respond(HttpCall::badJson());
    QJsonObject overrides = *body;
    const QJsonObject header = overrides.take(QLatin1String("$header")).toObject();
    const QJsonValue ttl = overrides.take(QLatin1String("$ttl"));

    const qint64 now = m_clock.wallSeconds();
    // Times far from now only ever test an overflow (PROTOCOL.md section 10.3).
    constexpr double TenYears = 10.0 * 366 * 24 * 3600;
    auto isSaneSeconds = [](const QJsonValue &value, double centre) {
        const double v = value.toDouble();
        return value.isDouble() && std::isfinite(v) && std::floor(v) == v && std::fabs(v - centre) <= TenYears;
    };
    if (!ttl.isUndefined() && !isSaneSeconds(ttl, 0))
        return respond(HttpResponse::error(400, "bad_request",
                                           QStringLiteral("$ttl must be a whole number of seconds within 10 years")));
    for (const char *name : {"exp", "nbf", "iat"}) {
        const QJsonValue value = overrides.value(QLatin1String(name));
        if (!value.isUndefined() && !value.isNull() && !isSaneSeconds(value, double(now)))
            return respond(
                    HttpResponse::error(400, "bad_request",
                                        QStringLiteral("%1 must be a whole number of seconds within 10 years of now")
                                                .arg(QLatin1String(name))));
    }
    const QString subject = overrides.value(QLatin1String("sub")).toString(QStringLiteral("demo"));
    const std::optional<UserRecord> record = m_users.find(subject);
    QJsonObject claims = m_issuer.defaultClaims(subject, record ? record->scope : QString(), now);
    if (ttl.isDouble())
        claims.insert(QLatin1String("exp"), now + qint64(ttl.toDouble()));
    for (auto it = overrides.constBegin(); it != overrides.constEnd(); ++it) {
        if (it.value().isNull())
            claims.remove(it.key());
        else
            claims.insert(it.key(), it.value());
    }
    const QByteArray token = m_issuer.signer().sign(claims, header);
    QJsonObject answer{{Key::AccessToken, QString::fromLatin1(token)}, {Key::TokenType, QStringLiteral("Bearer")}};
    if (claims.value(QLatin1String("exp")).isDouble())
        answer.insert(Key::ExpiresIn, qint64(claims.value(QLatin1String("exp")).toDouble()) - now);
    respond(HttpResponse::json(200, answer));
}

}   // namespace SignalGate::Server
