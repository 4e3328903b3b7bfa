// The scenario engine's parts that need no server: the catalogue, hostile
// token construction, local forging, redaction, pacing with an injected
// clock, report formats.
#include "connectionpacer.h"
#include "proberequest.h"
#include "redactor.h"
#include "runcomparison.h"
#include "runreport.h"
#include "scenario.h"
#include "scenariocontext.h"
#include "scenarioresultsmodel.h"
#include "tokenforge.h"
#include "tokenmutation.h"

#include "base64url.h"
#include "jwssigner.h"
#include "jwsverifier.h"
#include "manualclock.h"
#include "testkeys.h"
#include "tokenclaims.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace SignalGate::Protocol;
using namespace SignalGate::Jose;
using namespace SignalGate::Client;
using namespace SignalGate::Scenarios;

class TestScenarioUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogueHasEverySectionNineId();
    void resultsModelGroupsChecksAndShowsResults();
    void mutationsKeepWhatAnAttackerCannotChange();
    void forgeFromKeyFiles();
    void forgeRefusesWhatIsNotAKey();
    void redactorHidesTokens();
    void rawUpgradeCarriesTheTokenWhereAsked();
    void pacerMirrorsTheBucket();
    void reportFormats();
    void comparisonNamesChangedVerdicts();
    void expectedFollowsTheProfile();
};

void TestScenarioUnits::catalogueHasEverySectionNineId()
{
    const QStringList ids{"valid-token",
                          "no-token",
                          "empty-token",
                          "null-token",
                          "malformed-token",
                          "bad-signature",
                          "alg-none",
                          "expired",
                          "not-yet-valid",
                          "wrong-issuer",
                          "wrong-audience",
                          "alg-confusion",
                          "wrong-type",
                          "revoked-token",
                          "oversized-token",
                          "bad-origin",
                          "connection-flood",
                          "message-flood",
                          "oversized-message",
                          "binary-frame",
                          "invalid-json",
                          "refresh-in-band",
                          "refresh-other-user",
                          "refresh-exhausted",
                          "expiry-without-refresh"};
    QCOMPARE(Scenario::catalogue().size(), ids.size());
    QSet<QString> starred;
    for (const Scenario &scenario : Scenario::catalogue()) {
        QVERIFY2(ids.contains(scenario.id), qPrintable(scenario.id));
        QVERIFY(!scenario.title.isEmpty() && !scenario.proves.isEmpty() && !scenario.expected.isEmpty()
                && !scenario.prerequisites.isEmpty());
        if (scenario.needsMintedToken())
            starred << scenario.id;
    }
    QCOMPARE(starred,
             (QSet<QString>{"expired", "not-yet-valid", "wrong-issuer", "wrong-audience", "alg-confusion", "wrong-type",
                            "refresh-other-user", "expiry-without-refresh"}));
    QCOMPARE(Scenario::groups().size(), 4);
    QVERIFY(!Scenario::find(QStringLiteral("nope")));
}

void TestScenarioUnits::mutationsKeepWhatAnAttackerCannotChange()
{
    const JwsKey key = JwsKey::hmacSha256(QByteArray(32, 's'));
    const QByteArray token = JwsSigner(key).sign({{"sub", "alice"}, {"exp", qint64(4102444800)}});
    const QList<QByteArray> parts = token.split('.');

    const QByteArray bad = TokenMutation::badSignature(token);
    QCOMPARE(bad.size(), token.size());
    QVERIFY(bad != token);
    QVERIFY(Base64Url::decode(bad.split('.').at(2)));   // still canonical: refused for the signature only
    QVERIFY(!key.verify(bad.left(bad.lastIndexOf('.')), *Base64Url::decode(bad.split('.').at(2))));

    QCOMPARE(TokenMutation::nullSignature(token), parts.at(0) + '.' + parts.at(1) + '.');
    const QByteArray none = TokenMutation::algNone(token);
    QVERIFY(none.endsWith('.'));
    QCOMPARE(TokenClaims::decodeUnverified(none + "x").value_or(TokenClaims()).header.value("alg").toString(),
             QStringLiteral("none"));
    QCOMPARE(none.split('.').at(1), parts.at(1));

    const QByteArray big = TokenMutation::oversized(token);
    QVERIFY(big.size() > 8 * 1024);
    QVERIFY(big.size() < 8 * 1024 + 4096);
    QCOMPARE(big.split('.').at(0), parts.at(0));
    QCOMPARE(big.split('.').at(2), parts.at(2));
}

