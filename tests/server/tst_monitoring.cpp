// The monitoring that ships with the server (dist/prometheus, dist/grafana):
// promtool accepts the alert rules and their unit tests pass (each alert
// fires on the series that should raise it), and every metric the rules and
// the dashboard name is one a real node with a Redis broker serves.
#include "rawhttp.h"
#include "redisserver.h"
#include "serverprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString distDir = QStringLiteral(SIGNALGATE_SOURCE_DIR "/dist");

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QSet<QString> metricNames(const QByteArray &text)
{
    QSet<QString> names;
    static const QRegularExpression name(QStringLiteral("\\bsignalgate_[a-z_]+"));
    for (auto it = name.globalMatch(QString::fromUtf8(text)); it.hasNext();)
        names.insert(it.next().captured());
    return names;
}

}   // namespace

class TestMonitoring : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void promtoolAcceptsTheRulesAndTheirTests();
    void dashboardIsJsonWithPanels();
    void everyNamedMetricIsServed();

private:
    QByteArray m_metrics;
};

void TestMonitoring::initTestCase()
{
    RedisServer redis;
    QVERIFY2(redis.start(), qPrintable(redis.error()));
    QTemporaryDir dir;
    ServerProcess server;
    QVERIFY(server.start({"--dev", "--listen", "127.0.0.1:0", "--data-dir", dir.path(), "--broker", redis.url(),
                          "--metrics-listen", "127.0.0.1:0"}));
    const auto ops = QRegularExpression(QStringLiteral("operations endpoints .* on http://127\\.0\\.0\\.1:(\\d+)"))
                             .match(QString::fromUtf8(server.allOutput()));
    QVERIFY(ops.hasMatch());
    const QByteArray get = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    // Ready once it has read Redis: then every broker gauge is there too.
    QTRY_VERIFY_WITH_TIMEOUT(RawHttp::exchange(ops.captured(1).toUShort(), get).contains("signalgate_ready 1"), 10000);
    m_metrics = RawHttp::exchange(ops.captured(1).toUShort(), get);
}

void TestMonitoring::promtoolAcceptsTheRulesAndTheirTests()
{
    for (const QStringList &arguments : {QStringList{"check", "rules", "signalgate-alerts.yml"},
                                         QStringList{"test", "rules", "signalgate-alerts.test.yml"}}) {
        QProcess promtool;
        promtool.setWorkingDirectory(distDir + "/prometheus");
        promtool.start(QStringLiteral("promtool"), arguments);
        QVERIFY2(promtool.waitForStarted(), "promtool is missing (Debian package prometheus)");
        QVERIFY(promtool.waitForFinished(60000));
        QVERIFY2(promtool.exitCode() == 0,
                 (promtool.readAllStandardOutput() + promtool.readAllStandardError()).constData());
    }
}

void TestMonitoring::dashboardIsJsonWithPanels()
{
    QJsonParseError error{};
    const QJsonDocument dashboard =
            QJsonDocument::fromJson(readAll(distDir + "/grafana/signalgate-dashboard.json"), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(dashboard.object().value("panels").toArray().size() >= 8);
    QCOMPARE(dashboard.object().value("uid").toString(), QString("signalgate"));
}

void TestMonitoring::everyNamedMetricIsServed()
{
    const QSet<QString> served = metricNames(m_metrics);
    QVERIFY(served.contains("signalgate_broker_connected"));
    for (const QString file : {"/grafana/signalgate-dashboard.json", "/prometheus/signalgate-alerts.yml"}) {
        const QSet<QString> named = metricNames(readAll(distDir + file));
        QVERIFY2(named.size() >= 8, qPrintable(file));
        for (const QString &name : named)
            QVERIFY2(m_metrics.contains("# TYPE " + name.toUtf8() + ' '), qPrintable(file + ": " + name));
    }
}

QTEST_GUILESS_MAIN(TestMonitoring)
#include "tst_monitoring.moc"
