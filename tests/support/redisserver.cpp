#include "redisserver.h"

#include "freeport.h"

#include <QDeadlineTimer>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QThread>

RedisServer::RedisServer() : m_port(freeLocalPort()) {}

RedisServer::~RedisServer()
{
    stop();
}

bool RedisServer::start()
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (program.isEmpty()) {
        m_error = QStringLiteral("redis-server is not installed: apt install redis-server (scripts/signalgate.sh test "
                                 "installs it)");
        return false;
    }
    m_process.setProgram(program);
    m_process.setArguments({QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--bind"),
                            QStringLiteral("127.0.0.1"), QStringLiteral("--save"), QString(),
                            QStringLiteral("--appendonly"), QStringLiteral("no"), QStringLiteral("--dir"), m_dir.path(),
                            QStringLiteral("--daemonize"), QStringLiteral("no")});
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start();
    if (!m_process.waitForStarted(5000)) {
        m_error = QStringLiteral("redis-server did not start: %1").arg(m_process.errorString());
        return false;
    }
    const QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        if (command("PING") == "+PONG")
            return true;
        if (m_process.state() == QProcess::NotRunning)
            break;
        QThread::msleep(20);
    }
    m_error = QStringLiteral("redis-server on port %1 did not answer PING: %2")
                      .arg(m_port)
                      .arg(QString::fromLocal8Bit(m_process.readAll()));
    return false;
}

void RedisServer::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
}

void RedisServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000))
        kill();
}

QByteArray RedisServer::command(const QByteArray &line) const
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    if (!socket.waitForConnected(1000))
        return {};
    socket.write(line + "\r\n");
    if (!socket.waitForBytesWritten(1000))
        return {};
    while (!socket.canReadLine()) {
        if (!socket.waitForReadyRead(1000))
            return {};
    }
    return socket.readLine().trimmed();
}