void TestScenarioUnits::forgeFromKeyFiles()
{
    QTemporaryDir dir;
    const auto write = [&dir](const QString &name, const QByteArray &content) {
        QFile file(dir.filePath(name));
        [[maybe_unused]] const bool opened = file.open(QIODevice::WriteOnly);
        file.write(content);
        return file.fileName();
    };
    const QJsonObject claims{{"sub", "alice"}, {"exp", qint64(4102444800)}};

    // HS256: the file's bytes as they are, trailing newline included.
    const QByteArray secret = QByteArray(40, 'k') + '\n';
    QString error;
    const std::optional<TokenForge> hs = TokenForge::fromFile(write("hs.key", secret), &error);
    QVERIFY2(hs, qPrintable(error));
    QCOMPARE(hs->algorithmName(), QStringLiteral("HS256"));
    const JwsVerifier hsVerifier(JwsKey::hmacSha256(secret));
    QVERIFY(hsVerifier.verify(hs->sign(claims)).ok());
    // Algorithm confusion with a secret: HS512 over the same secret, refused by the pinned verifier.
    const QByteArray confusedHs = hs->confusedAlgorithm(claims);
    QCOMPARE(TokenClaims::decodeUnverified(confusedHs)->header.value("alg").toString(), QStringLiteral("HS512"));
    QVERIFY(!hsVerifier.verify(confusedHs).ok());

    struct Case
    {
        const char *type;
        QString alg;
        TestKeys::Key key;
    };
    const QList<Case> cases{{"rsa", QStringLiteral("RS256"), TestKeys::rsa(2048)},
                            {"ec", QStringLiteral("ES256"), TestKeys::ec("P-256")},
                            {"ed", QStringLiteral("EdDSA"), TestKeys::generate("ED25519")}};
    for (const Case &c : cases) {
        const std::optional<TokenForge> forge =
                TokenForge::fromFile(write(QString::fromLatin1(c.type) + ".pem", TestKeys::privatePem(c.key)), &error);
        QVERIFY2(forge, qPrintable(error));
        QCOMPARE(forge->algorithmName(), c.alg);
        const std::optional<JwsKey> publicKey =
                JwsKey::fromPem(*jwsAlgorithmFromName(c.alg), {}, TestKeys::publicPem(c.key), &error);
        QVERIFY2(publicKey, qPrintable(error));
        QVERIFY(JwsVerifier(*publicKey).verify(forge->sign(claims)).ok());
        // The classic confusion: HS256 keyed with the public key's PEM text.
        const QByteArray confused = forge->confusedAlgorithm(claims);
        QCOMPARE(TokenClaims::decodeUnverified(confused)->header.value("alg").toString(), QStringLiteral("HS256"));
        QVERIFY(JwsVerifier(JwsKey::hmacSha256(TestKeys::publicPem(c.key))).verify(confused).ok());
        QVERIFY(!JwsVerifier(*publicKey).verify(confused).ok());
    }
}

void TestScenarioUnits::forgeRefusesWhatIsNotAKey()
{
    QTemporaryDir dir;
    QString error;
    QVERIFY(!TokenForge::fromFile(dir.filePath("missing"), &error));
    QVERIFY(error.contains(QStringLiteral("missing")));
    QFile shortFile(dir.filePath("short.key"));
    QVERIFY(shortFile.open(QIODevice::WriteOnly));
    shortFile.write("too short");
    shortFile.close();
    QVERIFY(!TokenForge::fromFile(shortFile.fileName(), &error));
    QVERIFY(error.contains(QStringLiteral("32")));
    QFile encrypted(dir.filePath("enc.pem"));
    QVERIFY(encrypted.open(QIODevice::WriteOnly));
    encrypted.write(TestKeys::privatePem(TestKeys::ec("P-256"), "pass"));
    encrypted.close();
    QVERIFY(!TokenForge::fromFile(encrypted.fileName(), &error));
    QVERIFY(error.contains(QStringLiteral("encrypted")));
    QFile p384(dir.filePath("p384.pem"));
    QVERIFY(p384.open(QIODevice::WriteOnly));
    p384.write(TestKeys::privatePem(TestKeys::ec("P-384")));
    p384.close();
    QVERIFY(!TokenForge::fromFile(p384.fileName(), &error));
}

