// The WebSocket gate against hostile tokens: a real server on 127.0.0.1 with
// a random port, real QWebSocket clients. Every refused connection must be
// closed 1008 with the contract's exact reason, with no welcome and no signal.
#include "base64url.h"
#include "securerandom.h"
#include "testserver.h"
#include "wsprobe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace SignalGate::Protocol;
using namespace SignalGate::Jose;
using namespace SignalGate::Server;

namespace {

enum class Transport { None, Header, Subprotocol, Query };

const QString authRequired = QStringLiteral("Authentication required");
const QString invalidToken = QStringLiteral("Invalid or expired token");

QByteArray b64json(const QJsonObject &object)
{
    return Base64Url::encode(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

}   // namespace

Q_DECLARE_METATYPE(Transport)

class TestWebSocketAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void validToken_data();
    void validToken();
    void refused_data();
    void refused();
    void twoDifferentTokensAreRefused();
    void sameTokenTwiceIsAccepted();
    void tokenOver8KiBIsRefusedBeforeUpgrade_data();
    void tokenOver8KiBIsRefusedBeforeUpgrade();
    void serverAnswersSubprotocolNeverToken();
    void expiredServerSideClockIsHonoured();

private:
    std::unique_ptr<WsProbe> connectWith(Transport transport, const QByteArray &token);

    std::unique_ptr<TestServer> m_server;
};

void TestWebSocketAuth::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
}

void TestWebSocketAuth::cleanup()
{
    // Nothing refused may linger in the pool.
    QTRY_COMPARE(m_server->server()->sessionCount(), 0);
}

std::unique_ptr<WsProbe> TestWebSocketAuth::connectWith(Transport transport, const QByteArray &token)
{
    auto probe = std::make_unique<WsProbe>();
    QNetworkRequest request(m_server->wsUrl());
    QStringList protocols{QStringLiteral("signalgate.v1")};
    switch (transport) {
    case Transport::None:
        break;
    case Transport::Header:
        request.setRawHeader("Authorization", "Bearer " + token);
        break;
    case Transport::Subprotocol:
        protocols.append(QStringLiteral("bearer.") + QString::fromLatin1(token));
        break;
    case Transport::Query:
        request.setUrl(m_server->wsUrl(QStringLiteral("token=") + QString::fromLatin1(token)));
        break;
    }
    probe->open(request, protocols);
    return probe;
}

void TestWebSocketAuth::validToken_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::newRow("authorization header") << Transport::Header;
    QTest::newRow("bearer subprotocol") << Transport::Subprotocol;
    QTest::newRow("query") << Transport::Query;
}

void TestWebSocketAuth::validToken()
{
    QFETCH(Transport, transport);
    const QByteArray token = m_server->mint({{QStringLiteral("sub"), QStringLiteral("alice")}});
    auto probe = connectWith(transport, token);
    QVERIFY(probe->waitForMessages(4));

    const QJsonObject welcome = probe->messages().first();
    QCOMPARE(welcome.value("type").toString(), QStringLiteral("welcome"));
    QCOMPARE(welcome.value("protocol").toString(), QStringLiteral("signalgate.v1"));
    QCOMPARE(welcome.value("sub").toString(), QStringLiteral("alice"));
    QVERIFY(!welcome.value("session_id").toString().isEmpty());
    QVERIFY(welcome.value("exp").toInteger() > TestServer::now());
    const QJsonObject limits = welcome.value("limits").toObject();
    const ServerConfig &config = m_server->config();
    QCOMPARE(limits.value("conn_rate").toArray(), (QJsonArray{config.connRate.count, config.connRate.windowSeconds}));
    QCOMPARE(limits.value("msg_rate").toArray(), (QJsonArray{60, 60}));
    QCOMPARE(limits.value("max_message_bytes").toInt(), 65536);
    QCOMPARE(limits.value("refresh_attempts").toInt(), 3);
    QCOMPARE(limits.value("history").toInt(), 10000);
    QCOMPARE(probe->socket().subprotocol(), QStringLiteral("signalgate.v1"));

    qint64 previous = welcome.value("last_seq").toInteger();
    for (qsizetype i = 1; i < probe->messages().size(); ++i) {
        const QJsonObject signal = probe->messages().at(i);
        QCOMPARE(signal.value("type").toString(), QStringLiteral("signal"));
        const qint64 seq = signal.value("seq").toInteger();
        QCOMPARE(seq, previous + 1);
        previous = seq;
        QVERIFY(!signal.value("symbol").toString().isEmpty());
        const QString side = signal.value("side").toString();
        QVERIFY(side == "buy" || side == "sell");
        QVERIFY(signal.value("price").toDouble() > 0);
        const double confidence = signal.value("confidence").toDouble();
        QVERIFY(confidence >= 0 && confidence <= 1);
        QVERIFY(signal.value("ts").toInteger() > 0);
    }
    QCOMPARE(m_server->server()->sessionCount(), 1);
    probe->socket().close();
    QVERIFY(probe->waitDisconnected());
}

