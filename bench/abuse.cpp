// Three abuse attacks against a real signalgate-server, measured from the
// outside so the same run works on the binary before and after a fix:
//
//   login_flood      1000 POST /auth/login from 1000 source addresses, each
//                    closed right after sending (variant b: plus 200 kept
//                    open); then how long a real user's login waits, and how
//                    long SIGTERM takes. Each of them costs a password hash.
//   resume_flood     10000 signals in the history, then 5 connections of one
//                    user that never read send 58 resume requests each: how
//                    much the server buffers for them.
//   trailing_bytes   a complete request followed by 48 MiB on the same socket:
//                    how much of it the server takes in and keeps.
//
//   bench_abuse [--server PATH]... [--scenario login|resume|trailing]... [--flood N] [--open N]
//
// Prints one JSON object: a "runs" entry per --server (label = its path).
// Progress goes to stderr. Takes about 4 to 8 minutes per server, mostly the
// login flood (a password hash is ~0.2 s of CPU; 1000 of them on 2 cores).
#include "abusekit.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTextStream>
#include <QTimer>
#include <QWebSocket>

#include <memory>
#include <vector>

namespace {

constexpr int RealLoginCapMs = 130000;
constexpr int SigtermCapMs = 60000;
constexpr int HistorySignals = 10000;
constexpr int PublishWindow = 1000;
constexpr int ResumeConnections = 5;
constexpr int ResumesPerConnection = 58;   // just under the default 60/60 message rate
constexpr int ResumeSpreadMs = 3000;
constexpr int ResumeSampleMs = 5000;
constexpr qint64 TrailingBytes = 48 * 1024 * 1024;
constexpr qint64 TrailingChunk = 1024 * 1024;
constexpr int StallMs = 2000;

void progress(const QString &text)
{
    QTextStream(stderr) << "bench_abuse: " << text << Qt::endl;
}

// A valid user name (UserStore::isValidName) nobody has: the server checks it
// against its dummy hash, which costs as much as a real one.
QByteArray randomName()
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QByteArray name = "atk";
    for (int i = 0; i < 10; ++i)
        name += alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet - 1))];
    return name;
}

QByteArray loginRequest(const QByteArray &user, const QByteArray &password)
{
    return httpRequest("POST", "/auth/login", R"({"username":")" + user + R"(","password":")" + password + R"("})");
}

// One attacker connection of the login flood.
struct Attacker
{
    QTcpSocket socket;
    qint64 unwritten = 0;
    bool done = false;   // request handed to the kernel, or failed
};

