#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace SignalGate::Client {

// The header and claims of a JWT read WITHOUT verifying it: the client only
// needs exp/iat/sub to schedule refreshes and to show the token inspector.
// Never use this to decide whether a token is trustworthy.
struct TokenClaims
{
    QJsonObject header;
    QJsonObject payload;
    QString subject;
    qint64 issuedAt = 0;
    qint64 expiresAt = 0;

    static std::optional<TokenClaims> decodeUnverified(const QByteArray &token);
};

}   // namespace SignalGate::Client
