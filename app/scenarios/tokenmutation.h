#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace SignalGate::Scenarios {

// Hostile tokens made from a genuine one without any key: the
// server's signature stays, only what an attacker can change changes.
namespace TokenMutation {
// Over the contract's 8 KiB cap (PROTOCOL.md section 2).
constexpr int OversizedBytes = 8 * 1024 + 1024;

// One character of the signature changed (still canonical base64url).
QByteArray badSignature(const QByteArray &token);
// header.payload. : the signature segment emptied.
QByteArray nullSignature(const QByteArray &token);
// {"alg":"none","typ":"at+jwt"}.payload. (RFC 8725 section 3.1).
QByteArray algNone(const QByteArray &token);
// The payload padded with a "pad" claim until the token has at least
// OversizedBytes; the original signature kept.
QByteArray oversized(const QByteArray &token);
// Not a JWS at all: three dot-separated words that are not base64url JSON.
QByteArray malformed();
// header.payload.signature from JSON objects and raw signature bytes.
QByteArray assemble(const QJsonObject &header, const QJsonObject &payload, const QByteArray &signature);
}   // namespace TokenMutation

}   // namespace SignalGate::Scenarios
