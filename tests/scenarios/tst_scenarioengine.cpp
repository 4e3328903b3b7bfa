// The scenario engine against a real in-process server (TestServer): every
// scenario PASSes against the contract's server, exactly the missing
// protections FAIL when they are switched off, pacing avoids 429s, minted
// tokens come from /dev/token or a local key, and no token reaches a report.
#include "connectionpacer.h"
#include "manualprobe.h"
#include "probeconnection.h"
#include "runreport.h"
#include "scenarioengine.h"
#include "tokensource.h"

#include "database.h"
#include "metrics.h"
#include "testkeys.h"
#include "testserver.h"
#include "userstore.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace SignalGate::Server;
using namespace SignalGate::Scenarios;

namespace {

struct Outcome
{
    RunReport report;
    QList<ProbeFrame> frames;
    QList<QByteArray> secrets;
    int pacingWaits = 0;
    QString failure;

    ScenarioResult::Verdict verdict(const QString &id) const
    {
        for (const ScenarioResult &result : report.results) {
            if (result.id == id)
                return result.verdict;
        }
        return ScenarioResult::Verdict::Skip;
    }
    // The rows that did not pass, for failure messages (QTest cuts long ones).
    QString describe() const
    {
        QStringList rows;
        for (const ScenarioResult &result : report.results) {
            if (result.verdict != ScenarioResult::Verdict::Pass)
                rows << result.id + QLatin1Char(' ') + ScenarioResult::verdictName(result.verdict) + QLatin1String(": ")
                                + result.reason;
        }
        return rows.join(QLatin1Char('\n'));
    }
};

TestServer::Tweak devServer(const TestServer::Tweak &more = {})
{
    return [more](ServerConfig &config) {
        config.dev = true;
        // Burst enough for a whole run (about 30 upgrades) and slow enough to
        // refill (one per 100 ms) that the flood can still spend it.
        config.connRate = {60, 6};
        config.leewaySeconds = 1;   // expiry-without-refresh closes within seconds
        if (more)
            more(config);
    };
}

ScenarioEngine::Settings settingsFor(const TestServer &server)
{
    ScenarioEngine::Settings settings;
    settings.server = server.httpUrl({});
    settings.user = QStringLiteral("demo");
    settings.password = QStringLiteral("demo");
    return settings;
}

Outcome runEngine(const ScenarioEngine::Settings &settings, const QStringList &ids = {}, int timeoutMs = 60000)
{
    Outcome outcome;
    ScenarioEngine engine;
    QObject::connect(&engine, &ScenarioEngine::frameRecorded,
                     [&](const QString &, const ProbeFrame &frame) { outcome.frames << frame; });
    QObject::connect(&engine, &ScenarioEngine::pacing, [&] { ++outcome.pacingWaits; });
    QObject::connect(&engine, &ScenarioEngine::failed, [&](const QString &cause) { outcome.failure = cause; });
    QSignalSpy finished(&engine, &ScenarioEngine::finished);
    engine.start(settings, ids);
    [[maybe_unused]] const bool ended =
            QTest::qWaitFor([&] { return !finished.isEmpty() || !outcome.failure.isEmpty(); }, timeoutMs);
    outcome.report = engine.report();
    outcome.secrets = engine.redactor()->secrets();
    return outcome;
}

// Every token (and the password) the run handled, searched in everything it produced.
QString leakedSecret(const Outcome &outcome)
{
    QByteArray everything = QJsonDocument(outcome.report.toJson()).toJson() + outcome.report.toMarkdown().toUtf8()
            + outcome.report.toTable().toUtf8();
    for (const ProbeFrame &frame : outcome.frames)
        everything += frame.text.toUtf8() + '\n';
    for (const QByteArray &secret : outcome.secrets) {
        if (everything.contains(secret))
            return QString::fromLatin1(secret.left(12)) + QStringLiteral("...");
        // A token's signature alone identifies it too.
        const QByteArray signature = secret.mid(secret.lastIndexOf('.') + 1);
        if (signature.size() >= 16 && everything.contains(signature))
            return QStringLiteral("a signature");
    }
    static const QRegularExpression jws(QStringLiteral("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"));
    if (jws.match(QString::fromUtf8(everything)).hasMatch())
        return QStringLiteral("a JWS-shaped string");
    return {};
}

// A server without --dev has no users: demo/demo, written to its database.
bool addDemoUser(const TestServer &server)
{
    Database database;
    QString error;
    return database.open(server.config().databasePath(), &error)
            && UserStore(database).addUser(QStringLiteral("demo"), "demo", {}, &error);
}

quint64 connectionRejections(const TestServer &server)
{
    static const QRegularExpression line(
            QStringLiteral("signalgate_ratelimit_rejections_total\\{kind=\"connection\"\\} (\\d+)"));
    const QRegularExpressionMatch match = line.match(QString::fromUtf8(server.server()->metrics().render()));
    return match.hasMatch() ? match.captured(1).toULongLong() : 0;
}

const QStringList kMinted{QStringLiteral("expired"),
                          QStringLiteral("not-yet-valid"),
                          QStringLiteral("wrong-issuer"),
                          QStringLiteral("wrong-audience"),
                          QStringLiteral("alg-confusion"),
                          QStringLiteral("wrong-type"),
                          QStringLiteral("refresh-other-user"),
                          QStringLiteral("expiry-without-refresh")};

}   // namespace

class TestScenarioEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyScenarioPassesAgainstTheContract();
    void missingProtectionsFail();
    void pacingAvoidsSpurious429();
    void seedProfile();
    void localKeyForgesMintedTokens_data();
    void localKeyForgesMintedTokens();
    void wrongKeySkipsWithReason();
    void withoutMintingStarredScenariosSkip();
    void loginFailureIsReported();
    void stopEndsTheRun();
    void manualProbe();
};

void TestScenarioEngine::everyScenarioPassesAgainstTheContract()
{
    TestServer server(devServer());
    QVERIFY2(server.start(), qPrintable(server.error()));
    const Outcome outcome = runEngine(settingsFor(server));
    QVERIFY2(outcome.failure.isEmpty(), qPrintable(outcome.failure));
    QCOMPARE(outcome.report.results.size(), Scenario::catalogue().size());
    QVERIFY2(outcome.report.allPassed() && outcome.report.count(ScenarioResult::Verdict::Pass) == 25,
             qPrintable(outcome.describe()));
    QCOMPARE(outcome.report.score(), QStringLiteral("25/25 passed"));
    QCOMPARE(outcome.report.spurious429, 0);
    QCOMPARE(outcome.report.mintSource, QStringLiteral("/dev/token"));
    // connection-flood runs last whatever the catalogue order.
    QCOMPARE(outcome.report.results.constLast().id, QStringLiteral("connection-flood"));
    QVERIFY(outcome.frames.size() > 50);
    QVERIFY(outcome.secrets.size() > 10);
    const QString leak = leakedSecret(outcome);
    QVERIFY2(leak.isEmpty(), qPrintable(leak));
    QTRY_COMPARE(server.server()->sessionCount(), 0);
}

void TestScenarioEngine::missingProtectionsFail()
{
    const QString origin = QStringLiteral("https://signalgate-check.invalid");
    TestServer server(devServer([origin](ServerConfig &config) {
        config.connRate = {};
        config.msgRate = {};
        config.allowedOrigins = {origin};
    }));
    QVERIFY2(server.start(), qPrintable(server.error()));
    const Outcome outcome = runEngine(settingsFor(server));
    QVERIFY2(outcome.failure.isEmpty(), qPrintable(outcome.failure));
    const QStringList expectedFailures{QStringLiteral("bad-origin"), QStringLiteral("connection-flood"),
                                       QStringLiteral("message-flood")};
    QStringList failed;
    for (const ScenarioResult &result : outcome.report.results) {
        if (result.verdict == ScenarioResult::Verdict::Fail)
            failed << result.id;
        else
            QVERIFY2(result.verdict == ScenarioResult::Verdict::Pass,
                     qPrintable(result.id + QLatin1Char(' ') + result.reason));
    }
    failed.sort();
    QCOMPARE(failed, expectedFailures);
    QCOMPARE(outcome.report.score(), QStringLiteral("22/25 passed"));
    QVERIFY(!outcome.report.allPassed());
    const QString leak = leakedSecret(outcome);
    QVERIFY2(leak.isEmpty(), qPrintable(leak));
}

