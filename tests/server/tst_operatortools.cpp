// The operator subcommands of PROTOCOL.md section 10.6, run as an operator
// runs them: the real signalgate-server executable with flags and INI files.
// token mint and token inspect --verify use the server's own key loader and
// verifier, so their verdicts are the server's; config check is the unit's
// ExecStartPre and must name the key at fault on one line.
#include "checkprocess.h"
#include "serverprocess.h"
#include "testkeys.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString serverBinary = ServerProcess::binary();

QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size()
            && file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
}

// Flips one character in the middle of the signature, keeping it base64url.
QByteArray withFlippedSignature(QByteArray token)
{
    const qsizetype at = token.lastIndexOf('.') + 10;
    token[at] = token[at] == 'A' ? 'B' : 'A';
    return token;
}

}   // namespace

class TestOperatorTools : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void mintThenVerifyIsOk();
    void flippedByteIsBadSignature();
    void expiredTokenIsExpired();
    void otherIssuerIsWrongIssuer();
    void deletedUsersTokenIsRevoked();
    void inspectWithoutVerifyNeedsNoKey();
    void inspectBadInput_data();
    void inspectBadInput();
    void mintRefuses_data();
    void mintRefuses();
    void asymmetricMintAndVerify();
    void configCheckAcceptsAGoodIni();
    void configCheckNamesTheBadKey_data();
    void configCheckNamesTheBadKey();

private:
    QStringList base() const { return {"--data-dir", m_dir.filePath("data"), "--jwt-secret-file", m_secret}; }
    QByteArray mint(const QStringList &extra = {});

    QTemporaryDir m_dir;
    QString m_secret;
};

void TestOperatorTools::initTestCase()
{
    QVERIFY(QFile::exists(serverBinary));
    QVERIFY(m_dir.isValid());
    m_secret = m_dir.filePath("secret");
    QVERIFY(writeFile(m_secret, QByteArray(48, 'k')));
}

QByteArray TestOperatorTools::mint(const QStringList &extra)
{
    const CheckRun run = runProgram(serverBinary, QStringList{"token", "mint", "--sub", "alice"} + base() + extra);
    if (run.exitCode != 0)
        qWarning() << run.err;
    return run.exitCode == 0 ? run.out.trimmed() : QByteArray();
}

void TestOperatorTools::mintThenVerifyIsOk()
{
    const QByteArray token = mint({"--scope", "metrics admin", "--claim", "n=42", "--claim", "note=hello"});
    QCOMPARE(token.count('.'), 2);
    const CheckRun run = runProgram(serverBinary, QStringList{"token", "inspect", "--verify"} + base(), token);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject report = json(run.out);
    QCOMPARE(report.value("verdict").toString(), QString("ok"));
    const QJsonObject claims = report.value("claims").toObject();
    QCOMPARE(claims.value("sub").toString(), QString("alice"));
    QCOMPARE(claims.value("scope").toString(), QString("metrics admin"));
    QCOMPARE(claims.value("n").toInt(), 42);
    QCOMPARE(claims.value("note").toString(), QString("hello"));
    QCOMPARE(claims.value("exp").toInteger() - claims.value("iat").toInteger(), 900);
    QCOMPARE(report.value("header").toObject().value("alg").toString(), QString("HS256"));
    QVERIFY(!run.out.contains(token.mid(token.lastIndexOf('.') + 1)));   // never the signature
    QVERIFY(!run.out.contains(token));
    QVERIFY(!QFile::exists(m_dir.filePath("data")));   // the tools make no data directory
}

void TestOperatorTools::flippedByteIsBadSignature()
{
    const QByteArray token = withFlippedSignature(mint());
    const CheckRun run = runProgram(serverBinary, QStringList{"token", "inspect", "--verify"} + base(), token);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(json(run.out).value("verdict").toString(), QString("bad_signature"));
    QVERIFY(!run.out.contains(token.mid(token.lastIndexOf('.') + 1)));
}

void TestOperatorTools::expiredTokenIsExpired()
{
    const qint64 hourAgo = QDateTime::currentSecsSinceEpoch() - 3600;
    const QByteArray token =
            mint({"--claim", QString("iat=%1").arg(hourAgo - 900), "--claim", QString("exp=%1").arg(hourAgo)});
    const CheckRun run = runProgram(serverBinary, QStringList{"token", "inspect", "--verify"} + base(), token);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(json(run.out).value("verdict").toString(), QString("expired"));
}

void TestOperatorTools::otherIssuerIsWrongIssuer()
{
    const QByteArray token = mint({"--issuer", "someone-else"});
    const CheckRun run = runProgram(serverBinary, QStringList{"token", "inspect", "--verify"} + base(), token);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(json(run.out).value("verdict").toString(), QString("wrong_issuer"));
}

