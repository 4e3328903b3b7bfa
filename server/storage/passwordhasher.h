#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace SignalGate::Server {

// PBKDF2-HMAC-SHA256 through OpenSSL. Argon2id would be preferable but
// OpenSSL 3.0 (Debian 12) has no Argon2 and the contract allows PBKDF2 at
// 600000 iterations (OWASP 2023). The encoded form names the scheme so a
// later migration can tell old hashes apart:
//   pbkdf2-sha256$<iterations>$<base64url salt (16 bytes)>$<base64url hash (32 bytes)>
// CPU cost: about 0.1 s per call on the CI machine; callers on the event loop
// thread should run it in a worker (QtConcurrent).
namespace PasswordHasher {
constexpr int DefaultIterations = 600000;

QByteArray hash(QByteArrayView password, int iterations = DefaultIterations);
// False for a wrong password or a string that is not a hash we produced. Constant time compare.
bool verify(QByteArrayView password, QByteArrayView encoded);
// A well-formed hash of a random password: verifying an unknown user against it
// costs the same time as a real user, so response time does not reveal which names exist.
QByteArray dummyHash();
}   // namespace PasswordHasher

}   // namespace SignalGate::Server
