// ConfigLoader::load as the server's main() calls it: the defaults are the
// contract's (PROTOCOL.md sections 6 and 8), every flag and every INI key lands
// in its own field and in no other, and every bad value is refused with an
// error that names the flag.
#include "configloader.h"
#include "serveroptions.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <unistd.h>

#include <sys/resource.h>

using namespace SignalGate::Server;

namespace {

ConfigLoader::Result load(const QStringList &arguments)
{
    return ConfigLoader::load(QStringList{"signalgate-server"} + arguments);
}

QString rateText(const RateLimit &rate)
{
    return rate.enabled() ? QStringLiteral("%1/%2").arg(rate.count).arg(rate.windowSeconds) : QStringLiteral("off");
}

QString commandText(ServerConfig::Command command)
{
    switch (command) {
    case ServerConfig::Command::Run:
        return QStringLiteral("run");
    case ServerConfig::Command::UserAdd:
        return QStringLiteral("user add");
    case ServerConfig::Command::UserDel:
        return QStringLiteral("user del");
    case ServerConfig::Command::GenDevCert:
        return QStringLiteral("gen-dev-cert");
    case ServerConfig::Command::TokenMint:
        return QStringLiteral("token mint");
    case ServerConfig::Command::TokenInspect:
        return QStringLiteral("token inspect");
    case ServerConfig::Command::ConfigCheck:
        return QStringLiteral("config check");
    }
    return QStringLiteral("?");
}

// Every field of a config as text, keyed by the flag that sets it, so a test can
// check that one flag changed its own field and left every other one alone.
QMap<QString, QString> fields(const ServerConfig &c)
{
    QMap<QString, QString> f;
    f["command"] = commandText(c.command);
    f["user-name"] = c.userName;
    f["scope"] = c.userScope;
    f["listen"] = c.listenAddress.toString() + ' ' + QString::number(c.listenPort);
    f["data-dir"] = c.dataDir;
    f["dev"] = c.dev ? "true" : "false";
    f["jwt-alg"] = c.jwtAlgorithm;
    f["jwt-secret-file"] = c.jwtSecretFile;
    f["issuer"] = c.issuer;
    f["audience"] = c.audience;
    f["access-ttl"] = QString::number(c.accessTtlSeconds);
    f["refresh-ttl"] = QString::number(c.refreshTtlSeconds);
    f["leeway"] = QString::number(c.leewaySeconds);
    f["signal-interval-ms"] = QString::number(c.signalIntervalMs);
    f["signals-per-tick"] = QString::number(c.signalsPerTick);
    f["allowed-origin"] = c.allowedOrigins.join(' ');
    f["audit-log"] = c.auditLogPath;
    f["conn-rate"] = rateText(c.connRate);
    f["msg-rate"] = rateText(c.msgRate);
    f["login-rate"] = rateText(c.loginRate);
    f["max-conns-per-user"] = QString::number(c.maxConnsPerUser);
    f["max-message-bytes"] = QString::number(c.maxMessageBytes);
    f["max-outbound-bytes"] = QString::number(c.maxOutboundBytes);
    f["handshake-timeout-ms"] = QString::number(c.handshakeTimeoutMs);
    f["rate-table-max"] = QString::number(c.rateTableMax);
    f["refresh-attempts"] = QString::number(c.refreshAttempts);
    f["history"] = QString::number(c.history);
    f["threads"] = QString::number(c.threads);
    f["login-rate-user"] = rateText(c.loginRateUser);
    f["max-conns"] = QString::number(c.maxConns);
    f["max-pending-logins"] = QString::number(c.maxPendingLogins);
    f["ipv6-prefix"] = QString::number(c.ipv6Prefix);
    f["refresh-grace"] = QString::number(c.refreshGraceSeconds);
    f["refresh-max-age"] = QString::number(c.refreshMaxAgeSeconds);
    f["broker"] = c.brokerUrl;
    f["broker-password-file"] = c.brokerPasswordFile;
    f["broker-prefix"] = c.brokerPrefix;
    f["node-id"] = c.nodeId;
    f["database"] = c.databaseUrl;
    f["database-password-file"] = c.databasePasswordFile;
    f["metrics-listen"] = c.hasMetricsListener()
            ? c.metricsListenAddress.toString() + ' ' + QString::number(c.metricsListenPort)
            : QString();
    return f;
}

QByteArray describe(const ConfigLoader::Result &result)
{
    return ("error: '" + result.error + "'").toUtf8();
}

const QStringList integerFlags = {
        "access-ttl",
        "refresh-ttl",
        "leeway",
        "signal-interval-ms",
        "signals-per-tick",
        "max-conns-per-user",
        "max-message-bytes",
        "max-outbound-bytes",
        "handshake-timeout-ms",
        "rate-table-max",
        "max-conns",
        "max-pending-logins",
        "ipv6-prefix",
        "refresh-grace",
        "refresh-max-age",
        "threads",
};
const QStringList rateFlags = {"conn-rate", "msg-rate", "login-rate", "login-rate-user"};

}   // namespace

Q_DECLARE_METATYPE(ServerConfig::Command)

class TestConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void defaults();
    void auditLogFollowsDataDir();
    void maxConnsFollowsTheOpenFileLimit();

    void flagSetsItsField_data();
    void flagSetsItsField();
    void jwtAlgHs256();
    void devFlag_data();
    void devFlag();
    void zeroTurnsRateOff_data();
    void zeroTurnsRateOff();
    void allowedOriginRepeated_data();
    void allowedOriginRepeated();
    void allowedOriginWithDefaultPort_data();
    void allowedOriginWithDefaultPort();

    void badCommandLine_data();
    void badCommandLine();

    void subcommands_data();
    void subcommands();

    void iniKeySetsItsField_data();
    void iniKeySetsItsField();
    void iniFileWithManyKeys();
    void iniValueWithComma_data();
    void iniValueWithComma();
    void iniDev_data();
    void iniDev();
    void flagOverridesIni_data();
    void flagOverridesIni();
    void badIniFile_data();
    void badIniFile();
    void unreadableConfig_data();
    void unreadableConfig();

    void helpAndVersion_data();
    void helpAndVersion();
    void helpComesFromTheOptionTable();

private:
    QString writeIni(const QByteArray &contents);

    QTemporaryDir m_dir;
    int m_iniCount = 0;
};

void TestConfig::initTestCase()
{
    QCoreApplication::setApplicationName("signalgate-server");
    QVERIFY(m_dir.isValid());
}

QString TestConfig::writeIni(const QByteArray &contents)
{
    QString path = m_dir.filePath(QStringLiteral("server-%1.ini").arg(++m_iniCount));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
        return QString();
    return path;
}

void TestConfig::defaults()
{
    const ConfigLoader::Result result = load({});
    QVERIFY2(result.ok(), describe(result).constData());
    QVERIFY(result.helpText.isEmpty());
    const ServerConfig &c = result.config;

    QCOMPARE(commandText(c.command), QString("run"));
    QVERIFY(c.userName.isEmpty());
    QVERIFY(c.userScope.isEmpty());
    QCOMPARE(c.listenAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(c.listenAddress.toString(), QString("127.0.0.1"));
    QCOMPARE(c.listenPort, quint16(8765));
    QCOMPARE(c.listenText(), QString("127.0.0.1:8765"));
    QCOMPARE(c.dev, false);

    QCOMPARE(c.connRate.count, 10);
    QCOMPARE(c.connRate.windowSeconds, 60);
    QVERIFY(c.connRate.enabled());
    QCOMPARE(c.msgRate.count, 60);
    QCOMPARE(c.msgRate.windowSeconds, 60);
    QVERIFY(c.msgRate.enabled());
    QCOMPARE(c.loginRate.count, 5);
    QCOMPARE(c.loginRate.windowSeconds, 300);
    QVERIFY(c.loginRate.enabled());
    QCOMPARE(c.maxConnsPerUser, 5);
    QCOMPARE(c.maxMessageBytes, 65536);
    QCOMPARE(c.maxOutboundBytes, qint64(1048576));
    QCOMPARE(c.handshakeTimeoutMs, 5000);
    QCOMPARE(c.rateTableMax, 100000);
    // PROTOCOL.md section 10.1: derived at start when not given.
    QCOMPARE(c.loginRateUser.count, 20);
    QCOMPARE(c.loginRateUser.windowSeconds, 300);
    QCOMPARE(c.maxConns, -1);
    QCOMPARE(c.maxPendingLogins, -1);
    QCOMPARE(c.effectiveMaxPendingLogins(), 4 * QThread::idealThreadCount());
    QCOMPARE(c.ipv6Prefix, 64);
    QCOMPARE(c.refreshGraceSeconds, qint64(10));
    QCOMPARE(c.refreshMaxAgeSeconds, qint64(2592000));
    QVERIFY(!c.hasMetricsListener());

    QCOMPARE(c.jwtAlgorithm, QString("HS256"));
    QVERIFY(c.jwtSecretFile.isEmpty());
    QCOMPARE(c.accessTtlSeconds, qint64(900));
    QCOMPARE(c.refreshTtlSeconds, qint64(28800));
    QCOMPARE(c.leewaySeconds, qint64(30));
    QCOMPARE(c.issuer, QString("signalgate"));
    QCOMPARE(c.audience, QString("signalgate-clients"));
    QCOMPARE(c.refreshAttempts, 3);

    QCOMPARE(c.signalIntervalMs, 250);
    QCOMPARE(c.signalsPerTick, 1);
    QCOMPARE(c.history, 10000);
    QCOMPARE(c.threads, -1);
    QCOMPARE(c.effectiveThreads(), QThread::idealThreadCount());
    QVERIFY(c.allowedOrigins.isEmpty());

    // The data dir is the platform's per-application one, named after the program.
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QVERIFY(!dataDir.isEmpty());
    QCOMPARE(c.dataDir, dataDir);
    QVERIFY2(c.dataDir.endsWith("/signalgate-server"), qPrintable(c.dataDir));
    QVERIFY(c.auditLogPath.isEmpty());
    QCOMPARE(c.effectiveAuditLogPath(), QDir(dataDir).filePath("audit.log"));
    QCOMPARE(c.effectiveAuditLogPath(), dataDir + "/audit.log");
}

void TestConfig::maxConnsFollowsTheOpenFileLimit()
{
    rlimit saved{};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &saved), 0);
    const auto restore = qScopeGuard([saved] { ::setrlimit(RLIMIT_NOFILE, &saved); });
    rlimit lowered = saved;
    lowered.rlim_cur = qMin<rlim_t>(saved.rlim_max, 1000);
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
    ServerConfig config;
    // What the server keeps for itself: listeners, database, logs.
    QCOMPARE(config.effectiveMaxConns(), int(lowered.rlim_cur) - 64);
    config.maxConns = 5;
    QCOMPARE(config.effectiveMaxConns(), 5);
    config.maxConns = 0;
    QCOMPARE(config.effectiveMaxConns(), 0);   // off
}

