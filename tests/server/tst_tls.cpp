// TLS on the one port: gen-dev-cert writes a usable pair (and never
// overwrites one), the server then speaks only https/wss, a client that
// trusts cert.pem gets welcome and signals, one that does not (or that speaks
// plain http, or never finishes its handshake) is dropped, and bad TLS files
// stop the server with one line before anything is written.
#include "filemode.h"
#include "frontdoor.h"
#include "opensslhandles.h"
#include "serverprocess.h"
#include "testserver.h"
#include "wsprobe.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <limits>
#include <memory>

#include <sys/stat.h>

using namespace SignalGate::Jose;
using namespace SignalGate::Server;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runServer(const QStringList &arguments)
{
    QProcess process;
    process.start(ServerProcess::binary(), arguments);
    if (!process.waitForStarted(5000))
        return {};
    process.closeWriteChannel();
    if (!process.waitForFinished(30000))
        process.kill();
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(contents) == contents.size();
}

QByteArray bioText(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(length));
}

// PEM private key of pkey, encrypted with passphrase when one is given.
QByteArray keyPem(EVP_PKEY *key, const char *passphrase = nullptr)
{
    const BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key, passphrase ? EVP_aes_256_cbc() : nullptr,
                             reinterpret_cast<const unsigned char *>(passphrase),
                             passphrase ? int(strlen(passphrase)) : 0, nullptr, nullptr);
    return bioText(bio.get());
}

// A self-signed RSA certificate for 127.0.0.1: the server must take RSA as well as EC.
QByteArray rsaCertificatePem(EVP_PKEY *key)
{
    const X509Ptr certificate(X509_new());
    X509_set_version(certificate.get(), X509_VERSION_3);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 7);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 3600);
    X509_set_pubkey(certificate.get(), key);
    X509_NAME *name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("rsa test"), -1, -1,
                               0);
    X509_set_issuer_name(certificate.get(), name);
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate.get(), certificate.get(), nullptr, nullptr, 0);
    for (const auto &[nid, value] :
         {std::pair{NID_subject_alt_name, "IP:127.0.0.1"}, std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
        X509_EXTENSION *extension = X509V3_EXT_nconf_nid(nullptr, &context, nid, value);
        X509_add_ext(certificate.get(), extension, -1);
        X509_EXTENSION_free(extension);
    }
    X509_sign(certificate.get(), key, EVP_sha256());
    const BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), certificate.get());
    return bioText(bio.get());
}

QSslConfiguration trusting(const QList<QSslCertificate> &roots)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(roots);
    return configuration;
}

}   // namespace

class TestTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void genDevCertWritesAUsablePair();
    void genDevCertNeverOverwrites_data();
    void genDevCertNeverOverwrites();
    void genDevCertBadArguments();

    void wssWithTrustedCertificateGetsWelcomeAndSignals();
    void wssWithoutTrustFailsBeforeWelcome();
    void httpsAnswersWithHsts();
    void plainHttpToTlsPortIsDropped();
    void unfinishedHandshakeCountsInTheTimeout();
    void pendingCapCountsTlsHandshakes();
    void rsaKeyServesToo();

    void badTlsFiles_data();
    void badTlsFiles();
    void keysOutsideTheContractAreRefused();
    void executableServesTlsFromConfigFile();

private:
    TestServer::Tweak withTls(const TestServer::Tweak &more = {}) const;

    QTemporaryDir m_dir;
    QString m_certDir;
    QString m_certPath;
    QString m_keyPath;
    QSslCertificate m_certificate;
};

void TestTls::initTestCase()
{
    QVERIFY(QFile::exists(ServerProcess::binary()));
    QVERIFY(m_dir.isValid());
    QVERIFY2(QSslSocket::supportsSsl(), "Qt's TLS backend is missing");
    // DIR does not exist yet: gen-dev-cert creates it (mkpath).
    m_certDir = m_dir.filePath(QStringLiteral("certs/dev"));
    m_certPath = QDir(m_certDir).filePath(QStringLiteral("cert.pem"));
    m_keyPath = QDir(m_certDir).filePath(QStringLiteral("key.pem"));
    const Run run = runServer({"gen-dev-cert", m_certDir});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.err, QByteArray());
    // It says where it wrote and how to use the pair.
    QVERIFY2(run.out.contains(m_certPath.toUtf8()) && run.out.contains(m_keyPath.toUtf8()), run.out.constData());
    QVERIFY2(run.out.contains("--tls-cert " + m_certPath.toUtf8() + " --tls-key " + m_keyPath.toUtf8()),
             run.out.constData());
    QVERIFY2(run.out.contains("--cacert " + m_certPath.toUtf8()), run.out.constData());
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(m_certPath, QSsl::Pem);
    QCOMPARE(certificates.size(), 1);
    m_certificate = certificates.first();
}

