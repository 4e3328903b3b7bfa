// The signalgate-server executable as a user runs it: bad command lines and
// bad files give one line on stderr and exit code 2; SIGTERM closes every
// connection with 1001 and exits 0; no secret ever reaches the output.
#include "rawhttp.h"
#include "serverprocess.h"
#include "testkeys.h"
#include "testserver.h"
#include "wsprobe.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

const QString serverBinary = ServerProcess::binary();

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runServer(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.start(serverBinary, arguments);
    if (!process.waitForStarted(5000))
        return {};
    if (!input.isNull())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000))
        process.kill();
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

}   // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void badCommandLines_data();
    void badCommandLines();
    void unreadableKeyFile();
    void keyFileTooShort();
    void busyPort();
    void unwritableDataDir();
    void configFile();
    void userAddAndDelete();
    void sigtermClosesEveryConnectionWith1001();
    void queryTokenIsRedactedInDebugLogs();
    void help();
    void asymmetricKeyFileErrors_data();
    void asymmetricKeyFileErrors();
    void asymmetricKeysFromConfigFile();

private:
    QTemporaryDir m_dir;
};

void TestCli::initTestCase()
{
    QVERIFY(QFile::exists(serverBinary));
    QVERIFY(m_dir.isValid());
}

void TestCli::badCommandLines_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown flag") << QStringList{"--no-such-flag"} << "no-such-flag";
    QTest::newRow("listen without port") << QStringList{"--listen", "127.0.0.1"} << "--listen";
    QTest::newRow("listen bad port") << QStringList{"--listen", "127.0.0.1:99999"} << "--listen";
    QTest::newRow("listen bad host") << QStringList{"--listen", "not a host:80"} << "--listen";
    QTest::newRow("access-ttl not a number") << QStringList{"--access-ttl", "15m"} << "--access-ttl";
    QTest::newRow("access-ttl zero") << QStringList{"--access-ttl", "0"} << "--access-ttl";
    QTest::newRow("negative leeway") << QStringList{"--leeway", "-1"} << "--leeway";
    QTest::newRow("signal interval") << QStringList{"--signal-interval-ms", "fast"} << "--signal-interval-ms";
    QTest::newRow("unsupported alg") << QStringList{"--jwt-alg", "none"} << "--jwt-alg";
    QTest::newRow("dev on a public address") << QStringList{"--dev", "--listen", "0.0.0.0:0"} << "--dev";
    QTest::newRow("missing config file") << QStringList{"--config", "/nonexistent/signalgate.ini"} << "--config";
    QTest::newRow("unknown subcommand") << QStringList{"frobnicate"} << "frobnicate";
    QTest::newRow("user add without stdin flag") << QStringList{"user", "add", "bob"} << "--password-stdin";
    QTest::newRow("empty issuer") << QStringList{"--issuer", ""} << "--issuer";
    QTest::newRow("RS256 without key files") << QStringList{"--jwt-alg", "RS256"} << "--jwt-private-key";
    QTest::newRow("EdDSA with a secret file")
            << QStringList{"--jwt-alg", "EdDSA", "--jwt-public-key", "k.pem", "--jwt-secret-file", "k"}
            << "--jwt-secret-file";
    QTest::newRow("key file with HS256") << QStringList{"--jwt-private-key", "k.pem"} << "--jwt-alg";
    QTest::newRow("alg spelled Ed25519") << QStringList{"--jwt-alg", "Ed25519", "--jwt-public-key", "k.pem"}
                                         << "--jwt-alg";
}

void TestCli::badCommandLines()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const Run run = runServer(arguments + QStringList{"--data-dir", m_dir.filePath("unused")});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QByteArray());
    QVERIFY2(run.err.startsWith("signalgate-server: error: "), run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.err.contains(mentions.toUtf8()), run.err.constData());
    QVERIFY(!QFile::exists(m_dir.filePath("unused")));   // nothing written
}

