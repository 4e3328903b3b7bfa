// AuthApi against a real server (TestServer in dev mode: demo/demo) for
// login, refresh rotation, reuse, logout, rate limits and a dead port; and
// against a scripted HTTP peer for what a real server never sends (odd
// answers) and to see exactly what the client puts on the wire.
#include "authapi.h"
#include "logcapture.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <optional>

using namespace SignalGate::Server;
using namespace SignalGate::Client;

namespace {

constexpr int kTimeoutMs = 30000;   // PBKDF2 logins in a sanitizer build are slow

struct Failure
{
    AuthApi::Operation operation = AuthApi::Operation::Login;
    int status = -1;
    QString message;
    qint64 retryAfterMs = -1;
};

// One operation, one answer: either a success signal or failed().
struct Outcome
{
    std::optional<AuthApi::TokenPair> pair;   // loggedIn / refreshed
    bool loggedOut = false;
    std::optional<Failure> failure;
    int signals = 0;
};

template<typename Start>
Outcome run(AuthApi &api, Start start)
{
    Outcome outcome;
    QObject context;
    QObject::connect(&api, &AuthApi::loggedIn, &context, [&](const AuthApi::TokenPair &p) {
        outcome.pair = p;
        ++outcome.signals;
    });
    QObject::connect(&api, &AuthApi::refreshed, &context, [&](const AuthApi::TokenPair &p) {
        outcome.pair = p;
        ++outcome.signals;
    });
    QObject::connect(&api, &AuthApi::loggedOut, &context, [&] {
        outcome.loggedOut = true;
        ++outcome.signals;
    });
    QObject::connect(&api, &AuthApi::failed, &context,
                     [&](AuthApi::Operation operation, int status, const QString &message, qint64 retryAfterMs) {
                         outcome.failure = Failure{operation, status, message, retryAfterMs};
                         ++outcome.signals;
                     });
    start();
    (void)QTest::qWaitFor([&] { return outcome.signals > 0; }, kTimeoutMs);   // "no answer" is reported
    QTest::qWait(0);                                                          // let a (wrong) second answer show up too
    return outcome;
}

QByteArray describe(const Outcome &outcome)
{
    if (outcome.signals == 0)
        return "no answer";
    if (outcome.failure) {
        return QStringLiteral("failed(op %1, status %2, \"%3\", retry %4 ms)")
                .arg(int(outcome.failure->operation))
                .arg(outcome.failure->status)
                .arg(outcome.failure->message)
                .arg(outcome.failure->retryAfterMs)
                .toUtf8();
    }
    return outcome.loggedOut ? "loggedOut" : "token pair";
}

bool isJws(const QByteArray &token)
{
    static const QByteArray allowed("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");
    for (const char c : token) {
        if (!allowed.contains(c))
            return false;
    }
    return token.count('.') == 2;
}

// A one-request-at-a-time HTTP peer with a scripted answer; it records the
// request it got.
class ScriptedHttp : public QObject
{
public:
    ScriptedHttp()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readFrom(socket); });
            }
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    void answer(const QByteArray &response) { m_response = response; }

    QByteArray requestHead;
    QByteArray requestBody;

    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : requestHead.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }

private:
    void readFrom(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = buffer.left(end);
        requestHead = head;
        const qsizetype length = header("Content-Length").toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        requestBody = buffer.mid(end + 4, length);
        buffer.clear();
        socket->write(m_response);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QByteArray m_response;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QByteArray httpResponse(const QByteArray &statusLine, const QByteArray &headers, const QByteArray &body)
{
    return "HTTP/1.1 " + statusLine + "\r\n" + headers + "Content-Length: " + QByteArray::number(body.size())
            + "\r\nConnection: close\r\n\r\n" + body;
}

}   // namespace

class TestAuthApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void loginReturnsTokenPair();
    void wrongPasswordIs401();
    void refreshRotatesAndReuseIs401();
    void logoutRevokesTheFamily();
    void logoutWithAFakeAccessTokenIs401();
    void deadServerIsStatusZero_data();
    void deadServerIsStatusZero();
    void loginRateLimitIs429WithRetryAfter();
    void requestsOnTheWire();
    void serverUrlForms_data();
    void serverUrlForms();
    void oddAnswers_data();
    void oddAnswers();
    void noTokenInTheLog();

