// Runs every kind of exchange the server knows against the real executable
// with debug logging on, then searches the audit log and everything the
// process printed for every secret that went over the wire: passwords (also
// one typed into the user-name field), access tokens and their signatures,
// refresh tokens, Authorization header values.
#include "rawhttp.h"
#include "serverprocess.h"
#include "testhttp.h"
#include "testserver.h"
#include "wsprobe.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestNoSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noSecretInAnyLogOrOutput();

private:
    QJsonObject post(quint16 port, const QString &path, const QJsonObject &body, int *status = nullptr);
    QList<QByteArray> m_secrets;
};

QJsonObject TestNoSecrets::post(quint16 port, const QString &path, const QJsonObject &body, int *status)
{
    const TestHttp::Reply reply =
            TestHttp::post(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)), body);
    if (status)
        *status = reply.status;
    for (const char *field : {"access_token", "refresh_token"}) {
        if (reply.json.contains(QLatin1String(field)))
            m_secrets.append(reply.json.value(QLatin1String(field)).toString().toLatin1());
    }
    return reply.json;
}

void TestNoSecrets::noSecretInAnyLogOrOutput()
{
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("data"));
    const QString auditPath = dir.filePath(QStringLiteral("audit.jsonl"));
    const QByteArray password = "Tr0ub4dor-and-3-more-words";
    const QByteArray wrongPassword = "hunter2-but-longer-0815";
    m_secrets = {password, wrongPassword};

    QProcess add;
    // Dev mode keeps its users in <data-dir>/dev (PROTOCOL.md section 10.3).
    add.start(ServerProcess::binary(), {"user", "add", "carol", "--password-stdin", "--data-dir", dataDir + "/dev"});
    add.write(password);
    add.closeWriteChannel();
    QVERIFY(add.waitForFinished(30000));
    QCOMPARE(add.exitCode(), 0);
    QByteArray output = add.readAll() + add.readAllStandardError();

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("signalgate.*.debug=true"));
    ServerProcess server(environment);
    QVERIFY(server.start({"--dev", "--listen", "127.0.0.1:0", "--data-dir", dataDir, "--audit-log", auditPath,
                          "--signal-interval-ms", "20", "--msg-rate", "5/60", "--login-rate", "3/300", "--conn-rate",
                          "40/60", "--max-message-bytes", "4096",
                          // A repeat within the grace is logged as a refresh.success; with
                          // none, the replay below takes the reuse path and its revocations.
                          "--refresh-grace", "0"}));
    const quint16 port = server.port();

    // Logins: right, wrong, the password in the name field, then rate limited.
    int status = 0;
    const QJsonObject pair =
            post(port, "/auth/login", {{"username", "carol"}, {"password", QString::fromLatin1(password)}}, &status);
    QCOMPARE(status, 200);
    post(port, "/auth/login", {{"username", "carol"}, {"password", QString::fromLatin1(wrongPassword)}}, &status);
    QCOMPARE(status, 401);
    post(port, "/auth/login", {{"username", QString::fromLatin1(password)}, {"password", "x"}}, &status);
    QCOMPARE(status, 401);
    for (int i = 0; i < 3; ++i)
        post(port, "/auth/login", {{"username", "carol"}, {"password", QString::fromLatin1(wrongPassword)}}, &status);
    QCOMPARE(status, 429);

    // Refresh and rotation (reuse, which revokes the family, comes at the end).
    const QJsonObject rotated = post(port, "/auth/refresh", {{"refresh_token", pair.value("refresh_token")}}, &status);
    QCOMPARE(status, 200);

    // Dev tokens, good and hostile.
    const QByteArray devToken =
            post(port, "/dev/token", {{"sub", "carol"}}).value("access_token").toString().toLatin1();
    const QByteArray expiredToken =
            post(port, "/dev/token", {{"$ttl", -300}}).value("access_token").toString().toLatin1();
    const QByteArray wrongType = post(port, "/dev/token", {{"$header", QJsonObject{{"typ", "JWT"}}}})
                                         .value("access_token")
                                         .toString()
                                         .toLatin1();
    const QByteArray access = rotated.value("access_token").toString().toLatin1();
    const QByteArray tampered =
            access.left(access.lastIndexOf('.') + 1) + "AAAA" + access.mid(access.lastIndexOf('.') + 5);
    m_secrets.append(tampered);

    // WebSocket: every transport, hostile tokens, two tokens, a token inside a message.
    const QUrl ws(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port));
    auto connectWith = [&](const QByteArray &token, int transport) {
        auto probe = std::make_unique<WsProbe>();
        QNetworkRequest request(ws);
        QStringList protocols{QStringLiteral("signalgate.v1")};
        if (transport == 0) {
            request.setRawHeader("Authorization", "Bearer " + token);
            m_secrets.append("Bearer " + token);
        } else if (transport == 1) {
            protocols.append(QStringLiteral("bearer.") + QString::fromLatin1(token));
        } else {
            request.setUrl(QUrl(ws.toString() + QStringLiteral("?token=") + QString::fromLatin1(token)));
        }
        probe->open(request, protocols);
        return probe;
    };
    for (int transport = 0; transport < 3; ++transport) {
        auto good = connectWith(transport == 1 ? devToken : access, transport);
        QVERIFY(good->waitForMessages(2));
        if (transport == 0) {
            good->socket().sendTextMessage(
                    QStringLiteral(R"({"type":"auth.refresh","token":"%1"})").arg(QString::fromLatin1(devToken)));
            good->socket().sendTextMessage(
                    QStringLiteral(R"({"type":"ping","password":"%1"})").arg(QString::fromLatin1(password)));
            good->socket().sendTextMessage(QStringLiteral("not json %1").arg(QString::fromLatin1(access)));
            QVERIFY(good->waitForMessages(5));
        }
        good->socket().close();
        QVERIFY(good->waitDisconnected());
        for (const QByteArray &hostile : {expiredToken, wrongType, tampered}) {
            auto bad = connectWith(hostile, transport);
            QVERIFY(bad->waitDisconnected());
            QCOMPARE(bad->closeCode(), 1008);
        }
    }
    {
        WsProbe twoTokens;
        QNetworkRequest request(QUrl(ws.toString() + QStringLiteral("?token=") + QString::fromLatin1(devToken)));
        request.setRawHeader("Authorization", "Bearer " + access);
        twoTokens.open(request, {QStringLiteral("signalgate.v1")});
        QVERIFY(twoTokens.waitDisconnected());
    }
    {
        // Flooded and oversized, carrying secrets in the messages.
        auto flooded = connectWith(devToken, 0);
        QVERIFY(flooded->waitForMessages(1));
        for (int i = 0; i < 10; ++i)
            flooded->socket().sendTextMessage(
                    QStringLiteral(R"({"type":"ping","secret":"%1"})").arg(QString::fromLatin1(password)));
        QVERIFY(flooded->waitDisconnected());
        QCOMPARE(flooded->closeReason(), QStringLiteral("Rate limit exceeded"));
        auto oversized = connectWith(devToken, 2);
        QVERIFY(oversized->waitForMessages(1));
        oversized->socket().sendTextMessage(QString::fromLatin1(access).repeated(20));
        QVERIFY(oversized->waitDisconnected());
        QCOMPARE(oversized->closeCode(), 1009);
    }
    // A foreign origin and a 431 head carrying a token.
    QCOMPARE(RawHttp::status(RawHttp::responseHead(
                     port, RawHttp::upgradeRequest("/ws?token=" + devToken, "Origin: https://evil.example\r\n"))),
             403);
    QCOMPARE(RawHttp::status(RawHttp::responseHead(
                     port, RawHttp::upgradeRequest("/ws?token=" + devToken + QByteArray(9000, 'A')))),
             431);

    // Reuse of a spent refresh token revokes the family; then logout and admin revoke.
    post(port, "/auth/refresh", {{"refresh_token", pair.value("refresh_token")}}, &status);
    QCOMPARE(status, 401);
    QCOMPARE(TestHttp::post(QUrl(QStringLiteral("http://127.0.0.1:%1/auth/logout").arg(port)),
                            {{"refresh_token", rotated.value("refresh_token")}}, devToken)
                     .status,
             204);

    m_secrets += {devToken, expiredToken, wrongType, access};
    server.process().terminate();
    QVERIFY(server.waitForExit());
    QCOMPARE(server.process().exitCode(), 0);
    output += server.allOutput();

    QFile audit(auditPath);
    QVERIFY(audit.open(QIODevice::ReadOnly));
    const QByteArray auditText = audit.readAll();
    QVERIFY2(auditText.count('\n') > 30, "the audit log recorded the run");
    QVERIFY2(output.contains("token=[REDACTED]"), "debug logging was on and saw the query");

    for (const QByteArray &secret : std::as_const(m_secrets)) {
        QVERIFY(!secret.isEmpty());
        const QList<QByteArray> needles = secret.count('.') == 2 ? QList<QByteArray>{secret, secret.split('.').last()}
                                                                 : QList<QByteArray>{secret};
        for (const QByteArray &needle : needles) {
            QVERIFY2(!auditText.contains(needle), needle.left(12).constData());
            QVERIFY2(!output.contains(needle), needle.left(12).constData());
        }
    }
    qInfo("searched %lld bytes of audit log and %lld bytes of output for %lld secrets", qlonglong(auditText.size()),
          qlonglong(output.size()), qlonglong(m_secrets.size()));
}

QTEST_GUILESS_MAIN(TestNoSecrets)
#include "tst_nosecrets.moc"