void TestCli::unreadableKeyFile()
{
    const QString dataDir = m_dir.filePath("unreadable-key");
    for (const QString &key : {m_dir.filePath("no-such-key"), m_dir.path()}) {
        const Run run = runServer({"--listen", "127.0.0.1:0", "--data-dir", dataDir, "--jwt-secret-file", key});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("signalgate-server: error: cannot read key file"), run.err.constData());
        QVERIFY(run.err.contains(key.toUtf8()));
        QVERIFY(!QFile::exists(QDir(dataDir).filePath("signalgate.db")));
    }
}

void TestCli::keyFileTooShort()
{
    const QString key = m_dir.filePath("short.key");
    QFile file(key);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("only-31-bytes-which-is-too-shor");
    file.close();
    const QString dataDir = m_dir.filePath("short-key");
    const Run run = runServer({"--listen", "127.0.0.1:0", "--data-dir", dataDir, "--jwt-secret-file", key});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("has 31 bytes") && run.err.contains("at least 32"), run.err.constData());
    QVERIFY(!QFile::exists(QDir(dataDir).filePath("signalgate.db")));
}

void TestCli::busyPort()
{
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
    const QString dataDir = m_dir.filePath("busy");
    const Run run =
            runServer({"--listen", QStringLiteral("127.0.0.1:%1").arg(occupant.serverPort()), "--data-dir", dataDir});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("cannot listen on 127.0.0.1:") && run.err.contains("--listen"), run.err.constData());
    QVERIFY(!QFile::exists(dataDir));   // the port is checked before anything is written
}

void TestCli::unwritableDataDir()
{
    // A path below a regular file can never be created, whoever runs the test (root included).
    const QString blocker = m_dir.filePath("a-file");
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const Run run = runServer({"--listen", "127.0.0.1:0", "--data-dir", blocker + "/data"});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("cannot create data directory") && run.err.contains("--data-dir"), run.err.constData());
}

void TestCli::configFile()
{
    const QString ini = m_dir.filePath("server.ini");
    QFile file(ini);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("listen=127.0.0.1:0\nsignal-interval-ms=0\nleeway=10\n");
    file.close();
    ServerProcess server;
    QVERIFY(server.start({"--config", ini, "--data-dir", m_dir.filePath("ini-data")}));
    server.process().terminate();
    QVERIFY(server.waitForExit());
    QCOMPARE(server.process().exitCode(), 0);

    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("listen=127.0.0.1:0\nlistenn=typo\n");
    file.close();
    const Run typo = runServer({"--config", ini, "--data-dir", m_dir.filePath("ini-data")});
    QCOMPARE(typo.exitCode, 2);
    QVERIFY2(typo.err.contains("unknown key 'listenn'"), typo.err.constData());

    // Flags win over the file.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("access-ttl=oops\n");
    file.close();
    const Run overridden =
            runServer({"--config", ini, "--access-ttl", "abc", "--data-dir", m_dir.filePath("ini-data")});
    QCOMPARE(overridden.exitCode, 2);
    QVERIFY2(overridden.err.contains("got 'abc'"), overridden.err.constData());
}

