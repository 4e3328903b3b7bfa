// signalgate-check against servers that are not ours: the two
// FastAPI peers of tests/peers/, started here on free ports, described by
// flags or a profile file. Each scenario's verdict is asserted: the peers
// have no origin check and no rate limits, and the tool must say so (FAIL),
// admit what they admit, and SKIP what they cannot be asked.
#include "checkprocess.h"
#include "peerserver.h"
#include "testhttp.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

using Verdicts = QMap<QString, QString>;   // scenario id -> PASS/FAIL/SKIP

Verdicts expect(const QStringList &pass, const QStringList &fail, const QStringList &skip)
{
    Verdicts verdicts;
    for (const auto &[list, verdict] : {std::pair{&pass, "PASS"}, std::pair{&fail, "FAIL"}, std::pair{&skip, "SKIP"}}) {
        for (const QString &id : *list)
            verdicts.insert(id, QLatin1String(verdict));
    }
    return verdicts;
}

Verdicts verdictsOf(const QJsonObject &report)
{
    Verdicts verdicts;
    for (const QJsonValue row : report.value(QStringLiteral("scenarios")).toArray())
        verdicts.insert(row[QStringLiteral("id")].toString(), row[QStringLiteral("verdict")].toString());
    return verdicts;
}

QString expectedOf(const QJsonObject &report, const char *id)
{
    for (const QJsonValue row : report.value(QStringLiteral("scenarios")).toArray()) {
        if (row[QStringLiteral("id")] == QLatin1String(id))
            return row[QStringLiteral("expected")].toString();
    }
    return {};
}

QString differences(const Verdicts &actual, const Verdicts &expected, const QByteArray &table)
{
    QStringList lines;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        if (actual.value(it.key()) != it.value())
            lines << QStringLiteral("%1: %2, expected %3")
                             .arg(it.key(), actual.value(it.key(), QStringLiteral("missing")), it.value());
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n') + QString::fromUtf8(table);
}

// The flags that describe each peer on one line, as a CI job would.
QStringList jsonPeerFlags(const PeerServer &peer)
{
    return {QStringLiteral("--server"),
            peer.url(),
            QStringLiteral("--login"),
            QStringLiteral("json:/auth/login"),
            QStringLiteral("--user"),
            QStringLiteral("demo"),
            QStringLiteral("--password-stdin"),
            QStringLiteral("--token-in"),
            QStringLiteral("query"),
            QStringLiteral("--offer-subprotocol"),
            QStringLiteral("none"),
            QStringLiteral("--welcome-type"),
            QStringLiteral("connected"),
            QStringLiteral("--signal-type"),
            QStringLiteral("price"),
            QStringLiteral("--compare-reasons"),
            QStringLiteral("no"),
            QStringLiteral("--features"),
            QStringLiteral("none")};
}

QStringList oauth2PeerFlags(const PeerServer &peer)
{
    return {QStringLiteral("--server"),
            peer.url(),
            QStringLiteral("--login"),
            QStringLiteral("oauth2:/token"),
            QStringLiteral("--user"),
            QStringLiteral("demo"),
            QStringLiteral("--password-stdin"),
            QStringLiteral("--ws-url"),
            QStringLiteral("/ws/agent/{session}"),
            QStringLiteral("--token-in"),
            QStringLiteral("subprotocol-bare"),
            QStringLiteral("--offer-subprotocol"),
            QStringLiteral("none"),
            QStringLiteral("--welcome-type"),
            QStringLiteral("none"),
            QStringLiteral("--signal-type"),
            QStringLiteral("tick"),
            QStringLiteral("--compare-reasons"),
            QStringLiteral("no"),
            QStringLiteral("--features"),
            QStringLiteral("none")};
}

// What the OAuth2 peer does without a signing key: every token it can be sent
// without minting, and the gaps it has.
Verdicts oauth2Expected()
{
    return expect({"valid-token", "no-token", "empty-token", "null-token", "malformed-token", "bad-signature",
                   "alg-none", "oversized-token", "invalid-json"},
                  {"bad-origin", "connection-flood", "oversized-message", "binary-frame"},
                  {"expired", "not-yet-valid", "wrong-issuer", "wrong-audience", "alg-confusion", "wrong-type",
                   "revoked-token", "message-flood", "refresh-in-band", "refresh-other-user", "refresh-exhausted",
                   "expiry-without-refresh"});
}

}   // namespace

