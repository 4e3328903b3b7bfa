// signalgate-check, the real executable, against the real signalgate-server:
// exit codes 0/1/2, the table, both report formats, and no token text in
// anything it writes.
#include "checkprocess.h"
#include "serverprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

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
    void skippedRowsStandInCatalogueOrder();
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
    QCOMPARE(runCheck({QStringLiteral("--version")}, {}, 15000).exitCode, 0);
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
    const CheckRun run = runCheck({QStringLiteral("--server"), server(process), QStringLiteral("--user"),
                                   QStringLiteral("demo"), QStringLiteral("--password-stdin"),
                                   QStringLiteral("--report"), json, QStringLiteral("--markdown"), markdown});
    QVERIFY2(run.exitCode == 0, run.out + run.err);

    // The table on stdout, progress on stderr.
    QVERIFY2(run.out.contains("25/25 passed"), run.out.constData());
    QCOMPARE(run.out.count("\nPASS "), 25);
    QVERIFY(run.err.contains("[25/25] connection-flood"));
    QVERIFY(run.err.contains("left"));

    const QJsonObject report = QJsonDocument::fromJson(readFile(json)).object();
    QCOMPARE(report.value(QStringLiteral("score")).toString(), QStringLiteral("25/25 passed"));
    QCOMPARE(report.value(QStringLiteral("profile")).toString(), QStringLiteral("signalgate"));
    QCOMPARE(report.value(QStringLiteral("server")).toString(), server(process));
    QVERIFY(!report.value(QStringLiteral("started_at")).toString().isEmpty());
    const QJsonArray rows = report.value(QStringLiteral("scenarios")).toArray();
    QCOMPARE(rows.size(), 25);
    for (const QJsonValue row : rows) {
        const QJsonObject scenario = row.toObject();
        QCOMPARE(scenario.value(QStringLiteral("verdict")).toString(), QStringLiteral("PASS"));
        QVERIFY(!scenario.value(QStringLiteral("expected")).toString().isEmpty());
        QVERIFY(scenario.value(QStringLiteral("actual")).toObject().contains(QStringLiteral("duration_ms")));
    }
    const QByteArray md = readFile(markdown);
    QVERIFY(md.startsWith("# SignalGate scenario run: 25/25 passed"));
    QCOMPARE(md.count("\n| PASS | `"), 25);

    QString what;
    for (const QByteArray &text : {readFile(json), md, run.out, run.err}) {
        QVERIFY2(!containsSecret(text, &what), qPrintable(what));
        QVERIFY2(!text.contains("(s)"), text.constData());   // "1 signal", "2 signals"
    }
    // The server's own output has no token either (it redacts the query).
    QVERIFY2(!containsSecret(process.allOutput(), &what), qPrintable(what));
}

