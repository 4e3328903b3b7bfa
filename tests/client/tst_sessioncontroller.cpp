// SessionController against a real in-process server (dev mode: demo/demo,
// admin/admin) and the real keychain (scripts/with-keyring.sh): sign-in
// stores the pair and connects, a wrong password or a dead server stores
// nothing and opens nothing, a stored refresh token signs in silently (and
// is rotated), the proactive refresh writes the keychain before it refreshes
// in band without a disconnect, a 401 or a revocation ends the session and
// deletes the entry, sign-out also revokes on the server. No token in any
// log line or in the settings file.
#include "logcapture.h"
#include "lossyproxy.h"
#include "testhttp.h"
#include "testserver.h"
#include "wsprobe.h"

#include "clientsettings.h"
#include "devcertificate.h"
#include "manualclock.h"
#include "refreshscheduler.h"
#include "sessioncontroller.h"
#include "signalconnection.h"
#include "tokenclaims.h"
#include "tokenstore.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

using namespace SignalGate::Server;
using namespace SignalGate::Client;

namespace {

constexpr int kTimeoutMs = 60000;   // PBKDF2 logins, slower under ASan

using State = SessionController::State;

std::optional<TokenStore::Tokens> loadTokens(TokenStore &store, const QString &server, const QString &user)
{
    std::optional<TokenStore::Tokens> result;
    QObject context;
    QObject::connect(&store, &TokenStore::loaded, &context, [&](const TokenStore::Tokens &t) { result = t; });
    store.load(server, user);
    (void)QTest::qWaitFor([&] { return result.has_value(); }, kTimeoutMs);
    return result;
}

// A session on its own clock, so a test can jump to the refresh time.
struct Harness
{
    explicit Harness(const QString &service, const ServerAddress &server)
        : store(service)
        , session(&store, &network, clock)
    {
        session.setServer(server);
        session.connection()->setReconnectPolicy(ReconnectPolicy({}, 50, 200));
        QObject::connect(session.connection(), &SignalConnection::welcomed, &session, [this] { ++welcomes; });
        QObject::connect(session.connection(), &SignalConnection::signalReceived, &session, [this] { ++signalCount; });
        QObject::connect(session.connection(), &SignalConnection::refreshed, &session, [this] { ++inBandRefreshes; });
        QObject::connect(session.connection(), &SignalConnection::closed, &session,
                         [this](quint16 code, const QString &reason) {
                             closes.append(QStringLiteral("%1 %2").arg(code).arg(reason));
                         });
        QObject::connect(&session, &SessionController::signedOut, &session,
                         [this](const QString &why) { signedOut.append(why); });
        QObject::connect(&session, &SessionController::signInFailed, &session,
                         [this](const QString &m) { failures.append(m); });
    }

    bool signIn(const QString &user = QStringLiteral("demo"), const QString &password = QStringLiteral("demo"))
    {
        session.signIn(user, password);
        return QTest::qWaitFor([this] { return session.state() != State::SigningIn; }, kTimeoutMs)
                && session.state() == State::SignedIn;
    }

    bool waitOpen()
    {
        return QTest::qWaitFor([this] { return session.connection()->state() == SignalConnection::State::Open; },
                               kTimeoutMs);
    }

    // Jumps to the refresh time and back at once: the scheduler acts on the
    // jump, and the next refresh is scheduled from the real time rather than
    // due at once. The server's clock is real; the tokens are valid there.
    void jumpToRefreshTime()
    {
        const qint64 jump = session.nextRefreshAtMs() - clock.wallMs() + 10;
        clock.advance(jump);
        clock.setWallMs(clock.wallMs() - jump);
    }

    SignalGate::ManualClock clock{SignalGate::ManualClock::Flow::FollowsSystem};
    QNetworkAccessManager network;
    TokenStore store;
    SessionController session;
    int welcomes = 0;
    int signalCount = 0;
    int inBandRefreshes = 0;
    QStringList closes;
    QStringList signedOut;
    QStringList failures;
};

}   // namespace