TestServer::Tweak TestTls::withTls(const TestServer::Tweak &more) const
{
    return [this, more](ServerConfig &config) {
        config.tlsCertFile = m_certPath;
        config.tlsKeyFile = m_keyPath;
        if (more)
            more(config);
    };
}

void TestTls::genDevCertWritesAUsablePair()
{
    QCOMPARE(fileMode(m_keyPath), 0600);
    QCOMPARE(fileMode(m_certPath), 0644);
    QCOMPARE(QDir(m_certDir).entryList(QDir::Files | QDir::Hidden | QDir::System),
             (QStringList{"cert.pem", "key.pem"}));

    const QSslCertificate &certificate = m_certificate;
    QVERIFY(!certificate.isNull());
    QVERIFY(certificate.isSelfSigned());
    QCOMPARE(certificate.subjectInfo(QSslCertificate::CommonName), QStringList{"localhost"});
    const auto names = certificate.subjectAlternativeNames();
    QCOMPARE(names.values(QSsl::AlternativeNameEntryType::DnsEntry), QStringList{"localhost"});
    QList<QHostAddress> addresses;
    for (const QString &address : names.values(QSsl::AlternativeNameEntryType::IpAddressEntry))
        addresses.append(QHostAddress(address));
    QCOMPARE(addresses.size(), 2);
    QVERIFY(addresses.contains(QHostAddress(QStringLiteral("127.0.0.1"))));
    QVERIFY(addresses.contains(QHostAddress(QStringLiteral("::1"))));

    // Valid from an hour ago (a client clock a little behind) for 825 days.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(qAbs(certificate.effectiveDate().secsTo(now) - 3600) < 120);
    QVERIFY(qAbs(now.secsTo(certificate.expiryDate()) - 825LL * 24 * 3600) < 120);
    // 16 serial octets, printed as "aa:bb:..."; positive (top bit clear).
    const QList<QByteArray> serial = certificate.serialNumber().split(':');
    QCOMPARE(serial.size(), 16);
    QVERIFY(serial.first().toInt(nullptr, 16) < 0x80);

    // The pieces Qt does not expose, from OpenSSL: P-256, SHA-256, CA, key usages.
    const QByteArray pem = certificate.toPem();
    const BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    const X509Ptr x509(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    QVERIFY(x509);
    QCOMPARE(X509_get_signature_nid(x509.get()), NID_ecdsa_with_SHA256);
    QCOMPARE(X509_get_version(x509.get()), long(X509_VERSION_3));
    QCOMPARE(X509_check_ca(x509.get()), 1);
    QVERIFY(X509_get_key_usage(x509.get()) & KU_DIGITAL_SIGNATURE);
    QVERIFY(X509_get_key_usage(x509.get()) & KU_KEY_CERT_SIGN);
    QVERIFY(X509_get_extended_key_usage(x509.get()) & XKU_SSL_SERVER);
    QCOMPARE(X509_get_extended_key_usage(x509.get()), quint32(XKU_SSL_SERVER));
    EVP_PKEY *publicKey = X509_get0_pubkey(x509.get());
    QCOMPARE(EVP_PKEY_get_base_id(publicKey), EVP_PKEY_EC);
    char group[64] = {};
    QVERIFY(EVP_PKEY_get_group_name(publicKey, group, sizeof group, nullptr));
    QCOMPARE(QByteArray(group), QByteArray("prime256v1"));

    // key.pem: an unencrypted EC key Qt loads, and the one the certificate was made for.
    const QSslKey key(readAll(m_keyPath), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    QVERIFY(!key.isNull());
    QCOMPARE(key.length(), 256);
    QString error;
    QVERIFY2(FrontDoor::loadTlsConfiguration(m_certPath, m_keyPath, &error), qPrintable(error));

    // Every run makes a new key and serial.
    const QString other = m_dir.filePath(QStringLiteral("other"));
    QCOMPARE(runServer({"gen-dev-cert", other}).exitCode, 0);
    const QSslCertificate second = QSslCertificate::fromPath(QDir(other).filePath("cert.pem")).value(0);
    QVERIFY(second.serialNumber() != certificate.serialNumber());
    QVERIFY(second.publicKey() != certificate.publicKey());
}

void TestTls::genDevCertNeverOverwrites_data()
{
    QTest::addColumn<QStringList>("existing");
    QTest::newRow("cert.pem") << QStringList{"cert.pem"};
    QTest::newRow("key.pem") << QStringList{"key.pem"};
    QTest::newRow("both") << QStringList{"cert.pem", "key.pem"};
}

void TestTls::genDevCertNeverOverwrites()
{
    QFETCH(QStringList, existing);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const QString &name : existing)
        QVERIFY(writeFile(dir.filePath(name), "precious " + name.toUtf8() + "\n"));
    const Run run = runServer({"gen-dev-cert", dir.path()});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QByteArray());
    QVERIFY2(run.err.startsWith("signalgate-server: error: "), run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.err.contains("already exists") && run.err.contains("remove"), run.err.constData());
    // Untouched, and nothing written next to them.
    for (const QString &name : existing)
        QCOMPARE(readAll(dir.filePath(name)), "precious " + name.toUtf8() + "\n");
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System).size(), existing.size());
}