class TestForeignTargets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void jsonLoginTokenInQuery();
    void oauth2FormTokenAsSubprotocol();
    void profileRoundTrip();
    void tokenFileWithoutLogin();
    void unreachableTargetExitsTwo();

private:
    void startPeer(PeerServer &peer, PeerServer::Variant variant);
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }

    QTemporaryDir m_dir;
    QString m_keyFile;
};

void TestForeignTargets::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The peers' HS256 secret: raw bytes, as the tool's --forge-key reads them.
    QByteArray secret(48, '\0');
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(secret.data()), int(secret.size() / 4));
    m_keyFile = path("peer.key");
    QFile file(m_keyFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(file.write(secret), secret.size());
}

void TestForeignTargets::startPeer(PeerServer &peer, PeerServer::Variant variant)
{
    QString error;
    QVERIFY2(peer.start(variant, m_keyFile, &error), qPrintable(error));
}

void TestForeignTargets::jsonLoginTokenInQuery()
{
    PeerServer peer;
    startPeer(peer, PeerServer::Variant::Json);
    // With the key every minted scenario runs. expiry-without-refresh would
    // wait 125 s for a close this peer never sends: --skip it, and see it SKIP.
    const CheckRun run =
            runCheck(jsonPeerFlags(peer)
                             + QStringList{QStringLiteral("--forge-key"), m_keyFile, QStringLiteral("--skip"),
                                           QStringLiteral("expiry-without-refresh"), QStringLiteral("--report"),
                                           path("json.json"), QStringLiteral("--markdown"), path("json.md"),
                                           QStringLiteral("--junit"), path("json.xml")},
                     "demo\n", 240000);
    QVERIFY2(run.exitCode == 1, run.out + run.err);
    const QJsonObject report = QJsonDocument::fromJson(readFile(path("json.json"))).object();
    const Verdicts expected =
            expect({"valid-token", "no-token", "empty-token", "null-token", "malformed-token", "bad-signature",
                    "alg-none", "expired", "alg-confusion", "oversized-token", "invalid-json"},
                   {"not-yet-valid", "wrong-issuer", "wrong-audience", "wrong-type", "bad-origin", "oversized-message",
                    "binary-frame", "connection-flood"},
                   {"revoked-token", "message-flood", "refresh-in-band", "refresh-other-user", "refresh-exhausted",
                    "expiry-without-refresh"});
    const Verdicts actual = verdictsOf(report);
    QVERIFY2(actual == expected, qPrintable(differences(actual, expected, run.out)));
    QCOMPARE(report.value(QStringLiteral("profile")).toString(), QStringLiteral("signalgate + flags"));
    QCOMPARE(report.value(QStringLiteral("token_source")).toString(), QStringLiteral("login json /auth/login"));
    // Expected in the target's own terms, not our contract's reasons.
    QCOMPARE(expectedOf(report, "valid-token"), QStringLiteral("\"connected\", then \"price\" messages."));
    QCOMPARE(expectedOf(report, "no-token"), QStringLiteral("close 1008, not admitted, no signal."));

    // The JUnit file, read as a CI reporter reads it.
    QFile xmlFile(path("json.xml"));
    QVERIFY(xmlFile.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&xmlFile);
    int suites = 0;
    int cases = 0;
    int failures = 0;
    int skipped = 0;
    QXmlStreamAttributes suite;
    QSet<QString> classes;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("testsuite")) {
            ++suites;
            suite = xml.attributes();
        } else if (xml.name() == QLatin1String("testcase")) {
            ++cases;
            classes << xml.attributes().value(QLatin1String("classname")).toString();
            bool ok = false;
            QVERIFY(xml.attributes().value(QLatin1String("time")).toDouble(&ok) >= 0 && ok);
        } else if (xml.name() == QLatin1String("failure")) {
            ++failures;
            QVERIFY(!xml.attributes().value(QLatin1String("message")).isEmpty());
            const QString text = xml.readElementText();
            QVERIFY2(text.contains(QLatin1String("expected: ")) && text.contains(QLatin1String("actual: ")),
                     qPrintable(text));
        } else if (xml.name() == QLatin1String("skipped")) {
            ++skipped;
            QVERIFY(!xml.attributes().value(QLatin1String("message")).isEmpty());
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(suites, 1);
    QCOMPARE(cases, 25);
    QCOMPARE(failures, 8);
    QCOMPARE(skipped, 6);
    QCOMPARE(suite.value(QLatin1String("tests")).toInt(), 25);
    QCOMPARE(suite.value(QLatin1String("failures")).toInt(), 8);
    QCOMPARE(suite.value(QLatin1String("skipped")).toInt(), 6);
    QCOMPARE(classes,
             (QSet<QString>{QStringLiteral("authentication"), QStringLiteral("origin and rate limits"),
                            QStringLiteral("messages"), QStringLiteral("refresh and expiry")}));

    QVERIFY(readFile(path("json.md")).startsWith("# SignalGate scenario run: 11/19 passed, 6 skipped"));
    QString what;
    for (const QByteArray &text :
         {readFile(path("json.json")), readFile(path("json.md")), readFile(path("json.xml")), run.out, run.err})
        QVERIFY2(!containsSecret(text, &what), qPrintable(what));
}

