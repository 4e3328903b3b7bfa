// SignalConnection against a real in-process server over real sockets: it
// waits for a usable token before it opens anything, connects over every
// token transport, refreshes in band across the old exp, reconnects and
// resumes after a drop (through a TCP proxy it can cut) and after a server
// restart, stops for good on revocation, asks for a refresh after "Token
// expired", and trusts exactly the CA it is given for wss. No token ever
// reaches a log line.
#include "authapi.h"
#include "devcertificate.h"
#include "manualclock.h"
#include "metrics.h"
#include "signalconnection.h"
#include "testserver.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>
#include <optional>

using namespace SignalGate::Protocol;
using namespace SignalGate::Server;
using namespace SignalGate::Client;

namespace {

constexpr int kTimeoutMs = 15000;
constexpr int kLoginTimeoutMs = 60000;   // PBKDF2 with 600000 iterations, slower under ASan

using State = SignalConnection::State;

// Every message any part of the process logs, to show that no token is among them.
QMutex logMutex;
QStringList *logLines = nullptr;
QtMessageHandler previousHandler = nullptr;

void recordingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        if (logLines)
            logLines->append(QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ')
                             + message);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

// Every token a test hands to a SignalConnection.
QList<QByteArray> &usedTokens()
{
    static QList<QByteArray> tokens;
    return tokens;
}

QByteArray remember(const QByteArray &token)
{
    usedTokens().append(token);
    return token;
}

// Everything a SignalConnection tells its owner, in order.
struct Recorder : QObject
{
    struct Close
    {
        quint16 code = 0;
        QString reason;
        CloseCodeInfo info;
        ReconnectPolicy::Decision decision;
    };

    explicit Recorder(SignalConnection &connection)
    {
        connect(&connection, &SignalConnection::stateChanged, this, [this](State s) { states.append(s); });
        connect(&connection, &SignalConnection::welcomed, this, [this](const QJsonObject &w) { welcomes.append(w); });
        connect(&connection, &SignalConnection::signalReceived, this,
                [this](const QJsonObject &s) { seqs.append(s.value(QLatin1String("seq")).toInteger()); });
        connect(&connection, &SignalConnection::expiring, this, [this](qint64 left) { expiring.append(left); });
        connect(&connection, &SignalConnection::refreshed, this, [this](qint64 exp) { refreshed.append(exp); });
        connect(&connection, &SignalConnection::refreshFailed, this,
                [this](const QString &message, int) { refreshFailures.append(message); });
        connect(&connection, &SignalConnection::errorMessage, this,
                [this](const QString &code, const QString &) { errors.append(code); });
        connect(&connection, &SignalConnection::closed, this,
                [this](quint16 code, const QString &reason, const CloseCodeInfo &info,
                       const ReconnectPolicy::Decision &decision) {
                    closes.append({code, reason, info, decision});
                });
        connect(&connection, &SignalConnection::handshakeRefused, this,
                [this](int status, const ReconnectPolicy::Decision &) { refusals.append(status); });
        connect(&connection, &SignalConnection::networkError, this,
                [this](QAbstractSocket::SocketError, const QString &) { ++networkErrors; });
        connect(&connection, &SignalConnection::sslErrors, this,
                [this](const QList<QSslError> &errors) { sslErrors.append(errors); });
        connect(&connection, &SignalConnection::reconnectScheduled, this,
                [this](qint64 delay) { scheduled.append(delay); });
        connect(&connection, &SignalConnection::needsToken, this, [this] { ++needsToken; });
        connect(&connection, &SignalConnection::needsRefresh, this, [this] { ++needsRefresh; });
        connect(&connection, &SignalConnection::needsSignIn, this, [this](const QString &why) { signIns.append(why); });
        connect(&connection, &SignalConnection::stopped, this, [this](const QString &why) { stops.append(why); });
        connect(&connection, &SignalConnection::resumeResult, this, [this](qint64 recovered, qint64 lost) {
            resumes.append({recovered, lost});
        });
        connect(&connection, &SignalConnection::sequenceRestarted, this, [this](qint64 previous, qint64 server) {
            restarts.append({previous, server});
        });
    }

