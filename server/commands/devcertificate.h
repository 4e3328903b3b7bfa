#pragma once

#include <QByteArray>
#include <QString>
#include <QTextStream>

#include <optional>

namespace SignalGate::Server {

// A self-signed certificate for local development (`gen-dev-cert DIR`):
// localhost, 127.0.0.1 and ::1, an EC P-256 key, valid for 825 days (the
// longest lifetime Apple platforms accept for a TLS server certificate).
// It is its own CA (basicConstraints CA:TRUE), so a client can trust exactly
// this file (curl --cacert, QSslConfiguration::setCaCertificates) instead of
// turning verification off.
class DevCertificate
{
public:
    struct Pem
    {
        QByteArray certificate;
        QByteArray privateKey;   // unencrypted PKCS#8
    };

    // A fresh key pair and certificate; std::nullopt with *error (one line) if
    // OpenSSL fails.
    static std::optional<Pem> generate(QString *error);

    // Creates dir and writes cert.pem (0644) and key.pem (0600). Refuses when
    // either file exists; writes each atomically and removes the key again if
    // the certificate cannot be committed, so it never leaves half a pair.
    static bool write(const QString &dir, QString *error);

    // The subcommand: write(), then say where the files are and how to use
    // them. Returns the exit code (0, or 2 with one line on err).
    static int run(const QString &dir, QTextStream &out, QTextStream &err);

    static QString certificatePath(const QString &dir);
    static QString keyPath(const QString &dir);
};

}   // namespace SignalGate::Server