void TestConfig::auditLogFollowsDataDir()
{
    const QString dataDir = m_dir.filePath("data");
    ConfigLoader::Result result = load({"--data-dir", dataDir});
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(result.config.dataDir, dataDir);
    QCOMPARE(result.config.effectiveAuditLogPath(), dataDir + "/audit.log");

    const QString auditLog = m_dir.filePath("elsewhere/audit.jsonl");
    result = load({"--data-dir", dataDir, "--audit-log", auditLog});
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(result.config.auditLogPath, auditLog);
    QCOMPARE(result.config.effectiveAuditLogPath(), auditLog);
}

// key (flag name and INI key), value given, that field's text afterwards.
// Shared by the flag and the INI tests: both ways must give the same config.
static void fieldRows()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    auto row = [](const char *name, const QString &key, const QString &value, const QString &expected) {
        QTest::newRow(name) << key << value << expected;
    };
    row("listen ipv4", "listen", "10.1.2.3:8080", "10.1.2.3 8080");
    row("listen any", "listen", "0.0.0.0:1", "0.0.0.0 1");
    row("listen ipv6", "listen", "[::1]:9000", "::1 9000");
    row("listen localhost port 0", "listen", "localhost:0", "127.0.0.1 0");
    row("listen max port", "listen", "127.0.0.1:65535", "127.0.0.1 65535");
    row("data-dir", "data-dir", "/tmp/sg-config-test/data", "/tmp/sg-config-test/data");
    row("jwt-secret-file", "jwt-secret-file", "/tmp/sg-config-test/secret.key", "/tmp/sg-config-test/secret.key");
    row("issuer", "issuer", "https://auth.example", "https://auth.example");
    row("audience", "audience", "trading-desk", "trading-desk");
    row("access-ttl", "access-ttl", "60", "60");
    row("refresh-ttl", "refresh-ttl", "3600", "3600");
    row("leeway", "leeway", "5", "5");
    row("leeway 0", "leeway", "0", "0");
    row("signal-interval-ms", "signal-interval-ms", "100", "100");
    row("signal-interval-ms 0 (off)", "signal-interval-ms", "0", "0");
    row("signals-per-tick", "signals-per-tick", "50", "50");
    row("threads", "threads", "4", "4");
    row("conn-rate", "conn-rate", "3/7", "3/7");
    row("msg-rate", "msg-rate", "100/10", "100/10");
    row("login-rate", "login-rate", "2/30", "2/30");
    row("conn-rate 0", "conn-rate", "0", "off");
    row("msg-rate 0", "msg-rate", "0", "off");
    row("login-rate 0", "login-rate", "0", "off");
    row("max-conns-per-user", "max-conns-per-user", "7", "7");
    row("max-conns-per-user 0", "max-conns-per-user", "0", "0");
    row("max-message-bytes", "max-message-bytes", "1024", "1024");
    row("max-message-bytes 0", "max-message-bytes", "0", "0");
    row("max-outbound-bytes", "max-outbound-bytes", "2097152", "2097152");
    row("max-outbound-bytes 4 GiB", "max-outbound-bytes", "4294967296", "4294967296");
    row("max-outbound-bytes 0", "max-outbound-bytes", "0", "0");
    row("handshake-timeout-ms", "handshake-timeout-ms", "2500", "2500");
    row("handshake-timeout-ms 0", "handshake-timeout-ms", "0", "0");
    row("rate-table-max", "rate-table-max", "500", "500");
    row("login-rate-user", "login-rate-user", "50/600", "50/600");
    row("login-rate-user 0", "login-rate-user", "0", "off");
    row("max-conns", "max-conns", "20000", "20000");
    row("max-conns 0", "max-conns", "0", "0");
    row("max-pending-logins", "max-pending-logins", "16", "16");
    row("max-pending-logins 0", "max-pending-logins", "0", "0");
    row("ipv6-prefix", "ipv6-prefix", "56", "56");
    row("ipv6-prefix 128", "ipv6-prefix", "128", "128");
    row("refresh-grace", "refresh-grace", "30", "30");
    row("refresh-grace 0", "refresh-grace", "0", "0");
    row("refresh-max-age", "refresh-max-age", "86400", "86400");
    row("metrics-listen", "metrics-listen", "127.0.0.1:9100", "127.0.0.1 9100");
    row("metrics-listen ipv6", "metrics-listen", "[::1]:9100", "::1 9100");
    row("audit-log", "audit-log", "/tmp/sg-config-test/audit.jsonl", "/tmp/sg-config-test/audit.jsonl");
    row("allowed-origin https", "allowed-origin", "https://a.example", "https://a.example");
    row("allowed-origin with port", "allowed-origin", "http://localhost:5173", "http://localhost:5173");
    row("broker", "broker", "redis://10.0.0.5:6380", "redis://10.0.0.5:6380");
    row("broker with user and db", "broker", "redis://app@redis.internal:6379/2", "redis://app@redis.internal:6379/2");
    row("broker-prefix", "broker-prefix", "desk-1.prod", "desk-1.prod");
    row("node-id", "node-id", "eu-west-a", "eu-west-a");
    row("database", "database", "postgresql://sg@db.internal:5433/signals", "postgresql://sg@db.internal:5433/signals");
    row("database postgres://", "database", "postgres://sg@db.internal/signals", "postgres://sg@db.internal/signals");
}

void TestConfig::flagSetsItsField_data()
{
    fieldRows();
}

