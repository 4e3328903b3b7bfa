#include "abusekit.h"

#include "rss.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>

bool waitFor(const std::function<bool()> &done, qint64 timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() >= timeoutMs)
            return false;
        spin(5);
    }
    return true;
}

void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

QHostAddress loopbackSource(int index)
{
    // 250 hosts per /24, from 127.0.1.0 up: 127.0.0.0/8 all routes to lo on Linux.
    return QHostAddress(quint32((127u << 24) | quint32(1 + index / 250) << 8 | quint32(1 + index % 250)));
}

QByteArray httpRequest(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                       const QByteArray &extraHeaders)
{
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders;
    if (!body.isEmpty() || method == "POST")
        request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return request + "\r\n" + body;
}

QByteArray maskedTextFrame(const QByteArray &payload)
{
    Q_ASSERT(payload.size() < 126);   // one-byte length is all the bench needs
    QByteArray frame;
    frame.append(char(0x81)).append(char(0x80 | payload.size()));
    const quint32 key = QRandomGenerator::global()->generate();
    const char mask[4] = {char(key >> 24), char(key >> 16), char(key >> 8), char(key)};
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ mask[i % 4]));
    return frame;
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool ServerProcess::start(const QString &binary, const QStringList &extraArgs)
{
    const QString log = m_logDir.filePath(QStringLiteral("server.log"));
    m_process.setStandardErrorFile(log);
    m_process.start(
            binary,
            QStringList{"--dev", "--listen", "127.0.0.1:0", "--data-dir", m_dataDir.path(), "--signal-interval-ms", "0"}
                    + extraArgs);
    QByteArray out;
    waitFor(
            [&] {
                out += m_process.readAllStandardOutput();
                const auto match =
                        QRegularExpression(QStringLiteral("127\\.0\\.0\\.1:(\\d+)")).match(QString::fromUtf8(out));
                if (match.hasMatch())
                    m_port = match.captured(1).toUShort();
                return m_port != 0 || m_process.state() == QProcess::NotRunning;
            },
            15000);
    if (m_port == 0) {
        QFile file(log);
        file.open(QIODevice::ReadOnly);
        m_error = QStringLiteral("server did not start: ") + QString::fromUtf8(file.readAll().right(400)).trimmed();
    }
    return m_port != 0;
}

qint64 ServerProcess::rssKiB() const
{
    return residentKiB(QString::number(m_process.processId()));
}

qint64 ServerProcess::metric(const QByteArray &name) const
{
    // Sent with an admin token: harmless where /metrics is open, needed where it is not.
    if (m_metricsToken.isEmpty())
        m_metricsToken = devToken(R"({"sub":"admin","scope":"admin"})");
    const QByteArray auth = "Authorization: Bearer " + m_metricsToken + "\r\n";
    const HttpResult answer = httpCall(m_port, httpRequest("GET", "/metrics", {}, auth), 10000);
    for (const QByteArray &line : answer.body.split('\n')) {
        if (line.startsWith(name + ' '))
            return qint64(line.mid(name.size() + 1).toDouble());
    }
    return -1;
}

QByteArray ServerProcess::devToken(const QByteArray &body) const
{
    const HttpResult answer = httpCall(m_port, httpRequest("POST", "/dev/token", body), 10000);
    return QJsonDocument::fromJson(answer.body).object().value("access_token").toString().toLatin1();
}

QJsonObject ServerProcess::terminate(int capMs)
{
    QElapsedTimer timer;
    timer.start();
    m_process.terminate();
    const bool exited = m_process.waitForFinished(capMs);
    const qint64 ms = timer.elapsed();
    if (!exited) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    return {{"sigterm_exit_ms", exited ? QJsonValue(ms) : QJsonValue()},
            {"sigterm_timed_out", !exited},
            {"exit_code", exited && m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1}};
}

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

HttpResult httpCall(quint16 port, const QByteArray &request, int timeoutMs, const QHostAddress &source)
{
    HttpResult result;
    QTcpSocket socket;
    QEventLoop loop;
    QByteArray received;
    qint64 bodyLength = -1;
    // Done once the head and Content-Length bytes are in, or the peer closed.
    auto check = [&] {
        received += socket.readAll();
        const qsizetype end = received.indexOf("\r\n\r\n");
        if (end >= 0 && bodyLength < 0) {
            result.head = received.left(end);
            bodyLength = result.header("Content-Length").toLongLong();
        }
        if ((end >= 0 && received.size() >= end + 4 + bodyLength)
            || socket.state() == QAbstractSocket::UnconnectedState)
            loop.quit();
    };
    QObject::connect(&socket, &QTcpSocket::connected, [&] { socket.write(request); });
    QObject::connect(&socket, &QTcpSocket::readyRead, check);
    QObject::connect(&socket, &QTcpSocket::disconnected, check);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, [&](QAbstractSocket::SocketError error) {
        received += socket.readAll();
        if (error != QAbstractSocket::RemoteHostClosedError)
            result.error = socket.errorString();
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, [&] {
        result.timedOut = true;
        loop.quit();
    });

    QElapsedTimer timer;
    timer.start();
    if (!source.isNull() && !socket.bind(source, 0)) {
        result.error = QStringLiteral("bind %1: %2").arg(source.toString(), socket.errorString());
        return result;
    }
    socket.connectToHost(QHostAddress::LocalHost, port);
    loop.exec();
    result.ms = timer.elapsed();
    QObject::disconnect(&socket, nullptr, nullptr, nullptr);   // abort() emits disconnected
    socket.abort();
    const qsizetype end = received.indexOf("\r\n\r\n");
    if (end >= 0) {
        result.status = result.head.split(' ').value(1).toInt();
        result.body = received.mid(end + 4);
        result.timedOut = false;   // an answer (cut short or not) is no timeout
    }
    return result;
}

void RssPeak::sample()
{
    m_last = m_server.rssKiB();
    m_peak = qMax(m_peak, m_last);
}

QJsonObject RssPeak::json() const
{
    const qint64 peak = qMax(m_peak, m_before);
    return {{"rss_before_kib", m_before},
            {"rss_peak_kib", peak},
            {"rss_end_kib", m_last},
            {"growth_kib", peak - m_before}};
}
