#include "tokenmutation.h"

#include "base64url.h"

#include <QJsonDocument>
#include <QList>

using namespace SignalGate::Protocol;

namespace SignalGate::Scenarios {

namespace {
QByteArray encodeJson(const QJsonObject &object)
{
    return Base64Url::encode(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QList<QByteArray> segments(const QByteArray &token)
{
    QList<QByteArray> parts = token.split('.');
    while (parts.size() < 3)
        parts.append(QByteArray());
    return parts;
}
}   // namespace

QByteArray TokenMutation::badSignature(const QByteArray &token)
{
    QList<QByteArray> parts = segments(token);
    QByteArray &signature = parts[2];
    if (signature.isEmpty())
        signature = "AAAA";
    else
        signature[0] = signature.at(0) == 'A' ? 'B' : 'A';   // the first character has no unused bits
    return parts.join('.');
}

QByteArray TokenMutation::nullSignature(const QByteArray &token)
{
    const QList<QByteArray> parts = segments(token);
    return parts.at(0) + '.' + parts.at(1) + '.';
}

QByteArray TokenMutation::algNone(const QByteArray &token)
{
    return encodeJson(
                   {{QStringLiteral("alg"), QStringLiteral("none")}, {QStringLiteral("typ"), QStringLiteral("at+jwt")}})
            + '.' + segments(token).at(1) + '.';
}

QByteArray TokenMutation::oversized(const QByteArray &token)
{
    const QList<QByteArray> parts = segments(token);
    QJsonObject payload = QJsonDocument::fromJson(Base64Url::decode(parts.at(1)).value_or(QByteArray())).object();
    // base64url grows 4/3: this many padding characters take the token past the cap.
    const qsizetype pad = qMax<qsizetype>(0, (OversizedBytes - token.size()) * 3 / 4 + 64);
    payload.insert(QStringLiteral("pad"), QString(pad, QLatin1Char('x')));
    return parts.at(0) + '.' + encodeJson(payload) + '.' + parts.at(2);
}

QByteArray TokenMutation::malformed()
{
    return "not.a.jwt";
}

QByteArray TokenMutation::assemble(const QJsonObject &header, const QJsonObject &payload, const QByteArray &signature)
{
    return encodeJson(header) + '.' + encodeJson(payload) + '.' + Base64Url::encode(signature);
}

}   // namespace SignalGate::Scenarios