void TestConfig::flagSetsItsField()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expected);

    const ConfigLoader::Result baseline = load({});
    QVERIFY2(baseline.ok(), describe(baseline).constData());
    QMap<QString, QString> want = fields(baseline.config);
    QVERIFY(want.contains(key));
    QVERIFY2(want.value(key) != expected, "the row must change its field");
    want[key] = expected;

    const ConfigLoader::Result result = load({"--" + key, value});
    QVERIFY2(result.ok(), describe(result).constData());
    QVERIFY(result.helpText.isEmpty());
    const QMap<QString, QString> got = fields(result.config);
    for (auto it = want.cbegin(); it != want.cend(); ++it) {
        QVERIFY2(got.value(it.key()) == it.value(),
                 qPrintable(
                         QStringLiteral("%1: got '%2', expected '%3'").arg(it.key(), got.value(it.key()), it.value())));
    }
}

void TestConfig::jwtAlgHs256()
{
    const QString ini = writeIni("jwt-alg = HS256\n");
    QVERIFY(!ini.isEmpty());
    for (const QStringList &arguments : {QStringList{"--jwt-alg", "HS256"}, QStringList{"--config", ini}}) {
        const ConfigLoader::Result result = load(arguments);
        QVERIFY2(result.ok(), describe(result).constData());
        QCOMPARE(result.config.jwtAlgorithm, QString("HS256"));
    }
}

void TestConfig::devFlag_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("listen");
    QTest::newRow("default listen") << QStringList{"--dev"} << "127.0.0.1 8765";
    QTest::newRow("loopback ipv4") << QStringList{"--dev", "--listen", "127.0.0.1:0"} << "127.0.0.1 0";
    QTest::newRow("loopback ipv6") << QStringList{"--dev", "--listen", "[::1]:0"} << "::1 0";
    QTest::newRow("localhost") << QStringList{"--listen", "localhost:9000", "--dev"} << "127.0.0.1 9000";
}

void TestConfig::devFlag()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, listen);
    const ConfigLoader::Result result = load(arguments);
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(result.config.dev, true);
    QCOMPARE(fields(result.config).value("listen"), listen);
    QCOMPARE(commandText(result.config.command), QString("run"));
}

void TestConfig::zeroTurnsRateOff_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("value");
    for (const QString &flag : rateFlags) {
        QTest::addRow("%s 0", qPrintable(flag)) << flag << "0";
        QTest::addRow("%s 0/60", qPrintable(flag)) << flag << "0/60";
    }
}

void TestConfig::zeroTurnsRateOff()
{
    QFETCH(QString, flag);
    QFETCH(QString, value);
    const ConfigLoader::Result result = load({"--" + flag, value});
    QVERIFY2(result.ok(), describe(result).constData());
    const ServerConfig &c = result.config;
    QCOMPARE(c.connRate.enabled(), flag != "conn-rate");
    QCOMPARE(c.msgRate.enabled(), flag != "msg-rate");
    QCOMPARE(c.loginRate.enabled(), flag != "login-rate");
}

void TestConfig::allowedOriginRepeated_data()
{
    QTest::addColumn<QStringList>("origins");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("two") << QStringList{"https://a.example", "https://b.example"}
                         << QStringList{"https://a.example", "https://b.example"};
    QTest::newRow("same twice") << QStringList{"https://a.example", "https://a.example"}
                                << QStringList{"https://a.example"};
    QTest::newRow("three with a duplicate")
            << QStringList{"https://a.example", "http://localhost:5173", "https://a.example"}
            << QStringList{"https://a.example", "http://localhost:5173"};
}

void TestConfig::allowedOriginRepeated()
{
    QFETCH(QStringList, origins);
    QFETCH(QStringList, expected);
    QStringList arguments;
    for (const QString &origin : origins)
        arguments << "--allowed-origin" << origin;
    const ConfigLoader::Result result = load(arguments);
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(result.config.allowedOrigins, expected);
}

// The gate compares the browser's Origin header as a string, and a browser never
// writes the scheme's default port (RFC 6454), so "https://a.example:443" would
// never match: it must be refused, or stored the way browsers send it.
void TestConfig::allowedOriginWithDefaultPort_data()
{
    QTest::addColumn<QString>("origin");
    QTest::addColumn<QString>("browserForm");
    QTest::newRow("https :443") << "https://a.example:443"
                                << "https://a.example";
    QTest::newRow("http :80") << "http://a.example:80"
                              << "http://a.example";
    QTest::newRow("http :443 is not a default") << "http://a.example:443"
                                                << "http://a.example:443";
    QTest::newRow("https :80 is not a default") << "https://a.example:80"
                                                << "https://a.example:80";
}

void TestConfig::allowedOriginWithDefaultPort()
{
    QFETCH(QString, origin);
    QFETCH(QString, browserForm);
    const ConfigLoader::Result result = load({"--allowed-origin", origin});
    if (result.ok())
        QCOMPARE(result.config.allowedOrigins, QStringList{browserForm});
    else
        QVERIFY2(origin != browserForm && result.error.contains("--allowed-origin"), describe(result).constData());
}

