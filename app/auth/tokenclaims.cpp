#include "tokenclaims.h"

#include "base64url.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>

using namespace SignalGate::Protocol;

namespace SignalGate::Client {

namespace {

// PROTOCOL.md section 2: strict base64url (the contract's one decoder), so
// padding, '+', '/' or whitespace make a token malformed rather than being
// leniently decoded.
std::optional<QJsonObject> decodeObject(const QByteArray &segment)
{
    const std::optional<QByteArray> decoded = segment.isEmpty() ? std::nullopt : Base64Url::decode(segment);
    if (!decoded)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// A NumericDate (RFC 7519): missing is 0; anything that is not a number a
// qint64 can hold exactly is malformed. Fractions are cut off.
bool readTime(const QJsonObject &payload, const QString &name, qint64 *seconds)
{
    const QJsonValue value = payload.value(name);
    if (value.isUndefined()) {
        *seconds = 0;
        return true;
    }
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    constexpr double maxExact = 9007199254740992.0;   // 2^53
    if (!std::isfinite(number) || number < 0 || number > maxExact)
        return false;
    *seconds = static_cast<qint64>(number);
    return true;
}

}   // namespace

std::optional<TokenClaims> TokenClaims::decodeUnverified(const QByteArray &token)
{
    const QList<QByteArray> segments = token.split('.');
    if (segments.size() != 3 || !Base64Url::isAlphabet(segments.at(2)))
        return std::nullopt;

    const std::optional<QJsonObject> header = decodeObject(segments.at(0));
    const std::optional<QJsonObject> payload = decodeObject(segments.at(1));
    if (!header || !payload)
        return std::nullopt;

    TokenClaims claims;
    claims.header = *header;
    claims.payload = *payload;
    if (!readTime(claims.payload, QStringLiteral("exp"), &claims.expiresAt)
        || !readTime(claims.payload, QStringLiteral("iat"), &claims.issuedAt)) {
        return std::nullopt;
    }
    const QJsonValue subject = claims.payload.value(QStringLiteral("sub"));
    if (!subject.isUndefined() && !subject.isString())
        return std::nullopt;
    claims.subject = subject.toString();
    return claims;
}

}   // namespace SignalGate::Client