class TestSessionController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void signInStoresThePairThenConnects();
    void wrongPasswordStoresNothingOpensNothing();
    void deadServerSaysSoAndStoresNothing();
    void storedRefreshTokenSignsInSilently();
    void nothingStoredAsksForSignIn();
    void proactiveRefreshWritesKeychainThenRefreshesInBand();
    void lostRefreshAnswerIsRetriedWithinTheGrace();
    void refusedRefreshSignsOutWithAMessage();
    void revocationEndsTheSessionWithoutReconnecting();
    void signOutDeletesTheEntryAndRevokesOnTheServer();
    void serverAddressParsing_data();
    void serverAddressParsing();
    void settingsNeverHoldATokenAndSurviveBadValues();
    void badCaFileIsExplained();
    void tlsTrustsExactlyTheGivenCa();
    void noTokenInAnyLogLine();

private:
    ServerAddress address() const { return ServerAddress::parse(m_server->server()->baseUrl()); }
    QString entryServer() const { return address().text(); }
    // demo's keychain entry as it is now (empty when none); its tokens are
    // remembered for the log check at the end.
    TokenStore::Tokens stored(const QString &server = {});

    std::unique_ptr<TestServer> m_server;
    QString m_service;
    QList<QByteArray> m_tokensSeen;
};

void TestSessionController::initTestCase()
{
    LogCapture::install();
    QLoggingCategory::setFilterRules(QStringLiteral("signalgate.client.*.debug=true"));
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "No D-Bus session bus: run under scripts/with-keyring.sh (the real keychain is part of this test).");
    m_server = std::make_unique<TestServer>([](ServerConfig &config) { config.dev = true; });
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
}