void TestCli::userAddAndDelete()
{
    const QString dataDir = m_dir.filePath("users");
    const QByteArray password = "correct horse battery staple";
    const Run add =
            runServer({"user", "add", "carol", "--password-stdin", "--scope", "signals:publish", "--data-dir", dataDir},
                      password + "\n");
    QCOMPARE(add.exitCode, 0);
    QVERIFY(!add.out.contains(password) && !add.err.contains(password));

    const Run duplicate = runServer({"user", "add", "carol", "--password-stdin", "--data-dir", dataDir}, password);
    QCOMPARE(duplicate.exitCode, 2);
    QVERIFY(duplicate.err.startsWith("signalgate-server: error: "));

    const Run empty = runServer({"user", "add", "dave", "--password-stdin", "--data-dir", dataDir}, "");
    QCOMPARE(empty.exitCode, 2);
    QVERIFY(empty.err.contains("empty password"));

    // The stored user can log in to a running server; its output never shows a secret.
    ServerProcess server;
    QVERIFY(server.start({"--listen", "127.0.0.1:0", "--data-dir", dataDir, "--signal-interval-ms", "0"}));
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/auth/login").arg(server.port())));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    QNetworkReply *reply = network.post(
            request,
            QJsonDocument(QJsonObject{{"username", "carol"}, {"password", QString::fromUtf8(password)}}).toJson());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QJsonObject pair = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    server.process().terminate();
    QVERIFY(server.waitForExit());
    const QByteArray output = server.allOutput();
    QVERIFY(!output.contains(password));
    QVERIFY(!output.contains(pair.value("access_token").toString().toLatin1()));
    QVERIFY(!output.contains(pair.value("refresh_token").toString().toLatin1()));

    const Run del = runServer({"user", "del", "carol", "--data-dir", dataDir});
    QCOMPARE(del.exitCode, 0);
    const Run again = runServer({"user", "del", "carol", "--data-dir", dataDir});
    QCOMPARE(again.exitCode, 2);
    QVERIFY(again.err.startsWith("signalgate-server: error: "));
}

void TestCli::sigtermClosesEveryConnectionWith1001()
{
    TestServer keyHolder;   // only for its key file and token minting
    ServerProcess server;
    QVERIFY(server.start({"--listen", "127.0.0.1:0", "--data-dir", m_dir.filePath("sigterm"), "--jwt-secret-file",
                          keyHolder.secretPath(), "--signal-interval-ms", "20"}));

    const QByteArray token = keyHolder.mint();
    std::vector<std::unique_ptr<WsProbe>> probes;
    for (int i = 0; i < 3; ++i) {
        auto probe = std::make_unique<WsProbe>();
        QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
        request.setRawHeader("Authorization", "Bearer " + token);
        probe->open(request, {QStringLiteral("signalgate.v1")});
        QVERIFY(probe->waitForMessages(2));
        probes.push_back(std::move(probe));
    }

    ::kill(pid_t(server.process().processId()), SIGTERM);
    for (const auto &probe : probes) {
        QVERIFY(probe->waitDisconnected(8000));
        QCOMPARE(probe->closeCode(), 1001);
        QCOMPARE(probe->closeReason(), QStringLiteral("Server shutting down"));
    }
    QVERIFY(server.waitForExit());
    QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.process().exitCode(), 0);
    QVERIFY(!server.allOutput().contains(token));
}

void TestCli::queryTokenIsRedactedInDebugLogs()
{
    TestServer keyHolder;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("signalgate.*.debug=true"));
    ServerProcess server(environment);
    QVERIFY(server.start({"--listen", "127.0.0.1:0", "--data-dir", m_dir.filePath("redact"), "--jwt-secret-file",
                          keyHolder.secretPath(), "--signal-interval-ms", "0"}));
    const QByteArray good = keyHolder.mint();
    const QByteArray bad = keyHolder.mint({{"iss", "elsewhere"}});
    for (const QByteArray &token : {good, bad}) {
        WsProbe probe;
        probe.open(QNetworkRequest(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws?x=1&token=%2")
                                                .arg(server.port())
                                                .arg(QString::fromLatin1(token)))));
        // The same token under a percent-encoded key: QUrlQuery decodes it to
        // "token", so the server uses it, and the log must not show it either.
        const QByteArray encoded =
                RawHttp::responseHead(server.port(), RawHttp::upgradeRequest("/ws?tok%65n=" + token));
        QCOMPARE(RawHttp::status(encoded), 101);
        if (token == good) {
            QVERIFY(probe.waitForMessages(1));
            probe.socket().close();
        }
        QVERIFY(probe.waitDisconnected());
    }
    server.process().terminate();
    QVERIFY(server.waitForExit());
    const QByteArray output = server.allOutput();
    QVERIFY2(output.contains("/ws?x=[REDACTED]&token=[REDACTED]"), output.constData());   // the debug line is there...
    QVERIFY2(output.contains("/ws?tok%65n=[REDACTED]"), output.constData());
    for (const QByteArray &token : {good, bad}) {
        QVERIFY(!output.contains(token));                    // ...the token is not,
        QVERIFY(!output.contains(token.split('.').at(2)));   // not even its signature
    }
}