void TestCheckCli::missingProtectionExitsOne()
{
    ServerProcess process;
    QVERIFY(startServer(
            process, QStringLiteral("off"),
            {QStringLiteral("--conn-rate"), QStringLiteral("0"), QStringLiteral("--msg-rate"), QStringLiteral("0")}));
    const QString json = m_dir.filePath(QStringLiteral("off.json"));
    const CheckRun run = runCheck({QStringLiteral("--server"), server(process), QStringLiteral("--user"),
                                   QStringLiteral("demo"), QStringLiteral("--password-stdin"), QStringLiteral("--only"),
                                   QStringLiteral("valid-token,message-flood"), QStringLiteral("--report"), json});
    QVERIFY2(run.exitCode == 1, run.out + run.err);
    QVERIFY(run.out.contains("1/2 passed"));
    const QJsonArray rows =
            QJsonDocument::fromJson(readFile(json)).object().value(QStringLiteral("scenarios")).toArray();
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
    QTest::newRow("no server") << QStringList{QStringLiteral("--user"), QStringLiteral("demo"),
                                              QStringLiteral("--password-stdin")}
                               << QByteArray("demo\n") << QByteArray("--server is required");
    QTest::newRow("no user") << QStringList{QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:1"),
                                            QStringLiteral("--password-stdin")}
                             << QByteArray("demo\n") << QByteArray("--user is required for the signalgate login");
    QTest::newRow("no password-stdin") << QStringList{QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:1"),
                                                      QStringLiteral("--user"), QStringLiteral("demo")}
                                       << QByteArray("demo\n") << QByteArray("--password-stdin is required");
    QTest::newRow("empty password") << base << QByteArray("\n") << QByteArray("no password on standard input");
    QTest::newRow("unknown id") << base + QStringList{QStringLiteral("--only"), QStringLiteral("valid-token,nope")}
                                << QByteArray("demo\n") << QByteArray("unknown scenario id: nope");
    QTest::newRow("bad profile") << base + QStringList{QStringLiteral("--profile"), QStringLiteral("other")}
                                 << QByteArray("demo\n") << QByteArray("give signalgate, seed or a profile file");
    // Each profile flag says what it takes.
    const auto flagRow = [&base](const char *name, const QStringList &extra, const char *cause) {
        QTest::newRow(name) << base + extra << QByteArray("demo\n") << QByteArray(cause);
    };
    flagRow("bad token-in", {QStringLiteral("--token-in"), QStringLiteral("cookie")},
            "--token-in takes header, query[:NAME], subprotocol[:PREFIX] or subprotocol-bare");
    flagRow("bad login", {QStringLiteral("--login"), QStringLiteral("json")},
            "--login takes signalgate, none, json:/PATH or oauth2:/PATH");
    flagRow("bad refusal close", {QStringLiteral("--refusal-close"), QStringLiteral("1008,99")},
            "--refusal-close must be a list of close codes");
    flagRow("bad admit-after", {QStringLiteral("--admit-after"), QStringLiteral("soon")},
            "--admit-after must be a whole number");
    flagRow("bad compare-reasons", {QStringLiteral("--compare-reasons"), QStringLiteral("maybe")},
            "--compare-reasons takes yes or no");
    flagRow("bad features", {QStringLiteral("--features"), QStringLiteral("refresh,teleport")},
            "--features must be a list of refresh, resume, msg-rate");
    flagRow("bad ws-url", {QStringLiteral("--ws-url"), QStringLiteral("http://x/ws")},
            "--ws-url takes a path starting with / or a ws:// or wss:// URL");
    flagRow("token file with login", {QStringLiteral("--token-file"), QStringLiteral("/etc/hostname")},
            "--token-file is the valid token without a login");
    flagRow("bad skip", {QStringLiteral("--skip"), QStringLiteral("nope")}, "unknown scenario id: nope");
    flagRow("bad forge-ttl", {QStringLiteral("--forge-ttl"), QStringLiteral("5")},
            "--forge-ttl takes seconds from 10 to 86400");
    QTest::newRow("unreadable token file")
            << QStringList{QStringLiteral("--server"),     QStringLiteral("http://127.0.0.1:1"),
                           QStringLiteral("--login"),      QStringLiteral("none"),
                           QStringLiteral("--token-file"), QStringLiteral("/nonexistent/token")}
            << QByteArray() << QByteArray("cannot read the token file /nonexistent/token");
    QTest::newRow("password without login")
            << QStringList{QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:1"), QStringLiteral("--login"),
                           QStringLiteral("none"), QStringLiteral("--password-stdin")}
            << QByteArray("demo\n") << QByteArray("--password-stdin needs a login");
    QTest::newRow("bad server scheme") << QStringList{QStringLiteral("--server"), QStringLiteral("ftp://x"),
                                                      QStringLiteral("--user"), QStringLiteral("demo"),
                                                      QStringLiteral("--password-stdin")}
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
    const CheckRun run = runCheck(arguments, input, 15000);
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
    const CheckRun unreachable =
            runCheck({QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:%1").arg(closedPort),
                      QStringLiteral("--user"), QStringLiteral("demo"), QStringLiteral("--password-stdin")},
                     "demo\n", 30000);
    QVERIFY2(unreachable.exitCode == 2, unreachable.out + unreachable.err);
    QVERIFY2(unreachable.err.contains("login failed"), unreachable.err.constData());
    QCOMPARE(unreachable.err.count('\n'), 1);   // one line with the cause

    // Without a login the first contact is the WebSocket itself.
    const QString tokenFile = m_dir.filePath(QStringLiteral("unreachable.token"));
    QFile file(tokenFile);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write("a.b.c\n") == 6);
    file.close();
    const CheckRun noLogin =
            runCheck({QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:%1").arg(closedPort),
                      QStringLiteral("--login"), QStringLiteral("none"), QStringLiteral("--token-file"), tokenFile},
                     {}, 30000);
    QVERIFY2(noLogin.exitCode == 2, noLogin.out + noLogin.err);
    QVERIFY2(noLogin.err.contains("cannot reach the WebSocket") && noLogin.err.count('\n') == 1,
             noLogin.err.constData());

    ServerProcess process;
    QVERIFY(startServer(process, QStringLiteral("badpw"), {}));
    const CheckRun wrong = runCheck({QStringLiteral("--server"), server(process), QStringLiteral("--user"),
                                     QStringLiteral("demo"), QStringLiteral("--password-stdin")},
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
    add.start(ServerProcess::binary(),
              {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("demo"),
               QStringLiteral("--password-stdin"), QStringLiteral("--data-dir"), dataDir});
    QVERIFY(add.waitForStarted());
    add.write("demo\n");
    add.closeWriteChannel();
    QVERIFY(add.waitForFinished(30000));
    QCOMPARE(add.exitCode(), 0);

    ServerProcess process;
    QVERIFY(process.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"),
                           dataDir, QStringLiteral("--jwt-secret-file"), key, QStringLiteral("--conn-rate"),
                           QStringLiteral("1000/1")}));
    const QString markdown = m_dir.filePath(QStringLiteral("keyed.md"));
    const CheckRun run =
            runCheck({QStringLiteral("--server"), server(process), QStringLiteral("--user"), QStringLiteral("demo"),
                      QStringLiteral("--password-stdin"), QStringLiteral("--key"), key, QStringLiteral("--only"),
                      QStringLiteral("expired,wrong-audience,alg-confusion,wrong-type"), QStringLiteral("--markdown"),
                      markdown});
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    QVERIFY(run.out.contains("4/4 passed"));
    const QByteArray md = readFile(markdown);
    QVERIFY(md.contains("local key (HS256)"));
    QString what;
    for (const QByteArray &text : {md, run.out, run.err}) {
        QVERIFY2(!containsSecret(text, &what), qPrintable(what));
        QVERIFY(!text.contains(secret));
    }
}