void TestWebSocketAuth::refused_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("reason");

    const TestServer &s = *m_server;
    const qint64 now = TestServer::now();
    const QByteArray key = s.secret();
    const QJsonObject claims = s.defaultClaims();
    const QJsonObject header{{"alg", "HS256"}, {"typ", "at+jwt"}};
    const QByteArray valid = s.mint();
    const QList<QByteArray> parts = valid.split('.');

    QTest::newRow("no token") << Transport::None << QByteArray() << authRequired;
    QTest::newRow("empty bearer") << Transport::Header << QByteArray() << authRequired;
    QTest::newRow("empty query") << Transport::Query << QByteArray() << authRequired;
    QTest::newRow("empty subprotocol") << Transport::Subprotocol << QByteArray() << authRequired;
    QTest::newRow("null") << Transport::Header << QByteArray("null") << invalidToken;
    QTest::newRow("two segments") << Transport::Header << parts[0] + '.' + parts[1] << invalidToken;
    QTest::newRow("four segments") << Transport::Header << valid + ".AAAA" << invalidToken;
    QTest::newRow("padding in base64url")
            << Transport::Header << parts[0] + "==." + parts[1] + '.' + parts[2] << invalidToken;
    QTest::newRow("plus in base64url") << Transport::Query << "e+" + valid.mid(2) << invalidToken;
    QTest::newRow("non-JSON header") << Transport::Header
                                     << Base64Url::encode("not json") + '.' + parts[1] + '.' + parts[2] << invalidToken;
    {
        const QByteArray input = b64json(header) + '.' + Base64Url::encode("{\"sub\":");
        QTest::newRow("non-JSON payload") << Transport::Header
                                          << TestServer::forge(header, {}, key).split('.')[0] + '.'
                        + Base64Url::encode("{\"sub\":") + '.' + parts[2]
                                          << invalidToken;
        Q_UNUSED(input);
    }
    QTest::newRow("bad signature") << Transport::Header
                                   << TestServer::forge(header, claims, "another key of thirty-two bytes!!")
                                   << invalidToken;
    QTest::newRow("signature stripped") << Transport::Header << parts[0] + '.' + parts[1] + '.' << invalidToken;
    QTest::newRow("signature truncated") << Transport::Header << valid.chopped(4) << invalidToken;
    for (const char *none : {"none", "None", "NONE", "nOnE"}) {
        const QJsonObject h{{"alg", none}, {"typ", "at+jwt"}};
        QTest::addRow("alg %s unsigned", none)
                << Transport::Header << b64json(h) + '.' + b64json(claims) + '.' << invalidToken;
        QTest::addRow("alg %s with signature", none)
                << Transport::Query << TestServer::forge(h, claims, key) << invalidToken;
    }
    QTest::newRow("HS384 with the right key")
            << Transport::Header << TestServer::forge({{"alg", "HS384"}, {"typ", "at+jwt"}}, claims, key, "SHA384")
            << invalidToken;
    QTest::newRow("HS512 with the right key")
            << Transport::Header << TestServer::forge({{"alg", "HS512"}, {"typ", "at+jwt"}}, claims, key, "SHA512")
            << invalidToken;
    QTest::newRow("RS256 header") << Transport::Header
                                  << TestServer::forge({{"alg", "RS256"}, {"typ", "at+jwt"}}, claims, key)
                                  << invalidToken;
    QTest::newRow("jwk header")
            << Transport::Header
            << s.mint({}, {{"jwk", QJsonObject{{"kty", "oct"}, {"k", QString::fromLatin1(Base64Url::encode(key))}}}})
            << invalidToken;
    QTest::newRow("jku header") << Transport::Header << s.mint({}, {{"jku", "https://attacker.example/jwks.json"}})
                                << invalidToken;
    QTest::newRow("x5u header") << Transport::Header << s.mint({}, {{"x5u", "https://attacker.example/cert.pem"}})
                                << invalidToken;
    QTest::newRow("x5c header") << Transport::Header << s.mint({}, {{"x5c", QJsonArray{"MIIB"}}}) << invalidToken;
    QTest::newRow("unknown kid") << Transport::Header << s.mint({}, {{"kid", "key-2"}}) << invalidToken;
    QTest::newRow("unknown crit") << Transport::Header
                                  << s.mint({}, {{"crit", QJsonArray{"urn:example:ext"}}, {"urn:example:ext", true}})
                                  << invalidToken;
    QTest::newRow("expired past leeway") << Transport::Header << s.mint({{"exp", now - 31}}) << invalidToken;
    QTest::newRow("nbf in the future") << Transport::Header << s.mint({{"nbf", now + 120}}) << invalidToken;
    QTest::newRow("wrong iss") << Transport::Header << s.mint({{"iss", "someone-else"}}) << invalidToken;
    QTest::newRow("missing iss") << Transport::Header << s.mint({{"iss", QJsonValue::Null}}) << invalidToken;
    QTest::newRow("wrong aud") << Transport::Header << s.mint({{"aud", "other-clients"}}) << invalidToken;
    QTest::newRow("missing aud") << Transport::Header << s.mint({{"aud", QJsonValue::Null}}) << invalidToken;
    QTest::newRow("typ JWT") << Transport::Header << s.mint({}, {{"typ", "JWT"}}) << invalidToken;
    QTest::newRow("typ missing") << Transport::Header << s.mint({}, {{"typ", QJsonValue::Null}}) << invalidToken;
    QTest::newRow("missing exp") << Transport::Header << s.mint({{"exp", QJsonValue::Null}}) << invalidToken;
    QTest::newRow("missing sub") << Transport::Header << s.mint({{"sub", QJsonValue::Null}}) << invalidToken;
    QTest::newRow("refresh token as access token") << Transport::Header << SecureRandom::token(32) << invalidToken;
    QTest::newRow("other Authorization scheme") << Transport::None << QByteArray() << authRequired;
}

