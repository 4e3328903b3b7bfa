// The TLS policy of PROTOCOL.md section 10.4, probed with OpenSSL's own
// client offering exactly one protocol and suite at a time: TLS 1.2 only with
// ECDHE and AEAD (no CBC, no SHA-1 MAC, no static RSA key exchange), TLS 1.3
// with OpenSSL's defaults, TLS 1.0 and 1.1 never, for an RSA and an EC key.
#include "serverprocess.h"
#include "testserver.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace SignalGate::Server;

namespace {

struct Probe
{
    bool connected = false;
    QByteArray output;
};

// Runs a tool to its end; its output matters only when it fails.
int runQuietly(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(60000))
        return -1;
    if (process.exitCode() != 0)
        qWarning("%s", process.readAll().constData());
    return process.exitCode();
}

}   // namespace

class TestTlsPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void onlyModernSuites_data();
    void onlyModernSuites();
    void policyIsLoggedAtStart();

private:
    // openssl s_client against the in-process server, with the event loop running.
    Probe handshake(quint16 port, const QStringList &options);

    QString m_openssl;
    QTemporaryDir m_dir;
    std::unique_ptr<TestServer> m_rsa;
    std::unique_ptr<TestServer> m_ec;
};

void TestTlsPolicy::initTestCase()
{
    m_openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    QVERIFY2(!m_openssl.isEmpty(), "the openssl command is missing (Debian package openssl)");
    const QString rsaKey = m_dir.filePath(QStringLiteral("rsa-key.pem"));
    const QString rsaCert = m_dir.filePath(QStringLiteral("rsa-cert.pem"));
    QCOMPARE(runQuietly(m_openssl,
                        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                         QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), rsaKey,
                         QStringLiteral("-out"), rsaCert, QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                         QStringLiteral("-days"), QStringLiteral("2")}),
             0);
    const QString ecDir = m_dir.filePath(QStringLiteral("ec"));
    QCOMPARE(runQuietly(ServerProcess::binary(), {QStringLiteral("gen-dev-cert"), ecDir}), 0);

    auto tls = [](const QString &cert, const QString &key) {
        return [cert, key](ServerConfig &config) {
            config.tlsCertFile = cert;
            config.tlsKeyFile = key;
            config.signalIntervalMs = 0;
        };
    };
    m_rsa = std::make_unique<TestServer>(tls(rsaCert, rsaKey));
    QVERIFY2(m_rsa->start(), qPrintable(m_rsa->error()));
    m_ec = std::make_unique<TestServer>(tls(ecDir + QStringLiteral("/cert.pem"), ecDir + QStringLiteral("/key.pem")));
    QVERIFY2(m_ec->start(), qPrintable(m_ec->error()));
}

Probe TestTlsPolicy::handshake(quint16 port, const QStringList &options)
{
    QProcess client;
    client.setProcessChannelMode(QProcess::MergedChannels);
    client.start(m_openssl,
                 QStringList{QStringLiteral("s_client"), QStringLiteral("-connect"),
                             QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("-brief")}
                         + options);
    Probe probe;
    if (!client.waitForStarted(5000))
        return probe;
    client.closeWriteChannel();   // EOF on stdin: s_client ends after the handshake
    (void)QTest::qWaitFor([&] { return client.state() == QProcess::NotRunning; }, 20000);
    probe.output = client.readAll();
    probe.connected = client.exitStatus() == QProcess::NormalExit && client.exitCode() == 0
            && probe.output.contains("CONNECTION ESTABLISHED");
    return probe;
}

void TestTlsPolicy::onlyModernSuites_data()
{
    QTest::addColumn<bool>("rsa");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<bool>("accepted");
    // SECLEVEL=0 lets this client offer what a modern OpenSSL would not: the
    // server, not the client's defaults, must say no.
    const QString weak = QStringLiteral("@SECLEVEL=0");
    QTest::newRow("RSA, TLS 1.2, ECDHE + AES-CBC + SHA-1")
            << true << QStringList{"-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA" + weak} << false;
    QTest::newRow("RSA, TLS 1.2, static RSA + AES-GCM")
            << true << QStringList{"-tls1_2", "-cipher", "AES128-GCM-SHA256" + weak} << false;
    QTest::newRow("RSA, TLS 1.2, DHE + AES-GCM")
            << true << QStringList{"-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256" + weak} << false;
    QTest::newRow("RSA, TLS 1.1") << true << QStringList{"-tls1_1", "-cipher", "DEFAULT" + weak} << false;
    QTest::newRow("RSA, TLS 1.0") << true << QStringList{"-tls1", "-cipher", "DEFAULT" + weak} << false;
    QTest::newRow("RSA, TLS 1.2, ECDHE + AES-GCM")
            << true << QStringList{"-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"} << true;
    QTest::newRow("RSA, TLS 1.2, ECDHE + ChaCha20")
            << true << QStringList{"-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305"} << true;
    QTest::newRow("RSA, TLS 1.3") << true << QStringList{"-tls1_3"} << true;
    QTest::newRow("EC, TLS 1.2, ECDHE + AES-CBC + SHA-384")
            << false << QStringList{"-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-SHA384" + weak} << false;
    QTest::newRow("EC, TLS 1.2, ECDHE + AES-GCM")
            << false << QStringList{"-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384"} << true;
    QTest::newRow("EC, TLS 1.3, ChaCha20")
            << false << QStringList{"-tls1_3", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256"} << true;
}

void TestTlsPolicy::onlyModernSuites()
{
    QFETCH(bool, rsa);
    QFETCH(QStringList, options);
    QFETCH(bool, accepted);
    const Probe probe = handshake((rsa ? m_rsa : m_ec)->server()->port(), options);
    QVERIFY2(probe.connected == accepted, probe.output.constData());
}

void TestTlsPolicy::policyIsLoggedAtStart()
{
    QTemporaryDir dir;
    const QString certs = dir.filePath(QStringLiteral("certs"));
    QCOMPARE(runQuietly(ServerProcess::binary(), {QStringLiteral("gen-dev-cert"), certs}), 0);
    ServerProcess server;
    QVERIFY(server.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"),
                          dir.filePath(QStringLiteral("data")), QStringLiteral("--tls-cert"),
                          certs + QStringLiteral("/cert.pem"), QStringLiteral("--tls-key"),
                          certs + QStringLiteral("/key.pem")}));
    QTRY_VERIFY_WITH_TIMEOUT(server.allOutput().count("TLS policy: TLS 1.2 and 1.3 only") == 1, 5000);
    QVERIFY(server.allOutput().contains("ECDHE-ECDSA-AES128-GCM-SHA256"));
}

QTEST_GUILESS_MAIN(TestTlsPolicy)
#include "tst_tlspolicy.moc"