void TestScenarioUnits::redactorHidesTokens()
{
    Redactor redactor;
    redactor.addSecret("opaque-refresh-token-value");
    redactor.addSecret("short");   // too short to be a secret: ignored
    const QString text = QStringLiteral(
            "a eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig and eyJhbGciOiJub25lIn0.eyJ4Ijox. "
            "ws://h/ws?a=1&token=abc.def.ghi#f Bearer abc.def bearer.xyz opaque-refresh-token-value short");
    const QString shown = redactor.redact(text);
    QVERIFY2(!shown.contains(QStringLiteral("eyJ")), qPrintable(shown));
    QVERIFY(!shown.contains(QStringLiteral("abc.def")));
    QVERIFY(!shown.contains(QStringLiteral("xyz")));
    QVERIFY(!shown.contains(QStringLiteral("opaque-refresh")));
    QVERIFY(shown.contains(QStringLiteral("token=[REDACTED]#f")));
    QVERIFY(shown.contains(QStringLiteral("?a=1&")));
    QVERIFY(shown.endsWith(QStringLiteral(" short")));
}

void TestScenarioUnits::rawUpgradeCarriesTheTokenWhereAsked()
{
    ProbeRequest request;
    request.url = QUrl(QStringLiteral("ws://127.0.0.1:9/ws"));
    request.tokenMode = ProbeRequest::TokenMode::Value;
    request.token = "t.o.k";
    request.origin = QStringLiteral("https://evil.example");
    QByteArray raw = request.rawUpgrade();
    QVERIFY(raw.startsWith("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:9\r\n"));
    QVERIFY(raw.contains("\r\nAuthorization: Bearer t.o.k\r\n"));
    QVERIFY(raw.contains("\r\nOrigin: https://evil.example\r\n"));
    QVERIFY(raw.contains("\r\nSec-WebSocket-Protocol: signalgate.v1\r\n"));
    QVERIFY(raw.endsWith("\r\n\r\n"));

    request.placement = ProbeRequest::Placement::Subprotocol;
    QVERIFY(request.rawUpgrade().contains("Sec-WebSocket-Protocol: signalgate.v1, bearer.t.o.k\r\n"));
    request.placement = ProbeRequest::Placement::Query;
    QVERIFY(request.rawUpgrade().startsWith("GET /ws?token=t.o.k HTTP/1.1"));
    QCOMPARE(request.shownUrl(), QStringLiteral("ws://127.0.0.1:9/ws?token=[REDACTED]"));

    // A foreign target's conventions: another query name, the bare
    // token as the only subprotocol, another prefix, nothing else offered.
    TargetProfile foreign;
    foreign.tokenIn = TargetProfile::TokenPlacement::Query;
    foreign.tokenName = QStringLiteral("access_token");
    foreign.offerSubprotocols.clear();
    request.carryAs(foreign);
    QVERIFY(request.rawUpgrade().startsWith("GET /ws?access_token=t.o.k HTTP/1.1"));
    QVERIFY(!request.rawUpgrade().contains("Sec-WebSocket-Protocol"));
    QCOMPARE(request.shownUrl(), QStringLiteral("ws://127.0.0.1:9/ws?access_token=[REDACTED]"));
    request.placement = ProbeRequest::Placement::SubprotocolBare;
    QVERIFY(request.rawUpgrade().contains("\r\nSec-WebSocket-Protocol: t.o.k\r\n"));
    QCOMPARE(request.subprotocols(), QStringList{QStringLiteral("t.o.k")});
    request.placement = ProbeRequest::Placement::Subprotocol;
    request.subprotocolPrefix = QStringLiteral("jwt.");
    QCOMPARE(request.subprotocols(), QStringList{QStringLiteral("jwt.t.o.k")});
    request.carryAs(TargetProfile::signalGate());

    request.placement = ProbeRequest::Placement::Query;
    request.tokenMode = ProbeRequest::TokenMode::Empty;
    QVERIFY(request.rawUpgrade().startsWith("GET /ws?token= HTTP/1.1"));
    request.placement = ProbeRequest::Placement::SubprotocolBare;
    QCOMPARE(request.subprotocols(), QStringList{QStringLiteral("signalgate.v1")});
    request.placement = ProbeRequest::Placement::Header;
    QVERIFY(request.rawUpgrade().contains("\r\nAuthorization: Bearer \r\n"));
    request.tokenMode = ProbeRequest::TokenMode::None;
    QVERIFY(!request.rawUpgrade().contains("Authorization"));
}