// The verdict includes the server's revocations: a token of a deleted user is
// refused by inspect as it would be by the server.
void TestOperatorTools::deletedUsersTokenIsRevoked()
{
    QTemporaryDir data;
    const QStringList config{"--data-dir", data.path(), "--jwt-secret-file", m_secret};
    QCOMPARE(runProgram(serverBinary, QStringList{"user", "add", "bob", "--password-stdin"} + config,
                        "a long enough password\n")
                     .exitCode,
             0);
    const CheckRun minted = runProgram(serverBinary, QStringList{"token", "mint", "--sub", "bob"} + config);
    QCOMPARE(minted.exitCode, 0);
    const CheckRun before = runProgram(serverBinary, QStringList{"token", "inspect", "--verify"} + config, minted.out);
    QCOMPARE(before.exitCode, 0);
    QCOMPARE(runProgram(serverBinary, QStringList{"user", "del", "bob"} + config).exitCode, 0);
    const CheckRun after = runProgram(serverBinary, QStringList{"token", "inspect", "--verify"} + config, minted.out);
    QCOMPARE(after.exitCode, 1);
    QCOMPARE(json(after.out).value("verdict").toString(), QString("revoked"));
}

void TestOperatorTools::inspectWithoutVerifyNeedsNoKey()
{
    const QByteArray token = withFlippedSignature(mint());
    const CheckRun run =
            runProgram(serverBinary, {"token", "inspect", "--data-dir", m_dir.filePath("none")}, token + "\n");
    QCOMPARE(run.exitCode, 0);
    const QJsonObject report = json(run.out);
    QCOMPARE(report.value("claims").toObject().value("sub").toString(), QString("alice"));
    QCOMPARE(report.value("header").toObject().value("typ").toString(), QString("at+jwt"));
    QVERIFY(!report.contains("verdict"));
}

void TestOperatorTools::inspectBadInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("empty") << QByteArray() << "no token";
    QTest::newRow("blank line") << QByteArray("\n") << "no token";
    QTest::newRow("two segments") << QByteArray("eyJhbGciOiJIUzI1NiJ9.e30") << "not a JWS";
    QTest::newRow("header not JSON") << QByteArray("bm90IGpzb24.e30.c2ln") << "not a JWS";
}

void TestOperatorTools::inspectBadInput()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, mentions);
    const CheckRun run = runProgram(serverBinary, QStringList{"token", "inspect"} + base(), input);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QByteArray());
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.err.contains(mentions.toUtf8()), run.err.constData());
}

void TestOperatorTools::mintRefuses_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTemporaryDir keys;
    const TestKeys::Key key = TestKeys::ec("P-256");
    const QString publicKey = m_dir.filePath("es256-public.pem");
    QVERIFY(writeFile(publicKey, TestKeys::publicPem(key)));
    QTest::newRow("public key only")
            << QStringList{"token", "mint", "--sub", "a", "--jwt-alg", "ES256", "--jwt-public-key", publicKey}
            << "--jwt-private-key";
    QTest::newRow("HS256 before the first start")
            << QStringList{"token", "mint", "--sub", "a", "--data-dir", m_dir.filePath("fresh")} << "jwt-secret";
    QTest::newRow("no subject") << QStringList{"token", "mint", "--jwt-secret-file", m_secret} << "--sub";
    QTest::newRow("claim without =") << QStringList{"token", "mint", "--sub", "a", "--claim", "n", "--jwt-secret-file",
                                                    m_secret}
                                     << "--claim";
    QTest::newRow("ttl zero") << QStringList{"token", "mint", "--sub", "a", "--ttl", "0", "--jwt-secret-file", m_secret}
                              << "--ttl";
    QTest::newRow("--sub with token inspect") << QStringList{"token", "inspect", "--sub", "a"} << "--sub";
    QTest::newRow("--verify with token mint")
            << QStringList{"token", "mint", "--sub", "a", "--verify", "--jwt-secret-file", m_secret} << "--verify";
    QTest::newRow("token alone") << QStringList{"token"} << "token mint";
}

void TestOperatorTools::mintRefuses()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const CheckRun run = runProgram(serverBinary, arguments);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QByteArray());
    QVERIFY2(run.err.startsWith("signalgate-server: error: "), run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.err.contains(mentions.toUtf8()), run.err.constData());
    QVERIFY(!QFile::exists(m_dir.filePath("fresh")));   // no key was invented
}

