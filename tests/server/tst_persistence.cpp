// What the server keeps on disk, attacked (PROTOCOL.md sections 10.1 and
// 10.5): files and folders owner-only whatever the umask, a database held
// by another process does not stall the event loop, `user del` ends the
// user's sessions, a lost refresh answer is forgiven only within the grace
// period, and a login's refresh family ends at its maximum age.
#include "filemode.h"
#include "rawhttp.h"
#include "serverprocess.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <sys/stat.h>

using namespace SignalGate::Server;

namespace {

QByteArray postJson(const QByteArray &path, const QJsonObject &body)
{
    const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(bytes.size()) + "\r\n\r\n" + bytes;
}

QByteArray login(const QString &user, const QString &password)
{
    return postJson("/auth/login", {{QStringLiteral("username"), user}, {QStringLiteral("password"), password}});
}

QByteArray refresh(const QString &token)
{
    return postJson("/auth/refresh", {{QStringLiteral("refresh_token"), token}});
}

QString refreshTokenOf(const QByteArray &answer)
{
    return RawHttp::jsonBody(answer).value(QLatin1String("refresh_token")).toString();
}

// Runs signalgate-server with arguments and standard input; its exit code.
int runServerCommand(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.start(ServerProcess::binary(), arguments);
    if (!process.waitForStarted(5000))
        return -1;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000))
        return -1;
    if (process.exitCode() != 0)
        qWarning("%s", process.readAllStandardError().constData());
    return process.exitCode();
}

QString lastAuditReason(const TestServer &server, const QString &event)
{
    QFile file(server.server()->auditLogPath());
    QString reason;
    if (file.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : file.readAll().split('\n')) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            if (object.value(QLatin1String("event")).toString() == event)
                reason = object.value(QLatin1String("reason")).toString();
        }
    }
    return reason;
}

}   // namespace

class TestPersistence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filesAndFoldersAreOwnerOnlyWhateverTheUmask();
    void busyDatabaseAnswersWithinASecond();
    void userDelEndsTheSessionsOfTheUser();
    void repeatedRefreshWithinGraceIsForgiven();
    void repeatedRefreshAfterGraceRevokesTheFamily();
    void refreshFamilyEndsAtItsMaximumAge();

private:
    // A dev server whose clock the test moves.
    std::unique_ptr<TestServer> clockedServer(const TestServer::Tweak &tweak = {});
};

std::unique_ptr<TestServer> TestPersistence::clockedServer(const TestServer::Tweak &tweak)
{
    auto server = std::make_unique<TestServer>(
            [tweak](ServerConfig &config) {
                config.dev = true;
                config.signalIntervalMs = 0;
                if (tweak)
                    tweak(config);
            },
            SignalGate::ManualClock::Flow::Frozen);
    if (!server->start())
        return nullptr;
    return server;
}

void TestPersistence::filesAndFoldersAreOwnerOnlyWhateverTheUmask()
{
    // The child inherits this umask: nothing may rely on it.
    const mode_t previous = ::umask(0);
    const auto restore = qScopeGuard([previous] { ::umask(previous); });
    QTemporaryDir dir;

    const QString data = dir.filePath(QStringLiteral("new/data"));
    ServerProcess server;
    QVERIFY(server.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"), data,
                          QStringLiteral("--signal-interval-ms"), QStringLiteral("0")}));
    server.process().terminate();
    QVERIFY(server.waitForExit());
    QCOMPARE(fileMode(dir.filePath(QStringLiteral("new"))), 0700);
    QCOMPARE(fileMode(data), 0700);
    for (const char *name : {"jwt-secret", "signalgate.db", "audit.log"})
        QCOMPARE(fileMode(data + QLatin1Char('/') + QLatin1String(name)), 0600);

    const QString users = dir.filePath(QStringLiteral("users/here"));
    QCOMPARE(runServerCommand({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("carol"),
                               QStringLiteral("--password-stdin"), QStringLiteral("--data-dir"), users},
                              "pw\n"),
             0);
    QCOMPARE(fileMode(dir.filePath(QStringLiteral("users"))), 0700);
    QCOMPARE(fileMode(users), 0700);
    QCOMPARE(fileMode(users + QStringLiteral("/signalgate.db")), 0600);

    const QString certs = dir.filePath(QStringLiteral("certs"));
    QCOMPARE(runServerCommand({QStringLiteral("gen-dev-cert"), certs}), 0);
    QCOMPARE(fileMode(certs + QStringLiteral("/key.pem")), 0600);
    QVERIFY(QDir(certs).entryList(QDir::Files).size() == 2);   // no temporary file left behind
}

void TestPersistence::busyDatabaseAnswersWithinASecond()
{
    auto server = clockedServer();
    QVERIFY(server);
    // Another process (a `user add`, a backup) holds the write lock.
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
        other.setDatabaseName(server->server()->config().databasePath());
        QVERIFY(other.open());
        QSqlQuery lock(other);
        QVERIFY(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")));

        QElapsedTimer timer;
        timer.start();
        // Well formed, so the store really asks the database.
        const QByteArray answer = RawHttp::exchange(server->server()->port(), refresh(QString(43, QLatin1Char('A'))));
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(RawHttp::status(answer), 503);
        QVERIFY2(elapsed < 1000, qPrintable(QStringLiteral("answered after %1 ms").arg(elapsed)));
        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        other.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("other"));
    // The lock gone, the same request gets the usual answer.
    QCOMPARE(RawHttp::status(RawHttp::exchange(server->server()->port(), refresh(QString(43, QLatin1Char('A'))))), 401);
}

