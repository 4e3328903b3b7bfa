#pragma once

#include "jwskey.h"

#include <QByteArray>
#include <QJsonObject>

namespace SignalGate::Jose {

// Builds compact JWS tokens. The header's "alg" is always the key's algorithm
// unless the caller overrides it on purpose (dev tokens and hostile tests).
class JwsSigner
{
public:
    explicit JwsSigner(JwsKey key);

    // header members are merged over {"alg": <key alg>, "typ": "at+jwt"}; a member
    // whose value is null is removed. Returns base64url(header).base64url(payload).base64url(sig),
    // or an empty array when the key cannot sign.
    QByteArray sign(const QJsonObject &payload, const QJsonObject &headerOverrides = {}) const;
    // False when the key is verify-only (a public key alone) or a too-short secret.
    bool canSign() const { return m_key.canSign(); }

private:
    JwsKey m_key;
};

}   // namespace SignalGate::Jose