void TestOperatorTools::asymmetricMintAndVerify()
{
    const TestKeys::Key key = TestKeys::generate("ED25519");
    const QString privateKey = m_dir.filePath("ed-private.pem");
    const QString publicKey = m_dir.filePath("ed-public.pem");
    QVERIFY(writeFile(privateKey, TestKeys::privatePem(key)));
    QVERIFY(writeFile(publicKey, TestKeys::publicPem(key)));
    const CheckRun minted = runProgram(
            serverBinary, {"token", "mint", "--sub", "carol", "--jwt-alg", "EdDSA", "--jwt-private-key", privateKey});
    QCOMPARE(minted.exitCode, 0);
    // A verifying node holds only the public key.
    const QStringList verifier{"token",     "inspect",    "--verify",
                               "--jwt-alg", "EdDSA",      "--jwt-public-key",
                               publicKey,   "--data-dir", m_dir.filePath("none")};
    const CheckRun run = runProgram(serverBinary, verifier, minted.out);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(json(run.out).value("header").toObject().value("alg").toString(), QString("EdDSA"));
    // An HS256 server refuses it: the algorithm is pinned.
    const CheckRun other = runProgram(serverBinary, QStringList{"token", "inspect", "--verify"} + base(), minted.out);
    QCOMPARE(other.exitCode, 1);
    QCOMPARE(json(other.out).value("verdict").toString(), QString("alg_not_allowed"));
}

void TestOperatorTools::configCheckAcceptsAGoodIni()
{
    const QString ini = m_dir.filePath("good.ini");
    QVERIFY(writeFile(ini,
                      QString("listen = 127.0.0.1:9999\ndata-dir = %1\njwt-secret-file = %2\n"
                              "allowed-origin = https://app.example.com\nconn-rate = 5/60\n")
                              .arg(m_dir.filePath("good-data"), m_secret)
                              .toUtf8()));
    const CheckRun run = runProgram(serverBinary, {"config", "check", "--config", ini});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.err, QByteArray());
    QVERIFY(run.out.contains("listen = 127.0.0.1:9999\n"));
    QVERIFY(run.out.contains("conn-rate = 5/60\n"));
    QVERIFY(run.out.contains("allowed-origin = https://app.example.com\n"));
    QVERIFY(run.out.contains("access-ttl = 900  # default\n"));
    QVERIFY(run.out.contains(m_secret.toUtf8()));           // the file's name
    QVERIFY(!run.out.contains(QByteArray(48, 'k')));        // never its content
    QVERIFY(!QFile::exists(m_dir.filePath("good-data")));   // it changes nothing
}

void TestOperatorTools::configCheckNamesTheBadKey_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("key");
    QTest::newRow("integer out of range") << "access-ttl = 0"
                                          << "access-ttl";
    QTest::newRow("not a rate") << "conn-rate = fast"
                                << "conn-rate";
    QTest::newRow("not an address") << "listen = somewhere"
                                    << "listen";
    QTest::newRow("origin with a path") << "allowed-origin = https://a.example/app"
                                        << "allowed-origin";
    QTest::newRow("unknown key") << "listen-port = 80"
                                 << "listen-port";
    QTest::newRow("unreadable secret") << "jwt-secret-file = /nonexistent/secret"
                                       << "jwt-secret-file";
    QTest::newRow("short secret") << "jwt-secret-file = " + m_dir.filePath("short") << "jwt-secret-file";
    QTest::newRow("TLS cert missing") << "tls-cert = /nonexistent/cert.pem\ntls-key = /nonexistent/key.pem"
                                      << "tls-cert";
    QTest::newRow("not a redis URL") << "broker = http://127.0.0.1:6379"
                                     << "broker";
    QTest::newRow("missing password file") << "database = postgresql://sg@127.0.0.1/sg\n"
                                              "database-password-file = /nonexistent/pw"
                                           << "database-password-file";
    QTest::newRow("data dir is a file") << "data-dir = " + m_secret << "data-dir";
    QTest::newRow("half a TLS pair") << "tls-key = /etc/hostname"
                                     << "tls-cert";
}

void TestOperatorTools::configCheckNamesTheBadKey()
{
    QFETCH(QString, line);
    QFETCH(QString, key);
    QVERIFY(writeFile(m_dir.filePath("short"), "too short"));
    const QString ini = m_dir.filePath("bad.ini");
    QString text = line + '\n';
    if (!line.startsWith("data-dir"))
        text += "data-dir = " + m_dir.filePath("bad-data") + '\n';
    if (!line.startsWith("jwt-secret-file"))
        text += "jwt-secret-file = " + m_secret + '\n';
    QVERIFY(writeFile(ini, text.toUtf8()));
    const CheckRun run = runProgram(serverBinary, {"config", "check", "--config", ini});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QByteArray());
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.err.contains(key.toUtf8()), run.err.constData());
}

QTEST_GUILESS_MAIN(TestOperatorTools)
#include "tst_operatortools.moc"