void TestWebSocketAuth::refused()
{
    QFETCH(Transport, transport);
    QFETCH(QByteArray, token);
    QFETCH(QString, reason);

    std::unique_ptr<WsProbe> probe;
    if (QByteArray(QTest::currentDataTag()) == "other Authorization scheme") {
        probe = std::make_unique<WsProbe>();
        QNetworkRequest request(m_server->wsUrl());
        request.setRawHeader("Authorization", "Basic " + m_server->mint());
        probe->open(request, {QStringLiteral("signalgate.v1")});
    } else {
        probe = connectWith(transport, token);
    }
    QVERIFY(probe->waitDisconnected());
    QVERIFY2(probe->connected(), "accept-then-close: the upgrade itself succeeds");
    QCOMPARE(probe->closeCode(), 1008);
    QCOMPARE(probe->closeReason(), reason);
    QCOMPARE(probe->messages().size(), 0);   // no welcome, no signal, nothing
}

void TestWebSocketAuth::twoDifferentTokensAreRefused()
{
    auto probe = std::make_unique<WsProbe>();
    QNetworkRequest request(m_server->wsUrl(QStringLiteral("token=") + QString::fromLatin1(m_server->mint())));
    request.setRawHeader("Authorization", "Bearer " + m_server->mint());
    probe->open(request, {QStringLiteral("signalgate.v1")});
    QVERIFY(probe->waitDisconnected());
    QCOMPARE(probe->closeCode(), 1008);
    QCOMPARE(probe->closeReason(), invalidToken);
    QCOMPARE(probe->messages().size(), 0);
}