private:
    AuthApi::TokenPair login(AuthApi &api);

    QNetworkAccessManager m_network;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<AuthApi> m_api;
    QList<QByteArray> m_tokens;   // every token seen, for the log check
};

void TestAuthApi::initTestCase()
{
    m_server = std::make_unique<TestServer>([](ServerConfig &c) { c.dev = true; });
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    m_api = std::make_unique<AuthApi>(&m_network);
    m_api->setServer(m_server->httpUrl(QString()));
    QCOMPARE(m_api->server(), m_server->httpUrl(QString()));
}

void TestAuthApi::cleanupTestCase()
{
    m_api.reset();
    m_server.reset();
}

AuthApi::TokenPair TestAuthApi::login(AuthApi &api)
{
    const Outcome outcome = run(api, [&] { api.login(QStringLiteral("demo"), QStringLiteral("demo")); });
    if (!outcome.pair || outcome.signals != 1) {
        qWarning() << "login failed:" << describe(outcome);
        return {};
    }
    m_tokens << outcome.pair->accessToken << outcome.pair->refreshToken;
    return *outcome.pair;
}

void TestAuthApi::loginReturnsTokenPair()
{
    QSignalSpy loggedIn(m_api.get(), &AuthApi::loggedIn);
    QSignalSpy failed(m_api.get(), &AuthApi::failed);
    const AuthApi::TokenPair pair = login(*m_api);
    QCOMPARE(loggedIn.size(), 1);
    QCOMPARE(failed.size(), 0);
    QVERIFY(isJws(pair.accessToken));
    QVERIFY(pair.refreshToken.size() >= 43);     // base64url of at least 32 bytes
    QVERIFY(!pair.refreshToken.contains('.'));   // opaque, not a JWT
    QCOMPARE(pair.expiresIn, 900);
    QCOMPARE(pair.refreshExpiresIn, 8 * 3600);
}

void TestAuthApi::wrongPasswordIs401()
{
    const Outcome outcome = run(*m_api, [&] { m_api->login(QStringLiteral("demo"), QStringLiteral("not-demo")); });
    QVERIFY2(outcome.failure && outcome.signals == 1, describe(outcome));
    QCOMPARE(outcome.failure->operation, AuthApi::Operation::Login);
    QCOMPARE(outcome.failure->status, 401);
    QCOMPARE(outcome.failure->message, QStringLiteral("Wrong user name or password."));   // the client's words
    QCOMPARE(outcome.failure->retryAfterMs, 0);
}

void TestAuthApi::refreshRotatesAndReuseIs401()
{
    const AuthApi::TokenPair first = login(*m_api);
    QVERIFY(!first.refreshToken.isEmpty());

    Outcome outcome = run(*m_api, [&] { m_api->refresh(first.refreshToken); });
    QVERIFY2(outcome.pair && outcome.signals == 1, describe(outcome));
    const AuthApi::TokenPair second = *outcome.pair;
    m_tokens << second.accessToken << second.refreshToken;
    QVERIFY(second.refreshToken != first.refreshToken);
    QVERIFY(second.accessToken != first.accessToken);
    QVERIFY(isJws(second.accessToken));
    QCOMPARE(second.expiresIn, 900);
    outcome = run(*m_api, [&] { m_api->refresh(second.refreshToken); });
    QVERIFY2(outcome.pair && outcome.signals == 1, describe(outcome));
    m_tokens << outcome.pair->accessToken << outcome.pair->refreshToken;

    // The first, spent twice over, again: refused (and its family revoked).
    // The last one spent would be forgiven within the grace period.
    outcome = run(*m_api, [&] { m_api->refresh(first.refreshToken); });
    QVERIFY2(outcome.failure && outcome.signals == 1, describe(outcome));
    QCOMPARE(outcome.failure->operation, AuthApi::Operation::Refresh);
    QCOMPARE(outcome.failure->status, 401);
    QVERIFY(!outcome.failure->message.isEmpty());
    // ... which took the rotated one with it.
    outcome = run(*m_api, [&] { m_api->refresh(second.refreshToken); });
    QVERIFY2(outcome.failure && outcome.failure->status == 401, describe(outcome));
}