void TestConfig::badCommandLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");

    for (const QString &flag : rateFlags) {
        for (const char *value : {"10", "10/0", "-1/60", "a/b", "10/60/2", "10/", "/60", "", "ten/60", "10/-60"})
            QTest::addRow("%s '%s'", qPrintable(flag), value) << QStringList{"--" + flag, value} << "--" + flag;
    }

    for (const QString &flag : integerFlags) {
        for (const char *value : {"abc", "", "1.5", "12x", "0x10", "-1", "1000000000000000", "99999999999999999999"})
            QTest::addRow("%s '%s'", qPrintable(flag), value) << QStringList{"--" + flag, value} << "--" + flag;
    }
    // A token that never lives, no signal per tick, an empty limiter table, an
    // IPv6 key of no bits, a login family younger than a minute, no thread for
    // the sessions make no sense.
    for (const char *flag : {"access-ttl", "refresh-ttl", "signals-per-tick", "rate-table-max", "ipv6-prefix",
                             "refresh-max-age", "threads"})
        QTest::addRow("%s '0'", flag) << QStringList{QStringLiteral("--%1").arg(flag), "0"}
                                      << QStringLiteral("--%1").arg(flag);
    // Values that fit qint64 but not the int the field is.
    for (const char *flag : {"signal-interval-ms", "signals-per-tick", "max-conns-per-user", "max-message-bytes",
                             "handshake-timeout-ms", "rate-table-max", "threads"}) {
        QTest::addRow("%s '4294967296'", flag)
                << QStringList{QStringLiteral("--%1").arg(flag), "4294967296"} << QStringLiteral("--%1").arg(flag);
    }

    for (const char *value : {"127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", ":8765", "[::1]",
                              "example.invalid:80", "300.1.1.1:80", "127.0.0.1:80x", ""})
        QTest::addRow("listen '%s'", value) << QStringList{"--listen", value} << "--listen";

    for (const char *value :
         {"https://a.example/", "https://a.example/path", "*", "null", "a.example", "ftp://a.example",
          "https://user@a.example", "https://a.example?x=1", "https://a.example#top", "https://", ""})
        QTest::addRow("allowed-origin '%s'", value) << QStringList{"--allowed-origin", value} << "--allowed-origin";
    QTest::newRow("allowed-origin good then bad")
            << QStringList{"--allowed-origin", "https://a.example", "--allowed-origin", "https://b.example/"}
            << "--allowed-origin";

    QTest::newRow("dev on 0.0.0.0") << QStringList{"--dev", "--listen", "0.0.0.0:0"} << "--dev";
    QTest::newRow("dev on ::") << QStringList{"--listen", "[::]:0", "--dev"} << "--dev";
    QTest::newRow("dev on a LAN address") << QStringList{"--dev", "--listen", "192.168.1.10:8765"} << "--dev";

    QTest::newRow("ipv6-prefix past 128") << QStringList{"--ipv6-prefix", "129"} << "--ipv6-prefix";
    QTest::newRow("refresh-grace past 5 minutes") << QStringList{"--refresh-grace", "301"} << "--refresh-grace";
    for (const char *value : {"9100", "localhost", "[::1]", "127.0.0.1:99999", ""})
        QTest::addRow("metrics-listen '%s'", value) << QStringList{"--metrics-listen", value} << "--metrics-listen";

    for (const char *value : {"redis.internal:6379", "http://redis.internal", "redis://", "redis://:6379",
                              "redis://h:6379/x", "redis://h:6379/-1", "redis://h:6379?db=1"})
        QTest::addRow("broker '%s'", value) << QStringList{"--broker", value} << "--broker";
    QTest::newRow("broker with TLS") << QStringList{"--broker", "rediss://h:6380"} << "hiredis";
    QTest::newRow("broker password in the URL")
            << QStringList{"--broker", "redis://u:secret@h:6379"} << "--broker-password-file";
    for (const char *value :
         {"", "a b", "{tag}", "x/y", "0123456789012345678901234567890123456789012345678901234567890123456789"})
        QTest::addRow("broker-prefix '%s'", value) << QStringList{"--broker-prefix", value} << "--broker-prefix";
    QTest::newRow("node-id empty") << QStringList{"--node-id", " "} << "--node-id";
    for (const char *value : {"db.internal/signals", "sqlite:///tmp/x.db", "postgresql://", "postgresql://h",
                              "postgresql://h/", "postgresql://h/db?sslmode=disable"})
        QTest::addRow("database '%s'", value) << QStringList{"--database", value} << "--database";
    QTest::newRow("database password in the URL")
            << QStringList{"--database", "postgresql://u:secret@h/db"} << "--database-password-file";
    QTest::newRow("dev with database") << QStringList{"--dev", "--database", "postgresql://u@h/db"} << "--dev";
    QTest::newRow("broker-password-file without broker")
            << QStringList{"--broker-password-file", "/tmp/x"} << "--broker redis://";
    QTest::newRow("database-password-file without database")
            << QStringList{"--database-password-file", "/tmp/x"} << "--database postgresql://";

    QTest::newRow("unknown flag") << QStringList{"--no-such-flag"} << "no-such-flag";
    QTest::newRow("unknown flag with value") << QStringList{"--max-connections", "5"} << "max-connections";
    QTest::newRow("flag without its value") << QStringList{"--listen"} << "listen";

    for (const char *alg : {"RS256", "ES256", "EdDSA", "none", "HS512", ""})
        QTest::addRow("jwt-alg '%s'", alg) << QStringList{"--jwt-alg", alg} << "--jwt-alg";

    QTest::newRow("empty issuer") << QStringList{"--issuer", ""} << "--issuer";
    QTest::newRow("empty audience") << QStringList{"--audience", ""} << "--audience";
    QTest::newRow("empty data-dir") << QStringList{"--data-dir", ""} << "--data-dir";

    QTest::newRow("user add without --password-stdin") << QStringList{"user", "add", "alice"} << "--password-stdin";
    QTest::newRow("user add with scope, without --password-stdin")
            << QStringList{"user", "add", "alice", "--scope", "admin"} << "--password-stdin";
    QTest::newRow("--scope without user add") << QStringList{"--scope", "admin"} << "--scope";
    QTest::newRow("--password-stdin without user add") << QStringList{"--password-stdin"} << "--password-stdin";
    QTest::newRow("--scope with user del") << QStringList{"user", "del", "alice", "--scope", "admin"} << "--scope";

    QTest::newRow("unknown subcommand") << QStringList{"frobnicate"} << "frobnicate";
    QTest::newRow("unknown user subcommand") << QStringList{"user", "rename", "alice"} << "rename";
    QTest::newRow("user alone") << QStringList{"user"} << "user";
    QTest::newRow("user add without name") << QStringList{"user", "add", "--password-stdin"} << "user add";
    QTest::newRow("user del without name") << QStringList{"user", "del"} << "user del";
    QTest::newRow("user del with two names") << QStringList{"user", "del", "alice", "bob"} << "user del";
    QTest::newRow("config check with an argument") << QStringList{"config", "check", "now"} << "config check";
    QTest::newRow("token mint without --sub") << QStringList{"token", "mint"} << "--sub";
    QTest::newRow("--claim without token mint") << QStringList{"--claim", "a=b"} << "--claim";
    QTest::newRow("--ttl not a number") << QStringList{"token", "mint", "--sub", "a", "--ttl", "1h"} << "--ttl";
    QTest::newRow("--claim in an INI file") << QStringList{"--claim", "a=b", "config", "check"} << "--claim";
}