void TestScenarioUnits::pacerMirrorsTheBucket()
{
    SignalGate::ManualClock clock;
    ConnectionPacer pacer;
    pacer.setClock(clock);
    // Until a welcome says otherwise: the contract's 10 per 60 s.
    QCOMPARE(pacer.available(), 10);
    pacer.setLimit(5, 5);
    QCOMPARE(pacer.available(), 5);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(pacer.delayMs(), 0);
        pacer.spend();
    }
    QCOMPARE(pacer.available(), 0);
    QCOMPARE(pacer.delayMs(), 1000 + ConnectionPacer::MarginMs);
    clock.advance(500);
    QCOMPARE(pacer.delayMs(), 500 + ConnectionPacer::MarginMs);
    clock.advance(500);
    QCOMPARE(pacer.delayMs(), 0);
    // Spent under an assumed limit stays spent under the published one.
    pacer.spend();
    pacer.setLimit(10, 10);
    QCOMPARE(pacer.available(), 5);
    // A 429's Retry-After holds everything back, whatever the mirror thought.
    pacer.refused(3000);
    QCOMPARE(pacer.available(), 0);
    QCOMPARE(pacer.delayMs(), 3000 + ConnectionPacer::MarginMs);
    clock.advance(3000);
    QVERIFY(pacer.delayMs() <= ConnectionPacer::MarginMs);
    QCOMPARE(pacer.estimateMs(0), 0);
    QVERIFY(pacer.estimateMs(20) >= 17 * 1000);
    // Off: nothing to wait for.
    pacer.setLimit(0, 60);
    QVERIFY(!pacer.limited());
    QCOMPARE(pacer.delayMs(), 0);
    QCOMPARE(pacer.estimateMs(100), 0);
}