void TestForeignTargets::oauth2FormTokenAsSubprotocol()
{
    PeerServer peer;
    startPeer(peer, PeerServer::Variant::OAuth2);
    const CheckRun run = runCheck(oauth2PeerFlags(peer) + QStringList{QStringLiteral("--report"), path("oauth2.json")},
                                  "demo\n", 240000);
    QVERIFY2(run.exitCode == 1, run.out + run.err);
    const QJsonObject report = QJsonDocument::fromJson(readFile(path("oauth2.json"))).object();
    const Verdicts actual = verdictsOf(report);
    QVERIFY2(actual == oauth2Expected(), qPrintable(differences(actual, oauth2Expected(), run.out)));
    QCOMPARE(report.value(QStringLiteral("token_source")).toString(), QStringLiteral("login oauth2 /token"));
    QCOMPARE(expectedOf(report, "valid-token"), QStringLiteral("still open after 1000 ms, then \"tick\" messages."));
    // Without a key the minted scenarios say what would enable them.
    for (const QJsonValue row : report.value(QStringLiteral("scenarios")).toArray()) {
        if (row[QStringLiteral("id")] == QLatin1String("expired"))
            QVERIFY(row[QStringLiteral("reason")].toString().contains(QLatin1String("--forge-key")));
    }

    // {session} is a fresh id in every connection.
    const QStringList sessions = peer.sessions();
    QVERIFY2(sessions.size() >= 10, qPrintable(sessions.join(QLatin1Char(' '))));
    QCOMPARE(QSet<QString>(sessions.cbegin(), sessions.cend()).size(), sessions.size());
    for (const QString &id : sessions)
        QVERIFY2(!id.contains(QLatin1Char('{')) && !id.contains(QLatin1Char('%')), qPrintable(id));
}

