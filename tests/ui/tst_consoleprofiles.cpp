// The test console's target side, offscreen against a real
// in-process server in dev mode: the profile editor builds and refuses
// profiles with the file's rules, the picker saves and loads them and a run
// follows the loaded one, a pasted token needs no login, manual connections
// without a token need no sign-in, and the Runs page shows which verdicts
// changed between two runs.
#include "manualconnect.h"
#include "testserver.h"

#include "consolepane.h"
#include "manualpane.h"
#include "profileeditor.h"
#include "profilepicker.h"
#include "runhistorypane.h"
#include "targetform.h"

#include "clientsettings.h"
#include "scenarioengine.h"
#include "tokensource.h"

#include <QComboBox>
#include <QHash>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using namespace SignalGate::Server;
using namespace SignalGate::Client;
using namespace SignalGate::Scenarios;
using namespace SignalGate::Ui;

namespace {
constexpr int kRunTimeoutMs = 120000;
constexpr int kTimeoutMs = 60000;
}   // namespace

class TestConsoleProfiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void editorBuildsAndRefuses();
    void pickerSavesLoadsAndTheRunFollows();
    void pastedTokenNeedsNoLogin();
    void manualWithoutTokenNeedsNoSignIn();
    void runsPageShowsRegressions();

private:
    std::unique_ptr<ConsolePane> newConsole(bool withPassword = true);
    // Runs ids in console and returns the finished report's verdicts by id.
    QHash<QString, QString> run(ConsolePane &console, const QStringList &ids);

    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<ClientSettings> m_settings;
};

void TestConsoleProfiles::initTestCase()
{
    m_server = std::make_unique<TestServer>([](ServerConfig &config) {
        config.dev = true;
        config.connRate = {60, 6};
    });
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    m_settings = std::make_unique<ClientSettings>(m_dir.filePath(QStringLiteral("signalgate.ini")));
    m_settings->setServer(m_server->server()->baseUrl());
    m_settings->setUser(QStringLiteral("demo"));
}

std::unique_ptr<ConsolePane> TestConsoleProfiles::newConsole(bool withPassword)
{
    auto console = std::make_unique<ConsolePane>(m_settings.get(), [] { return QByteArray(); });
    console->resize(1100, 800);
    console->show();
    if (withPassword)
        console->targetForm()->passwordEdit()->setText(QStringLiteral("demo"));
    return console;
}

QHash<QString, QString> TestConsoleProfiles::run(ConsolePane &console, const QStringList &ids)
{
    QSignalSpy finished(console.engine(), &ScenarioEngine::finished);
    console.setChecked(ids);
    console.runSelected();
    QHash<QString, QString> verdicts;
    if (!finished.wait(kRunTimeoutMs))
        return verdicts;
    for (const QString &id : ids)
        verdicts.insert(id, console.verdictOf(id));
    return verdicts;
}

void TestConsoleProfiles::editorBuildsAndRefuses()
{
    ProfileEditor editor(TargetProfile::signalGate());
    editor.nameEdit()->setText(QStringLiteral("tutorial"));
    editor.wsPathEdit()->setText(QStringLiteral("/ws/agent/{session}"));
    editor.tokenInBox()->setCurrentIndex(editor.tokenInBox()->findData(QStringLiteral("subprotocol-bare")));
    editor.loginBox()->setCurrentIndex(editor.loginBox()->findData(QStringLiteral("oauth2")));
    editor.welcomeTypeEdit()->clear();
    editor.signalTypeEdit()->setText(QStringLiteral("tick"));
    editor.refusalClosesEdit()->setText(QStringLiteral("1008, 4001"));
    QString error;
    const std::optional<TargetProfile> built = editor.profile(&error);
    QVERIFY2(built, qPrintable(error));
    QCOMPARE(built->name, QStringLiteral("tutorial"));
    QCOMPARE(built->tokenIn, TargetProfile::TokenPlacement::SubprotocolBare);
    QCOMPARE(built->login, TargetProfile::Login::OAuth2);
    QVERIFY(built->welcomeType.isEmpty());
    QCOMPARE(built->refusalCloses, (QList<int>{1008, 4001}));

    // The same rules as a profile file: a close code out of range is refused, and OK says why.
    editor.refusalClosesEdit()->setText(QStringLiteral("1008, 99"));
    QVERIFY(!editor.profile(&error));
    editor.accept();
    QCOMPARE(editor.result(), int(QDialog::Rejected));
    QVERIFY2(editor.errorText().contains(QLatin1String("refusal_closes")), qPrintable(editor.errorText()));
}