void TestScenarioUnits::reportFormats()
{
    RunReport report;
    report.server = QStringLiteral("http://127.0.0.1:1");
    report.user = QStringLiteral("demo");
    report.profile = QStringLiteral("signalgate");
    report.mintSource = QStringLiteral("none");
    report.startedAt = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    report.finishedAt = report.startedAt.addSecs(3);
    ScenarioResult pass;
    pass.id = QStringLiteral("no-token");
    pass.verdict = ScenarioResult::Verdict::Pass;
    pass.actual.httpStatus = 101;
    pass.actual.closeCode = 1008;
    pass.actual.closeReason = QStringLiteral("Authentication required");
    ScenarioResult skip;
    skip.id = QStringLiteral("expired");
    skip.reason = QStringLiteral("needs | a minted token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
    report.results = {pass, skip};
    Redactor redactor;
    report = report.redacted(redactor);

    QCOMPARE(report.score(), QStringLiteral("1/1 passed, 1 skipped"));
    QVERIFY(report.allPassed());
    const QJsonObject json = report.toJson();
    QCOMPARE(json.value("skipped").toInt(), 1);
    QCOMPARE(json.value("scenarios").toArray().at(0).toObject().value("actual").toObject().value("close_code").toInt(),
             1008);
    QVERIFY(json.value("scenarios").toArray().at(1).toObject().value("actual").toObject().value("close_code").isNull());
    const QString markdown = report.toMarkdown();
    QVERIFY(markdown.contains(QStringLiteral("| PASS | `no-token` | authentication |")));
    QVERIFY(markdown.contains(QStringLiteral("close 1008 \"Authentication required\"")));
    QVERIFY(markdown.contains(QStringLiteral("needs \\| a minted token [REDACTED]")));
    QVERIFY(!markdown.contains(QStringLiteral("eyJ")));
    QVERIFY(report.toTable().contains(QStringLiteral("SKIP     expired")));
}

void TestScenarioUnits::comparisonNamesChangedVerdicts()
{
    const auto result = [](const char *id, ScenarioResult::Verdict verdict, const char *reason) {
        ScenarioResult r;
        r.id = QLatin1String(id);
        r.verdict = verdict;
        r.reason = QLatin1String(reason);
        return r;
    };
    using V = ScenarioResult::Verdict;
    RunReport before;
    before.results = {result("valid-token", V::Pass, "ok"), result("bad-origin", V::Pass, "403"),
                      result("connection-flood", V::Fail, "no 429"), result("expired", V::Skip, "no key")};
    RunReport after;
    after.results = {result("connection-flood", V::Pass, "429 after 10"), result("bad-origin", V::Fail, "upgraded"),
                     result("valid-token", V::Pass, "ok"), result("no-token", V::Pass, "1008")};
    const RunComparison comparison = RunComparison::between(before, after);
    QCOMPARE(comparison.unchanged, 1);
    QCOMPARE(comparison.regressions(), 1);
    QStringList seen;
    for (const RunComparison::Change &change : comparison.changes)
        seen << QStringLiteral("%1:%2>%3").arg(change.id, change.before, change.after);
    // Catalogue order; a scenario only one run has is a change too.
    QCOMPARE(seen,
             (QStringList{QStringLiteral("no-token:>PASS"), QStringLiteral("expired:SKIP>"),
                          QStringLiteral("bad-origin:PASS>FAIL"), QStringLiteral("connection-flood:FAIL>PASS")}));
    QCOMPARE(comparison.changes.at(1).reason, QStringLiteral("no key"));
    QVERIFY(comparison.changes.at(2).isRegression() && comparison.changes.at(3).isFix());
    QVERIFY2(comparison.summary().contains(QLatin1String("1 regression")), qPrintable(comparison.summary()));
    QVERIFY(RunComparison::between(after, after).changes.isEmpty());
}

void TestScenarioUnits::expectedFollowsTheProfile()
{
    ScenarioContext context;
    const Scenario noToken = *Scenario::find(QStringLiteral("no-token"));
    const Scenario badOrigin = *Scenario::find(QStringLiteral("bad-origin"));
    const Scenario binary = *Scenario::find(QStringLiteral("binary-frame"));
    // Judged as PROTOCOL.md says: the catalogue's words.
    QCOMPARE(context.expectedOutcome(noToken), noToken.expected);
    // Another target: its codes, statuses and message types.
    context.profile.refusalCloses = {1008, 4001};
    context.profile.compareReasons = false;
    context.profile.originRefusalStatus = 400;
    QCOMPARE(context.expectedOutcome(noToken), QStringLiteral("close 1008/4001, not admitted, no signal."));
    QCOMPARE(context.expectedOutcome(badOrigin), QStringLiteral("HTTP 400."));
    QCOMPARE(context.expectedOutcome(binary), binary.expected);   // WebSocket's own 1003
}

void TestScenarioUnits::resultsModelGroupsChecksAndShowsResults()
{
    ScenarioResultsModel model;
    // Qt's own checks of the model's structure, on every change below.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), int(Scenario::groups().size()));
    int rows = 0;
    for (int group = 0; group < model.rowCount(); ++group)
        rows += model.rowCount(model.index(group, 0));
    QCOMPARE(rows, int(Scenario::catalogue().size()));
    QCOMPARE(model.checkedIds().size(), rows);

    // Unticking a group unticks its scenarios; one back makes the group partial.
    const QModelIndex group = model.index(0, 0);
    QVERIFY(model.setData(group, Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(model.checkedIds().size(), rows - model.rowCount(group));
    const QModelIndex first = model.index(0, 0, group);
    const QString id = first.data(ScenarioResultsModel::IdRole).toString();
    QCOMPARE(model.indexOf(id), first);
    QVERIFY(model.setData(first, Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(group.data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
    model.setChecked({id});
    QCOMPARE(model.checkedIds(), QStringList{id});

    // A run: "…" while it runs, then the verdict, what happened and the time.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setRunning(id);
    QCOMPARE(model.verdictText(id), QStringLiteral("…"));
    QVERIFY(!changed.isEmpty());
    ScenarioResult result;
    result.id = id;
    result.verdict = ScenarioResult::Verdict::Fail;
    result.reason = QStringLiteral("closed 1000 instead of 1008");
    result.actual.durationMs = 1500;
    model.setResult(result);
    const QModelIndex verdict = first.siblingAtColumn(ScenarioResultsModel::VerdictColumn);
    QCOMPARE(verdict.data().toString(), QStringLiteral("FAIL"));
    QCOMPARE(verdict.data(Qt::ToolTipRole).toString(), result.reason);
    QCOMPARE(verdict.data(ScenarioResultsModel::VerdictRole).toInt(), int(ScenarioResult::Verdict::Fail));
    QCOMPARE(first.siblingAtColumn(ScenarioResultsModel::TimeColumn).data().toString(), QStringLiteral("1.5 s"));
    QVERIFY(model.result(id));
    model.clearResults({});
    QVERIFY(!model.result(id));
    QVERIFY(model.verdictText(id).isEmpty());
    QVERIFY(!verdict.data(ScenarioResultsModel::VerdictRole).isValid());
}

QTEST_GUILESS_MAIN(TestScenarioUnits)
#include "tst_scenariounits.moc"
