#include "frontdoor.h"

#include "opensslhandles.h"

#include "auditevents.h"
#include "auditlog.h"
#include "logging.h"
#include "metrics.h"

#include <QDateTime>
#include <QFile>
#include <QPointer>
#include <QScopeGuard>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

#include <unistd.h>

using namespace SignalGate::Jose;

namespace SignalGate::Server {

namespace {

// Larger than any certificate chain or key anyone means to give us.
constexpr qint64 MaxPemBytes = 1024 * 1024;

std::optional<QByteArray> readPem(const QString &path, const char *what, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read TLS %1 %2: %3; check the path and that this user may read it")
                         .arg(QLatin1String(what), path, file.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = file.read(MaxPemBytes + 1);
    if (bytes.size() > MaxPemBytes) {
        *error = QStringLiteral("TLS %1 %2 is over 1 MiB; is it the right file?").arg(QLatin1String(what), path);
        return std::nullopt;
    }
    return bytes;
}

// The Mozilla "intermediate" policy (PROTOCOL.md section 10.4): for TLS 1.2
// only ECDHE key exchange with AEAD ciphers, so no CBC, no SHA-1 MACs and no
// static RSA; for TLS 1.3 every suite this OpenSSL offers, which are its
// defaults. Named explicitly because Qt hands OpenSSL one list for both.
QList<QSslCipher> serverCiphers()
{
    static const char *const tls12[] = {
            "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",   "ECDHE-ECDSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES256-GCM-SHA384",   "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    };
    QList<QSslCipher> ciphers;
    for (const QSslCipher &cipher : QSslConfiguration::supportedCiphers()) {
        if (cipher.protocol() == QSsl::TlsV1_3)
            ciphers.append(cipher);
    }
    for (const char *name : tls12) {
        const QSslCipher cipher(QLatin1String(name), QSsl::TlsV1_2);
        if (!cipher.isNull())
            ciphers.append(cipher);
    }
    return ciphers;
}

// Never prompt on the terminal for a pass phrase (OpenSSL's default without a
// callback): an encrypted key is an error the operator must see.
int refusePassphrase(char *, int, int, void *)
{
    return -1;
}

}   // namespace

void FrontDoorListener::incomingConnection(qintptr descriptor)
{
    QTcpSocket *socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCDebug(lcGate).noquote() << "cannot adopt an accepted socket:" << socket->errorString();
        delete socket;
        ::close(int(descriptor));   // not adopted, so nobody else closes it
        return;
    }
    // What is written goes out at once. The pool already gathers one
    // event-loop turn's signals into one write, and Qt a turn's TLS records;
    // Nagle would hold the next write behind the client's delayed ACK: 40+ ms
    // per TLS handshake on loopback, and a signal p50 of 44 ms against 14 ms
    // at 2000 connections (docs/PERFORMANCE.md).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (auto *tls = qobject_cast<QSslSocket *>(socket)) {
        tls->setSslConfiguration(*m_tls);
        // Handshake errors (plain HTTP on this port, a client that distrusts
        // us) surface as errorOccurred on the socket; IncomingConnection
        // drops it then, and its timeout covers a handshake that never ends.
        tls->startServerEncryption();
    }
    addPendingConnection(socket);
}

FrontDoor::FrontDoor(const Policy &policy, AuditLog *audit, Metrics *metrics, QObject *parent)
    : QObject(parent)
    , m_limits(policy.limits)
    , m_maxPendingPerAddress(policy.maxPendingPerAddress)
    , m_maxConnections(policy.maxConnections)
    , m_acceptUpgrades(policy.acceptUpgrades)
    , m_unavailable(policy.unavailable)
    , m_addressKey(policy.addressKey)
    , m_origins(policy.allowedOrigins)
    , m_connectionLimiter(makeLimiterStore(policy.limiters, QStringLiteral("connection"), policy.connectionRate,
                                           policy.rateTableMax, *policy.clock))
    , m_audit(audit)
    , m_metrics(metrics)
{
    if (policy.tls)
        m_server.setTlsConfiguration(*policy.tls);
    connect(&m_server, &QTcpServer::newConnection, this, &FrontDoor::onNewConnection);
}

bool FrontDoor::listen(const QHostAddress &address, quint16 port, QString *error)
{
    // Qt's default backlog of 50 makes a burst of reconnects (a restart, a
    // network blip) wait for SYN retransmits of 1, 3, 7 ... seconds; the kernel
    // caps this at net.core.somaxconn.
    m_server.setListenBacklogSize(4096);
    if (m_server.listen(address, port))
        return true;
    QString hint;
    if (m_server.serverError() == QAbstractSocket::AddressInUseError)
        hint = QStringLiteral("another process uses it; stop it or pick another port with --listen");
    else if (m_server.serverError() == QAbstractSocket::SocketAccessError)
        hint = QStringLiteral("ports below 1024 need privileges; pick another port with --listen");
    else
        hint = QStringLiteral("check the address with --listen");
    const QString where = address.protocol() == QAbstractSocket::IPv6Protocol
            ? QStringLiteral("[%1]:%2").arg(address.toString()).arg(port)
            : QStringLiteral("%1:%2").arg(address.toString()).arg(port);
    *error = QStringLiteral("cannot listen on %1: %2; %3").arg(where, m_server.errorString(), hint);
    return false;
}

std::optional<QSslConfiguration> FrontDoor::loadTlsConfiguration(const QString &certificateFile, const QString &keyFile,
                                                                 QString *error)
{
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral(
                         "--tls-cert: this Qt has no TLS backend (%1); install Qt's OpenSSL plugin or drop --tls-cert")
                         .arg(QSslSocket::sslLibraryVersionString());
        return std::nullopt;
    }
    const std::optional<QByteArray> certificatePem = readPem(certificateFile, "certificate", error);
    if (!certificatePem)
        return std::nullopt;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(*certificatePem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = QStringLiteral("TLS certificate %1 holds no PEM certificate (-----BEGIN CERTIFICATE-----); "
                                "pass the certificate file, or make one with gen-dev-cert DIR")
                         .arg(certificateFile);
        return std::nullopt;
    }
    std::optional<QByteArray> keyPem = readPem(keyFile, "key", error);
    if (!keyPem)
        return std::nullopt;
    // QSslKey keeps its own copy; ours need not outlive this function.
    const auto wipeKey = qScopeGuard([&keyPem] { keyPem->fill('\0'); });

