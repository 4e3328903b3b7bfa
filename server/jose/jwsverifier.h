#pragma once

#include "jwskey.h"
#include "tokenfailure.h"

#include <QByteArrayView>
#include <QJsonObject>

namespace SignalGate::Jose {

// JWS compact serialization, layer one: structure, header rules and signature.
// Knows nothing about claims. Never throws; any internal exception is Malformed.
struct JwsResult
{
    TokenFailure failure = TokenFailure::Malformed;
    QJsonObject header;
    QJsonObject payload;
    bool ok() const { return failure == TokenFailure::None; }
};

class JwsVerifier
{
public:
    static constexpr qsizetype DefaultMaxTokenBytes = 8192;

    explicit JwsVerifier(JwsKey key, qsizetype maxTokenBytes = DefaultMaxTokenBytes);

    // Order of checks (first failure wins):
    //  empty -> Missing; longer than maxTokenBytes -> TooLarge;
    //  a character outside [A-Za-z0-9_.-] or not exactly three segments, or empty header/payload
    //  segment -> Malformed; header/payload not strict base64url of a JSON object -> Malformed;
    //  header alg not a string equal to the key's algorithm name -> AlgNotAllowed;
    //  header has jwk/jku/x5u/x5c, or a kid the key does not answer to -> AlgNotAllowed;
    //  header has crit (any: we understand no extensions) -> AlgNotAllowed;
    //  signature segment empty or not strict base64url, or verify fails -> BadSignature.
    JwsResult verify(QByteArrayView token) const noexcept;

    const JwsKey &key() const { return m_key; }

private:
    JwsResult verifyUnchecked(QByteArrayView token) const;

    JwsKey m_key;
    qsizetype m_maxTokenBytes;
};

}   // namespace SignalGate::Jose
