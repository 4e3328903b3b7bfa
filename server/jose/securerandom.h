#pragma once

#include <QByteArray>

namespace SignalGate::Jose {

// Cryptographically secure random bytes from OpenSSL (RAND_bytes). Aborts the
// process if the generator fails: continuing with weak randomness would be worse.
namespace SecureRandom {
QByteArray bytes(int count);
// base64url of count random bytes, for ids and opaque tokens.
QByteArray token(int count);
}   // namespace SecureRandom

}   // namespace SignalGate::Jose