    QList<State> states;
    QList<QJsonObject> welcomes;
    QList<qint64> seqs;
    QList<qint64> expiring;
    QList<qint64> refreshed;
    QStringList refreshFailures;
    QStringList errors;
    QList<Close> closes;
    QList<int> refusals;
    int networkErrors = 0;
    QList<QSslError> sslErrors;
    QList<qint64> scheduled;
    int needsToken = 0;
    int needsRefresh = 0;
    QStringList signIns;
    QStringList stops;
    QList<QPair<qint64, qint64>> resumes;
    QList<QPair<qint64, qint64>> restarts;
};

// Strictly rising: no seq delivered twice, none out of order.
bool strictlyRising(const QList<qint64> &seqs, qsizetype from = 0, qsizetype to = -1)
{
    if (to < 0)
        to = seqs.size();
    for (qsizetype i = from + 1; i < to; ++i) {
        if (seqs.at(i) <= seqs.at(i - 1))
            return false;
    }
    return true;
}

bool contiguous(const QList<qint64> &seqs, qsizetype from = 0, qsizetype to = -1)
{
    if (to < 0)
        to = seqs.size();
    for (qsizetype i = from + 1; i < to; ++i) {
        if (seqs.at(i) != seqs.at(i - 1) + 1)
            return false;
    }
    return true;
}

QByteArray describe(const QList<qint64> &seqs)
{
    QStringList parts;
    for (qint64 seq : seqs)
        parts.append(QString::number(seq));
    return parts.join(QLatin1Char(' ')).toUtf8();
}

qint64 broadcastCount(const TestServer &server)
{
    static const QRegularExpression line(QStringLiteral("^signalgate_signals_broadcast_total (\\d+)$"),
                                         QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = line.match(QString::fromUtf8(server.server()->metrics().render()));
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

// Quick retries for the tests: 0.5 * min(200 ms, 20 ms * 2^n).
ReconnectPolicy quickPolicy()
{
    return ReconnectPolicy([] { return 0.5; }, 20, 200);
}

// A client clock a minute behind: a token with a few seconds left then
// still has more than the 30 s SignalConnection insists on, so a short real
// lifetime can run out on the server while the test watches.
void setAMinuteBehind(SignalGate::ManualClock &clock)
{
    clock.setWallMs(clock.wallMs() - 60 * 1000);
}

TestServer::Tweak shortLifetimes(const TestServer::Tweak &more = {})
{
    return [more](ServerConfig &config) {
        config.leewaySeconds = 0;
        config.signalIntervalMs = 20;
        if (more)
            more(config);
    };
}

// A TCP proxy the test can cut (both sides aborted, no close frame: the
// client sees a lost connection, the server keeps running) and make refuse
// new connections for a while (accepted, then dropped at once).
class Proxy : public QObject
{
public:
    bool listen(quint16 upstreamPort)
    {
        m_upstreamPort = upstreamPort;
        connect(&m_listener, &QTcpServer::newConnection, this, &Proxy::onNewConnection);
        return m_listener.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_listener.serverPort(); }
    void setRefusing(bool refusing) { m_refusing = refusing; }
    // Forwards nothing either way (a peer that vanished without a FIN) until unstalled.
    void setStalled(bool stalled)
    {
        m_stalled = stalled;
        if (!stalled) {
            for (const auto &[client, upstream] : std::as_const(m_pairs)) {
                if (client && upstream) {
                    upstream->write(client->readAll());
                    client->write(upstream->readAll());
                }
            }
        }
    }
    int accepted() const { return m_accepted; }
    int refused() const { return m_refused; }

    void cut()
    {
        const auto pairs = std::exchange(m_pairs, {});
        for (const auto &[client, upstream] : pairs) {
            if (client)
                client->abort();
            if (upstream)
                upstream->abort();
        }
    }

private:
    void onNewConnection()
    {
        while (QTcpSocket *client = m_listener.nextPendingConnection()) {
            client->setParent(this);
            if (m_refusing) {
                ++m_refused;
                client->abort();
                client->deleteLater();
                continue;
            }
            ++m_accepted;
            auto *upstream = new QTcpSocket(this);
            // Written while connecting is buffered and sent once connected.
            connect(client, &QTcpSocket::readyRead, upstream, [this, client, upstream] {
                if (!m_stalled)
                    upstream->write(client->readAll());
            });
            connect(upstream, &QTcpSocket::readyRead, client, [this, client, upstream] {
                if (!m_stalled)
                    client->write(upstream->readAll());
            });
            connect(client, &QTcpSocket::disconnected, upstream, [upstream] { upstream->disconnectFromHost(); });
            connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
            connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            connect(upstream, &QTcpSocket::disconnected, upstream, &QObject::deleteLater);
            upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
            m_pairs.append({QPointer<QTcpSocket>(client), QPointer<QTcpSocket>(upstream)});
        }
    }

    QTcpServer m_listener;
    quint16 m_upstreamPort = 0;
    bool m_refusing = false;
    bool m_stalled = false;
    int m_accepted = 0;
    int m_refused = 0;
    QList<QPair<QPointer<QTcpSocket>, QPointer<QTcpSocket>>> m_pairs;
};

// A WebSocket peer the test scripts frame by frame, for what the real server
// never does on cue: duplicates, live signals racing ahead of a replay, any
// close code. It records the request and every message the client sends.
class ScriptedPeer : public QObject
{
public:
    ScriptedPeer() : m_server(QStringLiteral("scripted"), QWebSocketServer::NonSecureMode)
    {
        m_server.setSupportedSubprotocols({QStringLiteral("signalgate.v1")});
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                m_socket = socket;
                ++m_connections;
                m_authorization = socket->request().rawHeader("Authorization");
                connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
                    m_received.append(QJsonDocument::fromJson(text.toUtf8()).object());
                });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_server.serverPort())); }
    int connections() const { return m_connections; }
    QByteArray authorization() const { return m_authorization; }
    const QList<QJsonObject> &received() const { return m_received; }
    QWebSocket *socket() const { return m_socket; }

    void send(const QJsonObject &message)
    {
        m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }
    // epoch: a node of several (PROTOCOL.md section 10.7) names its stream's.
    void welcome(qint64 lastSeq, const QString &epoch = {})
    {
        QJsonObject message{{"type", "welcome"},
                            {"protocol", "signalgate.v1"},
                            {"session_id", "s"},
                            {"sub", "alice"},
                            {"exp", TestServer::now() + 600},
                            {"server_time", QDateTime::currentMSecsSinceEpoch()},
                            {"last_seq", lastSeq}};
        if (!epoch.isEmpty())
            message.insert("epoch", epoch);
        send(message);
    }
    void signal(qint64 seq)
    {
        send({{"type", "signal"},
              {"seq", seq},
              {"ts", QDateTime::currentMSecsSinceEpoch()},
              {"symbol", "EURUSD"},
              {"side", "buy"},
              {"price", 1.1},
              {"confidence", 0.5}});
    }

private:
    QWebSocketServer m_server;
    QPointer<QWebSocket> m_socket;
    int m_connections = 0;
    QByteArray m_authorization;
    QList<QJsonObject> m_received;
};

}   // namespace

class TestSignalConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void noUsableTokenNoConnectionAttempt();
    void goodTokenGetsWelcomeThenRisingSeqs();
    void eachTransportConnects_data();
    void eachTransportConnects();
    void stopClosesNormallyAndStaysStopped();
    void refreshInBandCarriesPastTheOldExp();
    void refreshInBandRefusedIsReported();
    void droppedConnectionReconnectsAndResumes_data();
    void droppedConnectionReconnectsAndResumes();
    void reconnectNowSkipsTheCountdown();
    void serverRestartReconnectsAndReportsWhatWasLost();
    void revocationStopsWithoutReconnecting();
    void expiredTokenCloseAsksForRefresh();
    void refusedHandshakeIsAbortedAndReported();
    void duplicateAndStaleSeqsAreNeverDelivered();
    void liveSignalsWaitForTheReplay();
    void aResumeNamesTheEpochItsSeqsCameFrom();
    void closeFramesAndTheirDecisions_data();
    void closeFramesAndTheirDecisions();
    void keepAliveFindsADeadConnection();
    void slowConsumerCloseReconnects();
    void wssWithTrustedCaConnects();
    void wssWithUntrustedCertificateReportsSslErrors();
    void logsNeverContainAToken();

private:
    std::unique_ptr<SignalConnection> connectionTo(const QUrl &url, const QByteArray &token = {});

    QTemporaryDir m_certDir;
    QString m_certPath;
    QString m_keyPath;
    QSslCertificate m_certificate;
    QStringList m_log;
};