void TestScenarioEngine::pacingAvoidsSpurious429()
{
    // 5 upgrades per 5 s: the selection needs 9 upgrades before the flood,
    // so the engine must wait for the bucket about four times.
    TestServer server(devServer([](ServerConfig &config) { config.connRate = {5, 5}; }));
    QVERIFY2(server.start(), qPrintable(server.error()));
    const QStringList ids{QStringLiteral("valid-token"),     QStringLiteral("no-token"),
                          QStringLiteral("empty-token"),     QStringLiteral("null-token"),
                          QStringLiteral("malformed-token"), QStringLiteral("bad-signature"),
                          QStringLiteral("alg-none"),        QStringLiteral("binary-frame"),
                          QStringLiteral("invalid-json"),    QStringLiteral("connection-flood")};
    const Outcome outcome = runEngine(settingsFor(server), ids);
    QVERIFY2(outcome.report.allPassed() && outcome.report.ran() == ids.size(), qPrintable(outcome.describe()));
    QCOMPARE(outcome.report.spurious429, 0);
    QVERIFY(outcome.pacingWaits >= 3);
    // The server agrees: its only connection-rate refusal was the flood's.
    QCOMPARE(connectionRejections(server), quint64(1));
    qint64 paced = 0;
    for (const ScenarioResult &result : outcome.report.results)
        paced += result.actual.pacedMs;
    QVERIFY2(paced >= 2000, qPrintable(QString::number(paced)));
}

void TestScenarioEngine::seedProfile()
{
    TestServer server(devServer());
    QVERIFY2(server.start(), qPrintable(server.error()));
    ScenarioEngine::Settings settings = settingsFor(server);
    settings.profile = TargetProfile::seed();
    const QStringList ids{QStringLiteral("valid-token"),        QStringLiteral("bad-signature"),
                          QStringLiteral("oversized-token"),    QStringLiteral("refresh-in-band"),
                          QStringLiteral("refresh-other-user"), QStringLiteral("refresh-exhausted")};
    const Outcome outcome = runEngine(settings, ids);
    QVERIFY2(outcome.report.allPassed(), qPrintable(outcome.describe()));
    QCOMPARE(outcome.report.ran(), 3);
    QCOMPARE(outcome.report.count(ScenarioResult::Verdict::Skip), 3);
    QCOMPARE(outcome.report.profile, QStringLiteral("seed"));
    // Token only in the query: the frames show the upgrade URL with it redacted.
    bool sawQuery = false;
    for (const ProbeFrame &frame : outcome.frames)
        sawQuery = sawQuery || frame.text.contains(QStringLiteral("token=[REDACTED]"));
    QVERIFY(sawQuery);
    const QString leak = leakedSecret(outcome);
    QVERIFY2(leak.isEmpty(), qPrintable(leak));
}

void TestScenarioEngine::localKeyForgesMintedTokens_data()
{
    QTest::addColumn<QString>("algorithm");
    QTest::newRow("HS256 secret file") << QStringLiteral("HS256");
    QTest::newRow("ES256 private key PEM") << QStringLiteral("ES256");
    QTest::newRow("EdDSA private key PEM") << QStringLiteral("EdDSA");
}