void TestTls::genDevCertBadArguments()
{
    for (const QStringList &arguments : {QStringList{"gen-dev-cert"}, QStringList{"gen-dev-cert", "a", "b"}}) {
        const Run run = runServer(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith("signalgate-server: error: ") && run.err.contains("gen-dev-cert DIR"),
                 run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
    }
    // A path below a regular file can never be created.
    const QString blocker = m_dir.filePath(QStringLiteral("a-file"));
    QVERIFY(writeFile(blocker, "x"));
    const Run run = runServer({"gen-dev-cert", blocker + "/certs"});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("cannot create directory"), run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
}

void TestTls::wssWithTrustedCertificateGetsWelcomeAndSignals()
{
    TestServer server(withTls());
    QVERIFY2(server.start(), qPrintable(server.error()));
    QVERIFY(server.server()->baseUrl().startsWith("https://127.0.0.1:"));
    QCOMPARE(server.wsUrl().scheme(), QStringLiteral("wss"));

    WsProbe probe;
    probe.socket().setSslConfiguration(trusting({m_certificate}));
    QNetworkRequest request(server.wsUrl());
    request.setRawHeader("Authorization", "Bearer " + server.mint());
    probe.open(request, {QStringLiteral("signalgate.v1")});
    QVERIFY(probe.waitForMessages(1));
    QCOMPARE(probe.messages().first().value("type").toString(), QStringLiteral("welcome"));
    QVERIFY(probe.waitForMessages(3));
    QVERIFY(probe.countOfType(QStringLiteral("signal")) >= 2);
    QCOMPARE(probe.socket().subprotocol(), QStringLiteral("signalgate.v1"));
    QVERIFY(probe.socket().sslConfiguration().sessionProtocol() >= QSsl::TlsV1_2);
    QCOMPARE(probe.socket().sslConfiguration().peerCertificate(), m_certificate);
    QCOMPARE(server.server()->sessionCount(), 1);

    // A clean close still works through the TLS layer.
    probe.socket().close();
    QVERIFY(probe.waitDisconnected());
    QCOMPARE(probe.closeCode(), 1000);
    QTRY_COMPARE(server.server()->sessionCount(), 0);
}

void TestTls::wssWithoutTrustFailsBeforeWelcome()
{
    TestServer server(withTls());
    QVERIFY2(server.start(), qPrintable(server.error()));

    WsProbe probe;   // the system's CAs only: our certificate is nobody's
    QSignalSpy sslErrors(&probe.socket(), &QWebSocket::sslErrors);
    QNetworkRequest request(server.wsUrl());
    request.setRawHeader("Authorization", "Bearer " + server.mint());
    probe.open(request, {QStringLiteral("signalgate.v1")});
    QVERIFY(probe.waitDisconnected());
    QCOMPARE(probe.lastError(), QAbstractSocket::SslHandshakeFailedError);
    QVERIFY(!sslErrors.isEmpty());
    const auto errors = sslErrors.first().first().value<QList<QSslError>>();
    QVERIFY(!errors.isEmpty());
    QVERIFY(!probe.connected());
    QVERIFY(probe.messages().isEmpty());
    QTest::qWait(100);
    QCOMPARE(server.server()->sessionCount(), 0);

    // Trusting a different certificate is no better.
    const QString otherDir = m_dir.filePath(QStringLiteral("untrusted"));
    QCOMPARE(runServer({"gen-dev-cert", otherDir}).exitCode, 0);
    WsProbe stranger;
    stranger.socket().setSslConfiguration(trusting(QSslCertificate::fromPath(QDir(otherDir).filePath("cert.pem"))));
    stranger.open(request, {QStringLiteral("signalgate.v1")});
    QVERIFY(stranger.waitDisconnected());
    QCOMPARE(stranger.lastError(), QAbstractSocket::SslHandshakeFailedError);
    QVERIFY(stranger.messages().isEmpty());
    QCOMPARE(server.server()->sessionCount(), 0);
}

void TestTls::httpsAnswersWithHsts()
{
    TestServer server(withTls());
    QVERIFY2(server.start(), qPrintable(server.error()));
    QNetworkAccessManager network;
    for (const QString &path : {QStringLiteral("/healthz"), QStringLiteral("/no-such-path")}) {
        QNetworkRequest request(server.httpUrl(path));
        QCOMPARE(request.url().scheme(), QStringLiteral("https"));
        request.setSslConfiguration(trusting({m_certificate}));
        QNetworkReply *reply = network.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        const int expected = path == QLatin1String("/healthz") ? 200 : 404;
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), expected);
        if (expected == 200)
            QCOMPARE(reply->readAll().trimmed(), QByteArray("ok"));
        QCOMPARE(reply->rawHeader("Strict-Transport-Security"), QByteArray("max-age=31536000"));
        QCOMPARE(reply->rawHeader("X-Content-Type-Options"), QByteArray("nosniff"));
        reply->deleteLater();
    }

    // Plain http never sends HSTS (browsers ignore it there; it would only mislead).
    TestServer plain;
    QVERIFY2(plain.start(), qPrintable(plain.error()));
    QNetworkReply *reply = network.get(QNetworkRequest(plain.httpUrl("/healthz")));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(!reply->hasRawHeader("Strict-Transport-Security"));
    reply->deleteLater();
}