    // Qt cannot say whether a key belongs to a certificate; OpenSSL can, and
    // reads every PEM key form (PKCS#8, "EC PRIVATE KEY", "RSA PRIVATE KEY").
    const BioPtr keyBio(BIO_new_mem_buf(keyPem->constData(), int(keyPem->size())));
    const EvpPkeyPtr privateKey(keyBio ? PEM_read_bio_PrivateKey(keyBio.get(), nullptr, refusePassphrase, nullptr)
                                       : nullptr);
    ERR_clear_error();
    if (!privateKey) {
        *error = QStringLiteral("TLS key %1 is not an unencrypted PEM private key; pass the key file "
                                "(decrypt one with openssl pkey -in KEY -out PLAIN)")
                         .arg(keyFile);
        return std::nullopt;
    }
    QSsl::KeyAlgorithm algorithm = QSsl::Opaque;
    switch (EVP_PKEY_get_base_id(privateKey.get())) {
    case EVP_PKEY_EC:
        algorithm = QSsl::Ec;
        break;
    case EVP_PKEY_RSA:
        algorithm = QSsl::Rsa;
        break;
    default: {
        const char *type = EVP_PKEY_get0_type_name(privateKey.get());
        *error = QStringLiteral("TLS key %1 is a %2 key; use an EC or RSA key")
                         .arg(keyFile, QLatin1String(type ? type : "unsupported"));
        return std::nullopt;
    }
    }
    const QByteArray leafPem = chain.first().toPem();
    const BioPtr certificateBio(BIO_new_mem_buf(leafPem.constData(), int(leafPem.size())));
    const X509Ptr leaf(certificateBio ? PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr) : nullptr);
    const bool matches = leaf && X509_check_private_key(leaf.get(), privateKey.get()) == 1;
    ERR_clear_error();
    if (!matches) {
        *error = QStringLiteral("TLS key %1 does not belong to certificate %2; pass the key made with that certificate")
                         .arg(keyFile, certificateFile);
        return std::nullopt;
    }
    const QSslKey key(*keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
    if (key.isNull()) {
        *error = QStringLiteral("TLS key %1 cannot be loaded by Qt; convert it with openssl pkey -in KEY -out PLAIN")
                         .arg(keyFile);
        return std::nullopt;
    }
    if (chain.first().expiryDate() < QDateTime::currentDateTimeUtc())
        qCWarning(lcGate).noquote() << "TLS certificate" << certificateFile << "expired on"
                                    << chain.first().expiryDate().toString(Qt::ISODate) << "; clients will refuse it";

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setCiphers(serverCiphers());
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    // Clients authenticate with tokens, not certificates.
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    QStringList names;
    for (const QSslCipher &cipher : configuration.ciphers())
        names.append(cipher.name());
    qCInfo(lcGate).noquote() << "TLS policy: TLS 1.2 and 1.3 only; suites" << names.join(QLatin1Char(' '));
    return configuration;
}

void FrontDoor::close()
{
    m_server.close();
}

