// Server memory while clients stop reading. Starts signalgate-server with a
// fast simulated feed, opens some WebSocket clients that complete the upgrade
// and then never read, and samples the server's RSS. Runs once with the
// outbound cap (default 1 MiB) and once with it off, and prints JSON.
//
//   bench_stalled_reader [--stalled N] [--seconds S] [--signals-per-tick K]
#include "rss.h"
#include <QCommandLineParser>
#include <QCoreApplication>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>
#include <vector>

namespace {

void waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs) {
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

QJsonObject run(qint64 maxOutboundBytes, int stalledCount, int seconds, int signalsPerTick)
{
    QTemporaryDir dir;
    QProcess server;
    server.setProcessChannelMode(QProcess::SeparateChannels);
    server.start(QStringLiteral(SIGNALGATE_SERVER_BINARY),
                 {"--dev", "--listen", "127.0.0.1:0", "--data-dir", dir.path(), "--signal-interval-ms", "2",
                  "--signals-per-tick", QString::number(signalsPerTick), "--max-outbound-bytes",
                  QString::number(maxOutboundBytes), "--conn-rate", "0", "--max-conns-per-user", "0"});
    quint16 port = 0;
    QByteArray out;
    waitFor(
            [&] {
                out += server.readAllStandardOutput();
                const auto match =
                        QRegularExpression(QStringLiteral("127\\.0\\.0\\.1:(\\d+)")).match(QString::fromUtf8(out));
                if (match.hasMatch())
                    port = match.captured(1).toUShort();
                return port != 0 || server.state() == QProcess::NotRunning;
            },
            15000);
    if (!port)
        return {{"error", "server did not start"}};

    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/dev/token").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    QNetworkReply *reply = network.post(request, "{}");
    waitFor([&] { return reply->isFinished(); }, 10000);
    const QByteArray token =
            QJsonDocument::fromJson(reply->readAll()).object().value("access_token").toString().toLatin1();
    reply->deleteLater();

    const qint64 rssBefore = residentKiB(QString::number(server.processId()));
    std::vector<std::unique_ptr<QTcpSocket>> stalled;
    for (int i = 0; i < stalledCount; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->setReadBufferSize(1);   // stop reading after the first byte
        socket->connectToHost(QHostAddress::LocalHost, port);
        socket->write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                      "Authorization: Bearer "
                      + token + "\r\n\r\n");
        stalled.push_back(std::move(socket));
    }

    QJsonArray samples;
    qint64 peak = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < seconds * 1000) {
        waitFor([] { return false; }, 250);
        const qint64 rss = residentKiB(QString::number(server.processId()));
        peak = qMax(peak, rss);
        samples.append(rss);
    }
    QNetworkReply *metrics =
            network.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(port))));
    waitFor([&] { return metrics->isFinished(); }, 10000);
    const QByteArray metricsText = metrics->readAll();
    metrics->deleteLater();
    const auto closes = QRegularExpression(QStringLiteral("signalgate_slow_consumer_closes_total (\\d+)"))
                                .match(QString::fromUtf8(metricsText));
    const qint64 rssEnd = residentKiB(QString::number(server.processId()));

    server.terminate();
    server.waitForFinished(10000);
    return {{"max_outbound_bytes", maxOutboundBytes},
            {"stalled_clients", stalledCount},
            {"seconds", seconds},
            {"rss_kib_before", rssBefore},
            {"rss_kib_peak", peak},
            {"rss_kib_end", rssEnd},
            {"slow_consumer_closes", closes.hasMatch() ? closes.captured(1).toInt() : -1},
            {"rss_kib_samples", samples}};
}

}   // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{"stalled", "Stalled clients.", "N", "4"},
                       {"seconds", "Sampling time per run.", "S", "10"},
                       {"signals-per-tick", "Feed speed (one tick every 2 ms).", "K", "20"}});
    parser.process(app);
    const int stalledCount = parser.value("stalled").toInt();
    const int seconds = parser.value("seconds").toInt();
    const int perTick = parser.value("signals-per-tick").toInt();

    const QJsonObject result{{"benchmark", "stalled_reader"},
                             {"capped", run(1024 * 1024, stalledCount, seconds, perTick)},
                             {"uncapped", run(0, stalledCount, seconds, perTick)}};
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Indented);
    return 0;
}
