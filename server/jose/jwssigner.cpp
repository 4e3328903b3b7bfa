#include "jwssigner.h"

#include "base64url.h"

#include <QJsonDocument>
#include <QJsonValue>

#include <utility>

using namespace SignalGate::Protocol;

namespace SignalGate::Jose {

JwsSigner::JwsSigner(JwsKey key) : m_key(std::move(key)) {}

QByteArray JwsSigner::sign(const QJsonObject &payload, const QJsonObject &headerOverrides) const
{
    QJsonObject header{
            {QStringLiteral("alg"), jwsAlgorithmName(m_key.algorithm())},
            {QStringLiteral("typ"), QStringLiteral("at+jwt")},
    };
    for (auto it = headerOverrides.constBegin(); it != headerOverrides.constEnd(); ++it) {
        if (it.value().isNull())
            header.remove(it.key());
        else
            header.insert(it.key(), it.value());
    }

    QByteArray token = Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact));
    token += '.';
    token += Base64Url::encode(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    const QByteArray signature = m_key.sign(token);
    // A key that cannot sign must not yield "header.payload." : an unsigned token
    // handed out by mistake is worse than no token.
    if (signature.isEmpty())
        return {};
    token += '.';
    token += Base64Url::encode(signature);
    return token;
}

}   // namespace SignalGate::Jose
