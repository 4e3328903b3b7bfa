#include "redactor.h"

#include <QRegularExpression>

#include <algorithm>

namespace SignalGate::Scenarios {

namespace {
// Shorter strings could be ordinary words; nothing we register is that short.
constexpr qsizetype kMinSecretLength = 8;
}   // namespace

void Redactor::addSecret(const QByteArray &secret)
{
    if (secret.size() < kMinSecretLength || m_secrets.contains(secret))
        return;
    m_secrets.append(secret);
    // Longest first, so a token is not half-replaced by a shorter secret inside it.
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
}

QString Redactor::redact(const QString &text) const
{
    QString result = text;
    for (const QByteArray &secret : m_secrets)
        result.replace(QString::fromLatin1(secret), Mark);
    // A JWS whose header is JSON starts with "eyJ"; the signature may be empty.
    static const QRegularExpression jws(QStringLiteral("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*"));
    static const QRegularExpression query(QStringLiteral("([?&]token=)[^&#\\s\"]*"));
    static const QRegularExpression bearer(QStringLiteral("((?:Bearer |bearer\\.))[A-Za-z0-9_.~+/=-]+"));
    result.replace(jws, Mark);
    result.replace(query, QStringLiteral("\\1") + Mark);
    result.replace(bearer, QStringLiteral("\\1") + Mark);
    return result;
}

}   // namespace SignalGate::Scenarios