void TestForeignTargets::profileRoundTrip()
{
    PeerServer peer;
    startPeer(peer, PeerServer::Variant::OAuth2);
    // The flags, printed as a profile, saved, loaded again: the same target.
    const CheckRun printed =
            runCheck(oauth2PeerFlags(peer).mid(2)
                             + QStringList{QStringLiteral("--profile-name"), QStringLiteral("tutorial-oauth2"),
                                           QStringLiteral("--print-profile")},
                     {}, 15000);
    QVERIFY2(printed.exitCode == 0, printed.err.constData());
    const QJsonObject profile = QJsonDocument::fromJson(printed.out).object();
    QCOMPARE(profile.value(QStringLiteral("name")).toString(), QStringLiteral("tutorial-oauth2"));
    QCOMPARE(profile.value(QStringLiteral("ws_path")).toString(), QStringLiteral("/ws/agent/{session}"));
    QCOMPARE(profile.value(QStringLiteral("token_in")).toString(), QStringLiteral("subprotocol-bare"));
    QCOMPARE(profile.value(QStringLiteral("login")).toString(), QStringLiteral("oauth2"));
    QVERIFY(profile.value(QStringLiteral("welcome_type")).isNull());
    QFile file(path("tutorial-oauth2.json"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(printed.out);
    file.close();

    const QStringList ids{QStringLiteral("valid-token"), QStringLiteral("no-token"), QStringLiteral("bad-origin"),
                          QStringLiteral("refresh-in-band")};
    const CheckRun run = runCheck({QStringLiteral("--server"), peer.url(), QStringLiteral("--profile"), file.fileName(),
                                   QStringLiteral("--user"), QStringLiteral("demo"), QStringLiteral("--password-stdin"),
                                   QStringLiteral("--only"), ids.join(QLatin1Char(',')), QStringLiteral("--report"),
                                   path("round.json")},
                                  "demo\n", 60000);
    QVERIFY2(run.exitCode == 1, run.out + run.err);
    const QJsonObject report = QJsonDocument::fromJson(readFile(path("round.json"))).object();
    QCOMPARE(report.value(QStringLiteral("profile")).toString(), QStringLiteral("tutorial-oauth2"));
    Verdicts expected;
    for (const QString &id : ids)
        expected.insert(id, oauth2Expected().value(id));
    QCOMPARE(verdictsOf(report), expected);
}

void TestForeignTargets::tokenFileWithoutLogin()
{
    PeerServer peer;
    startPeer(peer, PeerServer::Variant::Json);
    // A token obtained elsewhere, used as it is: no login, no password.
    const TestHttp::Reply answer = TestHttp::post(QUrl(peer.url() + QStringLiteral("/auth/login")),
                                                  {{QStringLiteral("username"), QStringLiteral("demo")},
                                                   {QStringLiteral("password"), QStringLiteral("demo")}});
    QCOMPARE(answer.status, 200);
    QFile tokenFile(path("token.txt"));
    QVERIFY(tokenFile.open(QIODevice::WriteOnly));
    tokenFile.write(answer.json.value(QStringLiteral("access_token")).toString().toLatin1() + "\n");
    tokenFile.close();

    QStringList flags = jsonPeerFlags(peer);
    flags.erase(flags.begin() + 2, flags.begin() + 7);   // --login json:..., --user demo, --password-stdin
    const CheckRun run = runCheck(flags
                                          + QStringList{QStringLiteral("--login"), QStringLiteral("none"),
                                                        QStringLiteral("--token-file"), tokenFile.fileName(),
                                                        QStringLiteral("--only"),
                                                        QStringLiteral("valid-token,bad-signature,revoked-token"),
                                                        QStringLiteral("--report"), path("file.json")},
                                  {}, 60000);
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    const QJsonObject report = QJsonDocument::fromJson(readFile(path("file.json"))).object();
    QCOMPARE(verdictsOf(report), expect({"valid-token", "bad-signature"}, {}, {"revoked-token"}));
    QCOMPARE(report.value(QStringLiteral("token_source")).toString(), QStringLiteral("given token"));
}

void TestForeignTargets::unreachableTargetExitsTwo()
{
    PeerServer peer;
    startPeer(peer, PeerServer::Variant::Json);
    QStringList flags = jsonPeerFlags(peer);
    flags[3] = QStringLiteral("json:/no/such/login");
    const CheckRun missing = runCheck(flags, "demo\n", 30000);
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains("login failed: HTTP 404 from http://127.0.0.1:") && missing.err.count('\n') == 1,
             missing.err.constData());

    // The login works, but nobody listens where the WebSocket should be.
    quint16 closedPort = 0;
    {
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        closedPort = holder.serverPort();
    }
    const CheckRun noSocket = runCheck(
            jsonPeerFlags(peer)
                    + QStringList{QStringLiteral("--ws-url"), QStringLiteral("ws://127.0.0.1:%1/ws").arg(closedPort)},
            "demo\n", 30000);
    QCOMPARE(noSocket.exitCode, 2);
    QVERIFY2(noSocket.err.contains("cannot reach the WebSocket at ws://127.0.0.1:") && noSocket.err.count('\n') == 1,
             noSocket.err.constData());

    // Our login against this peer: it answers a token without a pair.
    const CheckRun ours =
            runCheck({QStringLiteral("--server"), peer.url(), QStringLiteral("--profile"), QStringLiteral("seed"),
                      QStringLiteral("--user"), QStringLiteral("demo"), QStringLiteral("--password-stdin")},
                     "demo\n", 30000);
    QCOMPARE(ours.exitCode, 2);
    QVERIFY2(ours.err.contains("login failed: HTTP 200") && ours.err.count('\n') == 1, ours.err.constData());
}

QTEST_GUILESS_MAIN(TestForeignTargets)
#include "tst_foreigntargets.moc"