void TestConfig::badCommandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const ConfigLoader::Result result = load(arguments);
    QVERIFY2(!result.ok(), qPrintable("accepted: " + arguments.join(' ')));
    QVERIFY(!result.error.isEmpty());
    QVERIFY2(result.error.contains(mentions), describe(result).constData());
    QVERIFY2(!result.error.contains('\n'), describe(result).constData());   // one line
    QVERIFY(result.helpText.isEmpty());
}

void TestConfig::subcommands_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<ServerConfig::Command>("command");
    QTest::addColumn<QString>("userName");
    QTest::addColumn<QString>("userScope");
    QTest::newRow("user add with scope") << QStringList{"user", "add", "alice", "--password-stdin", "--scope", "a b"}
                                         << ServerConfig::Command::UserAdd << "alice"
                                         << "a b";
    QTest::newRow("user add, flags first")
            << QStringList{"--scope", "admin signals:publish", "--password-stdin", "user", "add", "bob"}
            << ServerConfig::Command::UserAdd << "bob"
            << "admin signals:publish";
    QTest::newRow("user add without scope")
            << QStringList{"user", "add", "carol", "--password-stdin"} << ServerConfig::Command::UserAdd << "carol"
            << "";
    QTest::newRow("user del") << QStringList{"user", "del", "dave"} << ServerConfig::Command::UserDel << "dave"
                              << "";
    QTest::newRow("user del with data dir")
            << QStringList{"--data-dir", "/tmp/sg-config-test/data", "user", "del", "erin"}
            << ServerConfig::Command::UserDel << "erin"
            << "";
    QTest::newRow("token mint") << QStringList{"token", "mint", "--sub", "frank", "--scope", "metrics"}
                                << ServerConfig::Command::TokenMint << ""
                                << "metrics";
    QTest::newRow("token inspect") << QStringList{"token", "inspect", "--verify"} << ServerConfig::Command::TokenInspect
                                   << ""
                                   << "";
    QTest::newRow("config check") << QStringList{"config", "check"} << ServerConfig::Command::ConfigCheck << ""
                                  << "";
    QTest::newRow("no subcommand") << QStringList{} << ServerConfig::Command::Run << ""
                                   << "";
}

void TestConfig::subcommands()
{
    QFETCH(QStringList, arguments);
    QFETCH(ServerConfig::Command, command);
    QFETCH(QString, userName);
    QFETCH(QString, userScope);
    const ConfigLoader::Result result = load(arguments);
    QVERIFY2(result.ok(), describe(result).constData());
    QVERIFY(result.helpText.isEmpty());
    QCOMPARE(commandText(result.config.command), commandText(command));
    QCOMPARE(result.config.userName, userName);
    QCOMPARE(result.config.userScope, userScope);
}

void TestConfig::iniKeySetsItsField_data()
{
    fieldRows();
}

void TestConfig::iniKeySetsItsField()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expected);

    const ConfigLoader::Result baseline = load({});
    QVERIFY2(baseline.ok(), describe(baseline).constData());
    QMap<QString, QString> want = fields(baseline.config);
    QVERIFY(want.contains(key));
    want[key] = expected;

    const QString ini = writeIni((key + " = " + value + "\n").toUtf8());
    QVERIFY(!ini.isEmpty());
    const ConfigLoader::Result result = load({"--config", ini});
    QVERIFY2(result.ok(), describe(result).constData());
    const QMap<QString, QString> got = fields(result.config);
    for (auto it = want.cbegin(); it != want.cend(); ++it) {
        QVERIFY2(got.value(it.key()) == it.value(),
                 qPrintable(
                         QStringLiteral("%1: got '%2', expected '%3'").arg(it.key(), got.value(it.key()), it.value())));
    }
}