void FrontDoor::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        const bool overCapacity = m_maxConnections > 0 && m_open >= m_maxConnections;
        if (overCapacity && m_overCapacity >= OverCapacityAnswers) {
            dropAtAccept(socket, QStringLiteral("capacity"), QStringLiteral("%1 open, the most allowed").arg(m_open));
            continue;
        }
        const QByteArray key = m_addressKey(socket->peerAddress());
        int &pending = m_pendingPerAddress[key];
        if (m_maxPendingPerAddress > 0 && pending >= m_maxPendingPerAddress) {
            dropAtAccept(socket, QStringLiteral("pending"), QStringLiteral("%1 requests already pending").arg(pending));
            continue;
        }
        ++pending;
        countWhileOpen(socket, overCapacity ? &m_overCapacity : &m_open);
        auto *connection = new IncomingConnection(socket, m_limits, this);
        if (overCapacity)
            m_refusedForCapacity.insert(connection);
        // Released or answered, the request is no longer pending.
        connect(connection, &QObject::destroyed, this, [this, key, connection] {
            m_refusedForCapacity.remove(connection);
            auto it = m_pendingPerAddress.find(key);
            if (it != m_pendingPerAddress.end() && --it.value() <= 0)
                m_pendingPerAddress.erase(it);
        });
        connect(connection, &IncomingConnection::upgradeRequested, this, &FrontDoor::onUpgradeRequested);
        connect(connection, &IncomingConnection::requestReceived, this, &FrontDoor::onRequestReceived);
    }
}

void FrontDoor::dropAtAccept(QTcpSocket *socket, const QString &kind, const QString &why)
{
    qCDebug(lcGate).noquote() << "dropping a connection from" << socket->peerAddress().toString() << ":" << why;
    m_metrics->countRateLimitRejection(kind);
    socket->abort();
    socket->deleteLater();
}

void FrontDoor::countWhileOpen(QTcpSocket *socket, int *counter)
{
    ++*counter;
    // A socket that has disconnected holds no descriptor any more, even if
    // its object lives on a little; whichever comes first ends the count.
    auto counted = std::make_shared<bool>(true);
    auto release = [counter, counted] {
        if (*counted) {
            *counted = false;
            --*counter;
        }
    };
    connect(socket, &QAbstractSocket::disconnected, this, release);
    connect(socket, &QObject::destroyed, this, release);
}

bool FrontDoor::refuseOverCapacity(IncomingConnection *connection)
{
    if (!m_refusedForCapacity.contains(connection))
        return false;
    m_metrics->countRateLimitRejection(QStringLiteral("capacity"));
    m_audit->record(
            {AuditEvents::RateLimitConnection, connection->peerAddress(), {}, {}, QStringLiteral("max_conns"), 503});
    connection->respond(
            HttpResponse::error(503, "busy", QStringLiteral("The server is at its connection limit; try again shortly"))
                    .withHeader("Retry-After", "5"));
    return true;
}

bool FrontDoor::refuseForeignOrigin(IncomingConnection *connection, const HttpRequest &request)
{
    if (m_origins.allows(request))
        return false;
    qCInfo(lcGate).noquote() << "refused origin" << HttpRequest::printable(request.header("origin").left(200)) << "from"
                             << connection->peerAddress().toString();
    m_metrics->countOriginRejection();
    m_audit->record({AuditEvents::OriginRejected,
                     connection->peerAddress(),
                     {},
                     {},
                     QStringLiteral("origin_not_allowed"),
                     403});
    connection->respond(HttpResponse::error(403, "origin_not_allowed", QStringLiteral("Origin not allowed")));
    return true;
}

void FrontDoor::onUpgradeRequested(IncomingConnection *connection, const HttpRequest &request)
{
    if (refuseOverCapacity(connection))
        return;
    if (!m_acceptUpgrades) {
        connection->respond(HttpResponse::error(404, "not_found", QStringLiteral("No WebSocket on this port")));
        return;
    }
    // Origin first: a refused origin costs the IP none of its upgrade budget.
    if (refuseForeignOrigin(connection, request))
        return;
    if (m_unavailable) {
        const QString why = m_unavailable();
        if (!why.isEmpty())
            return connection->respond(HttpResponse::unavailable(why));
    }
    // A shared limiter answers later: the client may be gone by then.
    const QPointer<IncomingConnection> guarded(connection);
    m_connectionLimiter->take(m_addressKey(connection->peerAddress()),
                              [this, guarded, request](LimiterStore::Decision decision) {
                                  if (guarded)
                                      onConnectionRateAnswered(guarded, request, decision);
                              });
}

void FrontDoor::onConnectionRateAnswered(IncomingConnection *connection, const HttpRequest &request,
                                         const LimiterStore::Decision &decision)
{
    if (!decision.allowed) {
        const qint64 retryAfter = qMax<qint64>(1, (decision.retryAfterMs + 999) / 1000);
        m_metrics->countRateLimitRejection(QStringLiteral("connection"));
        m_audit->record({AuditEvents::RateLimitConnection,
                         connection->peerAddress(),
                         {},
                         {},
                         QStringLiteral("connection_rate"),
                         429});
        connection->respond(HttpResponse::error(429, "rate_limited", QStringLiteral("Too many connection attempts"))
                                    .withHeader("Retry-After", QByteArray::number(retryAfter)));
        return;
    }
    if (QTcpSocket *socket = connection->releaseSocket())
        Q_EMIT upgradeAdmitted(socket, request);
}

void FrontDoor::onRequestReceived(IncomingConnection *connection, const HttpRequest &request)
{
    if (!refuseOverCapacity(connection) && !refuseForeignOrigin(connection, request))
        Q_EMIT requestReceived(connection, request);
}

}   // namespace SignalGate::Server
