#pragma once
// Plumbing for bench_abuse (abuse.cpp): a real signalgate-server process in a
// fresh data dir, a small raw-HTTP client, WebSocket client frames and RSS
// peaks. Raw sockets rather than QNetworkAccessManager, so a request can come
// from any 127.x.y.z source address and nothing is hidden behind Qt's pools.
#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>

// Runs the event loop until done() or timeoutMs; true if done() held.
bool waitFor(const std::function<bool()> &done, qint64 timeoutMs);
// Runs the event loop for ms.
void spin(int ms);

// Distinct loopback source address number index (127.0.1.1, 127.0.1.2, ...),
// never 127.0.0.1, which is left for the real user.
QHostAddress loopbackSource(int index);

// One HTTP/1.1 request's bytes, with Host and Content-Length.
QByteArray httpRequest(const QByteArray &method, const QByteArray &path, const QByteArray &body = {},
                       const QByteArray &extraHeaders = {});

// A client-to-server WebSocket text frame (FIN, masked, as RFC 6455 requires).
QByteArray maskedTextFrame(const QByteArray &payload);

// A signalgate-server child process. The first stdout line names the port.
class ServerProcess
{
public:
    ~ServerProcess();
    // --dev --listen 127.0.0.1:0 --data-dir <fresh> --signal-interval-ms 0, then extraArgs.
    bool start(const QString &binary, const QStringList &extraArgs);
    QString error() const { return m_error; }
    quint16 port() const { return m_port; }
    qint64 rssKiB() const;
    // One value of GET /metrics (first line starting with name), -1 if absent.
    qint64 metric(const QByteArray &name) const;
    // POST /dev/token with body; the access token, empty on failure.
    QByteArray devToken(const QByteArray &body) const;
    // SIGTERM, then ms until the process is gone ("sigterm_exit_ms"; null and
    // "sigterm_timed_out": true past capMs, after which it is killed).
    QJsonObject terminate(int capMs);

private:
    QTemporaryDir m_dataDir;
    QTemporaryDir m_logDir;   // stderr goes here, out of the data dir
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
    mutable QByteArray m_metricsToken;
};

struct HttpResult
{
    int status = 0;   // 0: no answer (see timedOut / error)
    QByteArray head;
    QByteArray body;
    qint64 ms = 0;   // from connect to the whole answer
    bool timedOut = false;
    QString error;
    QByteArray header(const QByteArray &name) const;
};

// Sends request to 127.0.0.1:port (from source if given) and reads one answer.
HttpResult httpCall(quint16 port, const QByteArray &request, int timeoutMs, const QHostAddress &source = {});

// Highest RSS seen over sample() calls.
class RssPeak
{
public:
    explicit RssPeak(const ServerProcess &server) : m_server(server), m_before(server.rssKiB()) {}
    void sample();
    // rss_before_kib, rss_peak_kib, rss_end_kib, growth_kib (peak - before).
    QJsonObject json() const;

private:
    const ServerProcess &m_server;
    qint64 m_before;
    qint64 m_peak = -1;
    qint64 m_last = -1;
};