void TestSignalConnection::initTestCase()
{
    qRegisterMetaType<SignalConnection::State>();
    // Debug lines too: they are where a careless token would show up first.
    QLoggingCategory::setFilterRules(QStringLiteral("signalgate.client.*.debug=true"));
    {
        QMutexLocker lock(&logMutex);
        logLines = &m_log;
    }
    previousHandler = qInstallMessageHandler(recordingHandler);

    QVERIFY(m_certDir.isValid());
    QVERIFY2(QSslSocket::supportsSsl(), "Qt's TLS backend is missing");
    QString error;
    QVERIFY2(DevCertificate::write(m_certDir.path(), &error), qPrintable(error));
    m_certPath = DevCertificate::certificatePath(m_certDir.path());
    m_keyPath = DevCertificate::keyPath(m_certDir.path());
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(m_certPath);
    QCOMPARE(certificates.size(), 1);
    m_certificate = certificates.first();
}

void TestSignalConnection::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
    QMutexLocker lock(&logMutex);
    logLines = nullptr;
}

std::unique_ptr<SignalConnection> TestSignalConnection::connectionTo(const QUrl &url, const QByteArray &token)
{
    auto connection = std::make_unique<SignalConnection>();
    connection->setServer(url);
    connection->setReconnectPolicy(quickPolicy());
    if (!token.isEmpty())
        connection->setAccessToken(remember(token));
    return connection;
}