void TestPersistence::userDelEndsTheSessionsOfTheUser()
{
    QTemporaryDir dir;
    const QStringList dataDir{QStringLiteral("--data-dir"), dir.path()};
    QCOMPARE(runServerCommand(QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bob"),
                                          QStringLiteral("--password-stdin")}
                                      + dataDir,
                              "first\n"),
             0);
    ServerProcess server;
    QVERIFY(server.start(QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                     QStringLiteral("--signal-interval-ms"), QStringLiteral("0")}
                         + dataDir));
    const QString oldSession =
            refreshTokenOf(RawHttp::exchange(server.port(), login(QStringLiteral("bob"), QStringLiteral("first"))));
    QVERIFY(!oldSession.isEmpty());

    // Deleted and added again, next to the running server.
    QCOMPARE(runServerCommand(QStringList{QStringLiteral("user"), QStringLiteral("del"), QStringLiteral("bob")}
                              + dataDir),
             0);
    QCOMPARE(runServerCommand(QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bob"),
                                          QStringLiteral("--password-stdin")}
                                      + dataDir,
                              "second\n"),
             0);
    QCOMPARE(RawHttp::status(RawHttp::exchange(server.port(), refresh(oldSession))), 401);
    QCOMPARE(RawHttp::status(RawHttp::exchange(server.port(), login(QStringLiteral("bob"), QStringLiteral("second")))),
             200);
}

void TestPersistence::repeatedRefreshWithinGraceIsForgiven()
{
    auto server = clockedServer();   // --refresh-grace 10, the default
    QVERIFY(server);
    const quint16 port = server->server()->port();
    const QString first =
            refreshTokenOf(RawHttp::exchange(port, login(QStringLiteral("demo"), QStringLiteral("demo"))));
    const QString lost = refreshTokenOf(RawHttp::exchange(port, refresh(first)));
    QVERIFY(!lost.isEmpty());

    // The answer above never reached the client, which tries again.
    server->clock().advance(8 * 1000);
    const QByteArray again = RawHttp::exchange(port, refresh(first));
    QCOMPARE(RawHttp::status(again), 200);
    QCOMPARE(lastAuditReason(*server, QStringLiteral("refresh.success")), QStringLiteral("repeat_within_grace"));
    const QString current = refreshTokenOf(again);
    QVERIFY(!current.isEmpty() && current != lost);
    const QByteArray access = RawHttp::jsonBody(again).value(QLatin1String("access_token")).toString().toLatin1();
    // Accepted as demo's (403: no metrics scope), not refused as invalid (401).
    QCOMPARE(RawHttp::status(RawHttp::exchange(
                     port, "GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + access + "\r\n\r\n")),
             403);

    // The pair works; the lost successor was taken back, and presenting it
    // now is reuse: the family ends.
    const QString next = refreshTokenOf(RawHttp::exchange(port, refresh(current)));
    QVERIFY(!next.isEmpty());
    QCOMPARE(RawHttp::status(RawHttp::exchange(port, refresh(lost))), 401);
    QCOMPARE(lastAuditReason(*server, QStringLiteral("refresh.failure")), QStringLiteral("reused"));
    QCOMPARE(RawHttp::status(RawHttp::exchange(port, refresh(next))), 401);
}

void TestPersistence::repeatedRefreshAfterGraceRevokesTheFamily()
{
    auto server = clockedServer([](ServerConfig &config) { config.refreshGraceSeconds = 5; });
    QVERIFY(server);
    const quint16 port = server->server()->port();
    const QString first =
            refreshTokenOf(RawHttp::exchange(port, login(QStringLiteral("demo"), QStringLiteral("demo"))));
    const QString second = refreshTokenOf(RawHttp::exchange(port, refresh(first)));
    QVERIFY(!second.isEmpty());
    server->clock().advance(6 * 1000);
    QCOMPARE(RawHttp::status(RawHttp::exchange(port, refresh(first))), 401);
    QCOMPARE(lastAuditReason(*server, QStringLiteral("refresh.failure")), QStringLiteral("reused"));
    QCOMPARE(RawHttp::status(RawHttp::exchange(port, refresh(second))), 401);
}

void TestPersistence::refreshFamilyEndsAtItsMaximumAge()
{
    auto server = clockedServer([](ServerConfig &config) { config.refreshMaxAgeSeconds = 120; });
    QVERIFY(server);
    const quint16 port = server->server()->port();
    const QByteArray signedIn = RawHttp::exchange(port, login(QStringLiteral("demo"), QStringLiteral("demo")));
    QVERIFY(RawHttp::jsonBody(signedIn).value(QLatin1String("refresh_expires_in")).toInt() <= 120);
    server->clock().advance(70 * 1000);
    const QByteArray refreshed = RawHttp::exchange(port, refresh(refreshTokenOf(signedIn)));
    QCOMPARE(RawHttp::status(refreshed), 200);
    // No token outlives its family, whatever --refresh-ttl says.
    QVERIFY(RawHttp::jsonBody(refreshed).value(QLatin1String("refresh_expires_in")).toInt() <= 50);
    server->clock().advance(51 * 1000);
    QCOMPARE(RawHttp::status(RawHttp::exchange(port, refresh(refreshTokenOf(refreshed)))), 401);
    QCOMPARE(lastAuditReason(*server, QStringLiteral("refresh.failure")), QStringLiteral("max_age"));
}

QTEST_GUILESS_MAIN(TestPersistence)
#include "tst_persistence.moc"