// Scenario 1: closedCount requests closed at once, openCount kept open
// (never read), each from its own address, so neither a per-IP limit nor the
// peer hanging up spares the server the hash. Then demo/demo from 127.0.0.1.
QJsonObject loginFlood(const QString &binary, int closedCount, int openCount)
{
    ServerProcess server;
    if (!server.start(binary, {"--login-rate", "0", "--conn-rate", "0"}))
        return {{"error", server.error()}};
    QElapsedTimer timer;
    timer.start();
    int finished = 0;
    int errors = 0;
    std::vector<std::unique_ptr<Attacker>> attackers;
    for (int i = 0; i < closedCount + openCount; ++i) {
        const bool keepOpen = i >= closedCount;
        auto *attacker = attackers.emplace_back(std::make_unique<Attacker>()).get();
        QTcpSocket *socket = &attacker->socket;
        const QByteArray request = loginRequest(randomName(), "x");
        attacker->unwritten = request.size();
        auto finish = [attacker, &finished] {
            if (!attacker->done) {
                attacker->done = true;
                ++finished;
            }
        };
        if (keepOpen)
            socket->setReadBufferSize(1);   // never take the answer in
        QObject::connect(socket, &QTcpSocket::connected, socket, [socket, request] { socket->write(request); });
        QObject::connect(socket, &QTcpSocket::bytesWritten, socket, [=](qint64 written) {
            attacker->unwritten -= written;
            if (attacker->unwritten > 0 || attacker->done)
                return;
            finish();
            // Not from inside the socket's own signal; the kernel has the bytes.
            if (!keepOpen)
                QTimer::singleShot(0, socket, [socket] { socket->abort(); });
        });
        QObject::connect(socket, &QTcpSocket::errorOccurred, socket, [=, &errors] {
            if (!attacker->done)
                ++errors;
            finish();
        });
        if (!socket->bind(loopbackSource(i), 0)) {
            ++errors;
            finish();
            continue;
        }
        socket->connectToHost(QHostAddress::LocalHost, server.port());
    }
    waitFor([&] { return finished == int(attackers.size()); }, 60000);
    const qint64 sendMs = timer.elapsed();
    progress(QStringLiteral("  %1 + %2 attacker requests sent in %3 ms; real login...")
                     .arg(closedCount)
                     .arg(openCount)
                     .arg(sendMs));

    const HttpResult login = httpCall(server.port(), loginRequest("demo", "demo"), RealLoginCapMs,
                                      QHostAddress(QHostAddress::LocalHost));
    const QByteArray retryAfter = login.header("Retry-After");
    QJsonObject realLogin{{"status", login.status},
                          {"retry_after", retryAfter.isEmpty() ? QJsonValue() : QJsonValue(retryAfter.toInt())},
                          {"latency_ms", login.ms},
                          {"timed_out", login.timedOut}};
    if (!login.error.isEmpty())
        realLogin.insert("error", login.error);
    // How many attacker hashes the server had finished by then.
    const qint64 failures = server.metric("signalgate_login_failures_total");
    progress(QStringLiteral("  real login: %1 after %2 ms; SIGTERM...").arg(login.status).arg(login.ms));

    QJsonObject result{{"attackers_closed", closedCount},  {"attackers_open", openCount},
                       {"attacker_socket_errors", errors}, {"flood_send_ms", sendMs},
                       {"real_login", realLogin},          {"login_failures_at_answer", failures}};
    // The kept-open attackers stay connected through the shutdown.
    const QJsonObject stop = server.terminate(SigtermCapMs);
    for (auto it = stop.begin(); it != stop.end(); ++it)
        result.insert(it.key(), it.value());
    result.insert("elapsed_ms", timer.elapsed());
    return result;
}

// Scenario 2, step 1: a full history, published over one WebSocket that reads
// its own signals back (they are broadcast to it too).
QJsonObject fillHistory(ServerProcess &server)
{
    const QByteArray token = server.devToken(R"({"sub":"admin","scope":"admin signals:publish"})");
    QWebSocket publisher;
    bool welcomed = false;
    int received = 0;
    qint64 lastSeq = 0;
    int errors = 0;
    QObject::connect(&publisher, &QWebSocket::textMessageReceived, [&](const QString &text) {
        const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = message.value("type").toString();
        welcomed = welcomed || type == QLatin1String("welcome");
        errors += type == QLatin1String("error");
        if (type == QLatin1String("signal")) {
            ++received;
            lastSeq = qMax(lastSeq, qint64(message.value("seq").toDouble()));
        }
    });
    QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.port())));
    request.setRawHeader("Authorization", "Bearer " + token);
    publisher.open(request);
    if (!waitFor([&] { return welcomed; }, 10000))
        return {{"error", "publisher got no welcome: " + publisher.errorString()}};
    QElapsedTimer timer;
    timer.start();
    const QString publish = QStringLiteral(
            R"({"type":"publish","signal":{"symbol":"BTC-USD","side":"buy","price":100.5,"confidence":0.5}})");
    // At most PublishWindow signals on their way back: all 10000 at once would
    // pass the server's 1 MiB outbound cap towards us and get us closed 1013.
    int sent = 0;
    waitFor(
            [&] {
                for (; sent < HistorySignals && sent - received < PublishWindow; ++sent)
                    publisher.sendTextMessage(publish);
                return received >= HistorySignals || publisher.state() != QAbstractSocket::ConnectedState;
            },
            120000);
    const qint64 fillMs = timer.elapsed();
    QJsonObject result{{"fill_ms", fillMs}, {"last_seq", lastSeq}, {"publisher_errors", errors}};
    if (received < HistorySignals)
        result.insert("error",
                      QStringLiteral("history not filled: %1 signals back, close %2 %3")
                              .arg(received)
                              .arg(publisher.closeCode())
                              .arg(publisher.closeReason()));
    publisher.close();
    waitFor([&] { return publisher.state() == QAbstractSocket::UnconnectedState; }, 5000);
    return result;
}

