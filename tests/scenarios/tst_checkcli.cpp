// signalgate-check, the real executable, against the real signalgate-server:
// exit codes 0/1/2, the table, both report formats, and no token text in
// anything it writes.
#include "serverprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run check(const QStringList &arguments, const QByteArray &input = "demo\n", int timeoutMs = 90000)
{
    QProcess process;
    process.start(QStringLiteral(SIGNALGATE_CHECK_BINARY), arguments);
    Run run;
    if (!process.waitForStarted())
        return run;
    process.write(input);
    process.closeWriteChannel();
    [[maybe_unused]] const bool ended =
            QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, timeoutMs);
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Anything shaped like a token (a JWS starts with base64url "{"), a token=
// value, or the password.
bool containsSecret(const QByteArray &text, QString *what)
{
    static const QRegularExpression jws(QStringLiteral("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"));
    static const QRegularExpression query(QStringLiteral("token=(?!\\[REDACTED\\])[A-Za-z0-9_.-]{8,}"));
    const QString string = QString::fromUtf8(text);
    if (const QRegularExpressionMatch match = jws.match(string); match.hasMatch()) {
        *what = match.captured().left(16);
        return true;
    }
    if (const QRegularExpressionMatch match = query.match(string); match.hasMatch()) {
        *what = match.captured().left(16);
        return true;
    }
    return false;
}

} // namespace

class TestCheckCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void allPassExitsZeroWithBothReports();
    void missingProtectionExitsOne();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void connectionErrorsExitTwo();
    void keyFileForges();
    void tlsTrustsOnlyTheGivenCa();

private:
    QString server(const ServerProcess &process) const
    {
        return QStringLiteral("http://127.0.0.1:%1").arg(process.port());
    }
    bool startServer(ServerProcess &process, const QString &name, const QStringList &extra);

    QTemporaryDir m_dir;
};

void TestCheckCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::exists(QStringLiteral(SIGNALGATE_CHECK_BINARY)));
}

bool TestCheckCli::startServer(ServerProcess &process, const QString &name, const QStringList &extra)
{
    return process.start(QStringList{QStringLiteral("--dev"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                     QStringLiteral("--data-dir"), m_dir.filePath(name), QStringLiteral("--leeway"),
                                     QStringLiteral("1"), QStringLiteral("--signal-interval-ms"), QStringLiteral("50")}
                         + extra);
}

void TestCheckCli::allPassExitsZeroWithBothReports()
{
    ServerProcess process;
    QVERIFY(startServer(process, QStringLiteral("all"), {QStringLiteral("--conn-rate"), QStringLiteral("60/6")}));
    const QString json = m_dir.filePath(QStringLiteral("all.json"));
    const QString markdown = m_dir.filePath(QStringLiteral("all.md"));
    const Run run = check({QStringLiteral("--server"), server(process), QStringLiteral("--user"), QStringLiteral("demo"),
                           QStringLiteral("--password-stdin"), QStringLiteral("--report"), json, QStringLiteral("--markdown"), markdown});
    QVERIFY2(run.exitCode == 0, run.out + run.err);

    // The table on stdout, progress on stderr.
    QVERIFY2(run.out.contains("25/25 passed"), run.out.constData());
    QCOMPARE(run.out.count("\nPASS "), 25);
    QVERIFY(run.err.contains("[25/25] connection-flood"));
    QVERIFY(run.err.contains("left"));

    const QJsonObject report = QJsonDocument::fromJson(readAll(json)).object();
    QCOMPARE(report.value(QStringLiteral("score")).toString(), QStringLiteral("25/25 passed"));
    QCOMPARE(report.value(QStringLiteral("profile")).toString(), QStringLiteral("signalgate"));
    QCOMPARE(report.value(QStringLiteral("server")).toString(), server(process));
    QVERIFY(!report.value(QStringLiteral("started_at")).toString().isEmpty());
    const QJsonArray rows = report.value(QStringLiteral("scenarios")).toArray();
    QCOMPARE(rows.size(), 25);
    for (const QJsonValue &row : rows) {
        const QJsonObject scenario = row.toObject();
        QCOMPARE(scenario.value(QStringLiteral("verdict")).toString(), QStringLiteral("PASS"));
        QVERIFY(!scenario.value(QStringLiteral("expected")).toString().isEmpty());
        QVERIFY(scenario.value(QStringLiteral("actual")).toObject().contains(QStringLiteral("duration_ms")));
    }
    const QByteArray md = readAll(markdown);
    QVERIFY(md.startsWith("# SignalGate scenario run: 25/25 passed"));
    QCOMPARE(md.count("\n| PASS | `"), 25);

    QString what;
    for (const QByteArray &text : {readAll(json), md, run.out, run.err})
        QVERIFY2(!containsSecret(text, &what), qPrintable(what));
    // The server's own output has no token either (it redacts the query).
    QVERIFY2(!containsSecret(process.allOutput(), &what), qPrintable(what));
}

void TestCheckCli::missingProtectionExitsOne()
{
    ServerProcess process;
    QVERIFY(startServer(process, QStringLiteral("off"),
                        {QStringLiteral("--conn-rate"), QStringLiteral("0"), QStringLiteral("--msg-rate"), QStringLiteral("0")}));
    const QString json = m_dir.filePath(QStringLiteral("off.json"));
    const Run run = check({QStringLiteral("--server"), server(process), QStringLiteral("--user"), QStringLiteral("demo"),
                           QStringLiteral("--password-stdin"), QStringLiteral("--only"), QStringLiteral("valid-token,message-flood"),
                           QStringLiteral("--report"), json});
    QVERIFY2(run.exitCode == 1, run.out + run.err);
    QVERIFY(run.out.contains("1/2 passed"));
    const QJsonArray rows = QJsonDocument::fromJson(readAll(json)).object().value(QStringLiteral("scenarios")).toArray();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(1).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("message-flood"));
    QCOMPARE(rows.at(1).toObject().value(QStringLiteral("verdict")).toString(), QStringLiteral("FAIL"));
}

void TestCheckCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("cause");
    const QStringList base{QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:1"), QStringLiteral("--user"),
                           QStringLiteral("demo"), QStringLiteral("--password-stdin")};
    QTest::newRow("no server") << QStringList{QStringLiteral("--user"), QStringLiteral("demo"), QStringLiteral("--password-stdin")}
                               << QByteArray("demo\n") << QByteArray("--server and --user are required");
    QTest::newRow("no password-stdin") << QStringList{QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:1"),
                                                      QStringLiteral("--user"), QStringLiteral("demo")}
                                       << QByteArray("demo\n") << QByteArray("--password-stdin is required");
    QTest::newRow("empty password") << base << QByteArray("\n") << QByteArray("no password on standard input");
    QTest::newRow("unknown id") << base + QStringList{QStringLiteral("--only"), QStringLiteral("valid-token,nope")}
                                << QByteArray("demo\n") << QByteArray("unknown scenario id(s): nope");
    QTest::newRow("bad profile") << base + QStringList{QStringLiteral("--profile"), QStringLiteral("other")}
                                 << QByteArray("demo\n") << QByteArray("--profile must be signalgate or seed");
    QTest::newRow("bad server scheme") << QStringList{QStringLiteral("--server"), QStringLiteral("ftp://x"), QStringLiteral("--user"),
                                                      QStringLiteral("demo"), QStringLiteral("--password-stdin")}
                                       << QByteArray("demo\n") << QByteArray("http(s)://HOST:PORT");
    QTest::newRow("unknown option") << base + QStringList{QStringLiteral("--frobnicate")} << QByteArray("demo\n")
                                    << QByteArray("frobnicate");
    QTest::newRow("missing key file") << base + QStringList{QStringLiteral("--key"), QStringLiteral("/nonexistent/key")}
                                      << QByteArray("demo\n") << QByteArray("/nonexistent/key");
}

void TestCheckCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, cause);
    const Run run = check(arguments, input, 15000);
    QVERIFY2(run.exitCode == 2, run.out + run.err);
    QVERIFY2(run.err.startsWith("signalgate-check: "), run.err.constData());
    QVERIFY2(run.err.contains(cause), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void TestCheckCli::connectionErrorsExitTwo()
{
    // Nobody listens on a port we just held and released.
    quint16 closedPort = 0;
    {
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        closedPort = holder.serverPort();
    }
    const Run unreachable = check({QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:%1").arg(closedPort),
                                   QStringLiteral("--user"), QStringLiteral("demo"), QStringLiteral("--password-stdin")},
                                  "demo\n", 30000);
    QVERIFY2(unreachable.exitCode == 2, unreachable.out + unreachable.err);
    QVERIFY2(unreachable.err.contains("login failed"), unreachable.err.constData());
    QCOMPARE(unreachable.err.count('\n'), 1);   // one line with the cause

    ServerProcess process;
    QVERIFY(startServer(process, QStringLiteral("badpw"), {}));
    const Run wrong = check({QStringLiteral("--server"), server(process), QStringLiteral("--user"), QStringLiteral("demo"),
                             QStringLiteral("--password-stdin")},
                            "wrong-password-text\n", 30000);
    QVERIFY2(wrong.exitCode == 2, wrong.out + wrong.err);
    QVERIFY2(wrong.err.contains("HTTP 401"), wrong.err.constData());
    QVERIFY(!wrong.err.contains("wrong-password-text"));
}

void TestCheckCli::keyFileForges()
{
    // Not dev mode: the key is the only source of minted tokens.
    const QString dataDir = m_dir.filePath(QStringLiteral("keyed"));
    const QString key = m_dir.filePath(QStringLiteral("hs256.key"));
    QFile file(key);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray secret = "a-secret-of-more-than-32-bytes-for-hs256-signing";
    file.write(secret);
    file.close();
    QProcess add;
    add.start(ServerProcess::binary(), {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("demo"),
                                        QStringLiteral("--password-stdin"), QStringLiteral("--data-dir"), dataDir});
    QVERIFY(add.waitForStarted());
    add.write("demo\n");
    add.closeWriteChannel();
    QVERIFY(add.waitForFinished(30000));
    QCOMPARE(add.exitCode(), 0);

    ServerProcess process;
    QVERIFY(process.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"), dataDir,
                           QStringLiteral("--jwt-secret-file"), key, QStringLiteral("--conn-rate"), QStringLiteral("1000/1")}));
    const QString markdown = m_dir.filePath(QStringLiteral("keyed.md"));
    const Run run = check({QStringLiteral("--server"), server(process), QStringLiteral("--user"), QStringLiteral("demo"),
                           QStringLiteral("--password-stdin"), QStringLiteral("--key"), key, QStringLiteral("--only"),
                           QStringLiteral("expired,wrong-audience,alg-confusion,wrong-type"), QStringLiteral("--markdown"), markdown});
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    QVERIFY(run.out.contains("4/4 passed"));
    const QByteArray md = readAll(markdown);
    QVERIFY(md.contains("local key (HS256)"));
    QString what;
    for (const QByteArray &text : {md, run.out, run.err}) {
        QVERIFY2(!containsSecret(text, &what), qPrintable(what));
        QVERIFY(!text.contains(secret));
    }
}

// wss:// with the bundled self-signed certificate: trusted only when the CA
// file is given; without it the check stops with the TLS cause (exit 2)
// rather than skipping verification.
void TestCheckCli::tlsTrustsOnlyTheGivenCa()
{
    const QString certs = m_dir.filePath(QStringLiteral("certs"));
    QProcess generate;
    generate.start(ServerProcess::binary(), {QStringLiteral("gen-dev-cert"), certs});
    QVERIFY(generate.waitForFinished(30000));
    QVERIFY2(generate.exitCode() == 0, generate.readAllStandardError().constData());
    const QString cert = certs + QStringLiteral("/cert.pem");

    ServerProcess process;
    QVERIFY2(startServer(process, QStringLiteral("tls"),
                         {QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), certs + QStringLiteral("/key.pem")}),
             process.allOutput().constData());
    const QString https = QStringLiteral("https://127.0.0.1:%1").arg(process.port());
    const QStringList common{QStringLiteral("--server"), https, QStringLiteral("--user"), QStringLiteral("demo"),
                             QStringLiteral("--password-stdin"), QStringLiteral("--only"),
                             QStringLiteral("valid-token,no-token,bad-origin")};

    const Run trusted = check(common + QStringList{QStringLiteral("--ca-cert"), cert});
    QVERIFY2(trusted.exitCode == 0, trusted.out + trusted.err);
    QVERIFY2(trusted.out.contains("3/3 passed"), trusted.out.constData());

    const Run untrusted = check(common, "demo\n", 30000);
    QVERIFY2(untrusted.exitCode == 2, untrusted.out + untrusted.err);
    QVERIFY2(untrusted.err.contains("certificate") || untrusted.err.contains("TLS") || untrusted.err.contains("SSL"),
             untrusted.err.constData());
    QVERIFY(!untrusted.out.contains("PASS"));
}

QTEST_GUILESS_MAIN(TestCheckCli)
#include "tst_checkcli.moc"