void TestConfig::iniFileWithManyKeys()
{
    const QString ini = writeIni("listen = [::1]:9100\n"
                                 "dev = true\n"
                                 "conn-rate = 3/7\n"
                                 "msg-rate = 0\n"
                                 "login-rate = 4/40\n"
                                 "max-conns-per-user = 9\n"
                                 "audit-log = /tmp/sg-config-test/ini-audit.log\n"
                                 "allowed-origin = https://a.example, https://b.example\n"
                                 "issuer = ini-issuer\n"
                                 "leeway = 12\n");
    QVERIFY(!ini.isEmpty());
    const ConfigLoader::Result result = load({"--config", ini});
    QVERIFY2(result.ok(), describe(result).constData());
    const ServerConfig &c = result.config;
    QCOMPARE(c.listenAddress, QHostAddress(QHostAddress::LocalHostIPv6));
    QCOMPARE(c.listenPort, quint16(9100));
    QCOMPARE(c.dev, true);
    QCOMPARE(rateText(c.connRate), QString("3/7"));
    QCOMPARE(c.msgRate.enabled(), false);
    QCOMPARE(rateText(c.loginRate), QString("4/40"));
    QCOMPARE(c.maxConnsPerUser, 9);
    QCOMPARE(c.auditLogPath, QString("/tmp/sg-config-test/ini-audit.log"));
    QCOMPARE(c.effectiveAuditLogPath(), QString("/tmp/sg-config-test/ini-audit.log"));
    QCOMPARE(c.allowedOrigins, (QStringList{"https://a.example", "https://b.example"}));
    QCOMPARE(c.issuer, QString("ini-issuer"));
    QCOMPARE(c.leewaySeconds, qint64(12));
    // Untouched keys keep their defaults.
    QCOMPARE(c.maxMessageBytes, 65536);
    QCOMPARE(c.audience, QString("signalgate-clients"));
}

// QSettings reads an unquoted comma as a list separator. A value with a comma
// must be kept as written or refused naming its key, never silently replaced
// by the default (a different audit log, a generated key instead of the file).
void TestConfig::iniValueWithComma_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("iniText");
    QTest::addColumn<QString>("value");
    QTest::newRow("audit-log") << "audit-log"
                               << "/tmp/sg-config-test/a,b.log"
                               << "/tmp/sg-config-test/a,b.log";
    QTest::newRow("audit-log quoted") << "audit-log"
                                      << "\"/tmp/sg-config-test/a,b.log\""
                                      << "/tmp/sg-config-test/a,b.log";
    QTest::newRow("jwt-secret-file") << "jwt-secret-file"
                                     << "/tmp/sg-config-test/key,1"
                                     << "/tmp/sg-config-test/key,1";
    QTest::newRow("data-dir") << "data-dir"
                              << "/tmp/sg-config-test/x,y"
                              << "/tmp/sg-config-test/x,y";
    QTest::newRow("issuer") << "issuer"
                            << "acme, inc"
                            << "acme, inc";
}

void TestConfig::iniValueWithComma()
{
    QFETCH(QString, key);
    QFETCH(QString, iniText);
    QFETCH(QString, value);
    const QString ini = writeIni((key + " = " + iniText + "\n").toUtf8());
    QVERIFY(!ini.isEmpty());
    const ConfigLoader::Result result = load({"--config", ini});
    if (result.ok())
        QCOMPARE(fields(result.config).value(key), value);
    else
        QVERIFY2(result.error.contains("--" + key), describe(result).constData());
}

void TestConfig::iniDev_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<bool>("dev");
    QTest::newRow("true") << QByteArray("dev = true\n") << QStringList{} << true;
    QTest::newRow("false") << QByteArray("dev = false\n") << QStringList{} << false;
    QTest::newRow("absent") << QByteArray("leeway = 1\n") << QStringList{} << false;
    QTest::newRow("false in file, --dev flag") << QByteArray("dev = false\n") << QStringList{"--dev"} << true;
}

void TestConfig::iniDev()
{
    QFETCH(QByteArray, contents);
    QFETCH(QStringList, flags);
    QFETCH(bool, dev);
    const QString ini = writeIni(contents);
    QVERIFY(!ini.isEmpty());
    const ConfigLoader::Result result = load(QStringList{"--config", ini} + flags);
    QVERIFY2(result.ok(), describe(result).constData());
    QCOMPARE(result.config.dev, dev);
}

void TestConfig::flagOverridesIni_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("iniValue");
    QTest::addColumn<QString>("flagValue");
    QTest::addColumn<QString>("expected");
    QTest::newRow("listen") << "listen"
                            << "127.0.0.1:1111"
                            << "127.0.0.1:2222"
                            << "127.0.0.1 2222";
    QTest::newRow("conn-rate") << "conn-rate"
                               << "3/7"
                               << "8/9"
                               << "8/9";
    QTest::newRow("conn-rate off by flag") << "conn-rate"
                                           << "3/7"
                                           << "0"
                                           << "off";
    QTest::newRow("msg-rate") << "msg-rate"
                              << "1/1"
                              << "2/2"
                              << "2/2";
    QTest::newRow("login-rate") << "login-rate"
                                << "1/1"
                                << "3/3"
                                << "3/3";
    QTest::newRow("max-conns-per-user") << "max-conns-per-user"
                                        << "9"
                                        << "2"
                                        << "2";
    QTest::newRow("audit-log") << "audit-log"
                               << "/tmp/ini.log"
                               << "/tmp/flag.log"
                               << "/tmp/flag.log";
    QTest::newRow("issuer") << "issuer"
                            << "from-ini"
                            << "from-flag"
                            << "from-flag";
    QTest::newRow("access-ttl") << "access-ttl"
                                << "100"
                                << "200"
                                << "200";
    // The file's bad value never gets looked at when a flag replaces it.
    QTest::newRow("bad INI value, good flag") << "leeway"
                                              << "oops"
                                              << "7"
                                              << "7";
}