void TestScenarioEngine::localKeyForgesMintedTokens()
{
    QFETCH(QString, algorithm);
    QTemporaryDir dir;
    QString keyFile;
    TestServer::Tweak tweak = [](ServerConfig &config) { config.leewaySeconds = 1; };
    if (algorithm != QLatin1String("HS256")) {
        const TestKeys::Key key =
                algorithm == QLatin1String("ES256") ? TestKeys::ec("P-256") : TestKeys::generate("ED25519");
        keyFile = dir.filePath(QStringLiteral("private.pem"));
        QFile file(keyFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(TestKeys::privatePem(key));
        file.close();
        const TestServer::Tweak keys = TestServer::asymmetricKeys(algorithm, keyFile, {});
        tweak = [keys](ServerConfig &config) {
            keys(config);
            config.leewaySeconds = 1;
        };
    }
    // Not dev mode: the key is the only way to mint. demo is added by hand.
    TestServer server(tweak);
    QVERIFY2(server.start(), qPrintable(server.error()));
    if (keyFile.isEmpty())
        keyFile = server.secretPath();
    QVERIFY(addDemoUser(server));
    ScenarioEngine::Settings settings = settingsFor(server);
    settings.keyFile = keyFile;
    const Outcome outcome = runEngine(settings, kMinted);
    QVERIFY2(outcome.failure.isEmpty(), qPrintable(outcome.failure));
    QVERIFY2(outcome.report.allPassed() && outcome.report.ran() == kMinted.size(), qPrintable(outcome.describe()));
    QVERIFY(outcome.report.mintSource.contains(algorithm));
    const QString leak = leakedSecret(outcome);
    QVERIFY2(leak.isEmpty(), qPrintable(leak));
}

void TestScenarioEngine::wrongKeySkipsWithReason()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.error()));
    QVERIFY(addDemoUser(server));
    QTemporaryDir dir;
    const QString wrong = dir.filePath(QStringLiteral("wrong.key"));
    QFile file(wrong);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(48, 'k'));
    file.close();
    ScenarioEngine::Settings settings = settingsFor(server);
    settings.keyFile = wrong;
    const Outcome outcome = runEngine(settings, {QStringLiteral("expired"), QStringLiteral("wrong-issuer")});
    QCOMPARE(outcome.report.count(ScenarioResult::Verdict::Skip), 2);
    for (const ScenarioResult &result : outcome.report.results)
        QVERIFY2(result.reason.contains(QStringLiteral("not the server's")), qPrintable(result.reason));
}

void TestScenarioEngine::withoutMintingStarredScenariosSkip()
{
    TestServer server;   // not dev mode, no key
    QVERIFY2(server.start(), qPrintable(server.error()));
    QVERIFY(addDemoUser(server));
    const Outcome outcome = runEngine(
            settingsFor(server), kMinted + QStringList{QStringLiteral("bad-signature"), QStringLiteral("alg-none")});
    QCOMPARE(outcome.report.count(ScenarioResult::Verdict::Skip), kMinted.size());
    QCOMPARE(outcome.report.count(ScenarioResult::Verdict::Pass), 2);
    QCOMPARE(outcome.report.mintSource, QStringLiteral("none"));
    for (const ScenarioResult &result : outcome.report.results) {
        if (result.verdict == ScenarioResult::Verdict::Skip)
            QVERIFY2(result.reason.contains(QStringLiteral("/dev/token"))
                             && result.reason.contains(QStringLiteral("--forge-key")),
                     qPrintable(result.reason));
    }
}

void TestScenarioEngine::loginFailureIsReported()
{
    TestServer server(devServer());
    QVERIFY2(server.start(), qPrintable(server.error()));
    ScenarioEngine::Settings settings = settingsFor(server);
    settings.password = QStringLiteral("not-the-password");
    const Outcome outcome = runEngine(settings);
    QVERIFY2(outcome.failure.contains(QStringLiteral("401")), qPrintable(outcome.failure));
    QVERIFY(!outcome.failure.contains(settings.password));
}

