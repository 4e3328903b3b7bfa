#include "secretfile.h"

#include "privatefile.h"
#include "securerandom.h"

#include <QFile>
#include <QFileInfo>

namespace SignalGate::Jose {

std::optional<QByteArray> SecretFile::read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read key file %1: %2; check the path and that this user may read it")
                         .arg(path, file.errorString());
        return std::nullopt;
    }
    // Anything past 64 KiB is not a key someone meant to give us.
    const QByteArray key = file.read(64 * 1024 + 1);
    if (key.size() < MinimumBytes) {
        *error = QStringLiteral("key file %1 has %2 bytes; HS256 needs at least %3 random bytes "
                                "(e.g. head -c 64 /dev/urandom > %1)")
                         .arg(path)
                         .arg(key.size())
                         .arg(MinimumBytes);
        return std::nullopt;
    }
    if (key.size() > 64 * 1024) {
        *error = QStringLiteral("key file %1 is over 64 KiB; is it the right file?").arg(path);
        return std::nullopt;
    }
    return key;
}

std::optional<QByteArray> SecretFile::readPem(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read key file %1: %2; check the path and that this user may read it")
                         .arg(path, file.errorString());
        return std::nullopt;
    }
    // An RSA-8192 private key is under 7 KiB of PEM; 64 KiB means a wrong file.
    const QByteArray pem = file.read(64 * 1024 + 1);
    if (pem.isEmpty()) {
        *error = QStringLiteral("key file %1 is empty; it should hold a PEM key").arg(path);
        return std::nullopt;
    }
    if (pem.size() > 64 * 1024) {
        *error = QStringLiteral("key file %1 is over 64 KiB; is it the right file?").arg(path);
        return std::nullopt;
    }
    return pem;
}

std::optional<QByteArray> SecretFile::readPassword(const QString &path, const QString &option, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read %2 (%3); check the path and that this user may read it")
                         .arg(option, path, file.errorString());
        return std::nullopt;
    }
    const QByteArray password = file.readLine(4096).trimmed();
    if (password.isEmpty()) {
        *error = QStringLiteral("%1: %2 is empty; its first line should be the password").arg(option, path);
        return std::nullopt;
    }
    return password;
}

std::optional<QByteArray> SecretFile::create(const QString &path, QString *error)
{
    const QByteArray key = SecureRandom::bytes(64);
    PrivateFile file(path);
    if (!file.open(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || !file.write(key) || !file.commit()) {
        *error = QStringLiteral(
                         "cannot write key file %1: %2; make the data directory writable or pass --jwt-secret-file")
                         .arg(path, file.errorString());
        return std::nullopt;
    }
    return key;
}

bool SecretFile::isReadableByOthers(const QString &path)
{
    const QFileDevice::Permissions permissions = QFileInfo(path).permissions();
    return permissions & (QFileDevice::ReadGroup | QFileDevice::ReadOther);
}

}   // namespace SignalGate::Jose