void TestConfig::flagOverridesIni()
{
    QFETCH(QString, key);
    QFETCH(QString, iniValue);
    QFETCH(QString, flagValue);
    QFETCH(QString, expected);
    const QString ini = writeIni((key + " = " + iniValue + "\n").toUtf8());
    QVERIFY(!ini.isEmpty());
    for (const QStringList &arguments :
         {QStringList{"--config", ini, "--" + key, flagValue}, QStringList{"--" + key, flagValue, "--config", ini}}) {
        const ConfigLoader::Result result = load(arguments);
        QVERIFY2(result.ok(), describe(result).constData());
        QCOMPARE(fields(result.config).value(key), expected);
    }
}

void TestConfig::badIniFile_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("unknown key") << QByteArray("listen = 127.0.0.1:1\nlistenn = typo\n") << QStringList{"listenn"};
    QTest::newRow("key in a section") << QByteArray("[server]\nleeway = 3\n") << QStringList{"leeway"};
    QTest::newRow("config is not a key") << QByteArray("config = /tmp/other.ini\n") << QStringList{"'config'"};
    QTest::newRow("password-stdin is not a key")
            << QByteArray("password-stdin = true\n") << QStringList{"password-stdin"};
    QTest::newRow("dev=maybe") << QByteArray("dev = maybe\n") << QStringList{"dev", "maybe"};
    QTest::newRow("dev=1") << QByteArray("dev = 1\n") << QStringList{"dev"};
    QTest::newRow("bad rate") << QByteArray("conn-rate = 10\n") << QStringList{"conn-rate", "10"};
    QTest::newRow("bad integer") << QByteArray("max-conns-per-user = many\n")
                                 << QStringList{"max-conns-per-user", "many"};
    QTest::newRow("bad listen") << QByteArray("listen = nowhere\n") << QStringList{"listen"};
    QTest::newRow("bad origin") << QByteArray("allowed-origin = https://a.example/\n") << QStringList{"allowed-origin"};
    QTest::newRow("bad origin in a list")
            << QByteArray("allowed-origin = https://a.example, *\n") << QStringList{"allowed-origin"};
    QTest::newRow("dev on a public address") << QByteArray("dev = true\nlisten = 0.0.0.0:80\n") << QStringList{"--dev"};
    // QSettings only reports a malformed line once the file has been read.
    QTest::newRow("line without =") << QByteArray("listen 127.0.0.1:80\n") << QStringList{"--config"};
    QTest::newRow("good line, then garbage") << QByteArray("leeway = 3\ngarbage\n") << QStringList{"--config"};
    QTest::newRow("unsupported jwt-alg") << QByteArray("jwt-alg = RS256\n") << QStringList{"jwt-alg"};
}

void TestConfig::badIniFile()
{
    QFETCH(QByteArray, contents);
    QFETCH(QStringList, mentions);
    const QString ini = writeIni(contents);
    QVERIFY(!ini.isEmpty());
    const ConfigLoader::Result result = load({"--config", ini});
    QVERIFY2(!result.ok(), "accepted");
    for (const QString &word : mentions)
        QVERIFY2(result.error.contains(word), describe(result).constData());
}

void TestConfig::unreadableConfig_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("missing") << m_dir.filePath("no-such-dir/server.ini");
    QTest::newRow("directory") << m_dir.path();
    if (geteuid() != 0) {   // root reads a mode 000 file anyway
        const QString path = m_dir.filePath("mode-000.ini");
        QFile file(path);
        if (file.open(QIODevice::WriteOnly)) {
            file.write("leeway = 1\n");
            file.close();
            file.setPermissions(QFileDevice::Permissions());
            QTest::newRow("mode 000") << path;
        }
    }
}

void TestConfig::unreadableConfig()
{
    QFETCH(QString, path);
    const ConfigLoader::Result result = load({"--config", path});
    QVERIFY2(!result.ok(), "accepted");
    QVERIFY2(result.error.contains("--config"), describe(result).constData());
    QVERIFY2(result.error.contains(path), describe(result).constData());
}

void TestConfig::helpAndVersion_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("--help") << QStringList{"--help"} << "--conn-rate";
    QTest::newRow("-h") << QStringList{"-h"} << "--allowed-origin";
    QTest::newRow("--help with other flags") << QStringList{"--listen", "127.0.0.1:1", "--help"} << "--listen";
    QTest::newRow("--version") << QStringList{"--version"} << "signalgate-server";
}

void TestConfig::helpAndVersion()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const ConfigLoader::Result result = load(arguments);
    QVERIFY2(result.error.isEmpty(), describe(result).constData());
    QVERIFY(result.ok());
    QVERIFY(!result.helpText.isEmpty());
    QVERIFY2(result.helpText.contains(mentions), qPrintable(result.helpText));
}

void TestConfig::helpComesFromTheOptionTable()
{
    const ConfigLoader::Result result = load({"--help"});
    QVERIFY(!result.helpText.isEmpty());
    const ServerConfig defaults;
    for (const ServerOption &option : serverOptions()) {
        QVERIFY2(result.helpText.contains("--" + option.name), qPrintable(option.name));
        // The default shown is the one ServerConfig starts with, not a copy of it.
        if (!option.defaultText.isEmpty())
            QVERIFY2(result.helpText.contains(option.defaultText), qPrintable(option.name));
    }
    QVERIFY(result.helpText.contains(QString::number(defaults.accessTtlSeconds)));
    QVERIFY(result.helpText.contains(defaults.listenText()));
    QVERIFY(findServerOption(QStringLiteral("conn-rate")));
    QVERIFY(!findServerOption(QStringLiteral("no-such-option")));
}

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