void TestSessionController::init()
{
    // A keychain service of its own per test: entries of one test never meet another's.
    m_service = QStringLiteral("signalgate-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void TestSessionController::cleanup()
{
    TokenStore store(m_service);
    QSignalSpy removed(&store, &TokenStore::removed);
    store.remove(entryServer(), QStringLiteral("demo"));
    QVERIFY(removed.wait(kTimeoutMs));
}

TokenStore::Tokens TestSessionController::stored(const QString &server)
{
    TokenStore reader(m_service);
    const std::optional<TokenStore::Tokens> tokens =
            loadTokens(reader, server.isEmpty() ? entryServer() : server, QStringLiteral("demo"));
    if (!tokens)
        return {};
    for (const QByteArray &token : {tokens->access, tokens->refresh}) {
        if (!token.isEmpty() && !m_tokensSeen.contains(token))
            m_tokensSeen << token;
    }
    return *tokens;
}

void TestSessionController::signInStoresThePairThenConnects()
{
    Harness h(m_service, address());
    QSignalSpy signedIn(&h.session, &SessionController::signedIn);
    QVERIFY2(h.signIn(), qPrintable(h.failures.join(QLatin1Char('\n'))));
    QCOMPARE(signedIn.size(), 1);
    QCOMPARE(h.session.user(), QStringLiteral("demo"));
    QVERIFY(h.waitOpen());
    QTRY_VERIFY_WITH_TIMEOUT(h.signalCount >= 3, kTimeoutMs);
    QVERIFY(h.session.nextRefreshAtMs() > QDateTime::currentMSecsSinceEpoch());
    QVERIFY(h.session.accessExpiresAt() > QDateTime::currentSecsSinceEpoch() + 60);

    // The pair is in the keychain, under the server and the user.
    const TokenStore::Tokens pair = stored();
    QVERIFY(!pair.refresh.isEmpty() && !pair.access.isEmpty());
    const auto claims = TokenClaims::decodeUnverified(pair.access);
    QVERIFY(claims);
    QCOMPARE(claims->subject, QStringLiteral("demo"));
    QCOMPARE(claims->expiresAt, h.session.accessExpiresAt());
}

void TestSessionController::wrongPasswordStoresNothingOpensNothing()
{
    Harness h(m_service, address());
    QVERIFY(!h.signIn(QStringLiteral("demo"), QStringLiteral("not-the-password")));
    QCOMPARE(h.session.state(), State::SignedOut);
    QCOMPARE(h.failures.size(), 1);
    QVERIFY2(h.failures.first().contains(QLatin1String("password"), Qt::CaseInsensitive)
                     || h.failures.first().contains(QLatin1String("credentials"), Qt::CaseInsensitive),
             qPrintable(h.failures.first()));
    QCOMPARE(h.session.connection()->state(), SignalConnection::State::Idle);
    QTest::qWait(300);
    QCOMPARE(m_server->server()->sessionCount(), 0);
    const TokenStore::Tokens pair = stored();
    QVERIFY(pair.isEmpty());
}

void TestSessionController::deadServerSaysSoAndStoresNothing()
{
    // A port nobody listens on (bound, then released).
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    const ServerAddress dead = ServerAddress::parse(QStringLiteral("http://127.0.0.1:%1").arg(port));
    Harness h(m_service, dead);
    QVERIFY(!h.signIn());
    QCOMPARE(h.failures.size(), 1);
    QVERIFY2(h.failures.first().contains(QLatin1String("refused"), Qt::CaseInsensitive)
                     || h.failures.first().contains(QLatin1String("reach"), Qt::CaseInsensitive),
             qPrintable(h.failures.first()));
    QCOMPARE(h.session.connection()->state(), SignalConnection::State::Idle);
}

void TestSessionController::storedRefreshTokenSignsInSilently()
{
    TokenStore::Tokens first;
    {
        Harness h(m_service, address());
        QVERIFY(h.signIn());
        QVERIFY(h.waitOpen());
        first = stored();
        QVERIFY(!first.refresh.isEmpty());
    }   // the client quits without signing out: the keychain keeps the pair

    Harness h(m_service, address());
    QSignalSpy signedIn(&h.session, &SessionController::signedIn);
    h.session.resumeStoredSession(QStringLiteral("demo"));
    QCOMPARE(h.session.state(), State::SigningIn);
    QVERIFY(h.session.isWaitingForKeychain());   // the read is under way: the GUI says so
    QVERIFY(signedIn.wait(kTimeoutMs));
    QVERIFY(!h.session.isWaitingForKeychain());
    QVERIFY(h.session.signedInFromStore());
    QVERIFY(h.waitOpen());
    QTRY_VERIFY_WITH_TIMEOUT(h.signalCount >= 1, kTimeoutMs);

    // Rotated at once: the keychain holds a new pair and the old refresh token is spent.
    const TokenStore::Tokens second = stored();
    QVERIFY(!second.refresh.isEmpty());
    QVERIFY(second.refresh != first.refresh);
    QVERIFY(second.access != first.access);
}

void TestSessionController::nothingStoredAsksForSignIn()
{
    Harness h(m_service, address());
    QSignalSpy none(&h.session, &SessionController::noStoredSession);
    h.session.resumeStoredSession(QStringLiteral("demo"));
    QVERIFY(none.wait(kTimeoutMs));
    QCOMPARE(h.session.state(), State::SignedOut);
    QCOMPARE(h.session.connection()->state(), SignalConnection::State::Idle);
    QCOMPARE(m_server->server()->sessionCount(), 0);
}

void TestSessionController::proactiveRefreshWritesKeychainThenRefreshesInBand()
{
    Harness h(m_service, address());
    QVERIFY(h.signIn());
    QVERIFY(h.waitOpen());
    const TokenStore::Tokens before = stored();
    QVERIFY(!before.isEmpty());

    // exp - min(5 min, 20 %) +- 10 %: for the default 900 s, 162 to 198 s before exp.
    const qint64 expMs = h.session.accessExpiresAt() * 1000;
    const qint64 due = h.session.nextRefreshAtMs();
    QVERIFY2(due >= expMs - 198000 && due <= expMs - 162000, qPrintable(QString::number(expMs - due)));

    // The server wants a later exp than the current one, and exp is whole
    // seconds: a refresh within the login's second would rightly be refused.
    m_server->clock().advance(1000);
    QSignalSpy refreshed(&h.session, &SessionController::tokenRefreshed);
    QSignalSpy saved(&h.store, &TokenStore::saved);
    h.jumpToRefreshTime();
    QVERIFY(refreshed.wait(kTimeoutMs));
    QCOMPARE(saved.size(), 1);   // written before the connection got it
    QTRY_COMPARE_WITH_TIMEOUT(h.inBandRefreshes, 1, kTimeoutMs);
    QCOMPARE(refreshed.size(), 1);
    QCOMPARE(refreshed.first().first().toLongLong(), h.session.accessExpiresAt());   // the new exp, not the old
    QCOMPARE(h.welcomes, 1);                                                         // no disconnect
    QVERIFY(h.closes.isEmpty());
    QCOMPARE(h.session.connection()->state(), SignalConnection::State::Open);

    const TokenStore::Tokens after = stored();
    QVERIFY(after.refresh != before.refresh && after.access != before.access);
    QCOMPARE(TokenClaims::decodeUnverified(after.access)->expiresAt, h.session.accessExpiresAt());
    QVERIFY(h.session.nextRefreshAtMs() > QDateTime::currentMSecsSinceEpoch() + 60000);   // the next one is scheduled
    const int before2 = h.signalCount;
    QTRY_VERIFY_WITH_TIMEOUT(h.signalCount > before2, kTimeoutMs);
}

void TestSessionController::lostRefreshAnswerIsRetriedWithinTheGrace()
{
    // The server rotates, but its answer is lost on the way back: the client
    // still holds the spent refresh token and tries again with it.
    LossyProxy proxy(m_server->server()->port());
    QVERIFY(proxy.listen());
    Harness h(m_service, ServerAddress::parse(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port())));
    QVERIFY(h.signIn());
    QVERIFY(h.waitOpen());
    m_server->clock().advance(1000);   // the server wants a later exp than the login's (whole seconds)

    proxy.loseNextAnswerTo("POST /auth/refresh");
    QSignalSpy refreshed(&h.session, &SessionController::tokenRefreshed);
    h.jumpToRefreshTime();
    QVERIFY(refreshed.wait(kTimeoutMs));
    QCOMPARE(proxy.answersLost(), 1);
    QCOMPARE(h.session.state(), State::SignedIn);
    QVERIFY(h.signedOut.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(h.inBandRefreshes, 1, kTimeoutMs);
    QCOMPARE(h.welcomes, 1);

    // What the keychain holds now is the family's live token: it rotates.
    const TokenStore::Tokens after = stored(h.session.server().text());
    h.store.remove(h.session.server().text(), QStringLiteral("demo"));
    const TestHttp::Reply rotated =
            TestHttp::post(m_server->httpUrl(QStringLiteral("/auth/refresh")),
                           {{QStringLiteral("refresh_token"), QString::fromLatin1(after.refresh)}});
    QCOMPARE(rotated.status, 200);
}

void TestSessionController::refusedRefreshSignsOutWithAMessage()
{
    Harness h(m_service, address());
    QVERIFY(h.signIn());
    QVERIFY(h.waitOpen());
    h.session.connection()->stop();   // so the family's revocation below closes nothing

    // Someone else spends the refresh token and its successor first: the
    // client's copy is stale (and not the last one spent, which the grace
    // period would forgive), so the server answers its refresh with 401.
    const TokenStore::Tokens pair = stored();
    QVERIFY(!pair.isEmpty());
    QString refreshToken = QString::fromLatin1(pair.refresh);
    for (int i = 0; i < 2; ++i) {
        const TestHttp::Reply spent =
                TestHttp::post(QUrl(m_server->server()->baseUrl() + QStringLiteral("/auth/refresh")),
                               {{QStringLiteral("refresh_token"), refreshToken}});
        QCOMPARE(spent.status, 200);
        refreshToken = spent.json.value("refresh_token").toString();
        m_tokensSeen << spent.json.value("access_token").toString().toLatin1() << refreshToken.toLatin1();
    }

    QSignalSpy out(&h.session, &SessionController::signedOut);
    h.jumpToRefreshTime();
    QVERIFY(out.wait(kTimeoutMs));
    const QString why = out.first().first().toString();
    QVERIFY2(why.contains(QLatin1String("sign in again"), Qt::CaseInsensitive), qPrintable(why));
    QCOMPARE(h.session.state(), State::SignedOut);
    QCOMPARE(h.session.connection()->state(), SignalConnection::State::Stopped);
    QCOMPARE(h.session.accessExpiresAt(), 0);
    QCOMPARE(h.session.nextRefreshAtMs(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(stored().isEmpty(), kTimeoutMs);
}

void TestSessionController::revocationEndsTheSessionWithoutReconnecting()
{
    Harness h(m_service, address());
    QVERIFY(h.signIn());
    QVERIFY(h.waitOpen());
    const QByteArray admin =
            TestHttp::login(QUrl(m_server->server()->baseUrl()), QStringLiteral("admin"), QStringLiteral("admin"));
    QVERIFY(!admin.isEmpty());
    m_tokensSeen << admin;
    // Issued-at is whole seconds: revoke in a later second than the login.
    m_server->clock().advance(1000);

    QSignalSpy out(&h.session, &SessionController::signedOut);
    const TestHttp::Reply revoked =
            TestHttp::post(QUrl(m_server->server()->baseUrl() + QStringLiteral("/admin/revoke")),
                           {{QStringLiteral("sub"), QStringLiteral("demo")}}, admin);
    QCOMPARE(revoked.status, 204);
    // The close may already have come while the POST waited for its answer.
    QTRY_COMPARE_WITH_TIMEOUT(out.size(), 1, kTimeoutMs);
    QCOMPARE(h.closes, QStringList{QStringLiteral("1008 Token revoked")});
    QVERIFY2(out.first().first().toString().contains(QLatin1String("revoked"), Qt::CaseInsensitive),
             qPrintable(out.first().first().toString()));
    QCOMPARE(h.session.state(), State::SignedOut);

    // No reconnect, no refresh attempt, and the dead pair is gone from the keychain.
    QTest::qWait(1000);
    QCOMPARE(h.welcomes, 1);
    QCOMPARE(m_server->server()->sessionCount(), 0);
    QCOMPARE(h.session.connection()->state(), SignalConnection::State::Stopped);
    QTRY_VERIFY_WITH_TIMEOUT(stored().isEmpty(), kTimeoutMs);
}

void TestSessionController::signOutDeletesTheEntryAndRevokesOnTheServer()
{
    Harness h(m_service, address());
    QVERIFY(h.signIn());
    QVERIFY(h.waitOpen());
    const TokenStore::Tokens pair = stored();
    QVERIFY(!pair.isEmpty());

    QSignalSpy out(&h.session, &SessionController::signedOut);
    QSignalSpy logoutFailed(&h.session, &SessionController::logoutFailed);
    h.session.signOut();
    QCOMPARE(out.size(), 1);
    QVERIFY(out.first().first().toString().isEmpty());   // asked for: nothing to explain
    QCOMPARE(h.session.state(), State::SignedOut);
    QTRY_VERIFY_WITH_TIMEOUT(stored().isEmpty(), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server()->sessionCount(), 0, kTimeoutMs);

    // The server was told: the old refresh token is dead, the old access token refused.
    QTRY_VERIFY_WITH_TIMEOUT(TestHttp::post(QUrl(m_server->server()->baseUrl() + QStringLiteral("/auth/refresh")),
                                            {{QStringLiteral("refresh_token"), QString::fromLatin1(pair.refresh)}})
                                             .status
                                     == 401,
                             kTimeoutMs);
    WsProbe probe;
    QNetworkRequest request(m_server->wsUrl());
    request.setRawHeader("Authorization", "Bearer " + pair.access);
    probe.open(request);
    QVERIFY(probe.waitDisconnected(kTimeoutMs));
    QCOMPARE(probe.closeCode(), 1008);
    QCOMPARE(probe.closeReason(), QStringLiteral("Invalid or expired token"));
    QCOMPARE(logoutFailed.size(), 0);
}

void TestSessionController::serverAddressParsing_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("http");   // "" when invalid
    QTest::addColumn<QString>("ws");
    QTest::addColumn<bool>("optIn");
    QTest::newRow("bare host gets the default port") << "localhost"
                                                     << "http://localhost:8765"
                                                     << "ws://localhost:8765/ws" << false;
    QTest::newRow("host:port") << "127.0.0.1:9000"
                               << "http://127.0.0.1:9000"
                               << "ws://127.0.0.1:9000/ws" << false;
    QTest::newRow("https") << "https://signals.example.com"
                           << "https://signals.example.com"
                           << "wss://signals.example.com/ws" << false;
    QTest::newRow("a pasted ws URL") << "ws://[::1]:8765/ws"
                                     << "http://[::1]:8765"
                                     << "ws://[::1]:8765/ws" << false;
    QTest::newRow("wss with a prefix") << "wss://host:443/feed/ws/"
                                       << "https://host:443/feed"
                                       << "wss://host:443/feed/ws" << false;
    QTest::newRow("plain text to another host") << "http://10.0.0.5:8765"
                                                << "http://10.0.0.5:8765"
                                                << "ws://10.0.0.5:8765/ws" << true;
    QTest::newRow("empty") << "  "
                           << ""
                           << "" << false;
    QTest::newRow("ftp") << "ftp://host"
                         << ""
                         << "" << false;
    QTest::newRow("user info") << "http://me:pw@host:1"
                               << ""
                               << "" << false;
    QTest::newRow("a query could carry a token") << "http://host:1/?token=x"
                                                 << ""
                                                 << "" << false;
    // A scheme typed wrong is not a host called "htp".
    QTest::newRow("scheme with one slash") << "htp:/x"
                                           << ""
                                           << "" << false;
    QTest::newRow("http with one slash") << "http:/localhost:8765"
                                         << ""
                                         << "" << false;
    QTest::newRow("scheme without slashes") << "https:signals.example.com"
                                            << ""
                                            << "" << false;
    QTest::newRow("localhost:port stays a host") << "localhost:8765"
                                                 << "http://localhost:8765"
                                                 << "ws://localhost:8765/ws" << false;
}

void TestSessionController::serverAddressParsing()
{
    QFETCH(QString, input);
    QFETCH(QString, http);
    QFETCH(QString, ws);
    QFETCH(bool, optIn);
    const ServerAddress address = ServerAddress::parse(input);
    QCOMPARE(address.isValid(), !http.isEmpty());
    if (!address.isValid()) {
        QVERIFY(!address.error().isEmpty());
        return;
    }
    QCOMPARE(address.httpUrl().toString(), http);
    QCOMPARE(address.webSocketUrl().toString(), ws);
    QCOMPARE(address.needsPlainTextOptIn(), optIn);
}

void TestSessionController::settingsNeverHoldATokenAndSurviveBadValues()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("signalgate.ini"));
    {
        ClientSettings settings(file);
        settings.setServer(address().text());
        settings.setUser(QStringLiteral("demo"));
        settings.setTransport(SignalConnection::Transport::Query);
        settings.setLanguage(QStringLiteral("de"));
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
    }
    // Sign in with these settings, then look at every byte of the file.
    Harness h(m_service, address());
    QVERIFY(h.signIn());
    QVERIFY(h.waitOpen());
    QFile ini(file);
    QVERIFY(ini.open(QIODevice::ReadOnly));
    const QByteArray content = ini.readAll();
    QVERIFY(content.contains("demo"));
    const TokenStore::Tokens pair = stored();
    QVERIFY(!pair.isEmpty());
    QVERIFY(!content.contains(pair.access) && !content.contains(pair.refresh));
    QVERIFY(!content.contains("eyJ"));   // no JWS of any kind

    ClientSettings reread(file);
    QCOMPARE(reread.transport(), SignalConnection::Transport::Query);
    QCOMPARE(reread.language(), QStringLiteral("de"));
    // A value someone edited by hand falls back to the safe default.
    QSettings(file, QSettings::IniFormat)
            .setValue(QStringLiteral("connection/transport"), QStringLiteral("carrier-pigeon"));
    QCOMPARE(ClientSettings(file).transport(), SignalConnection::Transport::Header);
}

void TestSessionController::badCaFileIsExplained()
{
    QTemporaryDir dir;
    QList<QSslCertificate> certificates;
    QString error;
    QVERIFY(!SessionController::loadCaFile(dir.filePath(QStringLiteral("missing.pem")), &certificates, &error));
    // The file and the cause; where to mend it is for the caller to say.
    QVERIFY2(error.contains(QLatin1String("missing.pem")) && error.contains(QLatin1String("No such file")),
             qPrintable(error));
    QFile junk(dir.filePath(QStringLiteral("junk.pem")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not a certificate\n");
    junk.close();
    QVERIFY(!SessionController::loadCaFile(junk.fileName(), &certificates, &error));
    QVERIFY2(error.contains(QLatin1String("no PEM certificate")), qPrintable(error));
    QVERIFY(certificates.isEmpty());
}

// https and wss with the bundled self-signed certificate: the CA file makes
// the whole session work (login over HTTPS, then wss); without it the login
// itself fails with the TLS cause and nothing is stored or opened.
void TestSessionController::tlsTrustsExactlyTheGivenCa()
{
    QTemporaryDir certs;
    QString error;
    QVERIFY2(DevCertificate::write(certs.path(), &error), qPrintable(error));
    TestServer server([&certs](ServerConfig &config) {
        config.dev = true;
        config.tlsCertFile = DevCertificate::certificatePath(certs.path());
        config.tlsKeyFile = DevCertificate::keyPath(certs.path());
    });
    QVERIFY2(server.start(), qPrintable(server.error()));
    const ServerAddress tls = ServerAddress::parse(server.server()->baseUrl());
    QVERIFY(tls.isTls());
    QCOMPARE(tls.webSocketUrl().scheme(), QStringLiteral("wss"));

    {
        Harness h(m_service, tls);
        QVERIFY(!h.signIn());
        QCOMPARE(h.failures.size(), 1);
        QVERIFY2(h.failures.first().contains(QLatin1String("certificate"), Qt::CaseInsensitive)
                         || h.failures.first().contains(QLatin1String("TLS"), Qt::CaseInsensitive),
                 qPrintable(h.failures.first()));
        QCOMPARE(h.session.connection()->state(), SignalConnection::State::Idle);
    }

    Harness h(m_service, tls);
    QList<QSslCertificate> ca;
    QVERIFY2(SessionController::loadCaFile(DevCertificate::certificatePath(certs.path()), &ca, &error),
             qPrintable(error));
    h.session.setCaCertificates(ca);
    QVERIFY2(h.signIn(), qPrintable(h.failures.join(QLatin1Char('\n'))));
    QVERIFY(h.waitOpen());
    QTRY_VERIFY_WITH_TIMEOUT(h.signalCount >= 1, kTimeoutMs);
    QCOMPARE(h.session.connection()->sessionSslConfiguration().peerCertificate(), ca.first());
    TokenStore reader(m_service);
    const auto pair = loadTokens(reader, tls.text(), QStringLiteral("demo"));
    QVERIFY(pair && !pair->isEmpty());
    m_tokensSeen << pair->access << pair->refresh;
    h.session.signOut();
}

void TestSessionController::noTokenInAnyLogLine()
{
    QVERIFY(m_tokensSeen.size() >= 10);
    const QString all = LogCapture::lines().join(QLatin1Char('\n'));
    QVERIFY(all.contains(QLatin1String("SignedIn")));   // the capture works
    for (const QByteArray &token : qAsConst(m_tokensSeen)) {
        QVERIFY(!token.isEmpty());
        // The signature part alone is enough to give a JWS away.
        const QByteArray tail = token.mid(token.lastIndexOf('.') + 1).left(24);
        QVERIFY2(!all.contains(QString::fromLatin1(tail)), "a token reached a log line");
    }
    QVERIFY2(!all.contains(QLatin1String("not-the-password")), "a password reached a log line");
}

QTEST_GUILESS_MAIN(TestSessionController)
#include "tst_sessioncontroller.moc"
