#include "devcertificate.h"

#include "opensslhandles.h"
#include "privatefile.h"

#include "securerandom.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

using namespace SignalGate::Jose;

namespace SignalGate::Server {

namespace {

constexpr int ValidityDays = 825;
constexpr long BackdateSeconds = 3600;   // tolerate a client clock a little behind ours
constexpr int SerialBytes = 16;

// "what: <first OpenSSL error>", and the rest of OpenSSL's queue dropped so it
// cannot be mistaken for a later failure's cause.
QString opensslError(const char *what)
{
    char text[256] = {};
    const unsigned long code = ERR_peek_last_error();
    if (code != 0)
        ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return code != 0 ? QStringLiteral("%1: %2").arg(QLatin1String(what), QLatin1String(text))
                     : QString::fromLatin1(what);
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return length > 0 ? QByteArray(data, qsizetype(length)) : QByteArray();
}

bool addExtension(X509 *certificate, X509V3_CTX *context, int nid, const char *value)
{
    const X509ExtensionPtr extension(X509V3_EXT_nconf_nid(nullptr, context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

// 16 random bytes as a positive INTEGER (RFC 5280 4.1.2.2: at most 20 octets,
// positive). Clearing the top bit keeps it positive without a sign octet;
// setting the next one keeps it at exactly 16 octets.
bool setRandomSerial(X509 *certificate)
{
    QByteArray bytes = SecureRandom::bytes(SerialBytes);
    bytes[0] = char((uchar(bytes[0]) & 0x7f) | 0x40);
    const BignumPtr serial(BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.constData()), SerialBytes, nullptr));
    return serial && BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate)) != nullptr;
}

bool writeFile(PrivateFile &file, const QByteArray &contents, QFileDevice::Permissions permissions)
{
    return file.open(permissions) && file.write(contents);
}

}   // namespace

std::optional<DevCertificate::Pem> DevCertificate::generate(QString *error)
{
    const EvpPkeyPtr key(EVP_EC_gen("P-256"));
    if (!key) {
        *error = opensslError("cannot generate an EC P-256 key");
        return std::nullopt;
    }

    const X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), X509_VERSION_3) != 1 || !setRandomSerial(certificate.get())
        || !X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -BackdateSeconds)
        || !X509_time_adj_ex(X509_getm_notAfter(certificate.get()), ValidityDays, 0, nullptr)
        || X509_set_pubkey(certificate.get(), key.get()) != 1) {
        *error = opensslError("cannot build the certificate");
        return std::nullopt;
    }
    // Self-signed: subject and issuer are the same name.
    X509_NAME *name = X509_get_subject_name(certificate.get());
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("localhost"), -1,
                                   -1, 0)
                != 1
        || X509_set_issuer_name(certificate.get(), name) != 1) {
        *error = opensslError("cannot set the certificate name");
        return std::nullopt;
    }

    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate.get(), certificate.get(), nullptr, nullptr, 0);
    // Clients match the host against subjectAltName only (RFC 6125; CN is a
    // fallback nobody should rely on). CA:TRUE and keyCertSign let a client
    // trust this file as its own root; serverAuth limits what it can be used for.
    const struct
    {
        int nid;
        const char *value;
    } extensions[] = {
            {NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1"},
            {NID_basic_constraints, "critical,CA:TRUE"},
            {NID_key_usage, "critical,digitalSignature,keyCertSign"},
            {NID_ext_key_usage, "serverAuth"},
            {NID_subject_key_identifier, "hash"},
    };
    for (const auto &extension : extensions) {
        if (!addExtension(certificate.get(), &context, extension.nid, extension.value)) {
            *error = opensslError("cannot add a certificate extension");
            return std::nullopt;
        }
    }
    if (X509_sign(certificate.get(), key.get(), EVP_sha256()) <= 0) {
        *error = opensslError("cannot sign the certificate");
        return std::nullopt;
    }

    const BioPtr certificateBio(BIO_new(BIO_s_mem()));
    // The secure-memory BIO wipes the key's PEM text when it is freed.
    const BioPtr keyBio(BIO_new(BIO_s_secmem()));
    if (!certificateBio || !keyBio || PEM_write_bio_X509(certificateBio.get(), certificate.get()) != 1
        || PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        *error = opensslError("cannot encode the certificate and key as PEM");
        return std::nullopt;
    }
    return Pem{bioContents(certificateBio.get()), bioContents(keyBio.get())};
}

QString DevCertificate::certificatePath(const QString &dir)
{
    return QDir(dir).filePath(QStringLiteral("cert.pem"));
}

QString DevCertificate::keyPath(const QString &dir)
{
    return QDir(dir).filePath(QStringLiteral("key.pem"));
}

bool DevCertificate::write(const QString &dir, QString *error)
{
    const QString certificateFile = certificatePath(dir);
    const QString keyFile = keyPath(dir);
    for (const QString &path : {certificateFile, keyFile}) {
        // exists() follows symlinks; a dangling link would still be replaced, so ask lstat too.
        if (QFileInfo::exists(path) || QFileInfo(path).isSymLink()) {
            *error = QStringLiteral("%1 already exists; gen-dev-cert never overwrites: remove cert.pem and key.pem "
                                    "from %2 or pick another directory")
                             .arg(path, dir);
            return false;
        }
    }
    if (!QDir().mkpath(dir) || !QFileInfo(dir).isDir()) {
        *error = QStringLiteral("cannot create directory %1; create it or pick another directory").arg(dir);
        return false;
    }

    std::optional<Pem> pem = generate(error);
    if (!pem)
        return false;

    PrivateFile key(keyFile);
    PrivateFile certificate(certificateFile);
    const bool written = writeFile(key, pem->privateKey, QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            && writeFile(certificate, pem->certificate,
                         QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                 | QFileDevice::ReadOther);
    OPENSSL_cleanse(pem->privateKey.data(), size_t(pem->privateKey.size()));
    if (!written) {
        *error = QStringLiteral("cannot write to %1: %2; make it writable or pick another directory")
                         .arg(dir, (!key.errorString().isEmpty() ? key : certificate).errorString());
        return false;
    }
    // Key first: a certificate alone is useless, and if the certificate
    // cannot be committed the key is taken back, so no half pair remains.
    if (!key.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(keyFile, key.errorString());
        return false;
    }
    if (!certificate.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(certificateFile, certificate.errorString());
        QFile::remove(keyFile);
        return false;
    }
    return true;
}

int DevCertificate::run(const QString &dir, QTextStream &out, QTextStream &err)
{
    QString error;
    if (!write(dir, &error)) {
        err << "signalgate-server: error: " << error << '\n';
        return 2;
    }
    const QString certificateFile = certificatePath(dir);
    out << "wrote " << certificateFile << " and " << keyPath(dir) << " (key mode 0600): a self-signed certificate "
        << "for localhost, 127.0.0.1 and ::1, valid for " << ValidityDays << " days\n"
        << "serve TLS with:  signalgate-server --tls-cert " << certificateFile << " --tls-key " << keyPath(dir) << '\n'
        << "clients must trust " << certificateFile << ", e.g. curl --cacert " << certificateFile
        << " https://127.0.0.1:8765/healthz\n"
        << "keep key.pem private; this certificate is for development only\n";
    return 0;
}

}   // namespace SignalGate::Server