void TestSignalConnection::noUsableTokenNoConnectionAttempt()
{
    // A plain listener stands in for the server: any attempt at all shows up
    // here, before any WebSocket or authentication logic could hide it.
    QTcpServer sentinel;
    QVERIFY(sentinel.listen(QHostAddress::LocalHost, 0));
    QSignalSpy attempts(&sentinel, &QTcpServer::newConnection);
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/ws").arg(sentinel.serverPort()));
    TestServer minter;   // only for a correctly signed token; not started

    // No token at all.
    auto none = connectionTo(url);
    Recorder noneSeen(*none);
    none->start();
    QCOMPARE(none->state(), State::WaitingForToken);
    QCOMPARE(noneSeen.needsToken, 1);

    // 20 s left: less than the 30 s a connection needs to be worth opening.
    const qint64 now = TestServer::now();
    auto shortLived = connectionTo(url, minter.mint({{"iat", now}, {"exp", now + 20}}));
    Recorder shortSeen(*shortLived);
    QVERIFY(shortLived->hasToken());
    QVERIFY(!shortLived->hasUsableToken());
    shortLived->start();
    QCOMPARE(shortLived->state(), State::WaitingForToken);
    QCOMPARE(shortSeen.needsToken, 1);

    // An unreadable token counts as none.
    auto garbage = connectionTo(url);
    Recorder garbageSeen(*garbage);
    garbage->setAccessToken("not-a-token");
    QVERIFY(!garbage->hasToken());
    garbage->start();
    QCOMPARE(garbage->state(), State::WaitingForToken);
    QCOMPARE(garbageSeen.needsToken, 1);

    // Nothing happens later either: no loop, no retry, no second request for a token.
    QTest::qWait(500);
    QCOMPARE(attempts.size(), 0);
    QVERIFY(!sentinel.hasPendingConnections());
    for (Recorder *seen : {&noneSeen, &shortSeen, &garbageSeen}) {
        QCOMPARE(seen->needsToken, 1);
        QVERIFY(seen->scheduled.isEmpty());
        QVERIFY(seen->closes.isEmpty());
        QCOMPARE(seen->states, QList<State>{State::WaitingForToken});
    }

    // A usable token given while waiting starts the attempt at once.
    none->setAccessToken(remember(minter.mint()));
    QCOMPARE(none->state(), State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(attempts.size(), 1, kTimeoutMs);
}

void TestSignalConnection::goodTokenGetsWelcomeThenRisingSeqs()
{
    TestServer server(shortLifetimes());
    QVERIFY2(server.start(), qPrintable(server.error()));

    // Not started: setting a token alone opens nothing.
    auto connection = connectionTo(server.wsUrl(), server.mint());
    Recorder seen(*connection);
    QCOMPARE(connection->state(), State::Idle);
    QTest::qWait(100);
    QCOMPARE(server.server()->sessionCount(), 0);

    connection->start();
    QCOMPARE(connection->state(), State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(seen.welcomes.size(), 1, kTimeoutMs);
    QCOMPARE(connection->state(), State::Open);
    QCOMPARE(seen.states, (QList<State>{State::Connecting, State::Open}));
    const QJsonObject welcome = seen.welcomes.first();
    QCOMPARE(welcome.value("protocol").toString(), QStringLiteral("signalgate.v1"));
    QCOMPARE(welcome.value("sub").toString(), QStringLiteral("alice"));
    QCOMPARE(server.server()->sessionCount(), 1);

    QTRY_VERIFY_WITH_TIMEOUT(seen.seqs.size() >= 10, kTimeoutMs);
    // The first live signal follows last_seq; each next one is +1.
    QCOMPARE(seen.seqs.first(), welcome.value("last_seq").toInteger() + 1);
    QVERIFY2(contiguous(seen.seqs), describe(seen.seqs).constData());
    QCOMPARE(connection->lastSeq(), seen.seqs.last());
    QVERIFY(seen.closes.isEmpty());
    QCOMPARE(seen.needsToken, 0);
    QVERIFY(seen.resumes.isEmpty());   // a first connect does not resume
}

void TestSignalConnection::eachTransportConnects_data()
{
    QTest::addColumn<SignalConnection::Transport>("transport");
    QTest::newRow("header") << SignalConnection::Transport::Header;
    QTest::newRow("subprotocol") << SignalConnection::Transport::Subprotocol;
    QTest::newRow("query") << SignalConnection::Transport::Query;
}

void TestSignalConnection::eachTransportConnects()
{
    QFETCH(SignalConnection::Transport, transport);
    TestServer server(shortLifetimes());
    QVERIFY2(server.start(), qPrintable(server.error()));
    auto connection = connectionTo(server.wsUrl(), server.mint({{"sub", "transport-user"}}));
    connection->setTransport(transport);
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(seen.welcomes.size(), 1, kTimeoutMs);
    QCOMPARE(seen.welcomes.first().value("sub").toString(), QStringLiteral("transport-user"));
    QTRY_VERIFY_WITH_TIMEOUT(seen.seqs.size() >= 3, kTimeoutMs);
    QCOMPARE(server.server()->sessionCount(), 1);
    QVERIFY(seen.closes.isEmpty());
}

void TestSignalConnection::stopClosesNormallyAndStaysStopped()
{
    TestServer server(shortLifetimes());
    QVERIFY2(server.start(), qPrintable(server.error()));
    auto connection = connectionTo(server.wsUrl(), server.mint());
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(seen.welcomes.size(), 1, kTimeoutMs);

    connection->stop();
    QCOMPARE(connection->state(), State::Stopped);
    QCOMPARE(seen.stops.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(server.server()->sessionCount(), 0, kTimeoutMs);
    // The server saw a proper closing handshake from us: 1000.
    QTRY_VERIFY_WITH_TIMEOUT(server.server()->metrics().render().contains("signalgate_closes_total{code=\"1000\"} 1"),
                             kTimeoutMs);
    const qsizetype delivered = seen.seqs.size();
    QTest::qWait(300);
    QCOMPARE(seen.seqs.size(), delivered);
    QVERIFY(seen.closes.isEmpty());   // our own close is not a close to react to
    QVERIFY(seen.scheduled.isEmpty());
    QCOMPARE(server.server()->sessionCount(), 0);

    // start() again resumes where it left off.
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(seen.resumes.size(), 1, kTimeoutMs);
    QCOMPARE(seen.resumes.first().second, qint64(0));
    QTRY_VERIFY_WITH_TIMEOUT(seen.seqs.size() >= delivered + 3, kTimeoutMs);
    QVERIFY2(contiguous(seen.seqs), describe(seen.seqs).constData());
}

void TestSignalConnection::refreshInBandCarriesPastTheOldExp()
{
    TestServer server(shortLifetimes());
    QVERIFY2(server.start(), qPrintable(server.error()));
    const qint64 now = TestServer::now();
    const qint64 oldExp = now + 3;
    SignalGate::ManualClock behind(SignalGate::ManualClock::Flow::FollowsSystem);
    setAMinuteBehind(behind);
    auto connection = connectionTo(server.wsUrl(), server.mint({{"iat", now}, {"exp", oldExp}}));
    connection->setClock(behind);
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(seen.welcomes.size(), 1, kTimeoutMs);
    // Less than 60 s left: the server warns at once.
    QTRY_COMPARE_WITH_TIMEOUT(seen.expiring.size(), 1, kTimeoutMs);
    QVERIFY(seen.expiring.first() <= 3);

    const qint64 newExp = TestServer::now() + 60;
    connection->refreshInBand(remember(server.mint({{"exp", newExp}})));
    QTRY_COMPARE_WITH_TIMEOUT(seen.refreshed.size(), 1, kTimeoutMs);
    QCOMPARE(seen.refreshed.first(), newExp);
    QCOMPARE(connection->tokenExpiresAt(), newExp);
    QVERIFY(seen.refreshFailures.isEmpty());

    // Real time has to pass the old exp (leeway 0 on the server).
    QTRY_VERIFY_WITH_TIMEOUT(TestServer::now() >= oldExp + 1, kTimeoutMs);
    const qsizetype atOldExp = seen.seqs.size();
    QTRY_VERIFY_WITH_TIMEOUT(seen.seqs.size() >= atOldExp + 10, kTimeoutMs);
    QVERIFY2(seen.closes.isEmpty(), seen.closes.isEmpty() ? "" : qPrintable(seen.closes.first().reason));
    QCOMPARE(connection->state(), State::Open);
    QCOMPARE(server.server()->sessionCount(), 1);
    QVERIFY2(contiguous(seen.seqs), describe(seen.seqs).constData());
}

void TestSignalConnection::refreshInBandRefusedIsReported()
{
    TestServer server(shortLifetimes());
    QVERIFY2(server.start(), qPrintable(server.error()));
    auto connection = connectionTo(server.wsUrl(), server.mint());
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(seen.welcomes.size(), 1, kTimeoutMs);
    const qint64 exp = connection->tokenExpiresAt();

    // Signed with another key: refresh_failed, the connection stays, the token does not change.
    QJsonObject claims = server.defaultClaims();
    claims.insert("exp", TestServer::now() + 900);
    const QByteArray forged =
            remember(TestServer::forge({{"alg", "HS256"}, {"typ", "at+jwt"}}, claims, QByteArray(48, 'k')));
    connection->refreshInBand(forged);
    QTRY_COMPARE_WITH_TIMEOUT(seen.refreshFailures.size(), 1, kTimeoutMs);
    QCOMPARE(seen.errors, QStringList{"refresh_failed"});
    QVERIFY(seen.refreshed.isEmpty());
    QCOMPARE(connection->tokenExpiresAt(), exp);
    QCOMPARE(connection->state(), State::Open);
    const qsizetype before = seen.seqs.size();
    QTRY_VERIFY_WITH_TIMEOUT(seen.seqs.size() >= before + 3, kTimeoutMs);
    QVERIFY(seen.closes.isEmpty());
}

void TestSignalConnection::droppedConnectionReconnectsAndResumes_data()
{
    QTest::addColumn<int>("history");
    QTest::newRow("history keeps everything") << 10000;
    QTest::newRow("history keeps 5") << 5;
}

void TestSignalConnection::droppedConnectionReconnectsAndResumes()
{
    QFETCH(int, history);
    TestServer server(shortLifetimes([history](ServerConfig &config) { config.history = history; }));
    QVERIFY2(server.start(), qPrintable(server.error()));
    Proxy proxy;
    QVERIFY(proxy.listen(server.server()->port()));

    auto connection = connectionTo(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(proxy.port())), server.mint());
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(seen.welcomes.size(), 1, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(seen.seqs.size() >= 5, kTimeoutMs);

    // The network goes away; the server keeps publishing.
    proxy.setRefusing(true);
    proxy.cut();
    QTRY_VERIFY_WITH_TIMEOUT(!seen.closes.isEmpty(), kTimeoutMs);
    const qint64 lastBefore = connection->lastSeq();
    const qsizetype deliveredBefore = seen.seqs.size();
    QCOMPARE(seen.seqs.last(), lastBefore);
    QCOMPARE(seen.closes.first().code, quint16(1006));
    QCOMPARE(seen.closes.first().decision.kind, ReconnectPolicy::Kind::Reconnect);
    QVERIFY(seen.networkErrors >= 1);
    QVERIFY(!seen.scheduled.isEmpty());
    // Attempts while the network is down fail and are retried.
    QTRY_VERIFY_WITH_TIMEOUT(proxy.refused() >= 2, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(broadcastCount(server) >= lastBefore + 20, kTimeoutMs);
    QCOMPARE(seen.seqs.size(), deliveredBefore);
    QCOMPARE(connection->state(), State::Reconnecting);

    proxy.setRefusing(false);
    QTRY_COMPARE_WITH_TIMEOUT(seen.resumes.size(), 1, kTimeoutMs);
    QCOMPARE(seen.welcomes.size(), 2);
    const qint64 joinSeq = seen.welcomes.last().value("last_seq").toInteger();
    const auto [recovered, lost] = seen.resumes.first();
    qInfo("resume after a drop (history %d): %lld recovered, %lld lost", history, recovered, lost);
    QTRY_VERIFY_WITH_TIMEOUT(seen.seqs.size() >= deliveredBefore + recovered + 5, kTimeoutMs);

    // Every seq at most once and in order, before and after the drop.
    QVERIFY2(strictlyRising(seen.seqs), describe(seen.seqs).constData());
    // What was missed is either recovered or reported lost: nothing unaccounted for.
    QCOMPARE(recovered + lost, joinSeq - lastBefore);
    // After the replay, live signals follow without a hole.
    QVERIFY2(contiguous(seen.seqs, deliveredBefore), describe(seen.seqs).constData());
    if (history >= 10000) {
        QCOMPARE(lost, qint64(0));
        QVERIFY(recovered >= 20);
        QVERIFY2(contiguous(seen.seqs), describe(seen.seqs).constData());
    } else {
        QVERIFY(lost > 0);
        QVERIFY(recovered <= history);
        QCOMPARE(seen.errors, QStringList{"resume_gap"});
        // The hole in the stream is exactly the reported loss.
        QCOMPARE(seen.seqs.at(deliveredBefore) - lastBefore - 1, lost);
    }
    QCOMPARE(server.server()->sessionCount(), 1);
}

void TestSignalConnection::reconnectNowSkipsTheCountdown()
{
    TestServer server(shortLifetimes());
    QVERIFY2(server.start(), qPrintable(server.error()));
    Proxy proxy;
    QVERIFY(proxy.listen(server.server()->port()));
    auto connection = connectionTo(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(proxy.port())), server.mint());
    // A countdown far longer than the test waits.
    connection->setReconnectPolicy(ReconnectPolicy([] { return 1.0; }, 60000, 60000));
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(seen.welcomes.size(), 1, kTimeoutMs);

    proxy.cut();
    QTRY_COMPARE_WITH_TIMEOUT(seen.scheduled.size(), 1, kTimeoutMs);
    QCOMPARE(seen.scheduled.first(), qint64(60000));
    QCOMPARE(connection->state(), State::Reconnecting);
    QVERIFY(connection->reconnectRemainingMs() > 50000);

    connection->reconnectNow();
    QTRY_COMPARE_WITH_TIMEOUT(seen.welcomes.size(), 2, 5000);
    QCOMPARE(connection->reconnectRemainingMs(), -1);
    QTRY_COMPARE_WITH_TIMEOUT(seen.resumes.size(), 1, kTimeoutMs);
    QCOMPARE(seen.resumes.first().second, qint64(0));
}

void TestSignalConnection::serverRestartReconnectsAndReportsWhatWasLost()
{
    TestServer server(shortLifetimes());
    QVERIFY2(server.start(), qPrintable(server.error()));
    const quint16 port = server.server()->port();
    auto connection = connectionTo(server.wsUrl(), server.mint());
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(seen.welcomes.size(), 1, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(seen.seqs.size() >= 50, kTimeoutMs);

    // Down: the sessions end without a close frame (1006).
    server.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!seen.closes.isEmpty(), kTimeoutMs);
    const qsizetype deliveredBefore = seen.seqs.size();
    const qint64 lastBefore = connection->lastSeq();
    QVERIFY2(seen.closes.first().code == 1006 || seen.closes.first().code == 1001,
             QByteArray::number(seen.closes.first().code).constData());
    QCOMPARE(seen.closes.first().decision.kind, ReconnectPolicy::Kind::Reconnect);
    // At least one attempt finds nobody listening and is retried.
    QTRY_VERIFY_WITH_TIMEOUT(seen.closes.size() >= 2, kTimeoutMs);
    QVERIFY(seen.scheduled.size() >= 2);

    // Up again: same port, same key, same data dir.
    QVERIFY2(server.startOnPreviousPort(), qPrintable(server.error()));
    QCOMPARE(server.server()->port(), port);
    QTRY_COMPARE_WITH_TIMEOUT(seen.resumes.size(), 1, kTimeoutMs);
    QCOMPARE(seen.welcomes.size(), 2);
    QCOMPARE(server.server()->sessionCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(seen.seqs.size() >= deliveredBefore + 10, kTimeoutMs);

    // The new server continues the seq where the old one stopped (the server's
    // SequenceStore), so there is no restart for the client to detect and no
    // seq is delivered twice. Signals the old server sent after lastBefore
    // lived in its memory: they are reported lost, never hidden.
    const qint64 joinSeq = seen.welcomes.last().value("last_seq").toInteger();
    QCOMPARE(seen.restarts.size(), 0);
    QVERIFY2(joinSeq >= lastBefore, QByteArray::number(joinSeq).constData());
    const auto [recovered, lost] = seen.resumes.first();
    qInfo("resume after a server restart: client had seq %lld, new server at %lld: %lld recovered, %lld lost",
          lastBefore, joinSeq, recovered, lost);
    QVERIFY(lost >= 0);
    QCOMPARE(recovered + lost, joinSeq - lastBefore);
    QVERIFY2(strictlyRising(seen.seqs), describe(seen.seqs).constData());
    QCOMPARE(seen.seqs.last() - seen.seqs.first() + 1 - seen.seqs.size(), lost);
    QCOMPARE(connection->state(), State::Open);
}

void TestSignalConnection::revocationStopsWithoutReconnecting()
{
    TestServer server(shortLifetimes([](ServerConfig &config) { config.dev = true; }));
    QVERIFY2(server.start(), qPrintable(server.error()));

    QNetworkAccessManager network;
    AuthApi api(&network);
    api.setServer(QUrl(server.server()->baseUrl()));
    std::optional<AuthApi::TokenPair> pair;
    bool loggedOut = false;
    QString failure;
    connect(&api, &AuthApi::loggedIn, this, [&](const AuthApi::TokenPair &p) { pair = p; });
    connect(&api, &AuthApi::loggedOut, this, [&] { loggedOut = true; });
    connect(&api, &AuthApi::failed, this, [&](AuthApi::Operation, int status, const QString &message, qint64) {
        failure = QStringLiteral("%1 %2").arg(status).arg(message);
    });
    api.login(QStringLiteral("demo"), QStringLiteral("demo"));
    QTRY_VERIFY2_WITH_TIMEOUT(pair || !failure.isEmpty(), "no answer to the login", kLoginTimeoutMs);
    QVERIFY2(pair, qPrintable(failure));
    usedTokens().append(pair->refreshToken);

    auto connection = connectionTo(server.wsUrl(), pair->accessToken);
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(seen.welcomes.size(), 1, kTimeoutMs);
    QCOMPARE(seen.welcomes.first().value("sub").toString(), QStringLiteral("demo"));
    QTRY_VERIFY_WITH_TIMEOUT(seen.seqs.size() >= 3, kTimeoutMs);

    api.logout(pair->accessToken, pair->refreshToken);
    QTRY_VERIFY2_WITH_TIMEOUT(loggedOut || !failure.isEmpty(), "no answer to the logout", kTimeoutMs);
    QVERIFY2(loggedOut, qPrintable(failure));
    QTRY_COMPARE_WITH_TIMEOUT(seen.closes.size(), 1, kTimeoutMs);
    const Recorder::Close close = seen.closes.first();
    QCOMPARE(close.code, quint16(1008));
    QCOMPARE(close.reason, QStringLiteral("Token revoked"));
    QCOMPARE(close.info.action, CloseCodeInfo::NextAction::Stop);
    QCOMPARE(close.decision.kind, ReconnectPolicy::Kind::Stop);
    QCOMPARE(connection->state(), State::Stopped);
    QCOMPARE(seen.stops.size(), 1);
    QVERIFY(!seen.stops.first().isEmpty());

    // And it stays that way: no attempt, no countdown, no request for a token.
    QTest::qWait(1500);
    QCOMPARE(server.server()->sessionCount(), 0);
    QVERIFY(seen.scheduled.isEmpty());
    QCOMPARE(seen.closes.size(), 1);
    QCOMPARE(seen.welcomes.size(), 1);
    QCOMPARE(seen.needsRefresh, 0);
    QCOMPARE(seen.needsToken, 0);
    QCOMPARE(connection->state(), State::Stopped);

    // Even "Reconnect now" does not offer the revoked token again: it asks for a new one.
    connection->reconnectNow();
    QCOMPARE(connection->state(), State::WaitingForToken);
    QCOMPARE(seen.needsToken, 1);
    QTest::qWait(200);
    QCOMPARE(server.server()->sessionCount(), 0);
    QCOMPARE(seen.welcomes.size(), 1);
}

void TestSignalConnection::expiredTokenCloseAsksForRefresh()
{
    TestServer server(shortLifetimes());
    QVERIFY2(server.start(), qPrintable(server.error()));
    const qint64 now = TestServer::now();
    SignalGate::ManualClock behind(SignalGate::ManualClock::Flow::FollowsSystem);
    setAMinuteBehind(behind);
    auto connection = connectionTo(server.wsUrl(), server.mint({{"iat", now}, {"exp", now + 2}}));
    connection->setClock(behind);
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(seen.welcomes.size(), 1, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(seen.expiring.size(), 1, kTimeoutMs);

    // No refresh: the server closes at exp (a real 2 s must pass).
    QTRY_COMPARE_WITH_TIMEOUT(seen.closes.size(), 1, kTimeoutMs);
    const Recorder::Close close = seen.closes.first();
    QCOMPARE(close.code, quint16(1008));
    QCOMPARE(close.reason, QStringLiteral("Token expired"));
    QCOMPARE(close.decision.kind, ReconnectPolicy::Kind::RefreshThenReconnect);
    QCOMPARE(seen.needsRefresh, 1);
    QCOMPARE(connection->state(), State::WaitingForToken);
    QVERIFY(!connection->hasUsableToken());
    const qsizetype deliveredBefore = seen.seqs.size();
    const qint64 lastBefore = connection->lastSeq();

    // Waiting is waiting: no attempt with the refused token.
    QTest::qWait(300);
    QVERIFY(seen.scheduled.isEmpty());
    QCOMPARE(seen.welcomes.size(), 1);
    QCOMPARE(server.server()->sessionCount(), 0);
    QCOMPARE(seen.needsRefresh, 1);

    // The owner refreshes: one reconnect, and what was missed meanwhile comes back.
    connection->setAccessToken(remember(server.mint()));
    QTRY_COMPARE_WITH_TIMEOUT(seen.resumes.size(), 1, kTimeoutMs);
    const auto [recovered, lost] = seen.resumes.first();
    const qint64 joinSeq = seen.welcomes.last().value("last_seq").toInteger();
    QCOMPARE(lost, qint64(0));
    QCOMPARE(recovered, joinSeq - lastBefore);
    QVERIFY(recovered > 0);
    QTRY_VERIFY_WITH_TIMEOUT(seen.seqs.size() >= deliveredBefore + recovered + 3, kTimeoutMs);
    QVERIFY2(contiguous(seen.seqs), describe(seen.seqs).constData());
}

void TestSignalConnection::refusedHandshakeIsAbortedAndReported()
{
    // One upgrade per minute: the second attempt is answered 429 before the upgrade.
    TestServer server(shortLifetimes([](ServerConfig &config) { config.connRate = {1, 60}; }));
    QVERIFY2(server.start(), qPrintable(server.error()));
    auto connection = connectionTo(server.wsUrl(), server.mint());
    // A countdown longer than the test: exactly one refused attempt.
    connection->setReconnectPolicy(ReconnectPolicy([] { return 1.0; }, 60000, 60000));
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(seen.welcomes.size(), 1, kTimeoutMs);
    connection->stop();
    QTRY_COMPARE_WITH_TIMEOUT(server.server()->sessionCount(), 0, kTimeoutMs);

    connection->start();
    // Qt 6.4 neither disconnects after a refused handshake nor exposes the
    // status except in its error text; SignalConnection reads it from there.
    QTRY_COMPARE_WITH_TIMEOUT(seen.refusals.size(), 1, kTimeoutMs);
    QCOMPARE(seen.refusals.first(), 429);
    QCOMPARE(connection->state(), State::Reconnecting);
    QCOMPARE(seen.scheduled.size(), 1);
    QVERIFY(seen.closes.isEmpty());
    QCOMPARE(seen.welcomes.size(), 1);
    connection->stop();
}

void TestSignalConnection::duplicateAndStaleSeqsAreNeverDelivered()
{
    ScriptedPeer peer;
    QVERIFY(peer.listen());
    TestServer minter;
    const QByteArray token = remember(minter.mint());
    auto connection = connectionTo(peer.url(), token);
    Recorder seen(*connection);
    QList<qint64> batched;
    connect(connection.get(), &SignalConnection::signalBatchReceived, this, [&](const QList<QJsonObject> &batch) {
        for (const QJsonObject &signal : batch)
            batched.append(signal.value("seq").toInteger());
    });
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(peer.connections(), 1, kTimeoutMs);
    // The token went in the header (compared, never printed).
    QVERIFY(peer.authorization() == "Bearer " + token);
    QCOMPARE(peer.socket()->subprotocol(), QStringLiteral("signalgate.v1"));

    peer.welcome(0);
    for (qint64 seq : {1, 2, 2, 1, 3, 5, 4, 5, 6})
        peer.signal(seq);
    QTRY_COMPARE_WITH_TIMEOUT(seen.seqs, (QList<qint64>{1, 2, 3, 5, 6}), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(batched, seen.seqs, kTimeoutMs);
    QCOMPARE(connection->lastSeq(), qint64(6));
    // Nothing but the stream went back to the peer: no resume on a first connect.
    QVERIFY(peer.received().isEmpty());
}

void TestSignalConnection::liveSignalsWaitForTheReplay()
{
    ScriptedPeer peer;
    QVERIFY(peer.listen());
    TestServer minter;
    auto connection = connectionTo(peer.url(), minter.mint());
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(peer.connections(), 1, kTimeoutMs);
    peer.welcome(2);
    for (qint64 seq : {3, 4, 5})
        peer.signal(seq);
    QTRY_COMPARE_WITH_TIMEOUT(seen.seqs, (QList<qint64>{3, 4, 5}), kTimeoutMs);

    // Lost without a close frame; the client comes back by itself.
    peer.socket()->abort();
    QTRY_COMPARE_WITH_TIMEOUT(peer.connections(), 2, kTimeoutMs);
    QCOMPARE(seen.closes.first().code, quint16(1006));
    QCOMPARE(seen.closes.first().decision.kind, ReconnectPolicy::Kind::Reconnect);

    // Live signals after last_seq can reach the client before the replay of
    // older ones: they must wait, or they would come out of order (and the
    // replay would look like duplicates).
    peer.welcome(10);
    peer.signal(11);
    peer.signal(12);
    QTRY_COMPARE_WITH_TIMEOUT(peer.received().size(), 1, kTimeoutMs);
    QCOMPARE(peer.received().first(), (QJsonObject{{"type", "resume"}, {"since", 5}}));
    for (qint64 seq : {5, 6, 7, 8, 9, 10})   // 5 again: already delivered
        peer.signal(seq);
    QTRY_COMPARE_WITH_TIMEOUT(seen.seqs, (QList<qint64>{3, 4, 5, 6, 7, 8, 9, 10}), kTimeoutMs);
    QVERIFY(seen.resumes.isEmpty());
    peer.send({{"type", "resumed"}, {"from", 6}, {"to", 10}, {"count", 5}});
    QTRY_COMPARE_WITH_TIMEOUT(seen.resumes.size(), 1, kTimeoutMs);
    QCOMPARE(seen.resumes.first(), qMakePair(qint64(5), qint64(0)));
    QCOMPARE(seen.seqs, (QList<qint64>{3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
    peer.signal(12);
    peer.signal(13);
    QTRY_COMPARE_WITH_TIMEOUT(seen.seqs.size(), 11, kTimeoutMs);
    QCOMPARE(seen.seqs.last(), qint64(13));
}

void TestSignalConnection::aResumeNamesTheEpochItsSeqsCameFrom()
{
    ScriptedPeer peer;
    QVERIFY(peer.listen());
    TestServer minter;
    auto connection = connectionTo(peer.url(), minter.mint());
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(peer.connections(), 1, kTimeoutMs);
    peer.welcome(2, "epoch-one");
    peer.signal(3);
    QTRY_COMPARE_WITH_TIMEOUT(seen.seqs, (QList<qint64>{3}), kTimeoutMs);
    peer.socket()->abort();
    QTRY_COMPARE_WITH_TIMEOUT(peer.connections(), 2, kTimeoutMs);
    // Another node, whose stream has another epoch: the seq 3 the client
    // holds is from the old one, and the resume says so.
    peer.welcome(10, "epoch-two");
    QTRY_COMPARE_WITH_TIMEOUT(peer.received().size(), 1, kTimeoutMs);
    QCOMPARE(peer.received().first(), (QJsonObject{{"type", "resume"}, {"since", 3}, {"epoch", "epoch-one"}}));
}

void TestSignalConnection::closeFramesAndTheirDecisions_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<int>("kind");
    QTest::addColumn<State>("state");
    using Kind = ReconnectPolicy::Kind;
    QTest::newRow("1000 without a reason") << 1000 << QString() << int(Kind::Stop) << State::Stopped;
    QTest::newRow("1001") << 1001 << "Server shutting down" << int(Kind::Reconnect) << State::Reconnecting;
    QTest::newRow("1011") << 1011 << "Internal error" << int(Kind::Reconnect) << State::Reconnecting;
    QTest::newRow("1013") << 1013 << "Slow consumer" << int(Kind::Reconnect) << State::Reconnecting;
    QTest::newRow("authentication required")
            << 1008 << "Authentication required" << int(Kind::SignIn) << State::WaitingForToken;
    QTest::newRow("invalid token") << 1008 << "Invalid or expired token" << int(Kind::RefreshThenReconnect)
                                   << State::WaitingForToken;
    QTest::newRow("too many connections") << 1008 << "Too many connections" << int(Kind::Stop) << State::Stopped;
    QTest::newRow("rate limit") << 1008 << "Rate limit exceeded" << int(Kind::Stop) << State::Stopped;
}

void TestSignalConnection::closeFramesAndTheirDecisions()
{
    QFETCH(int, code);
    QFETCH(QString, reason);
    QFETCH(int, kind);
    QFETCH(State, state);
    ScriptedPeer peer;
    QVERIFY(peer.listen());
    TestServer minter;
    auto connection = connectionTo(peer.url(), minter.mint());
    // A countdown longer than the test, so Reconnecting stays visible.
    connection->setReconnectPolicy(ReconnectPolicy([] { return 1.0; }, 60000, 60000));
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(peer.connections(), 1, kTimeoutMs);
    // Before welcome, as the server refuses a token (accept, then close).
    peer.socket()->close(QWebSocketProtocol::CloseCode(code), reason);
    QTRY_COMPARE_WITH_TIMEOUT(seen.closes.size(), 1, kTimeoutMs);
    QCOMPARE(seen.closes.first().code, quint16(code));
    // Qt 6.4 cannot read 1013 and drops its reason (see isUnreadableCloseCode).
    QCOMPARE(seen.closes.first().reason, code == 1013 ? QString() : reason);
    QCOMPARE(int(seen.closes.first().decision.kind), kind);
    QCOMPARE(connection->state(), state);
    QCOMPARE(seen.scheduled.size(), kind == int(ReconnectPolicy::Kind::Reconnect) ? 1 : 0);
    QCOMPARE(seen.needsRefresh, kind == int(ReconnectPolicy::Kind::RefreshThenReconnect) ? 1 : 0);
    QCOMPARE(seen.signIns.size(), kind == int(ReconnectPolicy::Kind::SignIn) ? 1 : 0);
    QCOMPARE(seen.stops.size(), kind == int(ReconnectPolicy::Kind::Stop) ? 1 : 0);
    if (kind == int(ReconnectPolicy::Kind::SignIn))
        QVERIFY(!connection->hasToken());   // useless now; the owner signs in
    QTest::qWait(200);
    QCOMPARE(peer.connections(), 1);
}

void TestSignalConnection::keepAliveFindsADeadConnection()
{
    TestServer server(shortLifetimes([](ServerConfig &config) { config.signalIntervalMs = 0; }));
    QVERIFY2(server.start(), qPrintable(server.error()));
    Proxy proxy;
    QVERIFY(proxy.listen(server.server()->port()));
    auto connection = connectionTo(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(proxy.port())), server.mint());
    connection->setKeepAliveMs(200);
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(seen.welcomes.size(), 1, kTimeoutMs);
    // Quiet but alive: pings are answered, nothing happens.
    QTest::qWait(700);
    QVERIFY(seen.closes.isEmpty());

    // Silent and dead (no FIN, no RST): only the missing pong can tell.
    proxy.setStalled(true);
    QTRY_VERIFY_WITH_TIMEOUT(!seen.closes.isEmpty(), kTimeoutMs);
    QCOMPARE(seen.closes.first().code, quint16(1006));
    QCOMPARE(seen.closes.first().decision.kind, ReconnectPolicy::Kind::Reconnect);
    proxy.setStalled(false);
    QTRY_COMPARE_WITH_TIMEOUT(seen.welcomes.size(), 2, kTimeoutMs);
}

void TestSignalConnection::slowConsumerCloseReconnects()
{
    // An outbound limit of one byte: the server closes 1013 as soon as
    // anything waits to be written, which is right after welcome.
    TestServer server(shortLifetimes([](ServerConfig &config) { config.maxOutboundBytes = 1; }));
    QVERIFY2(server.start(), qPrintable(server.error()));
    auto connection = connectionTo(server.wsUrl(), server.mint());
    connection->setReconnectPolicy(ReconnectPolicy([] { return 1.0; }, 60000, 60000));
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(seen.closes.size(), 1, kTimeoutMs);
    QCOMPARE(seen.closes.first().code, quint16(1013));
    QCOMPARE(seen.closes.first().info.action, CloseCodeInfo::NextAction::Reconnect);
    QCOMPARE(seen.closes.first().decision.kind, ReconnectPolicy::Kind::Reconnect);
    QCOMPARE(connection->state(), State::Reconnecting);
    QCOMPARE(seen.scheduled.size(), 1);
    connection->stop();
}

void TestSignalConnection::wssWithTrustedCaConnects()
{
    TestServer server(shortLifetimes([this](ServerConfig &config) {
        config.tlsCertFile = m_certPath;
        config.tlsKeyFile = m_keyPath;
    }));
    QVERIFY2(server.start(), qPrintable(server.error()));
    QCOMPARE(server.wsUrl().scheme(), QStringLiteral("wss"));
    auto connection = connectionTo(server.wsUrl(), server.mint());
    connection->setCaCertificates({m_certificate});
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(seen.welcomes.size(), 1, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(seen.seqs.size() >= 3, kTimeoutMs);
    QVERIFY(seen.sslErrors.isEmpty());
    QCOMPARE(connection->sessionSslConfiguration().peerCertificate(), m_certificate);
    QVERIFY(connection->sessionSslConfiguration().sessionProtocol() >= QSsl::TlsV1_2);
}

void TestSignalConnection::wssWithUntrustedCertificateReportsSslErrors()
{
    TestServer server(shortLifetimes([this](ServerConfig &config) {
        config.tlsCertFile = m_certPath;
        config.tlsKeyFile = m_keyPath;
    }));
    QVERIFY2(server.start(), qPrintable(server.error()));
    auto connection = connectionTo(server.wsUrl(), server.mint());   // the system's CAs only
    Recorder seen(*connection);
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(seen.closes.size(), 1, kTimeoutMs);
    QVERIFY(!seen.sslErrors.isEmpty());
    QVERIFY(seen.welcomes.isEmpty());
    QCOMPARE(seen.closes.first().decision.kind, ReconnectPolicy::Kind::Stop);
    QCOMPARE(connection->state(), State::Stopped);
    QCOMPARE(seen.stops.size(), 1);
    QTest::qWait(300);
    QVERIFY(seen.scheduled.isEmpty());
    QCOMPARE(seen.closes.size(), 1);
    QCOMPARE(server.server()->sessionCount(), 0);
}

void TestSignalConnection::logsNeverContainAToken()
{
    QVERIFY(!usedTokens().isEmpty());
    QMutexLocker lock(&logMutex);
    QVERIFY(!m_log.isEmpty());
    for (const QByteArray &token : std::as_const(usedTokens())) {
        // The signature part (or the whole opaque refresh token) is what must never leak.
        const QString secret = QString::fromLatin1(token.contains('.') ? token.mid(token.lastIndexOf('.') + 1) : token);
        QVERIFY(secret.size() >= 16);
        for (qsizetype i = 0; i < m_log.size(); ++i) {
            // On failure name the line, not its text: that would print the token.
            QVERIFY2(!m_log.at(i).contains(secret),
                     qPrintable(QStringLiteral("log line %1 (category %2) contains a token")
                                        .arg(i)
                                        .arg(m_log.at(i).section(QLatin1Char(' '), 0, 0))));
        }
    }
}

QTEST_MAIN(TestSignalConnection)
#include "tst_signalconnection.moc"