void TestAuthApi::logoutRevokesTheFamily()
{
    const AuthApi::TokenPair first = login(*m_api);
    Outcome outcome = run(*m_api, [&] { m_api->refresh(first.refreshToken); });
    QVERIFY2(outcome.pair, describe(outcome));
    const AuthApi::TokenPair pair = *outcome.pair;
    m_tokens << pair.accessToken << pair.refreshToken;

    outcome = run(*m_api, [&] { m_api->logout(pair.accessToken, pair.refreshToken); });
    QVERIFY2(outcome.loggedOut && outcome.signals == 1, describe(outcome));

    outcome = run(*m_api, [&] { m_api->refresh(pair.refreshToken); });
    QVERIFY2(outcome.failure && outcome.signals == 1, describe(outcome));
    QCOMPARE(outcome.failure->operation, AuthApi::Operation::Refresh);
    QCOMPARE(outcome.failure->status, 401);

    // The access token is revoked too: logging out with it again is refused.
    outcome = run(*m_api, [&] { m_api->logout(pair.accessToken, pair.refreshToken); });
    QVERIFY2(outcome.failure, describe(outcome));
    QCOMPARE(outcome.failure->operation, AuthApi::Operation::Logout);
    QCOMPARE(outcome.failure->status, 401);
}

void TestAuthApi::logoutWithAFakeAccessTokenIs401()
{
    const AuthApi::TokenPair pair = login(*m_api);
    const QByteArray forged = TestServer::forge(
            {{QStringLiteral("alg"), QStringLiteral("HS256")}, {QStringLiteral("typ"), QStringLiteral("at+jwt")}},
            m_server->defaultClaims(), "not the server key at all, not at all");
    Outcome outcome = run(*m_api, [&] { m_api->logout(forged, pair.refreshToken); });
    QVERIFY2(outcome.failure && outcome.signals == 1, describe(outcome));
    QCOMPARE(outcome.failure->operation, AuthApi::Operation::Logout);
    QCOMPARE(outcome.failure->status, 401);
    QCOMPARE(outcome.failure->message, QStringLiteral("The server refused the access token."));
    // The session survived the attempt.
    outcome = run(*m_api, [&] { m_api->refresh(pair.refreshToken); });
    QVERIFY2(outcome.pair, describe(outcome));
    m_tokens << outcome.pair->accessToken << outcome.pair->refreshToken;
}

void TestAuthApi::deadServerIsStatusZero_data()
{
    QTest::addColumn<AuthApi::Operation>("operation");
    QTest::newRow("login") << AuthApi::Operation::Login;
    QTest::newRow("refresh") << AuthApi::Operation::Refresh;
    QTest::newRow("logout") << AuthApi::Operation::Logout;
}