// Scenario 2: resume replays the whole history to connections that never read.
QJsonObject resumeFlood(const QString &binary)
{
    ServerProcess server;
    if (!server.start(binary,
                      {"--msg-rate", "0", "--max-conns-per-user", "0", "--conn-rate", "0", "--history",
                       QString::number(HistorySignals)}))
        return {{"error", server.error()}};
    QElapsedTimer timer;
    timer.start();
    QJsonObject result = fillHistory(server);
    progress(QStringLiteral("  history filled in %1 ms; resuming...").arg(result.value("fill_ms").toInteger()));
    if (result.contains("error"))
        return result;
    spin(500);   // let the publisher's buffers go before the baseline

    RssPeak rss(server);
    const QByteArray token = server.devToken(R"({"sub":"demo"})");
    std::vector<std::unique_ptr<QTcpSocket>> readers;
    for (int i = 0; i < ResumeConnections; ++i) {
        auto &socket = readers.emplace_back(std::make_unique<QTcpSocket>());
        socket->setReadBufferSize(1);   // stop reading after the first byte
        socket->connectToHost(QHostAddress::LocalHost, server.port());
        socket->write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                      "Authorization: Bearer "
                      + token + "\r\n\r\n");
    }
    // The readers cannot see their 101, so ask the server: frames sent before
    // the upgrade is through would be part of the handshake's bytes.
    qint64 active = 0;
    waitFor(
            [&] {
                active = server.metric("signalgate_connections_active");
                return active >= ResumeConnections;
            },
            10000);

    const QByteArray resume = R"({"type":"resume","since":1})";
    QElapsedTimer sending;
    sending.start();
    for (int k = 0; k < ResumesPerConnection; ++k) {
        const qint64 due = qint64(k) * ResumeSpreadMs / (ResumesPerConnection - 1);
        waitFor(
                [&] {
                    rss.sample();
                    return sending.elapsed() >= due;
                },
                ResumeSpreadMs + 1000);
        for (auto &socket : readers)
            socket->write(maskedTextFrame(resume));
    }
    const qint64 sendMs = sending.elapsed();
    QElapsedTimer sampling;
    sampling.start();
    while (sampling.elapsed() < ResumeSampleMs) {
        spin(100);
        rss.sample();
    }
    // messages_received also counts the publishes; the rest are resumes handled.
    const qint64 received = server.metric("signalgate_messages_received_total");
    result.insert("connections_upgraded", active);
    result.insert("resumes_sent", ResumeConnections * ResumesPerConnection);
    result.insert("resumes_handled", received < 0 ? received : received - HistorySignals);
    result.insert("send_ms", sendMs);
    result.insert("slow_consumer_closes", server.metric("signalgate_slow_consumer_closes_total"));
    const QJsonObject memory = rss.json();
    for (auto it = memory.begin(); it != memory.end(); ++it)
        result.insert(it.key(), it.value());
    result.insert("sigterm_exit_ms", server.terminate(SigtermCapMs).value("sigterm_exit_ms"));
    result.insert("elapsed_ms", timer.elapsed());
    return result;
}