void TestScenarioEngine::stopEndsTheRun()
{
    TestServer server(devServer());
    QVERIFY2(server.start(), qPrintable(server.error()));
    ScenarioEngine engine;
    QSignalSpy finished(&engine, &ScenarioEngine::finished);
    QSignalSpy progress(&engine, &ScenarioEngine::progress);
    connect(&engine, &ScenarioEngine::scenarioStarted, &engine, [&engine](const QString &id) {
        if (id == QLatin1String("message-flood"))
            engine.stop();
    });
    engine.start(settingsFor(server));
    QVERIFY(finished.wait(30000));
    const RunReport report = engine.report();
    QCOMPARE(report.results.size(), Scenario::catalogue().size());
    QVERIFY(report.allPassed());
    QVERIFY(report.count(ScenarioResult::Verdict::Skip) >= 9);
    QVERIFY(progress.size() >= 2);
    QVERIFY(progress.first().at(2).toLongLong() > 0);   // an estimate before anything ran
    QTRY_COMPARE(server.server()->sessionCount(), 0);
}

void TestScenarioEngine::manualProbe()
{
    TestServer server(devServer());
    QVERIFY2(server.start(), qPrintable(server.error()));
    ScenarioEngine engine;
    QSignalSpy prepared(&engine, &ScenarioEngine::prepared);
    engine.prepare(settingsFor(server));
    QVERIFY(prepared.wait(10000));

    ManualProbe manual(&engine);
    QList<ProbeFrame> frames;
    connect(&manual, &ManualProbe::frameRecorded, this, [&](const ProbeFrame &frame) { frames << frame; });
    QSignalSpy finished(&manual, &ManualProbe::finished);

    // Forged (payload editor + expiry picker) in the subprotocol: admitted; then a binary frame closes 1003.
    ManualProbe::Composition forged;
    forged.choice = ManualProbe::TokenChoice::Forged;
    forged.forgedPayload = {{QStringLiteral("sub"), QStringLiteral("manual-user")}};
    forged.expiresAt = TestServer::now() + 300;
    forged.placement = ProbeRequest::Placement::Subprotocol;
    manual.connectProbe(forged);
    QTRY_VERIFY(manual.probe() && manual.probe()->isAdmitted());
    QCOMPARE(manual.probe()->welcome().value(QStringLiteral("sub")).toString(), QStringLiteral("manual-user"));
    QCOMPARE(manual.probe()->welcome().value(QStringLiteral("exp")).toInteger(), forged.expiresAt);
    manual.sendText(QStringLiteral("{\"type\":\"ping\",\"id\":7}"));
    QTRY_COMPARE(manual.probe()->countOfType(QStringLiteral("pong")), 1);
    manual.sendBinary(QByteArray("\x01\x02", 2));
    QVERIFY(finished.wait(5000));
    QCOMPARE(manual.probe()->closeCode(), 1003);

    // Custom text in the header, with a foreign Origin: refused 403 before any upgrade.
    ManualProbe::Composition custom;
    custom.choice = ManualProbe::TokenChoice::Current;
    custom.origin = QStringLiteral("https://evil.example");
    manual.connectProbe(custom);
    QVERIFY(finished.wait(5000));
    QCOMPARE(manual.probe()->httpStatus(), 403);

    // Empty token in the query: 1008 Authentication required.
    ManualProbe::Composition empty;
    empty.choice = ManualProbe::TokenChoice::Empty;
    empty.placement = ProbeRequest::Placement::Query;
    manual.connectProbe(empty);
    QVERIFY(finished.wait(5000));
    QCOMPARE(manual.probe()->closeCode(), 1008);
    QCOMPARE(manual.probe()->closeReason(), QStringLiteral("Authentication required"));

    Outcome outcome;
    outcome.frames = frames;
    outcome.secrets = engine.redactor()->secrets();
    const QString leak = leakedSecret(outcome);
    QVERIFY2(leak.isEmpty(), qPrintable(leak));
}

QTEST_GUILESS_MAIN(TestScenarioEngine)
#include "tst_scenarioengine.moc"