void TestCli::help()
{
    const Run run = runServer({"--help"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("--jwt-secret-file"));
}

void TestCli::asymmetricKeyFileErrors_data()
{
    QTest::addColumn<QStringList>("keyArguments");
    QTest::addColumn<QStringList>("mentions");

    const QString notAKey = m_dir.filePath("not-a-key.pem");
    const QString es256Private = m_dir.filePath("es256-private.pem");
    const QString otherPublic = m_dir.filePath("other-es256-public.pem");
    const QString p384Private = m_dir.filePath("p384-private.pem");
    QVERIFY(TestKeys::writeFile(notAKey, "just some text, no PEM here\n"));
    QVERIFY(TestKeys::writeFile(es256Private, TestKeys::privatePem(TestKeys::ec("P-256"))));
    QVERIFY(TestKeys::writeFile(otherPublic, TestKeys::publicPem(TestKeys::ec("P-256"))));
    QVERIFY(TestKeys::writeFile(p384Private, TestKeys::privatePem(TestKeys::ec("P-384"))));

    QTest::newRow("private key is not a key") << QStringList{"--jwt-alg", "ES256", "--jwt-private-key", notAKey}
                                              << QStringList{"--jwt-private-key", notAKey};
    QTest::newRow("mismatched pair") << QStringList{"--jwt-alg",        "ES256",    "--jwt-private-key", es256Private,
                                                    "--jwt-public-key", otherPublic}
                                     << QStringList{es256Private, otherPublic, "not one key pair"};
    QTest::newRow("P-384 key for ES256") << QStringList{"--jwt-alg", "ES256", "--jwt-private-key", p384Private}
                                         << QStringList{p384Private, "P-256"};
    QTest::newRow("missing public key") << QStringList{"--jwt-alg", "EdDSA", "--jwt-public-key",
                                                       m_dir.filePath("none.pem")}
                                        << QStringList{"cannot read key file", m_dir.filePath("none.pem")};
}

void TestCli::asymmetricKeyFileErrors()
{
    QFETCH(QStringList, keyArguments);
    QFETCH(QStringList, mentions);
    const QString dataDir = m_dir.filePath("asymmetric-errors");
    const Run run = runServer(QStringList{"--listen", "127.0.0.1:0", "--data-dir", dataDir} + keyArguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith("signalgate-server: error: "), run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
    for (const QString &word : mentions)
        QVERIFY2(run.err.contains(word.toUtf8()), run.err.constData());
    QVERIFY(!QFile::exists(QDir(dataDir).filePath("signalgate.db")));
}

void TestCli::asymmetricKeysFromConfigFile()
{
    const TestKeys::Key key = TestKeys::generate("ED25519");
    const QString publicKey = m_dir.filePath("ini-ed25519-public.pem");
    const QString privateKey = m_dir.filePath("ini-ed25519-private.pem");
    QVERIFY(TestKeys::writeFile(publicKey, TestKeys::publicPem(key)));
    QVERIFY(TestKeys::writeFile(privateKey, TestKeys::privatePem(key)));
    const QString ini = m_dir.filePath("eddsa.ini");
    QFile file(ini);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("listen=127.0.0.1:0\nsignal-interval-ms=0\njwt-alg=EdDSA\njwt-private-key=" + privateKey.toUtf8()
               + "\njwt-public-key=" + publicKey.toUtf8() + "\n");
    file.close();
    ServerProcess server;
    QVERIFY(server.start({"--config", ini, "--data-dir", m_dir.filePath("ini-eddsa")}));
    server.process().terminate();
    QVERIFY(server.waitForExit());
    QCOMPARE(server.process().exitCode(), 0);
    // The PEM never reaches the output.
    QVERIFY(!server.allOutput().contains("PRIVATE KEY"));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