void TestTls::plainHttpToTlsPortIsDropped()
{
    // A long handshake timeout: the drop must come from the failed handshake, not the timer.
    TestServer server(withTls([](ServerConfig &config) { config.handshakeTimeoutMs = 20000; }));
    QVERIFY2(server.start(), qPrintable(server.error()));

    for (const QByteArray &request :
         {QByteArray("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
          QByteArray("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\n\r\n")}) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.server()->port());
        QVERIFY(socket.waitForConnected(5000));
        QElapsedTimer timer;
        timer.start();
        socket.write(request);
        QByteArray received;
        QTRY_VERIFY_WITH_TIMEOUT((received += socket.readAll(), socket.state() == QAbstractSocket::UnconnectedState),
                                 5000);
        received += socket.readAll();
        QVERIFY2(!received.contains("HTTP/"), received.toHex().constData());
        QVERIFY2(timer.elapsed() < 5000, "dropped by the timeout, not by the failed handshake");
    }
    // The port still serves TLS clients afterwards.
    WsProbe probe;
    probe.socket().setSslConfiguration(trusting({m_certificate}));
    probe.open(QNetworkRequest(server.wsUrl("token=" + QString::fromLatin1(server.mint()))),
               {QStringLiteral("signalgate.v1")});
    QVERIFY(probe.waitForMessages(1));
}

void TestTls::unfinishedHandshakeCountsInTheTimeout()
{
    TestServer server(withTls([](ServerConfig &config) { config.handshakeTimeoutMs = 400; }));
    QVERIFY2(server.start(), qPrintable(server.error()));

    // Silent after connecting; and half a ClientHello (a record header promising 512 bytes).
    for (const QByteArray &sent : {QByteArray(), QByteArray("\x16\x03\x01\x02\x00\x01", 6)}) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.server()->port());
        QVERIFY(socket.waitForConnected(5000));
        QElapsedTimer timer;
        timer.start();
        if (!sent.isEmpty())
            socket.write(sent);
        QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState, 5000);
        QVERIFY2(timer.elapsed() >= 300, QByteArray::number(timer.elapsed()).constData());
    }

    // A TLS client that finished its handshake but never sends a request: the same timeout.
    QSslSocket client;
    client.setSslConfiguration(trusting({m_certificate}));
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.server()->port());
    // Not waitForEncrypted(): it would block the loop the in-process server runs on.
    QTRY_VERIFY_WITH_TIMEOUT(client.isEncrypted(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::UnconnectedState, 5000);
}