void TestAuthApi::deadServerIsStatusZero()
{
    QFETCH(AuthApi::Operation, operation);
    // A port nothing listens on: taken, then given back.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    AuthApi api(&m_network);
    api.setServer(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    const Outcome outcome = run(api, [&] {
        switch (operation) {
        case AuthApi::Operation::Login:
            return api.login(QStringLiteral("demo"), QStringLiteral("demo"));
        case AuthApi::Operation::Refresh:
            return api.refresh("c29tZS1yZWZyZXNoLXRva2Vu");
        case AuthApi::Operation::Logout:
            return api.logout("a.b.c", "c29tZS1yZWZyZXNoLXRva2Vu");
        }
    });
    QVERIFY2(outcome.failure && outcome.signals == 1, describe(outcome));
    QCOMPARE(outcome.failure->operation, operation);
    QCOMPARE(outcome.failure->status, 0);
    QVERIFY2(outcome.failure->message.contains(QLatin1String("connect"), Qt::CaseInsensitive), describe(outcome));
    QVERIFY2(outcome.failure->message.contains(QLatin1String("refused"), Qt::CaseInsensitive), describe(outcome));
    QCOMPARE(outcome.failure->retryAfterMs, 0);
}

void TestAuthApi::loginRateLimitIs429WithRetryAfter()
{
    TestServer limited([](ServerConfig &c) {
        c.dev = true;
        c.loginRate = {2, 300};
    });
    QVERIFY2(limited.start(), qPrintable(limited.error()));
    AuthApi api(&m_network);
    api.setServer(limited.httpUrl(QString()));

    for (int attempt = 1; attempt <= 2; ++attempt) {
        const Outcome outcome = run(api, [&] { api.login(QStringLiteral("demo"), QStringLiteral("wrong")); });
        QVERIFY2(outcome.failure && outcome.failure->status == 401, describe(outcome));
    }
    const Outcome outcome = run(api, [&] { api.login(QStringLiteral("demo"), QStringLiteral("wrong")); });
    QVERIFY2(outcome.failure && outcome.signals == 1, describe(outcome));
    QCOMPARE(outcome.failure->operation, AuthApi::Operation::Login);
    QCOMPARE(outcome.failure->status, 429);
    QCOMPARE(outcome.failure->message, QStringLiteral("Too many attempts; try again later."));
    QVERIFY2(outcome.failure->retryAfterMs >= 1000, describe(outcome));   // whole seconds on the wire
    QVERIFY2(outcome.failure->retryAfterMs <= 300 * 1000, describe(outcome));
}

void TestAuthApi::requestsOnTheWire()
{
    ScriptedHttp peer;
    AuthApi api(&m_network);
    api.setServer(peer.url());

    peer.answer(httpResponse("204 No Content", {}, {}));
    Outcome outcome = run(api, [&] { api.logout("aaa.bbb.ccc", "refresh-token-value"); });
    QVERIFY2(outcome.loggedOut, describe(outcome));
    QVERIFY2(peer.requestHead.startsWith("POST /auth/logout HTTP/1.1\r\n"), peer.requestHead.constData());
    QCOMPARE(peer.header("Authorization"), QByteArray("Bearer aaa.bbb.ccc"));
    QCOMPARE(peer.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(QJsonDocument::fromJson(peer.requestBody).object(),
             QJsonObject({{QStringLiteral("refresh_token"), QStringLiteral("refresh-token-value")}}));

    peer.answer(httpResponse("401 Unauthorized", "Content-Type: application/json\r\n",
                             R"({"error":"invalid_grant","message":"nope"})"));
    outcome = run(api, [&] { api.login(QStringLiteral("someone"), QStringLiteral("pa\"ss")); });
    QVERIFY2(outcome.failure, describe(outcome));
    QVERIFY2(peer.requestHead.startsWith("POST /auth/login HTTP/1.1\r\n"), peer.requestHead.constData());
    QVERIFY(peer.header("Authorization").isEmpty());
    QCOMPARE(peer.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(QJsonDocument::fromJson(peer.requestBody).object(),
             QJsonObject({{QStringLiteral("username"), QStringLiteral("someone")},
                          {QStringLiteral("password"), QStringLiteral("pa\"ss")}}));

    outcome = run(api, [&] { api.refresh("rt-1"); });
    QVERIFY2(outcome.failure, describe(outcome));
    QVERIFY2(peer.requestHead.startsWith("POST /auth/refresh HTTP/1.1\r\n"), peer.requestHead.constData());
    QVERIFY(peer.header("Authorization").isEmpty());
    QCOMPARE(QJsonDocument::fromJson(peer.requestBody).object(),
             QJsonObject({{QStringLiteral("refresh_token"), QStringLiteral("rt-1")}}));
}

void TestAuthApi::serverUrlForms_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QByteArray>("requestLine");
    QTest::newRow("bare") << QString() << QByteArray("POST /auth/logout HTTP/1.1\r\n");
    QTest::newRow("trailing slash") << QStringLiteral("/") << QByteArray("POST /auth/logout HTTP/1.1\r\n");
    QTest::newRow("query and fragment dropped")
            << QStringLiteral("/?x=1#y") << QByteArray("POST /auth/logout HTTP/1.1\r\n");
    // Behind a reverse proxy: the path prefix is kept.
    QTest::newRow("path prefix") << QStringLiteral("/gate/") << QByteArray("POST /gate/auth/logout HTTP/1.1\r\n");
}

void TestAuthApi::serverUrlForms()
{
    QFETCH(QString, suffix);
    QFETCH(QByteArray, requestLine);
    ScriptedHttp peer;
    AuthApi api(&m_network);
    api.setServer(QUrl(peer.url().toString() + suffix));
    peer.answer(httpResponse("204 No Content", {}, {}));
    const Outcome outcome = run(api, [&] { api.logout("a.b.c", "r"); });
    QVERIFY2(outcome.loggedOut, describe(outcome));
    QVERIFY2(peer.requestHead.startsWith(requestLine), peer.requestHead.constData());
}

void TestAuthApi::oddAnswers_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("messageContains");
    QTest::addColumn<qint64>("minRetryMs");
    QTest::addColumn<qint64>("maxRetryMs");

    const QByteArray pair =
            R"({"access_token":"a.b.c","token_type":"Bearer","expires_in":900,"refresh_token":"r","refresh_expires_in":60})";
    QTest::newRow("503 text, Retry-After seconds")
            << httpResponse("503 Service Unavailable", "Retry-After: 7\r\nContent-Type: text/plain\r\n", "busy") << 503
            << QStringLiteral("503") << qint64(7000) << qint64(7000);
    const QByteArray date = QDateTime::currentDateTimeUtc().addSecs(120).toString(Qt::RFC2822Date).toLatin1();
    QTest::newRow("429 JSON, Retry-After HTTP-date")
            << httpResponse("429 Too Many Requests", "Retry-After: " + date + "\r\n", R"({"message":"slow down"})")
            << 429 << QStringLiteral("slow down") << qint64(100000) << qint64(121000);
    QTest::newRow("Retry-After garbage") << httpResponse("429 Too Many Requests", "Retry-After: soon\r\n", {}) << 429
                                         << QStringLiteral("429") << qint64(0) << qint64(0);
    QTest::newRow("200 not JSON") << httpResponse("200 OK", {}, "hello") << 200 << QStringLiteral("token pair")
                                  << qint64(0) << qint64(0);
    QTest::newRow("200 without refresh token")
            << httpResponse("200 OK", {}, R"({"access_token":"a.b.c","token_type":"Bearer","expires_in":900})") << 200
            << QStringLiteral("token pair") << qint64(0) << qint64(0);
    QTest::newRow("200 with another token type")
            << httpResponse("200 OK", {}, QByteArray(pair).replace("Bearer", "MAC")) << 200
            << QStringLiteral("token pair") << qint64(0) << qint64(0);
    QTest::newRow("200 with a header-splitting token")
            << httpResponse("200 OK", {}, QByteArray(pair).replace("\"r\"", "\"r\\r\\nX-Evil: 1\"")) << 200
            << QStringLiteral("token pair") << qint64(0) << qint64(0);
    QTest::newRow("redirect not followed")
            << httpResponse("307 Temporary Redirect", "Location: http://127.0.0.1:1/auth/login\r\n", {}) << 307
            << QStringLiteral("redirect") << qint64(0) << qint64(0);
    QTest::newRow("message with control characters")
            << httpResponse("400 Bad Request", {}, R"({"message":"bad\u0007\nrequest"})") << 400
            << QStringLiteral("bad request") << qint64(0) << qint64(0);
}

void TestAuthApi::oddAnswers()
{
    QFETCH(QByteArray, response);
    QFETCH(int, status);
    QFETCH(QString, messageContains);
    QFETCH(qint64, minRetryMs);
    QFETCH(qint64, maxRetryMs);

    ScriptedHttp peer;
    AuthApi api(&m_network);
    api.setServer(peer.url());
    peer.answer(response);
    const Outcome outcome = run(api, [&] { api.login(QStringLiteral("demo"), QStringLiteral("demo")); });
    QVERIFY2(outcome.failure && outcome.signals == 1, describe(outcome));
    QCOMPARE(outcome.failure->operation, AuthApi::Operation::Login);
    QCOMPARE(outcome.failure->status, status);
    QVERIFY2(outcome.failure->message.contains(messageContains, Qt::CaseInsensitive), describe(outcome));
    for (const QChar c : outcome.failure->message)
        QVERIFY2(c.category() != QChar::Other_Control, describe(outcome));
    QVERIFY2(outcome.failure->retryAfterMs >= minRetryMs && outcome.failure->retryAfterMs <= maxRetryMs,
             describe(outcome));
}

void TestAuthApi::noTokenInTheLog()
{
    QVERIFY(m_tokens.size() >= 8);
    for (const QString &line : LogCapture::lines()) {
        for (const QByteArray &token : std::as_const(m_tokens))
            QVERIFY2(!line.contains(QString::fromLatin1(token)),
                     qPrintable(QStringLiteral("a token was logged: ") + line.left(60)));
    }
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    LogCapture::install();
    TestAuthApi test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_authapi.moc"