// Scenario 3: request, then junk on the same socket as fast as the server
// takes it, until 48 MiB are in, the socket closes, or nothing moves for 2 s.
QJsonObject trailingBytes(const QString &binary, const QByteArray &request)
{
    ServerProcess server;
    if (!server.start(binary, {"--login-rate", "0"}))
        return {{"error", server.error()}};
    spin(300);
    RssPeak rss(server);
    QElapsedTimer timer;
    timer.start();
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    if (!socket.waitForConnected(5000))
        return {{"error", "cannot connect: " + socket.errorString()}};

    const qint64 total = request.size() + TrailingBytes;
    const QByteArray junk(TrailingChunk, 'x');
    qint64 queued = 0;
    qint64 accepted = 0;   // bytes the kernel took from us (its buffers included)
    qint64 lastProgressMs = 0;
    // Keep about one chunk in Qt's buffer, so that "accepted" is what the
    // server side let in, not what we managed to queue locally.
    auto refill = [&] {
        while (queued < total && socket.bytesToWrite() < TrailingChunk
               && socket.state() == QAbstractSocket::ConnectedState) {
            const QByteArray chunk = queued == 0 ? request : junk.left(qMin(TrailingChunk, total - queued));
            socket.write(chunk);
            queued += chunk.size();
        }
    };
    QObject::connect(&socket, &QTcpSocket::bytesWritten, [&](qint64 written) {
        accepted += written;
        lastProgressMs = timer.elapsed();
        refill();
    });
    QByteArray answer;
    QObject::connect(&socket, &QTcpSocket::readyRead, [&] { answer += socket.readAll(); });
    refill();
    waitFor(
            [&] {
                rss.sample();
                return accepted >= total || socket.state() != QAbstractSocket::ConnectedState
                        || timer.elapsed() - lastProgressMs > StallMs;
            },
            120000);
    const qint64 writeMs = timer.elapsed();
    const char *stop = accepted >= total                        ? "all_written"
            : socket.state() != QAbstractSocket::ConnectedState ? "socket_closed"
                                                                : "stalled_2s";
    QElapsedTimer after;   // and what it keeps for the next second
    after.start();
    while (after.elapsed() < 1000) {
        spin(50);
        rss.sample();
    }
    QJsonObject result{
            {"request", QString::fromLatin1(request.left(request.indexOf('\r')))},
            {"junk_bytes_offered", TrailingBytes},
            {"junk_bytes_accepted", qMax<qint64>(0, accepted - request.size())},
            {"write_ms", writeMs},
            {"stopped", QLatin1String(stop)},
            {"answer", QString::fromLatin1(answer.left(answer.indexOf('\r')))},
            {"socket_error", socket.error() == QAbstractSocket::UnknownSocketError ? QString() : socket.errorString()}};
    const QJsonObject memory = rss.json();
    for (auto it = memory.begin(); it != memory.end(); ++it)
        result.insert(it.key(), it.value());
    socket.abort();
    result.insert("sigterm_exit_ms", server.terminate(SigtermCapMs).value("sigterm_exit_ms"));
    result.insert("elapsed_ms", timer.elapsed());
    return result;
}

}   // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{"server", "signalgate-server binary (repeatable).", "PATH", SIGNALGATE_SERVER_BINARY},
                       {"scenario", "login, resume or trailing (repeatable; default all).", "NAME"},
                       {"flood", "Login flood: requests closed at once.", "N", "1000"},
                       {"open", "Login flood variant b: extra requests kept open.", "N", "200"}});
    parser.process(app);
    const QStringList servers = parser.values("server");   // the default when none is given
    QStringList scenarios = parser.values("scenario");
    if (scenarios.isEmpty())
        scenarios = {"login", "resume", "trailing"};
    const int flood = parser.value("flood").toInt();
    const int open = parser.value("open").toInt();

    QJsonArray runs;
    for (const QString &binary : servers) {
        QJsonObject run{{"server", binary}};
        if (scenarios.contains("login")) {
            progress(binary + ": login flood a");
            const QJsonObject a = loginFlood(binary, flood, 0);
            progress(binary + ": login flood b");
            run.insert("login_flood", QJsonObject{{"a", a}, {"b", loginFlood(binary, flood, open)}});
        }
        if (scenarios.contains("resume")) {
            progress(binary + ": resume flood");
            run.insert("resume_flood", resumeFlood(binary));
        }
        if (scenarios.contains("trailing")) {
            progress(binary + ": trailing bytes");
            const QJsonObject healthz = trailingBytes(binary, httpRequest("GET", "/healthz"));
            run.insert("trailing_bytes",
                       QJsonObject{{"healthz", healthz},
                                   {"login", trailingBytes(binary, loginRequest(randomName(), "x"))}});
        }
        runs.append(run);
    }
    QTextStream(stdout)
            << QJsonDocument(QJsonObject{{"benchmark", "abuse"}, {"runs", runs}}).toJson(QJsonDocument::Indented);
    return 0;
}