void TestTls::pendingCapCountsTlsHandshakes()
{
    TestServer server(withTls([](ServerConfig &config) {
        config.maxPendingPerIp = 2;
        config.handshakeTimeoutMs = 20000;
    }));
    QVERIFY2(server.start(), qPrintable(server.error()));

    // Two connections that never start their handshake hold the address's budget...
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 2; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(QHostAddress::LocalHost, server.server()->port());
        QVERIFY(idle.back()->waitForConnected(5000));
    }
    QTest::qWait(200);
    // ...so a third, even a proper TLS client, is dropped at accept.
    QSslSocket third;
    third.setSslConfiguration(trusting({m_certificate}));
    third.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.server()->port());
    QTRY_VERIFY_WITH_TIMEOUT(third.state() == QAbstractSocket::UnconnectedState, 5000);
    QVERIFY(!third.isEncrypted());
    for (const auto &socket : idle)
        QCOMPARE(socket->state(), QAbstractSocket::ConnectedState);

    // Freed budget admits again.
    idle.clear();
    QTest::qWait(200);
    WsProbe probe;
    probe.socket().setSslConfiguration(trusting({m_certificate}));
    probe.open(QNetworkRequest(server.wsUrl("token=" + QString::fromLatin1(server.mint()))),
               {QStringLiteral("signalgate.v1")});
    QVERIFY(probe.waitForMessages(1));
}

void TestTls::rsaKeyServesToo()
{
    const EvpPkeyPtr key(EVP_RSA_gen(2048));
    QVERIFY(key);
    const QByteArray certificatePem = rsaCertificatePem(key.get());
    const QString certificatePath = m_dir.filePath(QStringLiteral("rsa-cert.pem"));
    const QString keyPath = m_dir.filePath(QStringLiteral("rsa-key.pem"));
    QVERIFY(writeFile(certificatePath, certificatePem));
    QVERIFY(writeFile(keyPath, keyPem(key.get())));

    TestServer server([&](ServerConfig &config) {
        config.tlsCertFile = certificatePath;
        config.tlsKeyFile = keyPath;
    });
    QVERIFY2(server.start(), qPrintable(server.error()));
    WsProbe probe;
    probe.socket().setSslConfiguration(trusting(QSslCertificate::fromData(certificatePem)));
    probe.open(QNetworkRequest(server.wsUrl("token=" + QString::fromLatin1(server.mint()))),
               {QStringLiteral("signalgate.v1")});
    QVERIFY(probe.waitForMessages(1));
    QCOMPARE(probe.socket().sslConfiguration().peerCertificate().publicKey().algorithm(), QSsl::Rsa);
}

void TestTls::badTlsFiles_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");

    const QString garbage = m_dir.filePath(QStringLiteral("garbage.pem"));
    QVERIFY(writeFile(garbage, "this is not PEM\n"));
    const QString truncated = m_dir.filePath(QStringLiteral("truncated.pem"));
    QVERIFY(writeFile(truncated, readAll(m_certPath).left(200)));
    const QString otherDir = m_dir.filePath(QStringLiteral("mismatch"));
    QCOMPARE(runServer({"gen-dev-cert", otherDir}).exitCode, 0);
    const QString otherKey = QDir(otherDir).filePath(QStringLiteral("key.pem"));
    const QString missing = m_dir.filePath(QStringLiteral("no-such.pem"));

    QTest::newRow("cert without key") << QStringList{"--tls-cert", m_certPath} << "--tls-key";
    QTest::newRow("key without cert") << QStringList{"--tls-key", m_keyPath} << "--tls-cert";
    QTest::newRow("empty cert path") << QStringList{"--tls-cert", "", "--tls-key", m_keyPath} << "--tls-cert";
    QTest::newRow("missing cert") << QStringList{"--tls-cert", missing, "--tls-key", m_keyPath}
                                  << "cannot read TLS certificate";
    QTest::newRow("missing key") << QStringList{"--tls-cert", m_certPath, "--tls-key", missing}
                                 << "cannot read TLS key";
    QTest::newRow("cert is a directory") << QStringList{"--tls-cert", m_certDir, "--tls-key", m_keyPath}
                                         << "cannot read TLS certificate";
    QTest::newRow("non-PEM cert") << QStringList{"--tls-cert", garbage, "--tls-key", m_keyPath} << "no PEM certificate";
    QTest::newRow("truncated cert") << QStringList{"--tls-cert", truncated, "--tls-key", m_keyPath}
                                    << "no PEM certificate";
    QTest::newRow("key given as cert") << QStringList{"--tls-cert", m_keyPath, "--tls-key", m_keyPath}
                                       << "no PEM certificate";
    QTest::newRow("non-PEM key") << QStringList{"--tls-cert", m_certPath, "--tls-key", garbage}
                                 << "not an unencrypted PEM private key";
    QTest::newRow("cert given as key") << QStringList{"--tls-cert", m_certPath, "--tls-key", m_certPath}
                                       << "not an unencrypted PEM private key";
    QTest::newRow("key of another cert") << QStringList{"--tls-cert", m_certPath, "--tls-key", otherKey}
                                         << "does not belong to certificate";
}