void TestConsoleProfiles::pickerSavesLoadsAndTheRunFollows()
{
    // Our server under a foreign-looking profile: the token in the query, reasons not compared.
    TargetProfile queryOnly = TargetProfile::signalGate();
    queryOnly.name = QStringLiteral("query-only");
    queryOnly.tokenIn = TargetProfile::TokenPlacement::Query;
    queryOnly.compareReasons = false;
    ProfilePicker picker;
    picker.addProfile(queryOnly, QStringLiteral("edited"));
    const QString file = m_dir.filePath(QStringLiteral("query-only.json"));
    QString error;
    QVERIFY2(picker.saveFile(file, &error), qPrintable(error));

    auto console = newConsole();
    ProfilePicker *loaded = console->targetForm()->profilePicker();
    QVERIFY2(loaded->loadFile(file, &error), qPrintable(error));
    QCOMPARE(loaded->profile().toJson(), queryOnly.toJson());
    QVERIFY(loaded->box()->currentText().contains(QLatin1String("query-only")));
    QVERIFY(!loaded->loadFile(m_dir.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY2(error.contains(QLatin1String("missing.json")), qPrintable(error));

    const QHash<QString, QString> verdicts =
            run(*console, {QStringLiteral("valid-token"), QStringLiteral("bad-signature")});
    QCOMPARE(verdicts.value(QStringLiteral("valid-token")), QStringLiteral("PASS"));
    QCOMPARE(verdicts.value(QStringLiteral("bad-signature")), QStringLiteral("PASS"));
    QCOMPARE(console->engine()->report().profile, QStringLiteral("query-only"));
    QCOMPARE(console->engine()->context().profile.tokenIn, TargetProfile::TokenPlacement::Query);
}

void TestConsoleProfiles::pastedTokenNeedsNoLogin()
{
    auto console = newConsole(false);
    TargetProfile noLogin = TargetProfile::signalGate();
    noLogin.name = QStringLiteral("pasted");
    noLogin.login = TargetProfile::Login::None;
    console->targetForm()->profilePicker()->addProfile(noLogin, QStringLiteral("edited"));
    console->targetForm()->tokenEdit()->setText(QString::fromLatin1(m_server->mint()));
    const QHash<QString, QString> verdicts =
            run(*console, {QStringLiteral("valid-token"), QStringLiteral("revoked-token")});
    QCOMPARE(verdicts.value(QStringLiteral("valid-token")), QStringLiteral("PASS"));
    QCOMPARE(verdicts.value(QStringLiteral("revoked-token")), QStringLiteral("SKIP"));
    QCOMPARE(console->engine()->tokens()->origin(), QStringLiteral("given token"));
}

void TestConsoleProfiles::manualWithoutTokenNeedsNoSignIn()
{
    auto console = newConsole(false);
    ManualPane *manual = console->manualPane();
    const auto choose = [manual](ManualProbe::TokenChoice choice) {
        manual->tokenBox()->setCurrentIndex(manual->tokenBox()->findData(int(choice)));
    };
    const std::pair<ManualProbe::TokenChoice, const char *> cases[] = {
            {ManualProbe::TokenChoice::None, "Authentication required"},
            {ManualProbe::TokenChoice::Empty, "Authentication required"},
            {ManualProbe::TokenChoice::Custom, "Invalid or expired token"}};
    for (const auto &[choice, reason] : cases) {
        choose(choice);
        manual->customEdit()->setText(QStringLiteral("not-a-token"));
        QVERIFY2(connectManually(manual, kTimeoutMs), qPrintable(manual->statusText()));
        QVERIFY2(manual->statusText().contains(QLatin1String(reason)), qPrintable(manual->statusText()));
    }
    // The password field was never filled.
    QVERIFY(console->targetForm()->passwordEdit()->text().isEmpty());
}

void TestConsoleProfiles::runsPageShowsRegressions()
{
    auto console = newConsole();
    const QStringList ids{QStringLiteral("valid-token"), QStringLiteral("bad-origin")};
    QCOMPARE(run(*console, ids).value(QStringLiteral("bad-origin")), QStringLiteral("PASS"));

    // A profile that expects 400 for a foreign Origin: our 403 now fails it.
    TargetProfile strict = TargetProfile::signalGate();
    strict.name = QStringLiteral("expects-400");
    strict.originRefusalStatus = 400;
    console->targetForm()->profilePicker()->addProfile(strict, QStringLiteral("edited"));
    QCOMPARE(run(*console, ids).value(QStringLiteral("bad-origin")), QStringLiteral("FAIL"));

    RunHistoryPane *history = console->runHistory();
    QCOMPARE(history->runCount(), 2);
    QCOMPARE(history->runList()->topLevelItemCount(), 2);
    QCOMPARE(history->run(1).profile, QStringLiteral("expects-400"));
    // The newest run is selected and compared with the one before it.
    const QString text = history->comparisonText();
    QVERIFY2(text.contains(QLatin1String("From run #1 to run #2")) && text.contains(QLatin1String("1 regression"))
                     && text.contains(QLatin1String("bad-origin (regression)"))
                     && !text.contains(QLatin1String("valid-token")),
             qPrintable(text));
    // The other way round it is a fix.
    history->compare(1, 0);
    QVERIFY2(history->comparisonText().contains(QLatin1String("1 fixed")), qPrintable(history->comparisonText()));
}

QTEST_MAIN(TestConsoleProfiles)
#include "tst_consoleprofiles.moc"
