// TargetProfile: the built-in profiles, a user's profile file
// (partial, saved and loaded again), every bad value refused with the key it
// concerns, and the WebSocket URL it builds.
#include "targetprofile.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace SignalGate::Scenarios;

class TestTargetProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInsRoundTrip_data();
    void builtInsRoundTrip();
    void partialFileKeepsTheDefaults();
    void badProfilesNameTheKey_data();
    void badProfilesNameTheKey();
    void unreadableOrNotJson();
    void webSocketUrl();

private:
    QString write(const QByteArray &bytes);
    QTemporaryDir m_dir;
    int m_files = 0;
};

QString TestTargetProfile::write(const QByteArray &bytes)
{
    QString path = m_dir.filePath(QStringLiteral("profile-%1.json").arg(++m_files));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
    return path;
}

void TestTargetProfile::builtInsRoundTrip_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : TargetProfile::builtInNames())
        QTest::newRow(qPrintable(name)) << name;
}

void TestTargetProfile::builtInsRoundTrip()
{
    QFETCH(QString, name);
    QString error;
    const std::optional<TargetProfile> profile = TargetProfile::load(name, &error);
    QVERIFY2(profile, qPrintable(error));
    QCOMPARE(profile->name, name);
    const QString path = m_dir.filePath(name + QStringLiteral(".json"));
    QVERIFY2(profile->save(path, &error), qPrintable(error));
    const std::optional<TargetProfile> again = TargetProfile::load(path, &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->toJson(), profile->toJson());
}

void TestTargetProfile::partialFileKeepsTheDefaults()
{
    QString error;
    const std::optional<TargetProfile> profile = TargetProfile::load(write(R"({
        "name": "fastapi-agent", "ws_path": "/ws/agent/{session}", "token_in": "subprotocol-bare",
        "offer_subprotocols": [], "login": "oauth2", "login_path": "/token", "welcome_type": null,
        "signal_type": "tick", "compare_reasons": false, "features": []
    })"),
                                                                     &error);
    QVERIFY2(profile, qPrintable(error));
    QCOMPARE(profile->name, QStringLiteral("fastapi-agent"));
    QCOMPARE(profile->tokenIn, TargetProfile::TokenPlacement::SubprotocolBare);
    QCOMPARE(profile->login, TargetProfile::Login::OAuth2);
    QVERIFY(profile->offerSubprotocols.isEmpty());
    QVERIFY(profile->welcomeType.isEmpty());
    QCOMPARE(profile->signalType, QStringLiteral("tick"));
    QVERIFY(!profile->supports(TargetProfile::Feature::Refresh));
    QVERIFY(!profile->compareReasons);
    // What was left out is signalgate's.
    QCOMPARE(profile->refusalCloses, QList<int>{1008});
    QCOMPARE(profile->originRefusalStatus, 403);
    QCOMPARE(profile->userField, QStringLiteral("username"));
    QCOMPARE(profile->admitAfterMs, 1000);
}

void TestTargetProfile::badProfilesNameTheKey_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("key");
    QTest::newRow("unknown key") << QByteArray(R"({"ws_url": "/ws"})") << "ws_url";
    QTest::newRow("token place") << QByteArray(R"({"token_in": "cookie"})") << "token_in";
    QTest::newRow("relative path") << QByteArray(R"({"ws_path": "ws"})") << "ws_path";
    QTest::newRow("close code") << QByteArray(R"({"refusal_closes": [999]})") << "refusal_closes";
    QTest::newRow("no close codes") << QByteArray(R"({"refusal_closes": []})") << "refusal_closes";
    QTest::newRow("one login field") << QByteArray(R"({"login_fields": ["email"]})") << "login_fields";
    QTest::newRow("admit at once") << QByteArray(R"({"admit_after_ms": 0})") << "admit_after_ms";
    QTest::newRow("half a status") << QByteArray(R"({"origin_refusal_status": 403.5})") << "origin_refusal_status";
    QTest::newRow("feature") << QByteArray(R"({"features": ["teleport"]})") << "features";
    QTest::newRow("yes is not true") << QByteArray(R"({"compare_reasons": "yes"})") << "compare_reasons";
    QTest::newRow("login kind") << QByteArray(R"({"login": "saml"})") << "login";
    QTest::newRow("empty welcome") << QByteArray(R"({"welcome_type": ""})") << "welcome_type";
}

void TestTargetProfile::badProfilesNameTheKey()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, key);
    QString error;
    const QString path = write(json);
    QVERIFY(!TargetProfile::load(path, &error));
    QVERIFY2(error.contains(path) && error.contains(QLatin1Char('"') + key + QLatin1Char('"')), qPrintable(error));
}

void TestTargetProfile::unreadableOrNotJson()
{
    QString error;
    QVERIFY(!TargetProfile::load(m_dir.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY2(error.contains(QLatin1String("signalgate, seed or a profile file")), qPrintable(error));
    QVERIFY(!TargetProfile::load(write("[1, 2]"), &error));
    QVERIFY2(error.contains(QLatin1String("not a JSON object")), qPrintable(error));
    QVERIFY(!TargetProfile::load(write(QByteArray(70 * 1024, ' ') + "{}"), &error));
    QVERIFY2(error.contains(QLatin1String("64 KiB")), qPrintable(error));
}

void TestTargetProfile::webSocketUrl()
{
    TargetProfile profile = TargetProfile::signalGate();
    QCOMPARE(profile.webSocketUrl(QUrl(QStringLiteral("http://127.0.0.1:8765"))),
             QUrl(QStringLiteral("ws://127.0.0.1:8765/ws")));
    QCOMPARE(profile.webSocketUrl(QUrl(QStringLiteral("https://example.com"))),
             QUrl(QStringLiteral("wss://example.com/ws")));
    profile.wsPath = QStringLiteral("/ws/agent/{session}");
    const QUrl first = profile.webSocketUrl(QUrl(QStringLiteral("http://127.0.0.1:9000")));
    const QUrl second = profile.webSocketUrl(QUrl(QStringLiteral("http://127.0.0.1:9000")));
    QVERIFY(first.path().startsWith(QLatin1String("/ws/agent/")) && !first.path().contains(QLatin1Char('{')));
    QVERIFY(first != second);   // a fresh session id each time
}

QTEST_GUILESS_MAIN(TestTargetProfile)
#include "tst_targetprofile.moc"