void TestCheckCli::skippedRowsStandInCatalogueOrder()
{
    ServerProcess process;
    QVERIFY(startServer(process, QStringLiteral("skip"), {}));
    const QString json = m_dir.filePath(QStringLiteral("skip.json"));
    const CheckRun run = runCheck({QStringLiteral("--server"), server(process), QStringLiteral("--user"),
                                   QStringLiteral("demo"), QStringLiteral("--password-stdin"), QStringLiteral("--only"),
                                   QStringLiteral("expired,no-token,valid-token"), QStringLiteral("--skip"),
                                   QStringLiteral("no-token"), QStringLiteral("--report"), json});
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    const QJsonArray results =
            QJsonDocument::fromJson(readFile(json)).object().value(QLatin1String("scenarios")).toArray();
    QStringList order;
    for (const QJsonValue result : results)
        order << result.toObject().value(QLatin1String("id")).toString();
    QCOMPARE(order,
             (QStringList{QStringLiteral("valid-token"), QStringLiteral("no-token"), QStringLiteral("expired")}));
    // The skipped row still says what this target would have been expected to do.
    const QJsonObject skipped = results.at(1).toObject();
    QCOMPARE(skipped.value(QLatin1String("verdict")).toString(), QStringLiteral("SKIP"));
    QVERIFY2(!skipped.value(QLatin1String("expected")).toString().isEmpty(),
             QJsonDocument(skipped).toJson().constData());
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
                         {QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"),
                          certs + QStringLiteral("/key.pem")}),
             process.allOutput().constData());
    const QString https = QStringLiteral("https://127.0.0.1:%1").arg(process.port());
    const QStringList common{QStringLiteral("--server"),
                             https,
                             QStringLiteral("--user"),
                             QStringLiteral("demo"),
                             QStringLiteral("--password-stdin"),
                             QStringLiteral("--only"),
                             QStringLiteral("valid-token,no-token,bad-origin")};

    const CheckRun trusted = runCheck(common + QStringList{QStringLiteral("--ca-cert"), cert});
    QVERIFY2(trusted.exitCode == 0, trusted.out + trusted.err);
    QVERIFY2(trusted.out.contains("3/3 passed"), trusted.out.constData());

    const CheckRun untrusted = runCheck(common, "demo\n", 30000);
    QVERIFY2(untrusted.exitCode == 2, untrusted.out + untrusted.err);
    QVERIFY2(untrusted.err.contains("certificate") || untrusted.err.contains("TLS") || untrusted.err.contains("SSL"),
             untrusted.err.constData());
    QVERIFY(!untrusted.out.contains("PASS"));
}

QTEST_GUILESS_MAIN(TestCheckCli)
#include "tst_checkcli.moc"
