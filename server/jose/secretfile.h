#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace SignalGate::Jose {

// The HS256 key file. Its bytes are the key exactly as stored (no trimming,
// no decoding), so a key written by another tool means the same here.
// Also reads the PEM files of the asymmetric algorithms.
namespace SecretFile {
constexpr int MinimumBytes = 32;

// Reads path; nullopt with *error (one sentence with the fix) when it is
// missing, unreadable or shorter than MinimumBytes.
std::optional<QByteArray> read(const QString &path, QString *error);
// Writes 64 random bytes to path, mode 0600 from its creation, atomically
// (PrivateFile): either the whole key is there or nothing is.
std::optional<QByteArray> create(const QString &path, QString *error);
// A PEM key file (RS256/ES256/EdDSA) as raw text for JwsKey::fromPem; nullopt
// with *error naming the file when it is missing, unreadable, empty or over 64 KiB.
std::optional<QByteArray> readPem(const QString &path, QString *error);
// A password file (--broker-password-file, --database-password-file): its
// first line, without the newline an editor adds; nullopt with *error naming
// the option and the file when it is missing, unreadable or empty.
std::optional<QByteArray> readPassword(const QString &path, const QString &option, QString *error);
// True when group or others may read the file (a warning, not an error:
// container secrets are often mounted 0644).
bool isReadableByOthers(const QString &path);
}   // namespace SecretFile

}   // namespace SignalGate::Jose