void TestTls::badTlsFiles()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const QString dataDir = m_dir.filePath(QStringLiteral("never-created"));
    const Run run = runServer(arguments + QStringList{"--listen", "127.0.0.1:0", "--data-dir", dataDir});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QByteArray());
    QVERIFY2(run.err.startsWith("signalgate-server: error: "), run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.err.contains(mentions.toUtf8()), run.err.constData());
    QVERIFY(!QFile::exists(dataDir));   // nothing written
}

void TestTls::keysOutsideTheContractAreRefused()
{
    // An encrypted key fails at once (no pass phrase prompt on the terminal).
    const EvpPkeyPtr ec(EVP_EC_gen("P-256"));
    const QString encrypted = m_dir.filePath(QStringLiteral("encrypted-key.pem"));
    QVERIFY(writeFile(encrypted, keyPem(ec.get(), "secret pass phrase")));
    QString error;
    QVERIFY(!FrontDoor::loadTlsConfiguration(m_certPath, encrypted, &error));
    QVERIFY2(error.contains("not an unencrypted PEM private key") && error.contains("openssl pkey"), qPrintable(error));

    // Ed25519 is a fine key, but not one QSslKey (6.4) can serve with.
    const EvpPkeyPtr ed(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    const QString edKey = m_dir.filePath(QStringLiteral("ed25519-key.pem"));
    QVERIFY(writeFile(edKey, keyPem(ed.get())));
    QVERIFY(!FrontDoor::loadTlsConfiguration(m_certPath, edKey, &error));
    QVERIFY2(error.contains("use an EC or RSA key"), qPrintable(error));

    // The traditional "EC PRIVATE KEY" form of the right key is accepted.
    const QString traditional = m_dir.filePath(QStringLiteral("traditional-key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), {"ec", "-in", m_keyPath, "-out", traditional});
    if (openssl.waitForFinished(10000) && openssl.exitCode() == 0) {
        QVERIFY(readAll(traditional).contains("BEGIN EC PRIVATE KEY"));
        QVERIFY2(FrontDoor::loadTlsConfiguration(m_certPath, traditional, &error), qPrintable(error));
    }
}

void TestTls::executableServesTlsFromConfigFile()
{
    // The INI keys tls-cert / tls-key, and the start line naming https and wss.
    const QString ini = m_dir.filePath(QStringLiteral("tls.ini"));
    QVERIFY(writeFile(ini,
                      "listen=127.0.0.1:0\nsignal-interval-ms=0\ntls-cert=" + m_certPath.toUtf8()
                              + "\ntls-key=" + m_keyPath.toUtf8() + "\n"));
    ServerProcess server;
    QVERIFY2(server.start({"--config", ini, "--data-dir", m_dir.filePath(QStringLiteral("process-data"))}),
             server.allOutput().constData());
    const QByteArray output = server.allOutput();
    const QByteArray port = QByteArray::number(server.port());
    QVERIFY2(output.contains("listening on https://127.0.0.1:" + port + "  (WebSocket: wss://127.0.0.1:" + port
                             + "/ws)"),
             output.constData());

    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("https://127.0.0.1:%1/healthz").arg(server.port())));
    request.setSslConfiguration(trusting({m_certificate}));
    QNetworkReply *reply = network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->rawHeader("Strict-Transport-Security"), QByteArray("max-age=31536000"));
    reply->deleteLater();

    server.process().terminate();
    QVERIFY(server.waitForExit());
    QCOMPARE(server.process().exitCode(), 0);
    // The key never reaches the output.
    const QByteArray keyBody = readAll(m_keyPath).split('\n').value(1);
    QVERIFY(!keyBody.isEmpty());
    QVERIFY(!server.allOutput().contains(keyBody));
}

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