void TestWebSocketAuth::sameTokenTwiceIsAccepted()
{
    const QByteArray token = m_server->mint();
    auto probe = std::make_unique<WsProbe>();
    QNetworkRequest request(m_server->wsUrl(QStringLiteral("token=") + QString::fromLatin1(token)));
    request.setRawHeader("Authorization", "Bearer " + token);
    probe->open(request, {QStringLiteral("signalgate.v1"), QStringLiteral("bearer.") + QString::fromLatin1(token)});
    QVERIFY(probe->waitForMessages(1));
    QCOMPARE(probe->messages().first().value("type").toString(), QStringLiteral("welcome"));
    probe->socket().close();
    QVERIFY(probe->waitDisconnected());
}

void TestWebSocketAuth::tokenOver8KiBIsRefusedBeforeUpgrade_data()
{
    QTest::addColumn<QByteArray>("headerLine");
    const QByteArray token = m_server->mint({{"pad", QString(6200, QLatin1Char('x'))}});
    QVERIFY(token.size() > 8192);
    QTest::newRow("authorization header") << "Authorization: Bearer " + token;
    QTest::newRow("bearer subprotocol") << "Sec-WebSocket-Protocol: signalgate.v1, bearer." + token;
    QTest::newRow("query") << "X-Target: ?token=" + token;   // marker, replaced below
}

void TestWebSocketAuth::tokenOver8KiBIsRefusedBeforeUpgrade()
{
    QFETCH(QByteArray, headerLine);
    QByteArray target = "/ws";
    if (headerLine.startsWith("X-Target: ")) {
        target += headerLine.mid(10);
        headerLine = "X-Nothing: 1";
    }
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->server()->port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET " + target
                 + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                 + headerLine + "\r\n\r\n");
    QByteArray answer;
    QVERIFY(QTest::qWaitFor(
            [&] {
                answer += socket.readAll();
                return socket.state() == QAbstractSocket::UnconnectedState;
            },
            7000));
    QVERIFY2(answer.startsWith("HTTP/1.1 431 "), answer.left(60).constData());
    QVERIFY(!answer.contains("101 Switching Protocols"));
}

void TestWebSocketAuth::serverAnswersSubprotocolNeverToken()
{
    const QByteArray token = m_server->mint();
    auto probe = connectWith(Transport::Subprotocol, token);
    QVERIFY(probe->waitForMessages(1));
    QCOMPARE(probe->socket().subprotocol(), QStringLiteral("signalgate.v1"));
    probe->socket().close();
    QVERIFY(probe->waitDisconnected());
}

void TestWebSocketAuth::expiredServerSideClockIsHonoured()
{
    // A token valid now is refused once the server's clock is past exp + leeway.
    const qint64 now = TestServer::now();
    const QByteArray token = m_server->mint({{"exp", now + 60}});
    const qint64 wasMs = m_server->clock().wallMs();
    m_server->clock().setWallMs((now + 60 + 30) * 1000);
    auto probe = connectWith(Transport::Header, token);
    QVERIFY(probe->waitDisconnected());
    m_server->clock().setWallMs(wasMs);
    QCOMPARE(probe->closeCode(), 1008);
    QCOMPARE(probe->closeReason(), invalidToken);
    QCOMPARE(probe->messages().size(), 0);
}

QTEST_GUILESS_MAIN(TestWebSocketAuth)
#include "tst_websocketauth.moc"
