// The test console tab offscreen against a real in-process server in dev
// mode: Run all shows a PASS for every scenario with its details, the export
// writes JSON and Markdown with the score and no token, manual mode shows a
// refused connection's close code with its meaning, and the token inspector
// decodes a token without sending it anywhere.
#include "manualclock.h"
#include "manualconnect.h"
#include "testserver.h"

#include "consolepane.h"
#include "manualpane.h"
#include "targetform.h"
#include "tokeninspector.h"

#include "clientsettings.h"
#include "closecodeinfo.h"
#include "scenario.h"
#include "scenarioengine.h"
#include "tokensource.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace SignalGate::Server;
using namespace SignalGate::Client;
using namespace SignalGate::Scenarios;
using namespace SignalGate::Ui;

namespace {

constexpr int kRunTimeoutMs = 300000;   // a whole run, slower under ASan
constexpr int kTimeoutMs = 60000;

// Anything shaped like a JWS compact token: header.payload.signature.
const QRegularExpression &jwsPattern()
{
    static const QRegularExpression pattern(
            QStringLiteral("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"));
    return pattern;
}

}   // namespace

class TestConsolePane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void runAllShowsVerdictsDetailsAndExports();
    void manualModeShowsTheCloseAndItsMeaning();
    void tokenInspectorDecodesLocally();
    void tokenInspectorCountsDownOnItsClock();

private:
    std::unique_ptr<ConsolePane> newConsole();

    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<ClientSettings> m_settings;
};

void TestConsolePane::initTestCase()
{
    QCOMPARE(QGuiApplication::platformName(), QStringLiteral("offscreen"));
    m_server = std::make_unique<TestServer>([](ServerConfig &config) {
        config.dev = true;
        // Generous enough for a quick run, slow enough for the flood to empty it.
        config.connRate = {60, 6};
        config.leewaySeconds = 1;   // expiry-without-refresh closes within seconds
    });
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    m_settings = std::make_unique<ClientSettings>(m_dir.filePath(QStringLiteral("signalgate.ini")));
    m_settings->setServer(m_server->server()->baseUrl());
    m_settings->setUser(QStringLiteral("demo"));
}

std::unique_ptr<ConsolePane> TestConsolePane::newConsole()
{
    auto console = std::make_unique<ConsolePane>(m_settings.get(), [] { return QByteArray(); });
    console->resize(1000, 800);
    console->show();
    console->targetForm()->passwordEdit()->setText(QStringLiteral("demo"));
    return console;
}

void TestConsolePane::runAllShowsVerdictsDetailsAndExports()
{
    auto console = newConsole();
    QCOMPARE(console->targetForm()->serverEdit()->text(), m_server->server()->baseUrl());
    QCOMPARE(console->targetForm()->userEdit()->text(), QStringLiteral("demo"));
    QCOMPARE(console->scenarioTree()->model()->rowCount(), int(Scenario::groups().size()));
    QCOMPARE(console->checkedIds().size(), int(Scenario::catalogue().size()));

    QSignalSpy finished(console->engine(), &ScenarioEngine::finished);
    QSignalSpy progress(console->engine(), &ScenarioEngine::progress);
    console->runAll();
    QVERIFY(finished.wait(kRunTimeoutMs));
    QVERIFY(progress.size() >= int(Scenario::catalogue().size()));

    QStringList notPassed;
    for (const Scenario &scenario : Scenario::catalogue()) {
        if (console->verdictOf(scenario.id) != QLatin1String("PASS"))
            notPassed << scenario.id + QLatin1Char('=') + console->verdictOf(scenario.id);
    }
    QVERIFY2(notPassed.isEmpty(),
             qPrintable(notPassed.join(QLatin1String(", ")) + QLatin1Char('\n') + console->statusText()));
    QVERIFY2(console->statusText().contains(QLatin1String("25/25 passed")), qPrintable(console->statusText()));

    // The detail pane: expected vs actual and the frames, with no token.
    const QAbstractItemModel *tree = console->scenarioTree()->model();
    console->scenarioTree()->setCurrentIndex(tree->index(0, 0, tree->index(0, 0)));   // valid-token
    const QString detail = console->detailText();
    QVERIFY2(detail.contains(QLatin1String("Expected:")) && detail.contains(QLatin1String("Verdict: PASS"))
                     && detail.contains(QLatin1String("welcome")),
             qPrintable(detail));
    QVERIFY2(!jwsPattern().match(detail).hasMatch(), qPrintable(detail));

    // Export: both formats, the score, a row per scenario, no token.
    const QString json = m_dir.filePath(QStringLiteral("run.json"));
    const QString markdown = m_dir.filePath(QStringLiteral("run.md"));
    QString error;
    QVERIFY2(console->exportReport(json, markdown, &error), qPrintable(error));
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const QByteArray jsonBytes = jsonFile.readAll();
    const QJsonObject report = QJsonDocument::fromJson(jsonBytes).object();
    QCOMPARE(report.value(QLatin1String("score")).toString(), QStringLiteral("25/25 passed"));
    QFile markdownFile(markdown);
    QVERIFY(markdownFile.open(QIODevice::ReadOnly));
    const QString markdownText = QString::fromUtf8(markdownFile.readAll());
    QVERIFY(markdownText.contains(QLatin1String("25/25 passed")));
    for (const Scenario &scenario : Scenario::catalogue())
        QVERIFY2(markdownText.contains(scenario.id), qPrintable(scenario.id));
    for (const QString &text : {QString::fromUtf8(jsonBytes), markdownText})
        QVERIFY2(!jwsPattern().match(text).hasMatch(), "a token in the export");
    const QByteArray engineToken = console->engine()->tokens()->accessToken();
    QVERIFY(!engineToken.isEmpty());
    QVERIFY(!jsonBytes.contains(engineToken) && !markdownText.contains(QString::fromLatin1(engineToken)));
}

void TestConsolePane::manualModeShowsTheCloseAndItsMeaning()
{
    auto console = newConsole();
    console->pages()->setCurrentIndex(ConsolePane::ManualPage);
    ManualPane *manual = console->manualPane();
    manual->tokenBox()->setCurrentIndex(manual->tokenBox()->findData(int(ManualProbe::TokenChoice::None)));
    QVERIFY2(connectManually(manual, kTimeoutMs), qPrintable(manual->statusText()));
    QVERIFY2(manual->statusText().contains(QLatin1String("1008"))
                     && manual->statusText().contains(QLatin1String("Authentication required")),
             qPrintable(manual->statusText()));
    // The meaning in words follows the code.
    const QString meaning = CloseCodeInfo::describe(1008, QStringLiteral("Authentication required")).meaning;
    QVERIFY2(manual->statusText().contains(meaning), qPrintable(manual->statusText()));
    QVERIFY(manual->frames()->rowCount() >= 2);   // the handshake and the close at least

    // The current token needs a sign-in, so without the test user's password it says so.
    ConsolePane unprepared(m_settings.get(), [] { return QByteArray(); });
    unprepared.manualPane()->tokenBox()->setCurrentIndex(
            unprepared.manualPane()->tokenBox()->findData(int(ManualProbe::TokenChoice::Current)));
    unprepared.manualPane()->connectProbe();
    QVERIFY2(unprepared.manualPane()->statusText().startsWith(QLatin1String("Not connected"))
                     && unprepared.manualPane()->statusText().contains(QLatin1String("password")),
             qPrintable(unprepared.manualPane()->statusText()));

    // A composition with broken JSON is explained where it breaks, as it is
    // typed, and not sent; the last connection's frames do not stay under it.
    manual->tokenBox()->setCurrentIndex(manual->tokenBox()->findData(int(ManualProbe::TokenChoice::Forged)));
    manual->headerEdit()->setPlainText(QStringLiteral("{\"alg\": \"HS256\",\n \"typ\": at+jwt}"));
    QVERIFY2(manual->statusText().contains(QLatin1String("line 2, column 9")), qPrintable(manual->statusText()));
    manual->connectProbe();
    QVERIFY2(manual->statusText().contains(QLatin1String("line 2, column 9")), qPrintable(manual->statusText()));
    QCOMPARE(manual->frames()->rowCount(), 0);
    manual->headerEdit()->setPlainText(QStringLiteral("[1]"));
    QVERIFY2(manual->statusText().contains(QLatin1String("must be a JSON object")), qPrintable(manual->statusText()));
    manual->headerEdit()->setPlainText(QStringLiteral("{\"alg\": \"HS256\"}"));
    QVERIFY2(manual->statusText().isEmpty(), qPrintable(manual->statusText()));
}

void TestConsolePane::tokenInspectorDecodesLocally()
{
    QByteArray token = m_server->mint({{QStringLiteral("sub"), QStringLiteral("inspector-user")},
                                       {QStringLiteral("scope"), QStringLiteral("admin")}});
    ConsolePane console(m_settings.get(), [&token] { return token; });
    TokenInspector *inspector = console.tokenInspector();
    inspector->inspectSessionToken();
    QVERIFY2(inspector->headerText().contains(QLatin1String("at+jwt")), qPrintable(inspector->headerText()));
    QVERIFY(inspector->claimsText().contains(QLatin1String("inspector-user")));
    QVERIFY(inspector->summaryText().contains(QLatin1String("HS256")));
    QVERIFY(inspector->pasteEdit()->text().isEmpty());   // the session's token is not put on screen
    const QString signature = QString::fromLatin1(token.mid(token.lastIndexOf('.') + 1));
    QVERIFY(!inspector->headerText().contains(signature) && !inspector->claimsText().contains(signature));

    inspector->pasteEdit()->setText(QStringLiteral("not-a-token"));
    QVERIFY2(inspector->summaryText().contains(QLatin1String("not a JWS")), qPrintable(inspector->summaryText()));

    ConsolePane signedOut(m_settings.get(), [] { return QByteArray(); });
    signedOut.tokenInspector()->inspectSessionToken();
    QVERIFY(signedOut.tokenInspector()->summaryText().contains(QLatin1String("not signed in")));
}

void TestConsolePane::tokenInspectorCountsDownOnItsClock()
{
    SignalGate::ManualClock clock;
    TokenInspector inspector({}, nullptr, clock);
    const qint64 exp = clock.wallSeconds() + 90;
    inspector.inspect(
            m_server->mint({{QStringLiteral("sub"), QStringLiteral("countdown")}, {QStringLiteral("exp"), exp}}));
    QCOMPARE(inspector.countdownText(), QStringLiteral("Expires in 1 min 30 s."));
    clock.advance(120 * 1000);
    QCOMPARE(inspector.countdownText(), QStringLiteral("Expired 0 min 30 s ago."));
}

QTEST_MAIN(TestConsolePane)
#include "tst_consolepane.moc"
